"""A conference's programme as plain data: days, rooms, slots and speakers.

``build_programme(conference, request)`` gives the ``Programme`` that the
conference template, the calendar and frab files and the structured data read,
with a fixed number of queries however many sessions there are.
"""

from .timetable import Programme, build_programme, speaker_groups


__all__ = ["Programme", "build_programme", "speaker_groups"]
