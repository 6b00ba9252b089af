"""The documents of an event or a session, in the order the editor gives: the
agenda, the programme, the list of hotels, the slides.

``listed_documents(page)`` is what the page shows and the structured data names:
one query, the documents of private collections left out.
"""

from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.documents import get_document_model_string
from wagtail.models import CollectionViewRestriction, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class EventDocument(TranslatableMixin, Orderable):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        PROGRAMME = "programme", _("Programme")
        HOTELS = "hotels", _("Hotels and accommodation")
        SLIDES = "slides", _("Slides")
        REPORT = "report", _("Report")
        OTHER = "other", _("Document")

    page = ParentalKey(
        "wagtail_events.EventPage", on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    title = models.CharField(
        _("title"),
        max_length=255,
        blank=True,
        help_text=_("Shown instead of the document's own title; empty: its title."),
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_(
            "A short line after the link: “For information; rooms at the booker's "
            "expense”."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("document"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldPanel("note"),
    ]
    # Translations list the same file as the same kind; a translator writes the
    # title and the note (and may choose a translated file: the document is
    # overridable).
    override_translatable_fields = [
        SynchronizedField("kind", overridable=False),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.title or self.document.title


def _restricted(collection_path):
    """A view restriction on the collection at ``collection_path`` or on one of
    its ancestors: a tree path starts with the paths of its ancestors."""
    return CollectionViewRestriction.objects.filter(
        collection__path=Substr(collection_path, 1, Length("collection__path"))
    )


def listed_documents(page):
    """The documents of ``page`` that anyone may read, in order, each with its
    ``Document``: one query, kept on the page so that the page's list and its
    structured data share it. Documents in a collection with a view restriction
    (or under one) are left out, as Wagtail's document view would refuse them."""
    cached = getattr(page, "_listed_documents", None)
    if cached is None:
        rows = page.documents.all()
        if isinstance(rows, models.QuerySet):
            restricted = _restricted(OuterRef("document__collection__path"))
            rows = (
                rows.exclude(Exists(restricted))
                .select_related("document")
                .order_by("sort_order", "pk")
            )
            cached = list(rows)
        else:
            # A preview: the rows are the unsaved ones of the form, in memory.
            cached = [
                row
                for row in rows.order_by("sort_order")
                if not row.document.collection.get_view_restrictions().exists()
            ]
        page._listed_documents = cached
    return cached
