"""The demo's documents and event types.

The seeds link to files the demo does not have (seed 000's agenda, seed 002's
list of hotels, seed 003's programme). The demo makes a small stand-in PDF for
each when it loads, whose text says that it stands in for the organiser's
document; the title the page shows says so too. Nothing of the real files'
contents is invented.

Event types are the seeds' own words for their events ("Studiedag", "Forum",
"Closing session"), made as snippets in the module's language and found again
by slug.
"""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from wagtail_events.models import EventDocument, EventType


def stand_in_pdf(lines):
    """A one-page PDF (1.4) showing ``lines`` of text in Helvetica: written by
    hand, byte offsets and all, so that the demo needs no PDF library."""

    def escape(line):
        line = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        # The standard fonts' WinAnsi encoding covers the Latin letters here.
        return line.encode("cp1252", "replace")

    stream = (
        b"BT /F1 12 Tf 72 770 Td 16 TL\n"
        + b"".join(b"(" + escape(line) + b") '\n" for line in lines)
        + b"ET\n"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
        b"/Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stand_in_document(data):
    """The stand-in ``Document`` of a demo document, found again by its title."""
    Document = get_document_model()
    existing = Document.objects.filter(title=data["document_title"]).first()
    if existing is not None:
        return existing
    content = stand_in_pdf(
        [
            data["document_title"],
            "",
            *data["stands_in_for"],
        ]
    )
    document = Document(
        title=data["document_title"],
        file=ContentFile(content, name=data["filename"]),
    )
    document._set_document_file_metadata()
    document.save()
    return document


def document_rows(documents, locale):
    """``EventDocument`` rows of a page from its demo data."""
    return [
        EventDocument(
            document=stand_in_document(data),
            kind=data["kind"],
            title=data.get("title", ""),
            note=data.get("note", ""),
            sort_order=order,
            locale=locale,
        )
        for order, data in enumerate(documents)
    ]


def ensure_event_types(seed, locale, report):
    for data in getattr(seed, "EVENT_TYPES", []):
        if not EventType.objects.filter(slug=data["slug"], locale=locale).exists():
            EventType.objects.create(locale=locale, **data)
            report.add("event type", data["name"])


def event_type(slug, locale):
    return EventType.objects.get(slug=slug, locale=locale)
