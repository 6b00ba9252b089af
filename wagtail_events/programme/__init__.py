"""A conference's programme as plain data: days, rooms, slots and speakers.

``build_programme(conference, request)`` gives the ``Programme`` that the
conference template, the calendar and frab files and the structured data read,
with a fixed number of queries however many sessions there are.

``speaker_groups(stream, people)`` gives the speakers of a speakers StreamField
under their headings (``people``: ``people_by_id(person_ids([stream]))``, one
query); ``speaker_values(stream)`` walks the field's raw speaker values, for
code that writes speakers elsewhere (the frab files).
"""

from .speakers import (
    Speaker,
    SpeakerGroup,
    people_by_id,
    person_ids,
    speaker_groups,
    speaker_values,
)
from .timetable import Programme, build_programme


__all__ = [
    "Programme",
    "Speaker",
    "SpeakerGroup",
    "build_programme",
    "people_by_id",
    "person_ids",
    "speaker_groups",
    "speaker_values",
]
