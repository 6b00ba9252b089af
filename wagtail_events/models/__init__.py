from .conference_rows import ConferenceOrganisation, ProgrammeItem
from .contacts import Contact, EventContact
from .documents import EventDocument
from .event_types import EventType
from .index import EventIndexPage
from .messages import Delivery, DeliveryStatus, Message
from .occurrences import (
    CalendarSequence,
    Occurrence,
    OccurrenceChange,
    OccurrenceHorizon,
)
from .pages import ConferencePage, EventPage
from .prices import Admission, RegistrationPrice
from .registration import (
    EventCapacity,
    Registration,
    RegistrationForm,
    RegistrationFormField,
    RegistrationStatus,
)
from .reminders import Reminder, ReminderUnit
from .schedule import ProgrammeSnapshot, ScheduleChange
from .series import MeetingPage, SeriesPage
from .sessions import PanelPage, SessionPage, SiteVisitPage, SiteVisitRun, WorkshopPage
from .snippets import Organisation, Person, Room, Venue


__all__ = [
    "Admission",
    "Delivery",
    "DeliveryStatus",
    "Message",
    "EventCapacity",
    "Registration",
    "Reminder",
    "ReminderUnit",
    "RegistrationForm",
    "RegistrationFormField",
    "RegistrationPrice",
    "RegistrationStatus",
    "CalendarSequence",
    "Occurrence",
    "OccurrenceChange",
    "OccurrenceHorizon",
    "ConferenceOrganisation",
    "ConferencePage",
    "Contact",
    "EventContact",
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
