"""The registrant's own page, "Your registration": the link in every e-mail
(``<event page>/registration/<token>/``; ``cancel/<token>/``, the links sent
before, serve the same page).

GET shows the event, the status in words (the place on the waiting list), the
date or the sessions chosen and the answers, and, while changes are allowed
(``amend.change_deadline``), forms to change the answers (not the e-mail
address), the date (an event with dates) or the sessions (a conference
registration), with the places each choice has left; and the button to cancel
(or leave the waiting list). GET changes nothing.

POST changes one thing, named by ``action`` (``answers``, ``date``,
``sessions``, ``cancel``; none: ``cancel``, as the old cancellation page
posted), through ``amend`` and ``changes``, the only modules that change a
registration; then redirects (POST/redirect/GET) to the page, which says what
was done. A refusal shows the page again with the reason, and changes nothing.
Other methods: 405. A token unknown, tampered with, erased, or of another
event: 404. CSRF as every visitor form (Django's middleware).

The page belongs to the registrant alone: never cached (``views.render_page``).
"""

from django import forms
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import places
from ..enums import CANCELLABLE, HOLDS_A_PLACE, RegistrationStatus
from ..i18n.languages import in_page_language
from . import amend, changes
from .admission import no_show_line
from .answers import FormQuestions
from .availability import date_options, waiting_position
from .choices import (
    date_choices,
    date_error,
    date_field,
    offer_choices,
    session_error,
    session_groups,
    sessions_field,
    when,
)
from .emails import chosen_sessions, occurrence_of
from .errors import (
    CancellationRefused,
    ChangeRefused,
    InvalidDate,
    InvalidSessionChoice,
    InvalidToken,
    RegistrationClosed,
)
from .forms import HONEYPOT_FIELD, build_form_class, initial_answers
from .keys import event_key
from .session_choices import session_options
from .views import TOKEN_MAX_LENGTH, render_page


CANCEL_REFUSED_MESSAGES = {
    "deadline_passed": gettext_lazy(
        "The deadline to cancel online has passed. Please contact the organiser."
    ),
    "attended": gettext_lazy("You took part in this event: it cannot be cancelled."),
}

CHANGE_REFUSED_MESSAGES = {
    "status": gettext_lazy("This registration can no longer be changed."),
    "closed": gettext_lazy(
        "Changes are no longer possible online: registration has closed or the "
        "event has begun. Please contact the organiser."
    ),
    "same_date": gettext_lazy("You are already registered for this date."),
    "moved": gettext_lazy(
        "Your registration changed in the meantime. Check it and try again."
    ),
    "already_registered": gettext_lazy(
        "This e-mail address already has a registration for that date."
    ),
    "deadline_passed": CANCEL_REFUSED_MESSAGES["deadline_passed"],
    "attended": CANCEL_REFUSED_MESSAGES["attended"],
}

DONE_MESSAGES = {
    "answers": gettext_lazy(
        "Your answers are saved. We have sent you an e-mail to confirm it."
    ),
    "date": gettext_lazy(
        "Your date is changed. We have sent you an e-mail to confirm it."
    ),
    "sessions": gettext_lazy(
        "Your sessions are changed. We have sent you an e-mail to confirm it."
    ),
    "nothing": gettext_lazy("Nothing was changed."),
}

ACTIONS = ("answers", "date", "sessions", "cancel")
# Fields of the visitor's form that a registrant does not change here.
NOT_CHANGED_HERE = ("email", "privacy_accepted", "invitation_code", HONEYPOT_FIELD)


def find_registration(page, token):
    """The registration of the link, if it belongs to this event; else None."""
    if not isinstance(token, str) or len(token) > TOKEN_MAX_LENGTH:
        return None
    try:
        registration = changes.registration_for_token(token)
    except InvalidToken:
        return None
    if registration.event_key != event_key(page) or registration.parent_id:
        return None  # a token of another event: not found here either
    return registration


