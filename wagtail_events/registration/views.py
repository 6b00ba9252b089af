"""The visitor's side of registration: the form on the event page and the
result after registering (the registrant's own page, by the link in their
e-mails, is ``manage_views``).

Works without JavaScript: the form posts to ``<page url>register/``, which
redirects (POST/redirect/GET) to the result, or shows the form again with its
errors. Places are taken and given back only by ``writer`` and ``changes``; what
the section shows is read by ``availability``.

A registration POST reads the page's dates, sessions and places once: in
``writer.register()``, inside its transaction. The form posted checks only what
was typed; the writer's refusals go next to their field, and the form is shown
again with its choices read anew.

Each page speaks the event page's language (its labels, messages and dates), as
the page itself does, whichever language the request came with.
"""

from django import forms
from django.db import OperationalError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from ..conf import events_settings
from ..enums import RegistrationStatus, is_conference
from ..i18n import languages
from ..i18n.languages import in_page_language
from ..occurrences import recurrence
from . import busy, notices, same_origin, writer
from .admission import admission_of
from .availability import date_options, offer
from .choices import date_error, session_error, when
from .errors import (
    InvalidDate,
    InvalidInvitationCode,
    InvalidSessionChoice,
    RegistrationClosed,
)
from .forms import HONEYPOT_FIELD, build_form_class
from .rate_limit import rate_limited
from .session_choices import session_options
from .status import asks_to_join


SESSION_KEY = "wagtail_events_registration"
TOKEN_MAX_LENGTH = 100

_UNREAD = object()


def visitor_form(page, now=None, dates=_UNREAD):
    """The form to fill in, with the event's dates (``availability.date_options``,
    when already read) and the conference's sessions to choose, and their
    places."""
    if dates is _UNREAD:
        dates = date_options(page, page.registration_form, now)
    sessions = session_options(page, now)
    form = build_form_class(page.registration_form)(
        auto_id="we-reg-%s",
        page=page,
        asks_date=dates is not None,
        offers_sessions=bool(sessions),
    )
    form.show_choices(dates, sessions)
    return form


def posted_form(page, data, dated=None):
    """The form as posted, for the page's kind of event (a date to choose, or
    sessions); it checks what was typed, and reads no dates, sessions or places:
    ``writer.register()`` does, once. ``dated``: ``recurrence.has_dates(page)``,
    when read already."""
    return build_form_class(page.registration_form)(
        data,
        auto_id="we-reg-%s",
        page=page,
        asks_date=recurrence.has_dates(page) if dated is None else dated,
        offers_sessions=is_conference(page),
    )


def registration_context(page, form=None, now=None, read=None, with_token=True):
    """What the registration section of an event page needs; ``form``: the form
    posted, to show again with its errors; ``read``: the page's ``offer()``,
    when read already (``status.page_offer``); ``with_token``: whether the form
    carries Django's CSRF token (not on the event page, which a front-end cache
    may keep: ``same_origin``)."""
    registration_form = page.registration_form
    if registration_form is None:
        return {"registration": None}
    if read is None:
        read = offer(page, now)
    state = read.state
    if state == "open":
        if form is None:
            form = visitor_form(page, now, read.dates)
        else:
            form.show_choices(read.dates, session_options(page, now))
    return {
        "registration": {
            "page": page,
            "form_settings": registration_form,
            "state": state,
            # Why there is no form, or that only the waiting list is left.
            "message": notices.notice_of(page, registration_form, read),
            # Shown in every state, as the introduction and the cancelling rules.
            "admission": admission_of(registration_form, page.time_zone),
            "form": form if state == "open" else None,
            "action": page.url + page.reverse_subpage("register") if page.url else "",
            # By invitation, through a form the organisers approve: the form
            # reads as a request to join, not as a registration.
            "asks_to_join": asks_to_join(page, registration_form),
            # Every place is taken: the form says, before anyone sends it, that
            # it puts the visitor on the waiting list.
            "waiting_list": state == "open" and read.waiting_list_only,
            "with_token": with_token,
        }
    }


def render_page(request, page, template, context=None, status=200):
    context = {"page": page, "self": page, **(context or {})}
    if template == "form_page.html":
        # The language switcher leads to the form in the other language.
        context.setdefault("language_suffix", page.reverse_subpage("register"))
    response = TemplateResponse(
        request, f"wagtail_events/registration/{template}", context, status=status
    )
    # Results, forms with what someone typed, and cancellation pages belong to
    # one visitor: no cache may keep them.
    add_never_cache_headers(response)
    return response


@in_page_language
def register(request, page):
    """GET: the form on a page of its own, or the result after registering.
    POST: validate and register. Any other method: 405."""
    if request.method not in ALLOWED_METHODS:
        return HttpResponseNotAllowed(ALLOWED_METHODS)
    if page.registration_form is None:
        return render_page(
            request,
            page,
            "not_found.html",
            {"message": _("This event has no registration form.")},
            status=404,
        )
    if request.method == "POST":
        verdict = same_origin.verdict_of(request)
        if verdict == same_origin.CROSS_SITE:
            return _cross_site(request, page)
        if getattr(request, CSRF_FAILED, False) or verdict == same_origin.SEND_AGAIN:
            return _send_again(request, page)
        try:
            return _submit(request, page)
        except OperationalError as error:
            if not busy.is_busy(error):
                raise
            return _busy(request, page)
    if "done" in request.GET:
        outcome = request.session.get(SESSION_KEY)
        if not outcome or outcome.get("page") != page.pk:
            # Depends on the visitor's session: never kept by a cache either.
            response = redirect(page.url)
            add_never_cache_headers(response)
            return response
        return render_page(request, page, "result.html", {"outcome": outcome})
    return render_page(request, page, "form_page.html", registration_context(page))


