"""The editor's confirmation of a change notice (``registration.change_notices``):
what changed, before and after, who will be told (counts by where they stand,
per date of an event with several dates), a preview of one notice, and two
buttons: "Send the notice" and "Don't tell them".

After an editor publishes a change in the page editor, the hook
``after_edit_page`` (``wagtail_hooks``) leads to this screen when a notice
awaits; notices made by scheduled publishing, a workflow or a translation wait
in the list "Notices to send" (a button on the registrations' listing). Only
users who may see registrations reach either; others publish as before and the
notice waits for someone who may.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ...models.messages import Message
from .. import change_emails, change_notices, emails, event_facts
from .common import S, can_change, can_view, event_page, url


GROUPS = (
    ("place", _("With a place"), (S.CONFIRMED, S.ATTENDED)),
    ("waiting", _("On the waiting list"), (S.WAITING,)),
    ("approval", _("Awaiting approval"), (S.AWAITING_APPROVAL,)),
)


def _check(user):
    if not can_view(user):
        raise PermissionDenied


def _check_decide(user):
    # Sending (or not) tells every registrant: as writing to them, a change of
    # registrations; reading the notice is a view.
    if not can_change(user):
        raise PermissionDenied


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return url("change_notices")


def counts(people, before):
    """{"total", "groups": [(label, count)], "dates": [(label, [(label, count)])]}
    of the people told; by date when some registered for one date."""

    def grouped(rows):
        return [
            (label, sum(1 for r in rows if r.status in statuses))
            for _name, label, statuses in GROUPS
        ]

    keys = sorted({r.occurrence_key for r in people if r.occurrence_key})
    dates = [
        (
            change_emails.when_text(before, key),
            grouped([r for r in people if r.occurrence_key == key]),
        )
        for key in keys
    ]
    return {"total": len(people), "groups": grouped(people), "dates": dates}


class NoticeListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_events/admin/registrations/change_notices.html"
    page_title = _("Notices to send")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        _check(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": gettext("Registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notices = list(
            change_notices.pending_notices().select_related("page").order_by("pk")
        )
        for notice in notices:
            notice.url = url("change_notice", notice.pk)
            notice.title = notice.page.title if notice.page else str(notice.event_key)
            notice.lines = change_emails.by_date(notice)
        context["notices"] = notices
        return context


class NoticeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_events/admin/registrations/change_notice.html"
    page_title = _("Tell the registrants?")
    header_icon = "mail"

    def dispatch(self, request, pk):
        _check(request.user)
        self.notice = get_object_or_404(Message, pk=pk, kind=change_notices.KIND)
        self.page = event_page(self.notice.event_key)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.page.title if self.page is not None else ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": gettext("Registrations")},
            {"url": url("change_notices"), "label": gettext("Notices to send")},
            {"url": "", "label": self.get_page_title()},
        ]

    def post(self, request, pk):
        _check_decide(request.user)
        action = request.POST.get("action")
        if action == "send":
            told = change_notices.send(self.notice, request.user)
            decided = told is not None
            if decided:
                messages.success(
                    request,
                    gettext("The notice goes to %(count)s people.") % {"count": told},
                )
        elif action == "dismiss":
            decided = change_notices.dismiss(self.notice, request.user)
            if decided:
                messages.success(request, gettext("Nobody is told of this change."))
        else:
            messages.error(request, gettext("Choose to send the notice or not."))
            return redirect(request.get_full_path())
        if not decided:
            messages.warning(request, gettext("This notice was already decided."))
        return redirect(_next_url(request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        notice = self.notice
        pending = change_notices.is_pending(notice)
        people = change_notices.audience(notice) if pending else []
        preview = None
        first = emails.with_page(people[0]) if people else None
        if first is not None:
            email = change_emails.build(first, notice, preview=True)
            preview = {
                "to": emails.one_line(email.to[0]),
                "subject": email.subject,
                "body": email.body,
                "calendar": bool(email.attachments),
            }
        before = notice.data.get("before") or {}
        context.update(
            notice=notice,
            pending=pending,
            event_page=self.page,
            lines=change_emails.by_date(notice),
            counts=counts(people, before),
            preview=preview,
            cancelled=event_facts.is_cancelled(notice.data.get("after") or {}),
            next_url=_next_url(self.request),
            can_decide=can_change(self.request.user),
        )
        return context


def after_publish(request, page):
    """The hook ``after_edit_page``: after a publish that left a notice waiting,
    the confirmation screen (for users who may see registrations)."""
    if "action-publish" not in request.POST or not can_change(request.user):
        return None
    notice = change_notices.pending_notice(page.translation_key)
    if notice is None:
        return None
    back = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    return redirect(url("change_notice", notice.pk) + "?" + urlencode({"next": back}))


def urlpatterns():
    return [
        path("notices/", NoticeListView.as_view(), name="change_notices"),
        path("notices/<int:pk>/", NoticeView.as_view(), name="change_notice"),
    ]
