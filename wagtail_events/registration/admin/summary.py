"""Per event: the counts (per date of a repeating event or run of a site visit),
who waits for a place or for approval, the answers to the questions with choices
(``choice_summary``) and the accessibility summary; the
"Registrations" button of an event page. The check-in list is in ``checkin``.

The page reads with a fixed number of queries, whatever the number of people.
"""

from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.widgets import Button

from ...enums import HOLDS_A_PLACE
from ...localtime import to_local
from ...models import EventPage, Registration
from ..answers import FormQuestions, count_choices
from ..availability import Availability, availability
from ..forms import ACCESSIBILITY_CHOICES
from .actions import available_actions
from .checkin import checkin_url
from .common import (
    COUNTED_STATUSES,
    HOLDING_OR_WAITING,
    EventRegistrationsMixin,
    S,
    can_change,
    can_view,
    date_label,
    display_name,
    url,
)
from .deliveries import failed_count, log_url


def counts(key, form):
    """One row per date of the event ("" first: the whole event), each with the
    number of registrations per status, the places and the free places (of its
    ``Availability``, from the counts already read); ``full`` when no place is
    free (promoting someone overbooks)."""
    annotations = {
        str(status): Count("pk", filter=Q(status=status)) for status in COUNTED_STATUSES
    }
    rows = list(
        Registration.objects.filter(event_key=key)
        .values("occurrence_key")
        .annotate(**annotations)
        .order_by("occurrence_key")
    )
    for row in rows:
        taken = sum(row[status] for status in HOLDS_A_PLACE)
        places = (
            availability(form, taken, row[S.WAITING])
            if form is not None
            else Availability(None, taken, row[S.WAITING])  # the page is gone
        )
        row["places"] = places.capacity
        row["free_places"] = places.free_places
        row["full"] = places.is_full
    return rows


def accessibility_summary(key):
    """How many people holding or waiting for a place asked for each need, and
    the "other" needs in their words, with names and dates."""
    needs = {code: 0 for code, _label in ACCESSIBILITY_CHOICES}
    others = []
    for registration in (
        Registration.objects.filter(event_key=key, status__in=HOLDING_OR_WAITING)
        .only(
            "name",
            "erased_at",
            "status",
            "occurrence_key",
            "accessibility_needs",
            "accessibility_details",
        )
        .order_by(Lower("name"), "pk")
    ):
        # A need stored twice (before the form took each once) counts once.
        for need in set(registration.accessibility_needs or []):
            if need in needs:
                needs[need] += 1
        if registration.accessibility_details.strip():
            others.append(registration)
    return {
        "needs": [
            {"label": label, "count": needs[code]}
            for code, label in ACCESSIBILITY_CHOICES
        ],
        "others": others,
    }


def choice_summary(key, form):
    """How many people holding or waiting for a place chose each choice of the
    form's questions with choices, in the reader's language: one count per
    choice whatever the registrant's language (``answers``), and the answers
    that are no longer a choice, as stored. Two queries, none without such a
    question (one to find out)."""
    if form is None:
        return []
    questions = FormQuestions.of_forms([form.pk])
    if not questions.has_choices(form.pk):
        return []
    answers = Registration.objects.filter(
        event_key=key, status__in=HOLDING_OR_WAITING
    ).values_list("answers", flat=True)
    return count_choices(questions, form.pk, answers)


class SummaryView(EventRegistrationsMixin, TemplateView):
    template_name = "wagtail_events/admin/registrations/summary.html"
    page_title = gettext_lazy("Registrations of this event")

    def counts_table(self, rows):
        columns = [
            Column("date", label=_("Date"), accessor="label"),
            *(
                Column(str(status), label=status.label, accessor=str(status))
                for status in COUNTED_STATUSES
            ),
            Column("places", label=_("Places"), accessor="places"),
            Column("free_places", label=_("Free places"), accessor="free_places"),
        ]
        return Table(columns, rows)

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(_("List"), url=self.listing_url(), icon_name="list-ul"),
            Button(
                _("Download XLSX"),
                url=self.listing_url(export="xlsx"),
                icon_name="download",
            ),
            Button(
                _("Download CSV"),
                url=self.listing_url(export="csv"),
                icon_name="download",
            ),
            Button(
                _("E-mails sent"),
                url=log_url(event=self.event_key),
                icon_name="mail",
            ),
        ]
        buttons.append(
            Button(_("Messages"), url=url("messages", self.event_key), icon_name="mail")
        )
        if self.page is not None and can_change(self.request.user):
            buttons.insert(
                0,
                Button(
                    _("Write to registrants"),
                    url=url("message_new", self.event_key),
                    icon_name="mail",
                ),
            )
        if self.page is not None:
            buttons.append(
                Button(
                    _("Edit the event"),
                    url=reverse("wagtailadmin_pages:edit", args=(self.page.pk,)),
                    icon_name="edit",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = counts(self.event_key, self.form)
        for row in rows:
            row["label"] = date_label(self.page, row["occurrence_key"], self.moved)
            row["checkin_url"] = checkin_url(self.event_key, row["occurrence_key"])
        pending = list(
            self.registrations()
            .filter(status__in=(S.AWAITING_APPROVAL, S.WAITING))
            .order_by("occurrence_key", "created_at", "pk")
        )
        position = {}
        for registration in pending:
            registration.display_name = display_name(registration)
            registration.when = date_label(
                self.page, registration.occurrence_key, self.moved
            )
            if registration.status == S.WAITING:
                number = position.get(registration.occurrence_key, 0) + 1
                position[registration.occurrence_key] = number
                registration.position = number
        full_dates = {row["occurrence_key"] for row in rows if row["full"]}
        acting = can_change(self.request.user)
        for registration in pending:
            full = registration.occurrence_key in full_dates
            registration.detail_url = url("inspect", registration.pk)
            registration.registered_at = to_local(
                registration.created_at,
                self.page.time_zone if self.page is not None else "UTC",
            )
            registration.actions = (
                [
                    {"url": url(name, registration.pk), "label": label, "data": data}
                    for name, label, data in available_actions(registration, full)
                ]
                if acting
                else []
            )
        context.update(
            rows=rows,
            counts_table=self.counts_table(rows),
            awaiting=[r for r in pending if r.status == S.AWAITING_APPROVAL],
            waiting=[r for r in pending if r.status == S.WAITING],
            accessibility=accessibility_summary(self.event_key),
            choice_questions=choice_summary(self.event_key, self.form),
            show_dates=any(row["occurrence_key"] for row in rows),
            # E-mails of this event that failed after every attempt.
            failed_emails=failed_count(self.event_key),
            failed_emails_url=log_url(event=self.event_key, status="failed"),
        )
        for other in context["accessibility"]["others"]:
            other.display_name = display_name(other)
            other.when = date_label(self.page, other.occurrence_key, self.moved)
        return context


def page_buttons(page, user, next_url=None, view_name=None):
    """The "Registrations" entry of an event page that has a registration form,
    for users who may see registrations."""
    if not can_view(user) or page.specific_class is None:
        return
    if not issubclass(page.specific_class, EventPage):
        return
    if isinstance(page, EventPage):
        has_form = page.registration_form_id is not None
    else:
        has_form = EventPage.objects.filter(
            pk=page.pk, registration_form__isnull=False
        ).exists()
    if has_form:
        yield Button(
            _("Registrations"),
            url("summary", page.translation_key),
            icon_name="list-ul",
            priority=50,
        )


def urlpatterns():
    return [
        path("event/<uuid:event_key>/", SummaryView.as_view(), name="summary"),
    ]
