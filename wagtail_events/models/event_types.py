"""The types of event an organisation names ("Study day", "Forum", "Closing
session"): a translatable snippet an event page may choose, whose name labels the
event wherever its kind is shown and which the event index filters by.

The page types (conference, panel, workshop, site visit, series) stay what the
package behaves by: a study day is a conference page that happens to be called a
study day.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class EventType(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("As a label above an event: “Study day”, “Forum”."),
    )
    name_plural = models.CharField(
        _("plural"),
        max_length=100,
        blank=True,
        help_text=_("In the event index's filter: “Study days”. Empty: the name."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("What editors should know to choose it; not shown to visitors."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_(
            "The type in the event index's address (?type=study-day); the same in "
            "every language."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_plural")]),
        FieldPanel("slug"),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    # The name is the language's ("Studiedag", "Study day"); the slug keeps an
    # index's filter address working in every language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("name_plural"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("event type")
        verbose_name_plural = _("event types")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="we_eventtype_unique_slug"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def plural(self):
        return self.name_plural or self.name