# What the registration pages answer; PUT, PATCH, DELETE and the rest get 405.
ALLOWED_METHODS = ("GET", "HEAD", "POST")


# Set on the request by ``views.csrf_failure``.
CSRF_FAILED = "wagtail_events_csrf_failed"


def _send_again(request, page):
    """The form failed the CSRF check, most likely because the page came from a
    cache with someone else's token: show it again, filled in, with a fresh
    token. Nothing is saved. The privacy notice must be accepted again, so that a
    form another site sent in the visitor's name is never one click from done."""
    context = registration_context(page)
    form = context["registration"]["form"]
    if form is not None:
        for name, field in form.fields.items():
            if name in (HONEYPOT_FIELD, "privacy_accepted"):
                continue
            values = request.POST.getlist(name)
            if values:
                multiple = isinstance(field, forms.MultipleChoiceField)
                form.initial[name] = values if multiple else values[0]
        context["registration"]["notice"] = _(
            "Your form could not be sent safely, probably because this page was "
            "kept in a cache. Please check your answers and send the form again."
        )
    return render_page(request, page, "form_page.html", context, status=403)


def _cross_site(request, page):
    """The form was sent from another site (``same_origin``): refused, nothing
    saved, and nothing of what was sent shown again. The visitor who meant to
    register finds the form here, empty."""
    context = registration_context(page)
    context["registration"]["notice"] = _(
        "This form was sent from another website, so it was not accepted and "
        "nothing was saved. If you want to register, please fill in the form "
        "on this page."
    )
    return render_page(request, page, "form_page.html", context, status=403)


def _submit(request, page):
    if rate_limited(request):
        return render_page(
            request,
            page,
            "rate_limited.html",
            {"minutes": max(1, events_settings.REGISTRATION_RATE_WINDOW // 60)},
            status=429,
        )
    # Whether the event has dates to choose: read once, for the form and the
    # writer.
    dated = recurrence.has_dates(page)
    form = posted_form(page, request.POST, dated)
    if form.is_spam():
        # Looks like success to the bot, once registration is open; nothing is
        # saved.
        if offer(page).state != "open":
            return _closed(request, page)
        return _done(request, page, {"status": RegistrationStatus.CONFIRMED})
    if not form.is_valid():
        return _form_again(request, page, form)

    try:
        outcome = writer.register(
            page,
            page.registration_form,
            language=languages.language_of(page),
            dated=dated,
            **form.registration_kwargs(),
        )
    except InvalidInvitationCode:
        form.add_error("invitation_code", form.invitation_code_error())
        return _form_again(request, page, form)
    except InvalidDate as refused:
        form.add_error("occurrence", date_error(refused.reason))
        return _form_again(request, page, form)
    except InvalidSessionChoice as refused:
        form.add_error("sessions", session_error(refused))
        return _form_again(request, page, form)
    except RegistrationClosed as closed:
        if closed.reason == "full" and "occurrence" in form.fields:
            # Only this date is full: another one may still be chosen.
            form.add_error("occurrence", date_error("full"))
            return _form_again(request, page, form)
        return _closed(request, page, closed.reason)

    # Only what the domain says to tell the visitor: the same for a duplicate as
    # for a new registration. The cancellation token goes only into the e-mail.
    date = outcome.occurrence
    return _done(
        request,
        page,
        {
            "status": str(outcome.status),
            "position": outcome.waiting_position,
            "date": when(date.start, date.end, page.time_zone) if date else "",
            "sessions": [
                {
                    "title": session.option.title,
                    "when": when(
                        session.option.start, session.option.end, page.time_zone
                    ),
                    "status": str(session.status),
                    "position": session.waiting_position,
                }
                for session in outcome.sessions
            ],
        },
    )


def _busy(request, page):
    """The database waited in vain for its lock (``busy``): 503, try again;
    nothing was saved."""
    response = render_page(request, page, "busy.html", status=503)
    response["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
    return response


def _closed(request, page, reason=None):
    """The section without a form, saying why registration is not possible; 409.
    ``reason``: the writer's, when it refused."""
    context = registration_context(page)
    if reason is not None:
        context["registration"]["message"] = notices.notice(
            page, page.registration_form, reason
        )
        context["registration"]["form"] = None
    return render_page(request, page, "form_page.html", context, status=409)


def _form_again(request, page, form):
    """The form with its errors; nothing was saved. If registration is no longer
    open (it closed, or its last date filled up), the section says so instead."""
    context = registration_context(page, form=form)
    if context["registration"]["state"] != "open":
        return render_page(request, page, "form_page.html", context, status=409)
    return render_page(request, page, "form_page.html", context, status=400)


def _done(request, page, outcome):
    # The outcome (with the cancel link) travels in the session, never in the URL.
    request.session[SESSION_KEY] = {"page": page.pk, **outcome}
    return redirect(page.url + page.reverse_subpage("register") + "?done")
