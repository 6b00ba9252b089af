"""Programme exchange in the frab schedule format (frab, pretalx, Giggity, ConfClerk).

Export: ``schedule_data`` / ``schedule_json`` / ``schedule_xml`` of a conference
(served at ``<conference>/schedule.json`` and ``schedule.xml``).

Import: ``import_schedule(conference, data)`` creates or updates the conference's
sessions, rooms and speakers from a schedule.json and returns a report;
``load_schedule`` reads the file and raises ``ScheduleError`` when it cannot.

A session and its frab event share one identifier: the page's translation key is
the event's ``guid``, in both directions (``frab_values``).
"""

from .frab_export import schedule_data, schedule_json
from .frab_file import ScheduleError, load_schedule
from .frab_import import DEFAULT_TYPES, import_schedule
from .frab_report import ImportReport, ReportItem
from .frab_values import NAMESPACE, acronym, person_guid, run_guid
from .frab_xml import schedule_xml


__all__ = [
    "DEFAULT_TYPES",
    "NAMESPACE",
    "ImportReport",
    "ReportItem",
    "ScheduleError",
    "acronym",
    "import_schedule",
    "load_schedule",
    "person_guid",
    "run_guid",
    "schedule_data",
    "schedule_json",
    "schedule_xml",
]
