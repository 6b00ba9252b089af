"""The speakers of an imported schedule: people found again by their frab guid
(or, once, by the name an editor saved them under before the import), or made in
the conference's language, a translation of the same person in another language
where there is one, so that the conference's translations share their speakers.
"""

import uuid

from django.utils.translation import gettext as _

from ..blocks import SESSION_ROLES
from ..models import Person
from ..models.snippets import create_translation
from ..programme.speakers import people_by_id, person_ids, speaker_values
from . import frab_file
from .frab_file import string, text
from .frab_values import NAMESPACE, person_guid


class ImportedPeople:
    """The people one import reads, by guid. ``source``: the file's base URL or
    acronym, which makes the guids of people the file gives only an id."""

    def __init__(self, conference, report, source):
        self.conference = conference
        self.report = report
        self.source = source
        self.people = {}

    def speakers(self, persons, label):
        """The speakers StreamField of the event's speakers, in order, creating
        or updating the people: each a confirmed speaker in person, with the
        role, organisation and session role the file gives (``said``)."""
        blocks, pks = [], []
        for entry in persons if isinstance(persons, list) else []:
            person = self.person(entry, label) if isinstance(entry, dict) else None
            if person is not None and person.pk not in pks:
                pks.append(person.pk)
                blocks.append(speaker_block(person, said(entry)))
        return blocks

    def guid(self, entry, name):
        guid = frab_file.guid(entry.get("guid"))
        if guid is None:
            ident = entry.get("code") or entry.get("id")
            guid = (
                uuid.uuid5(NAMESPACE, f"{self.source}:person:{ident}")
                if ident not in (None, "")
                else uuid.UUID(person_guid(name))
            )
        return guid

    def entries(self, persons):
        """``(guid, entry)`` of an event's speakers, in order, each guid once,
        without saving anything: what a session's speakers are compared with."""
        entries = {}
        for entry in persons if isinstance(persons, list) else []:
            if not isinstance(entry, dict):
                continue
            name = (string(entry.get("name")) or string(entry.get("public_name")))[:255]
            if name:
                entries.setdefault(str(self.guid(entry, name)), entry)
        return list(entries.items())

    def unchanged(self, page, persons):
        """Whether a session's confirmed speakers are the event's: the same
        people in the same order, with the role, organisation and session role
        the file gives where it gives them (compared as the programme shows
        them, a person's own role standing in for an empty one)."""
        entries = self.entries(persons)
        current = page_speakers(page)
        if [guid for guid, _entry in entries] != [guid for guid, *_ in current]:
            return False
        for (_guid, entry), (_same, value, person) in zip(
            entries, current, strict=True
        ):
            own = own_values(person)
            for key, given in said(entry).items():
                if (value.get(key) or own[key]) != (given or own[key]):
                    return False
        return True

    def person(self, entry, label):
        name = (string(entry.get("name")) or string(entry.get("public_name")))[:255]
        if not name:
            self.report.add("person", "skipped", label, _("a speaker without a name"))
            return None
        guid = self.guid(entry, name)
        if str(guid) in self.people:
            return self.people[str(guid)]
        biography = text(entry.get("biography"))
        # People of the conference's language: a translation of a person keeps
        # the guid of the person it translates.
        people = Person.objects.filter(
            locale_id=self.conference.locale_id
        ).select_related("organisation")
        person = people.filter(guid=guid).first()
        if person is None:
            # A person this package exported: its guid derives from the person's
            # translation key (frab_values.person_guid), the person is unchanged.
            person = next(
                (
                    p
                    for p in people.filter(guid__isnull=True, name=name)
                    if person_guid(name, p) == str(guid)
                ),
                None,
            )
        changes = []
        if person is None:
            # A person an editor saved before the import, by the same name.
            unlinked = list(people.filter(guid__isnull=True, name=name)[:2])
            # Not when the guid is another person's in another language: this
            # language would get two people with one guid once that one is
            # translated.
            if len(unlinked) == 1 and not (
                Person.objects.filter(guid=guid)
                .exclude(translation_key=unlinked[0].translation_key)
                .exists()
            ):
                person = unlinked[0]
                person.guid = guid
                changes.append("guid")
        if person is None:
            person = self.translated_person(guid) or Person(
                locale_id=self.conference.locale_id
            )
            person.guid, person.name = guid, name
            person.biography = biography or person.biography
            person.save()
            self.report.add("person", "created", name)
        else:
            if person.name != name:
                person.name = name
                changes.append("name")
            if biography and person.biography != biography:
                person.biography = biography
                changes.append("biography")
            if changes:
                person.save(update_fields=changes)
            self.report.add(
                "person", "updated" if changes else "unchanged", name, changes=changes
            )
        self.people[str(guid)] = person
        return person

    def translated_person(self, guid):
        """When the guid is a person's in another language: that person's
        translation into the conference's language (made now if there is none),
        so that the conference's translations share their speakers."""
        other = Person.objects.filter(guid=guid).order_by("pk").first()
        if other is None:
            return None
        locale = self.conference.locale
        return other.get_translation_or_none(locale) or create_translation(
            other, locale
        )


def said(entry):
    """What a frab person says of the speaker beyond frab: this package's
    extension (``frab_values.person_entry``), only the keys the file has, so
    that a file without them (pretalx, frab) leaves them as they were."""
    values = {}
    for key in ("role", "organisation"):
        if key in entry:
            values[key] = string(entry[key])[:255]
    if "session_role" in entry:
        role = string(entry["session_role"])
        values["session_role"] = role if role in dict(SESSION_ROLES) else ""
    return values


def own_values(person):
    """A speaker's role, organisation and session role when the speaker block
    leaves them empty: the saved person's, and "speaker"."""
    return {
        "role": person.role if person else "",
        "organisation": person.organisation.name
        if person and person.organisation
        else "",
        "session_role": "speaker",
    }


def speaker_block(person, values):
    """A speaker of an imported session: the person, with the ``values`` the
    file gives where they differ from the person's own, so that a later change
    to the person shows where the file said the same."""
    value = {
        "person": person.pk,
        "name": "",
        "role": "",
        "organisation": "",
        "country": "",
        "session_role": "speaker",
        "confirmation": "confirmed",
        "participation": "in_person",
    }
    own = own_values(person)
    for key, given in values.items():
        if given and given != own[key]:
            value[key] = given
    return {"type": "speaker", "value": value}


def page_speakers(page):
    """``(guid, value, person)`` of a session's confirmed speakers, each guid
    once, as the export writes them (``frab_sessions.session_persons``)."""
    people = people_by_id(person_ids([page.speakers]))
    speakers = {}
    for _heading, value in speaker_values(page.speakers):
        person = people.get(value.get("person"))
        name = value.get("name") or (person.name if person else "")
        if name and value.get("confirmation") != "tbc":
            speakers.setdefault(person_guid(name, person), (value, person))
    return [(guid, value, person) for guid, (value, person) in speakers.items()]
