from .conference_rows import ConferenceOrganisation, ProgrammeItem
from .documents import EventDocument
from .event_types import EventType
from .occurrences import CalendarSequence, Occurrence, OccurrenceChange
from .pages import ConferencePage, EventIndexPage, EventPage
from .registration import (
    EventCapacity,
    Registration,
    RegistrationForm,
    RegistrationFormField,
    RegistrationStatus,
)
from .schedule import ProgrammeSnapshot, ScheduleChange
from .series import MeetingPage, SeriesPage
from .sessions import PanelPage, SessionPage, SiteVisitPage, SiteVisitRun, WorkshopPage
from .snippets import Organisation, Person, Room, Venue


__all__ = [
    "EventCapacity",
    "Registration",
    "RegistrationForm",
    "RegistrationFormField",
    "RegistrationStatus",
    "CalendarSequence",
    "Occurrence",
    "OccurrenceChange",
    "ConferenceOrganisation",
    "ConferencePage",
    "EventIndexPage",
    "EventDocument",
    "EventPage",
    "EventType",
    "MeetingPage",
    "Organisation",
    "PanelPage",
    "Person",
    "ProgrammeItem",
    "ProgrammeSnapshot",
    "Room",
    "ScheduleChange",
    "SeriesPage",
    "SessionPage",
    "SiteVisitPage",
    "SiteVisitRun",
    "Venue",
    "WorkshopPage",
]