def answers_form(page, registration, data=None):
    """The form's questions, the name and the accessibility needs, filled in:
    the visitor's form without what is not changed here (a field set to None
    in a subclass is left out, Django's way)."""
    form_class = type(
        "AnswersForm",
        (build_form_class(page.registration_form),),
        dict.fromkeys(NOT_CHANGED_HERE),
    )
    initial = {
        "name": registration.name,
        "accessibility_needs": registration.accessibility_needs,
        "accessibility_details": registration.accessibility_details,
    }
    # Choices are stored as stable values: filled in with the words of the
    # page's form, the registrant's language (``answers``).
    initial.update(initial_answers(page.registration_form, registration.answers))
    return form_class(data, initial=initial, auto_id="we-mine-%s", page=page)


class ChoiceForm(forms.Form):
    """A date or sessions to choose instead of the present ones."""

    def summary_fields(self):
        return list(self)


def date_form(page, registration, dates, data=None):
    form = ChoiceForm(
        data,
        initial={"occurrence": registration.occurrence_key},
        auto_id="we-date-%s",
        label_suffix="",
    )
    form.fields["occurrence"] = date_field()
    form.fields["occurrence"].label = _("New date")
    offer_choices(form.fields["occurrence"], date_choices(dates, page.time_zone), dates)
    widget = form.fields["occurrence"].widget
    # The present date is never disabled: it is theirs.
    widget.disabled_values -= {registration.occurrence_key}
    return form


def sessions_form(page, current, options, data=None):
    """The sessions offered, checked where chosen; sessions the registrant has
    that are no longer offered are listed too, to keep or to remove."""
    form = ChoiceForm(
        data, initial={"sessions": list(current)}, auto_id="we-ses-%s", label_suffix=""
    )
    field = form.fields["sessions"] = sessions_field()
    offered = {option.value for option in options}
    groups = session_groups(options, page.time_zone)
    kept = [
        (value, f"{child.page.title}")
        for value, child in current.items()
        if value not in offered
    ]
    if kept:
        groups.append((_("Your other sessions"), kept))
    offer_choices(field, groups, options)
    field.widget.disabled_values -= set(current)
    return form


def _answers_shown(form, registration):
    """(label, answer) of the questions answered, for the summary."""
    shown = []
    form_id = form.registration_form.pk
    answers = FormQuestions.of_forms([form_id]).in_language_of(
        form_id, registration.answers
    )
    for clean_name, label in type(form).question_labels.values():
        value = answers.get(clean_name)
        if value in (None, "", []):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        shown.append((label, value))
    return shown


def page_context(page, registration, now, bound=None):
    """What the page shows; ``bound``: {action: the form posted} to show again."""
    bound = bound or {}
    settings = page.registration_form
    deadline = settings.cancellation_deadline if settings else None
    status = registration.status
    change_until = amend.change_deadline(registration, page, settings)
    try:
        amend.check_changeable(registration, page, settings, now)
        can_change = True
    except ChangeRefused:
        can_change = False
    occurrence = occurrence_of(page, registration.occurrence_key)
    context = {
        "registration": registration,
        "status": status,
        "status_label": registration.get_status_display(),
        "position": waiting_position(registration),
        "date": (
            when(occurrence.start, occurrence.end, page.time_zone) if occurrence else ""
        ),
        "sessions": [
            session
            for session in chosen_sessions(registration)
            if session.registration.status in amend.ACTIVE_SESSION
        ],
        "form_settings": settings,
        "deadline": deadline,
        "change_until": change_until if can_change else None,
        "can_change": can_change,
        # The deadline holds for people with a place (changes.cancel()).
        "too_late": bool(deadline and now >= deadline and status in HOLDS_A_PLACE),
        "cancellable": status in CANCELLABLE,
        "waiting": status == RegistrationStatus.WAITING,
        "no_show_fee": no_show_line(settings, page.time_zone),
        # Where to join, the private address of an event by invitation too
        # once they hold a place.
        "online_url": places.online_address(
            page,
            getattr(page, "conference", None),
            admitted=status in HOLDS_A_PLACE,
        ),
    }
    if settings is None:
        return context
    answers = bound.get("answers") or answers_form(page, registration)
    context["answers"] = _answers_shown(answers, registration)
    if not can_change:
        return context
    context["answers_form"] = answers
    dates = date_options(page, settings, now)
    if dates:
        context["date_form"] = bound.get("date") or date_form(page, registration, dates)
    if not registration.occurrence_key:
        options = session_options(page, now)
        current = amend.current_sessions(registration)
        if options or current:
            context["sessions_form"] = bound.get("sessions") or sessions_form(
                page, current, options
            )
    return context


