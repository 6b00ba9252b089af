"""Venues with their rooms, people and organisations: reusable across events."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..blocks import LinkBlock


# The rule of the two-letter text field the countries were before they were
# chosen from a list (CountryField); migrations 0001-0009 still name it.
country_code_validator = RegexValidator(
    r"^[A-Z]{2}$",
    _("Use the two-letter country code in capitals, such as BE, NL or FR."),
)


def create_translation(instance, locale):
    """A saved translation of ``instance`` into ``locale``, made through
    wagtail-localize when it is installed so that it records where the
    translation comes from: translators can then translate it and the sync of
    translations follows it. Without wagtail-localize: a plain copy."""
    if apps.is_installed("wagtail_localize"):
        from wagtail_localize.operations import TranslationCreator  # noqa: PLC0415 -- optional dependency

        TranslationCreator(None, [locale]).create_translations(
            instance, include_related_objects=False
        )
        translation = instance.get_translation_or_none(locale)
        if translation is not None:
            return translation
    # wagtail-localize also lands here when the translation did not validate.
    translation = instance.copy_for_translation(locale)
    translation.save()
    return translation


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    # "Stad Mechelen" / "City of Mechelen": the name is translated; the logo and
    # the website are the same organisation's in every language.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("logo"),
        SynchronizedField("url"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Person(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=255)
    # The person's job, whatever event they speak at; their part in one session
    # (moderator, panellist) is chosen on the speaker block.
    role = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_(
            "Their job or title, the same at every event: for example “Mayor of "
            "Uppsala” or “Secretary General”. Their part in a session (speaker, "
            "moderator, panellist) is chosen where they are added to the session."
        ),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    # Stored as the ISO code ("SE"), shown by its name in the page's language.
    country = CountryField(
        _("country"),
        blank=True,
        help_text=_("Shown after the name: “(Sweden)”."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    biography = models.TextField(_("short biography"), blank=True)
    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("links"))
    guid = models.UUIDField(
        _("exchange identifier"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Identifies the person in imported frab/pretalx schedules."),
    )
    public_page = models.BooleanField(
        _("show a public page for this person"),
        default=True,
        help_text=_(
            "A page with their photo, biography, links and sessions, linked from "
            "every session they speak at. Untick to show their name only."
        ),
    )
    slug = models.SlugField(
        _("address of their page"),
        max_length=255,
        blank=True,
        allow_unicode=True,
        help_text=_(
            "The last part of the page's address, made from the name when left "
            "empty; the same in every language."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("country")]),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("links"),
        MultiFieldPanel(
            [FieldPanel("public_page"), FieldPanel("slug")],
            heading=_("Public page"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.FilterField("country"),
        index.FilterField("organisation"),
        index.FilterField("locale"),
    ]
    # A person's name is theirs in every language; what they do and who they are
    # is told in each language.
    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("role"),
        TranslatableField("organisation"),
        SynchronizedField("country"),
        SynchronizedField("photo"),
        TranslatableField("biography"),
        TranslatableField("links"),
        # One person in every language for frab/pretalx exchange.
        SynchronizedField("guid", overridable=False),
        # One address and one choice to show it, in every language: the page in
        # another language is the same person's.
        SynchronizedField("public_page", overridable=False),
        SynchronizedField("slug", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            # Each translation keeps the guid of the person it translates.
            models.UniqueConstraint(
                fields=["guid", "locale"], name="we_person_unique_guid"
            ),
            # Each translation keeps the slug of the person it translates.
            models.UniqueConstraint(
                fields=["slug", "locale"], name="we_person_unique_slug"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.free_slug()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug and self._slug_taken(self.slug):
            raise ValidationError(
                {"slug": _("Another person's page has this address already.")}
            )

    def _slug_taken(self, slug):
        # Taken by another person, in any language: the slug is shared by all
        # translations of one person, so it must be free in every locale.
        return (
            Person.objects.filter(slug=slug)
            .exclude(translation_key=self.translation_key)
            .exists()
        )

    def free_slug(self):
        """The slug of this person's other translations, else one made from the
        name that no other person has ("jan-peeters", "jan-peeters-2")."""
        shared = (
            Person.objects.filter(translation_key=self.translation_key)
            .exclude(slug="")
            .values_list("slug", flat=True)
            .first()
        )
        if shared:
            return shared
        base = slugify(self.name, allow_unicode=True)[:240] or "person"
        slug, n = base, 1
        while self._slug_taken(slug):
            n += 1
            slug = f"{base}-{n}"
        return slug


class Venue(TranslatableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=255)
    street_address = models.CharField(
        _("street and number"), max_length=255, blank=True
    )
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    locality = models.CharField(_("town or city"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    sign_language_on_request = models.BooleanField(
        _("sign-language interpretation on request"), default=False
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    public_transport = models.TextField(_("public transport"), blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("locality")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("induction_loop"),
                FieldPanel("sign_language_on_request"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        FieldPanel("public_transport"),
        InlinePanel("rooms", heading=_("Rooms"), label=_("Room")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("locality"),
        index.FilterField("locality"),
        index.FilterField("step_free_access"),
        index.FilterField("locale"),
    ]
    # The address and the facilities are facts about one building; a translator
    # may still override the street or town where it has a name in the language
    # ("Bruxelles", "Brussel").
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("street_address"),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("locality"),
        SynchronizedField("country", overridable=False),
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
        SynchronizedField("step_free_access", overridable=False),
        SynchronizedField("induction_loop", overridable=False),
        SynchronizedField("sign_language_on_request", overridable=False),
        TranslatableField("accessibility_notes"),
        TranslatableField("public_transport"),
        TranslatableField("rooms"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


class Room(TranslatableMixin, Orderable):
    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=255)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    accessibility_notes = models.CharField(
        _("accessibility notes"),
        max_length=255,
        blank=True,
        help_text=_("For example “reachable by stairs only”."),
    )

    guid = models.UUIDField(
        _("exchange identifier"), null=True, blank=True, editable=False
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("capacity"),
        FieldPanel("accessibility_notes"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("capacity", overridable=False),
        TranslatableField("accessibility_notes"),
        SynchronizedField("guid", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.UniqueConstraint(
                fields=["guid", "locale"], name="we_room_unique_guid"
            )
        ]

    def __str__(self):
        # Room names repeat across venues ("Auditorium"); the chooser needs both.
        return f"{self.name} ({self.venue.name})" if self.venue_id else self.name

    def copy_for_translation(self, locale, exclude_fields=None):
        """A room is translated with its venue, so that the translated venue holds
        the translated rooms: a session's room and its conference's venue stay
        together in every language. wagtail-localize translates a session's room
        on its own; this translates the whole venue first when that is needed."""
        venue = self.venue.get_translation_or_none(locale) or create_translation(
            self.venue, locale
        )
        room = venue.rooms.filter(translation_key=self.translation_key).first()
        if room is not None:
            return room
        room = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        room.venue = venue
        return room
