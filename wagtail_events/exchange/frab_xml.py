"""A conference's programme as frab's schedule.xml, from the same data as its
schedule.json (``frab_export.schedule_data``): for the apps that read the older
XML format (ConfClerk, the c3voc tools).
"""

import re
from xml.etree import ElementTree as ET

from .. import __version__
from .frab_export import GENERATOR, schedule_data


# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value):
    return _NOT_XML.sub("", "" if value is None else str(value))


def _sub(parent, tag, text=None, **attrs):
    element = ET.SubElement(
        parent, tag, {k: _text(v) for k, v in attrs.items() if v is not None}
    )
    if text is not None:
        element.text = _text(text)
    return element


def schedule_xml(conference, request=None):
    """The conference's schedule.xml as bytes, from the same data as the JSON."""
    data = schedule_data(conference, request)
    schedule = data["schedule"]
    info = schedule["conference"]
    root = ET.Element("schedule")
    _sub(root, "generator", name=GENERATOR, version=__version__)
    if info.get("url"):
        _sub(root, "url", info["url"] + "schedule.xml")
    _sub(root, "version", schedule["version"])
    element = _sub(root, "conference")
    _sub(element, "title", info["title"])
    _sub(element, "acronym", info["acronym"])
    _sub(element, "start", info["start"])
    _sub(element, "end", info["end"])
    _sub(element, "days", info["daysCount"])
    _sub(element, "timeslot_duration", info["timeslot_duration"])
    if info.get("url"):
        _sub(element, "base_url", info["url"])
        _sub(element, "url", info["url"])
    _sub(element, "time_zone_name", conference.time_zone)
    for track in info.get("tracks", []):
        slug = track.get("slug")
        _sub(element, "track", name=track["name"], slug=slug)
    guids = {room["name"]: room["guid"] for room in info["rooms"]}
    for day in info["days"]:
        day_element = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"],
            start=day["day_start"],
            end=day["day_end"],
        )
        for name, events in day["rooms"].items():
            room_element = _sub(day_element, "room", name=name, guid=guids[name])
            for event in events:
                _event_xml(room_element, event)
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _event_xml(parent, event):
    element = _sub(parent, "event", guid=event["guid"], id=event["id"])
    for tag in ("date", "start", "duration", "room", "slug"):
        _sub(element, tag, event[tag])
    if event["url"].startswith(("http://", "https://")):
        _sub(element, "url", event["url"])
    for tag in ("title", "subtitle", "track", "type", "language", "abstract"):
        _sub(element, tag, event[tag] or "")
    _sub(element, "description", event["description"] or "")
    persons = _sub(element, "persons")
    for person in event["persons"]:
        _sub(persons, "person", person["name"], guid=person["guid"])
    links = _sub(element, "links")
    for link in event["links"]:
        _sub(links, "link", link.get("title") or link["url"], href=link["url"])
    _sub(element, "attachments")
