"""The ``VEVENT``s of events made of several dated things: a conference held in
parts on different days (one ``VEVENT`` per part, never one block over the
nights between them) and the meetings of a series.

A part's UID is the conference's with the part's local day
(``<translation key>-20201202@domain``): it stays the same when the part's hours
change. A conference of one part keeps its plain UID. The parts are
``occurrences.parts``', the same the listing and the page show.
"""

from ..occurrences.parts import parts_of
from .ical_events import EventExport
from .ical_parts import set_times


def own_components(page, data, parts=None, parent=None):
    """The VEVENT(s) of the event itself: one per part of a conference held on
    several days, else those of ``EventExport`` (series rules, moved dates,
    runs). ``parts``: ``parts_by_event``'s, when at hand."""
    export = EventExport(page, data, parent)
    if parts is None:
        parts = parts_of(page)
    if len(parts) < 2:
        return export.components()
    track = export.tracks[0]
    components = []
    for part in parts:
        event = export.event(track, uid_suffix=part.uid_suffix)
        set_times(event, page, part.start, part.end)
        components.append(event)
    return components