@in_page_language
def your_registration(request, page, token):
    """GET: the registrant's page. POST: one change (``action``)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    registration = find_registration(page, token)
    if registration is None:
        return render_page(
            request,
            page,
            "not_found.html",
            {
                "message": _(
                    "This link to your registration is not valid. Check that you "
                    "copied the whole link from your e-mail."
                )
            },
            status=404,
        )
    now = timezone.now()
    if request.method == "POST":
        return _post(request, page, registration, token, now)
    done = DONE_MESSAGES.get(request.GET.get("done", ""))
    context = page_context(page, registration, now)
    context["done"] = done
    return render_page(request, page, "manage.html", context)


def _again(request, page, registration, now, message, bound=None, status=409):
    """The page again with why the change was refused; nothing changed."""
    registration.refresh_from_db()
    context = page_context(page, registration, now, bound)
    context["refused"] = str(message)
    return render_page(request, page, "manage.html", context, status=status)


def _post(request, page, registration, token, now):
    action = request.POST.get("action", "cancel")
    if action not in ACTIONS:
        return _again(
            request, page, registration, now, _("Unknown request."), status=400
        )
    if action == "cancel":
        return _cancel(request, page, registration, token, now)
    done = action
    try:
        # Too late, or no longer theirs to change: said before any mistake.
        amend.check_changeable(registration, page, page.registration_form, now)
        if action == "answers":
            form = answers_form(page, registration, request.POST)
            if not form.is_valid():
                return _again(
                    request,
                    page,
                    registration,
                    now,
                    _("Please correct your answers."),
                    {"answers": form},
                    status=400,
                )
            changed = amend.update_answers(
                registration,
                name=form.cleaned_data["name"].strip(),
                answers=form.answers(),
                accessibility_needs=form.cleaned_data.get("accessibility_needs") or [],
                accessibility_details=(
                    form.cleaned_data.get("accessibility_details") or ""
                ).strip(),
                now=now,
            )
            done = action if changed else "nothing"
        elif action == "date":
            amend.change_date(registration, request.POST.get("occurrence", ""), now)
        else:
            added, removed = amend.change_sessions(
                registration, request.POST.getlist("sessions"), now
            )
            done = action if added or removed else "nothing"
    except InvalidDate as refused:
        return _again(
            request, page, registration, now, date_error(refused.reason).message
        )
    except InvalidSessionChoice as refused:
        return _again(request, page, registration, now, session_error(refused).message)
    except RegistrationClosed:
        return _again(
            request,
            page,
            registration,
            now,
            _(
                "There is no place left there and no waiting list: nothing was "
                "changed. Choose another one."
            ),
        )
    except (ChangeRefused, CancellationRefused) as refused:
        message = CHANGE_REFUSED_MESSAGES.get(refused.reason, str(refused))
        return _again(request, page, registration, now, message)
    url = page.url + page.reverse_subpage("your_registration", args=[token])
    return redirect(f"{url}?done={done}")


def _cancel(request, page, registration, token, now):
    if registration.status not in CANCELLABLE:
        return _again(request, page, registration, now, "", status=409)
    try:
        cancelled, _promoted = changes.cancel(token, form=page.registration_form)
    except CancellationRefused as refused:
        message = CANCEL_REFUSED_MESSAGES.get(refused.reason, str(refused))
        return _again(request, page, registration, now, message)
    return render_page(request, page, "cancel_done.html", {"registration": cancelled})
