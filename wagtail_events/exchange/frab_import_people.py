"""The speakers of an imported schedule: people found again by their frab guid
(or, once, by the name an editor saved them under before the import), or made in
the conference's language, a translation of the same person in another language
where there is one, so that the conference's translations share their speakers.
"""

import uuid

from django.utils.translation import gettext as _

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
        """The pks of the event's speakers, in order, creating or updating them."""
        pks = []
        for entry in persons if isinstance(persons, list) else []:
            person = self.person(entry, label) if isinstance(entry, dict) else None
            if person is not None and person.pk not in pks:
                pks.append(person.pk)
        return pks

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

    def guids(self, persons):
        """The guids of an event's speakers, in order, without saving anything:
        what a session's speakers are compared with."""
        guids = []
        for entry in persons if isinstance(persons, list) else []:
            if not isinstance(entry, dict):
                continue
            name = (string(entry.get("name")) or string(entry.get("public_name")))[:255]
            if name and str(self.guid(entry, name)) not in guids:
                guids.append(str(self.guid(entry, name)))
        return guids

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
        people = Person.objects.filter(locale_id=self.conference.locale_id)
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

    @staticmethod
    def blocks(pks):
        """The speakers StreamField of a session with these people, as the
        import writes it: each a confirmed speaker in person."""
        return [
            {
                "type": "speaker",
                "value": {
                    "person": pk,
                    "name": "",
                    "role": "",
                    "organisation": "",
                    "country": "",
                    "session_role": "speaker",
                    "confirmation": "confirmed",
                    "participation": "in_person",
                },
            }
            for pk in pks
        ]


def speaker_guids(page):
    """The frab guids of a session's confirmed speakers, as the export writes them."""
    people = people_by_id(person_ids([page.speakers]))
    guids = []
    for _heading, value in speaker_values(page.speakers):
        person = people.get(value.get("person"))
        name = value.get("name") or (person.name if person else "")
        if name and value.get("confirmation") != "tbc":
            guid = person_guid(name, person)
            if guid not in guids:
                guids.append(guid)
    return guids
