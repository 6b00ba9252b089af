"""The editor's panels of the event pages: when, repeats, where, and the
read-only list of a conference's sessions."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    Panel,
)

from ..enums import is_meeting, is_session
from ..localtime import to_local
from .snippets import Room
from .widgets import RecurrenceInput


class SessionListPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_events/admin/session_list_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["sessions"] = sessions_of(page) if page.pk else []
            context["can_add"] = bool(page.pk)
            context["page"] = page
            context["help"] = _(
                "Sessions are pages below the conference. Add a panel, workshop or "
                "site visit as a subpage; it appears here and in the programme."
            )
            return context


class MeetingListPanel(Panel):
    """The meetings of a series, drafts included, in date order."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_events/admin/session_list_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["sessions"] = sessions_of(page, is_meeting) if page.pk else []
            context["can_add"] = bool(page.pk)
            context["page"] = page
            context["help"] = _(
                "Meetings are pages below the series. Add a meeting as a subpage; "
                "the series' dates follow its published meetings."
            )
            context["is_series"] = True
            return context


def when_panel(to_be_announced=True):
    """The dates, zone and status; ``to_be_announced`` adds the choice of a date
    not known yet, with what is known of it (pages that may be undated)."""
    undated = [
        FieldPanel("date_to_be_announced"),
        FieldRowPanel(
            [
                FieldPanel("announced_weekday"),
                FieldPanel("announced_start_time"),
                FieldPanel("announced_end_time"),
            ]
        ),
    ]
    return MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            *(undated if to_be_announced else []),
            FieldRowPanel([FieldPanel("time_zone"), FieldPanel("all_day")]),
            FieldPanel("status"),
        ],
        heading=_("When"),
    )


def repeat_panels():
    return [
        MultiFieldPanel(
            [
                FieldPanel("recurrence", widget=RecurrenceInput),
                InlinePanel(
                    "occurrence_changes",
                    heading=_("Changes to single dates"),
                    label=_("Change"),
                ),
            ],
            heading=_("Repeats"),
            classname="collapsed",
        )
    ]


def where_panel():
    return MultiFieldPanel(
        [
            FieldPanel("attendance_mode"),
            FieldPanel("venue"),
            FieldPanel("online_url"),
            FieldPanel("access"),
            FieldPanel("registration_form"),
        ],
        heading=_("Where"),
    )


def contacts_panel():
    """The people to ask about an event: general, press, accessibility, joining."""
    return InlinePanel(
        "contacts",
        heading=_("Contacts"),
        label=_("Contact"),
        help_text=_(
            "Sessions of a conference show the conference's contacts unless "
            "they have their own."
        ),
    )


def organisations_panel():
    """The organisers and partners of a conference or a series."""
    return InlinePanel(
        "organisations",
        heading=_("Organisers and partners"),
        label=_("Organisation"),
    )


def documents_panel():
    """The documents of an event or a session: agenda, programme, hotels, slides."""
    return InlinePanel(
        "documents",
        heading=_("Documents"),
        label=_("Document"),
        help_text=_(
            "Listed on the page in this order, with their kind, file type and "
            "size. Documents in a private collection are not listed."
        ),
    )


def sessions_of(conference, kind=is_session):
    """Every session below a conference (or meeting below a series), drafts
    included, in programme order."""
    sessions = [
        page
        for page in conference.get_children().specific().defer_streamfields()
        if kind(page)
    ]
    rooms = {}
    room_ids = {page.room_id for page in sessions if page.room_id}
    if room_ids:
        rooms = {room.pk: room.name for room in Room.objects.filter(pk__in=room_ids)}
    sessions.sort(key=lambda page: (page.start, page.title))
    return [
        {
            "page": page,
            "type": page._meta.verbose_name,
            "start": to_local(page.start, conference.time_zone),
            "end": to_local(page.end, conference.time_zone),
            "room": rooms.get(page.room_id, ""),
            "track": page.track,
        }
        for page in sessions
    ]
