"""Snippet viewsets for venues, people and organisations: listings with search and filters.

The listings search with the database (``icontains`` on ``search_fields``), not with
the Wagtail search backend: these tables are small, editors type parts of names
(“euro” for Eurocities), and the backend would refuse fields that are not
autocomplete fields of the model's index (such as a person's role).
"""

import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import (
    Contact,
    EventType,
    Organisation,
    Person,
    RegistrationForm,
    Venue,
)
from ..registration.admin.viewset import RegistrationViewSet


class VenueFilterSet(WagtailFilterSet):
    locality = django_filters.CharFilter(
        label=_("Town or city"), lookup_expr="icontains"
    )
    country = django_filters.CharFilter(label=_("Country code"), lookup_expr="iexact")

    class Meta:
        model = Venue
        fields = [
            "locality",
            "country",
            "step_free_access",
            "induction_loop",
            "sign_language_on_request",
        ]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = [
        "name",
        "locality",
        Column("room_count", label=_("Rooms")),
        BooleanColumn("step_free_access", label=_("Step-free access")),
    ]
    list_export = ["name", "street_address", "postal_code", "locality", "country"]
    search_fields = ["name", "locality", "street_address"]
    search_backend_name = None
    filterset_class = VenueFilterSet

    def get_queryset(self, request):
        return Venue.objects.annotate(room_count=Count("rooms")).order_by("name")


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
    search_fields = ["name", "role", "organisation__name"]
    search_backend_name = None
    filterset_class = PersonFilterSet

    def get_queryset(self, request):
        return Person.objects.select_related("organisation").order_by("name")


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "url"]
    search_fields = ["name"]
    search_backend_name = None


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "mail"
    menu_label = _("Contacts")
    list_display = ["name", "role", "organisation", "email", "phone"]
    search_fields = ["name", "role", "email", "organisation__name"]
    search_backend_name = None

    def get_queryset(self, request):
        return Contact.objects.select_related("organisation").order_by("name")


class EventTypeViewSet(SnippetViewSet):
    model = EventType
    icon = "tag"
    menu_label = _("Event types")
    list_display = ["name", "name_plural", "slug"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class RegistrationFormViewSet(SnippetViewSet):
    model = RegistrationForm
    icon = "form"
    menu_label = _("Registration forms")
    list_display = ["title", "capacity", "closes_at", "requires_approval"]
    search_fields = ["title"]
    search_backend_name = None


class EventsViewSetGroup(SnippetViewSetGroup):
    # Registrations are personal data, not snippets: a ModelViewSet in the same menu.
    items = (
        VenueViewSet,
        PersonViewSet,
        OrganisationViewSet,
        ContactViewSet,
        EventTypeViewSet,
        RegistrationFormViewSet,
        RegistrationViewSet,
    )
    menu_icon = "date"
    menu_label = _("Events")
    menu_name = "wagtail_events"
