"""Snippet viewsets for venues, people and organisations: listings with search and filters.

They sit in one menu, “Event details”: what events are made of (places, people,
organisations, contacts, types and registration forms), not events, which are
pages. Registrations, the organiser's lists of people, are a menu item of their
own (``wagtail_hooks``).

The listings search with the database (``icontains`` on ``search_fields``), not with
the Wagtail search backend: these tables are small, editors type parts of names
(“euro” for Eurocities), and the backend would refuse fields that are not
autocomplete fields of the model's index (such as a person's role).
"""

import django_filters
from django.conf import settings
from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    LocaleColumn,
    UpdatedAtColumn,
)
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..models import (
    Contact,
    EventType,
    Organisation,
    Person,
    RegistrationForm,
    Venue,
)


def country_filter():
    """Countries chosen by name from a list, as on the edit forms, never typed as
    two-letter codes."""
    return django_filters.ChoiceFilter(
        label=_("Country"), choices=lambda: list(countries), empty_label=_("All")
    )


class LocalDateTimeColumn(Column):
    """A date and time as the editor reads them: in the editor's time zone and
    the admin language's format (“12 March 2025, 17:00”), not ``2025-03-12
    16:00:00+00:00`` nor a US date; empty stays empty."""

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class YesNoColumn(BooleanColumn):
    """A tick or a cross with the word “Yes” or “No” beside it: Wagtail's own
    boolean column names its icons “True” and “False”."""

    cell_template_name = "wagtail_events/admin/yes_no_cell.html"


class PlacesColumn(Column):
    """The places of a form, or “No limit”: an empty cell would read as unknown."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return _("No limit") if value is None else value


class VenueFilterSet(WagtailFilterSet):
    locality = django_filters.CharFilter(
        label=_("Town or city"), lookup_expr="icontains"
    )
    country = country_filter()

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
        YesNoColumn("step_free_access", label=_("Step-free access")),
    ]
    list_export = ["name", "street_address", "postal_code", "locality", "country"]
    search_fields = ["name", "locality", "street_address"]
    search_backend_name = None
    filterset_class = VenueFilterSet

    def get_queryset(self, request):
        return Venue.objects.annotate(room_count=Count("rooms")).order_by("name")


class PersonFilterSet(WagtailFilterSet):
    country = country_filter()

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


class RegistrationFormChooserViewSet(SnippetChooserViewSet):
    # A “Create” tab in the chooser of the page's “Registration form”.
    # Named, not imported: a model form with a rich text field builds its editor
    # when the class is made, which on Wagtail 7.4 reads the admin hooks, which
    # import this module: the form loads when the chooser first needs it.
    creation_form_class = "wagtail_events.admin.creation.RegistrationFormCreationForm"
    create_action_label = _("Create registration form")
    creation_tab_label = _("Create a new form")


class RegistrationFormFilterSet(WagtailFilterSet):
    class Meta:
        model = RegistrationForm
        fields = ["waiting_list", "requires_approval"]


class RegistrationFormViewSet(SnippetViewSet):
    model = RegistrationForm
    icon = "form"
    menu_label = _("Registration forms")
    search_fields = ["title"]
    search_backend_name = None
    # The language filter is Wagtail's own, added to any filter set of a
    # translatable model when the site has more than one language.
    filterset_class = RegistrationFormFilterSet
    chooser_viewset_class = RegistrationFormChooserViewSet

    @property
    def list_display(self):
        columns = [
            "title",
            PlacesColumn("capacity", label=_("Places")),
            LocalDateTimeColumn("opens_at", label=_("Registration opens")),
            LocalDateTimeColumn("closes_at", label=_("Registration closes")),
            YesNoColumn("waiting_list", label=_("Waiting list")),
            YesNoColumn("requires_approval", label=_("Organiser approves")),
            UpdatedAtColumn(),
        ]
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            # Forms in every language are listed under one another: say which.
            columns.insert(1, LocaleColumn(label=_("Language")))
        return columns


class EventsViewSetGroup(SnippetViewSetGroup):
    # What events are made of; the events themselves are pages, and the
    # registrations a menu item of their own (``wagtail_hooks``).
    items = (
        VenueViewSet,
        PersonViewSet,
        OrganisationViewSet,
        ContactViewSet,
        EventTypeViewSet,
        RegistrationFormViewSet,
    )
    menu_icon = "form"
    menu_label = _("Event details")
    menu_name = "wagtail_events"
