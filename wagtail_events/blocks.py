"""StreamField blocks: speakers and a conference's practical information.

Every block carries a ``description`` and a ``preview_value`` so that editors see
what it is for in the block picker before they add it.
"""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


SESSION_ROLES = [
    ("speaker", pgettext_lazy("role in a session", "Speaker")),
    ("keynote", pgettext_lazy("role in a session", "Keynote")),
    ("moderator", pgettext_lazy("role in a session", "Moderator")),
    ("panellist", pgettext_lazy("role in a session", "Panellist")),
    ("host", pgettext_lazy("role in a session", "Host")),
    ("chair", pgettext_lazy("role in a session", "Chair")),
]

CONFIRMATION = [
    ("confirmed", pgettext_lazy("speaker", "Confirmed")),
    ("tbc", _("To be confirmed (TBC)")),
]

PARTICIPATION = [
    ("in_person", _("In person")),
    ("remote", pgettext_lazy("taking part", "Remote")),
    ("video_message", _("Video message")),
]


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=100)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")
        description = _("A labelled link to a web page.")
        preview_value = {
            # Translators: an example in the block picker's preview.
            "label": _("Website"),
            "url": "https://example.org/",
        }


class PersonChooserBlock(SnippetChooserBlock):
    """Reads the chosen people with their organisations in one query, so that a list
    of speakers does not query once per person for the organisation's name."""

    def bulk_to_python(self, values):
        people = self.model_class.objects.select_related("organisation").in_bulk(values)
        seen, result = set(), []
        for pk in values:
            person = people.get(pk)
            # Wagtail gives each appearance its own instance; so do we.
            result.append(
                copy.copy(person) if person is not None and pk in seen else person
            )
            seen.add(pk)
        return result


def country_choices():
    """Every country by its name in the active language, stored by its ISO code
    (as the ``country`` of a venue or a person)."""
    return list(countries)


class SpeakerValue(blocks.StructValue):
    """A speaker as templates read it: the typed value, else the chosen person's."""

    def session_role_label(self):
        return dict(SESSION_ROLES).get(self.get("session_role"), "")


class SpeakerBlock(blocks.StructBlock):
    person = PersonChooserBlock(
        "wagtail_events.Person",
        required=False,
        label=_("Person"),
        help_text=_("Choose a saved person, or fill in the name and position below."),
    )
    name = blocks.CharBlock(required=False, max_length=255, label=_("Name"))
    # The person's job (Person.role), typed here for someone not saved or to
    # override the saved person's; their part in this session is session_role.
    role = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Position"),
        help_text=_(
            "Their job or title, such as “Mayor of Uppsala”. Leave empty to show "
            "the chosen person's."
        ),
    )
    organisation = blocks.CharBlock(
        required=False, max_length=255, label=_("Organisation")
    )
    country = blocks.ChoiceBlock(
        choices=country_choices, required=False, label=_("Country")
    )
    session_role = blocks.ChoiceBlock(
        choices=SESSION_ROLES,
        default="speaker",
        label=_("Part in this session"),
        help_text=_("What they do in this session: speak, moderate, chair, host…"),
    )
    confirmation = blocks.ChoiceBlock(
        choices=CONFIRMATION, default="confirmed", label=_("Confirmation")
    )
    participation = blocks.ChoiceBlock(
        choices=PARTICIPATION, default="in_person", label=_("Participation")
    )

    class Meta:
        icon = "user"
        label = _("Speaker")
        value_class = SpeakerValue
        template = "wagtail_events/blocks/speaker.html"
        description = _(
            "One person who speaks, moderates or hosts: a saved person or a name "
            "typed here, with their part in this session and whether they are "
            "confirmed."
        )
        preview_value = {
            "name": "Bart Somers",
            # Translators: an example in the block picker's preview.
            "role": _("Mayor of Mechelen"),
            "country": "BE",
            "session_role": "panellist",
            "confirmation": "confirmed",
            "participation": "in_person",
        }

    def clean(self, value):
        value = super().clean(value)
        if not value.get("person") and not value.get("name"):
            raise StructBlockValidationError(
                block_errors={
                    "name": ValidationError(_("Choose a person or type a name."))
                }
            )
        return value


class SpeakerListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Heading"),
        help_text=_("For example “Panel 1: the role of architecture”."),
    )
    speakers = blocks.ListBlock(SpeakerBlock(), label=_("Speakers"))

    class Meta:
        icon = "group"
        label = _("Group of speakers")
        template = "wagtail_events/blocks/speaker_list.html"
        description = _("Several speakers under one heading, such as one panel of two.")
        preview_value = {
            # Translators: an example in the block picker's preview.
            "heading": _("Welcoming remarks"),
            "speakers": [
                {
                    "name": "Gwendolyn Rutten",
                    # Translators: an example in the block picker's preview.
                    "role": _("Vice-Minister-President of the Government of Flanders"),
                    "session_role": "speaker",
                    "confirmation": "confirmed",
                    "participation": "in_person",
                },
                {
                    "name": "Ylva Johansson",
                    # Translators: an example in the block picker's preview.
                    "role": _("European Commissioner for Home Affairs"),
                    "session_role": "speaker",
                    "confirmation": "confirmed",
                    "participation": "video_message",
                },
            ],
        }


class SpeakersStreamBlock(blocks.StreamBlock):
    speaker = SpeakerBlock()
    speaker_list = SpeakerListBlock()


