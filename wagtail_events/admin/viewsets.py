"""Snippet viewsets for venues, people and organisations: listings with search and filters."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import Organisation, Person, Venue


class VenueFilterSet(WagtailFilterSet):
    class Meta:
        model = Venue
        fields = [
            "locality",
            "step_free_access",
            "induction_loop",
            "sign_language_on_request",
        ]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "locality", "step_free_access", "induction_loop"]
    search_fields = ["name", "locality", "street_address"]
    filterset_class = VenueFilterSet


class PersonFilterSet(WagtailFilterSet):
    country = django_filters.CharFilter(label=_("Country code"), lookup_expr="iexact")

    class Meta:
        model = Person
        fields = ["organisation", "country"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "role", "organisation", "country"]
    search_fields = ["name", "role"]
    filterset_class = PersonFilterSet


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "url"]
    search_fields = ["name"]


class EventsViewSetGroup(SnippetViewSetGroup):
    items = (VenueViewSet, PersonViewSet, OrganisationViewSet)
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "wagtail_events"
