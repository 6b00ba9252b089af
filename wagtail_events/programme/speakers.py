"""The speakers of a session, a conference or a programme item, as people read
them: their names, roles and organisations under the headings the editor gave.

A speakers StreamField holds single speakers and lists under a heading; a speaker
is a saved ``Person`` or a name typed in, and the typed values win over the
person's. Every reader (the programme, the templates, the calendar and frab
files, the structured data and the frab import) walks the field with
``speaker_values`` and reads the people with ``people_by_id`` in one query.
"""

from dataclasses import dataclass, field

from ..blocks import SESSION_ROLES
from ..models import Person


@dataclass
class Speaker:
    name: str
    role: str = ""
    organisation: str = ""
    country: str = ""  # the two-letter code
    session_role: str = "speaker"
    to_be_confirmed: bool = False
    participation: str = "in_person"
    # The saved ``Person``, if any (frab's person guid); not part of what is shown.
    person: object = field(default=None, compare=False, repr=False)

    @property
    def session_role_label(self):
        return dict(SESSION_ROLES).get(self.session_role, "")

    @property
    def by_video_message(self):
        return self.participation == "video_message"

    @property
    def remote(self):
        return self.participation == "remote"


@dataclass
class SpeakerGroup:
    heading: str
    speakers: list


def speaker_values(stream):
    """``(heading, value)`` of every speaker in a speakers StreamField, in order:
    ``value`` is the speaker block's raw value (a dict with ``person``, the pk of a
    saved person or None, and the typed ``name``, ``role``, ``organisation``,
    ``country``, ``session_role``, ``confirmation`` and ``participation``);
    ``heading`` is the heading of its speaker list, "" for a single speaker.

    Reads the raw data: no query, whatever the field holds."""
    for child in stream.raw_data:
        if child["type"] == "speaker":
            yield "", child["value"]
        elif child["type"] == "speaker_list":
            for item in child["value"].get("speakers", []):
                # ListBlock items are {"type": "item", "value": ..., "id": ...} since
                # Wagtail 2.16; older data holds the bare values. Tell them apart as
                # Wagtail's ListBlock does, so both read the same speakers.
                block_format = (
                    isinstance(item, dict) and "id" in item and "value" in item
                )
                value = item["value"] if block_format else item
                if not isinstance(value, dict):
                    continue
                yield child["value"].get("heading", ""), value


def person_ids(streams):
    """The pks of the saved people among the speakers of ``streams``."""
    return {
        value["person"]
        for stream in streams
        for _heading, value in speaker_values(stream)
        if value.get("person")
    }


def people_by_id(ids):
    """{pk: Person} with their organisations, in one query (none without ids)."""
    if not ids:
        return {}
    return {
        p.pk: p
        for p in Person.objects.filter(pk__in=ids).select_related("organisation")
    }


def speaker_groups(stream, people):
    """Speakers of a StreamField as groups under their headings, in order."""
    groups = []
    for heading, value in speaker_values(stream):
        person = people.get(value.get("person"))
        speaker = Speaker(
            name=value.get("name") or (person.name if person else ""),
            role=value.get("role") or (person.role if person else ""),
            organisation=value.get("organisation")
            or (person.organisation.name if person and person.organisation else ""),
            # The code ("SE"); templates show its name (``country_name``).
            country=value.get("country") or str(person.country if person else ""),
            session_role=value.get("session_role") or "speaker",
            to_be_confirmed=value.get("confirmation") == "tbc",
            participation=value.get("participation") or "in_person",
            person=person,
        )
        if not speaker.name:
            continue  # a chosen person that has since been deleted
        if not groups or groups[-1].heading != heading:
            groups.append(SpeakerGroup(heading=heading, speakers=[]))
        groups[-1].speakers.append(speaker)
    return groups