TRAVEL_MODES = [
    ("train", _("By train")),
    ("bus", _("By bus, tram or metro")),
    ("foot", _("On foot")),
    ("bike", _("By bike")),
    ("car", _("By car")),
]


class GettingThereValue(blocks.StructValue):
    def mode_label(self):
        return dict(TRAVEL_MODES).get(self.get("mode"), "")


class GettingThereBlock(blocks.StructBlock):
    mode = blocks.ChoiceBlock(choices=TRAVEL_MODES, label=_("How"))
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("Directions")
    )

    class Meta:
        icon = "site"
        label = _("Getting there")
        value_class = GettingThereValue
        template = "wagtail_events/blocks/getting_there.html"
        description = _("Directions by one means of transport: train, bus, on foot…")
        preview_value = {
            "mode": "bus",
            # Translators: an example in the block picker's preview.
            "text": _("<p>Take bus 1 from the station to the Korenmarkt stop.</p>"),
        }


class ParkingBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=255, label=_("Name"))
    address = blocks.TextBlock(required=False, label=_("Address"))
    opening_hours = blocks.CharBlock(
        required=False, max_length=100, label=_("Opening hours")
    )

    class Meta:
        icon = "pick"
        label = _("Car park")
        template = "wagtail_events/blocks/parking.html"
        description = _("A car park near the venue, with its address and hours.")
        preview_value = {
            "name": "Indigo Parking Kathedraal",
            "address": "Sint-Romboutskerkhof 6\n2800 Mechelen",
            # Translators: an example in the block picker's preview.
            "opening_hours": _("open 24/7"),
        }


class HotelsBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "italic", "link"], label=_("Text"))
    document = DocumentChooserBlock(
        required=False, label=_("List of hotels"), help_text=_("For example a PDF.")
    )

    class Meta:
        icon = "home"
        label = _("Hotels")
        template = "wagtail_events/blocks/hotels.html"
        description = _("Where to stay, with an optional document listing hotels.")
        preview_value = {
            # Translators: an example in the block picker's preview.
            "text": _("<p>Hotels within walking distance, at the booker’s expense.</p>")
        }


class AccessibilityBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul"], label=_("What is offered")
    )
    request_by = blocks.DateBlock(
        required=False,
        label=_("Ask for assistance before"),
        help_text=_("The last day to ask for an interpreter, a loop or other help."),
    )
    contact_email = blocks.EmailBlock(
        required=False, label=_("E-mail for assistance requests")
    )

    class Meta:
        icon = "help"
        label = _("Accessibility")
        template = "wagtail_events/blocks/accessibility.html"
        description = _(
            "How people with disabilities can take part and how to ask for "
            "assistance (a sign-language interpreter, an induction loop) in time."
        )
        preview_value = {
            # Translators: an example in the block picker's preview.
            "text": _(
                "<p>Flemish Sign Language interpreters and a loop on request.</p>"
            ),
            "contact_email": "events@example.org",
        }


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=255, label=_("Name"))
    role = blocks.CharBlock(required=False, max_length=255, label=_("Role"))
    email = blocks.EmailBlock(required=False, label=_("E-mail"))
    phone = blocks.CharBlock(required=False, max_length=50, label=_("Telephone"))

    class Meta:
        icon = "mail"
        label = _("Contact person")
        template = "wagtail_events/blocks/contact.html"
        description = _("Whom to ask about the event.")
        preview_value = {
            # Translators: an example in the block picker's preview.
            "name": _("Events team"),
            # Translators: an example in the block picker's preview.
            "role": _("Coordinator EU Events"),
            "email": "events@example.org",
        }


class PracticalInformationBlock(blocks.StreamBlock):
    getting_there = GettingThereBlock()
    parking = ParkingBlock()
    hotels = HotelsBlock()
    accessibility = AccessibilityBlock()
    contact = ContactBlock()
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h3", "bold", "italic", "link", "ol", "ul"],
        description=_("Anything else visitors should know."),
        # Translators: an example in the block picker's preview.
        preview_value=_("<p>Bring your sports kit.</p>"),
    )


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        description=_("Paragraphs of text, with headings, lists and links."),
        # Translators: an example in the block picker's preview.
        preview_value=_("<p>Mayors and local government leaders explore…</p>"),
    )
    speakers = SpeakerListBlock()


class RegistrationFormBlock(blocks.StructBlock):
    """The registration form of an event, for a home page that promotes it."""

    page = blocks.PageChooserBlock(
        page_type=["wagtail_events.EventPage"],
        label=_("Event"),
        help_text=_("The event whose registration form is shown."),
    )

    class Meta:
        icon = "form"
        label = _("Registration form")
        template = "wagtail_events/registration/block.html"
        description = _(
            "The registration form of an event, for a page that promotes it. "
            "Shows when registration opens, or that it is closed, when it is."
        )
        preview_value = {}

    def get_context(self, value, parent_context=None):
        # The template renders the form with {% registration_section %}: a block
        # sits below the registration package and never calls its views.
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page") if value else None
        context["event"] = None
        context["preview"] = page is None
        # A members-only event's form is not shown to everyone on another page.
        if page is not None and page.live and not page.get_view_restrictions().exists():
            page = page.specific
            if page.registration_form_id is not None:
                context["event"] = page
        return context
