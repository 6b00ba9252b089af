"""Writing to a group of an event's registrants, and the event's messages: the
form (who, subject, text, reply-to), the preview as one recipient gets it, the
sending (in the background: ``group_messages.send``), the list of the event's
messages and the page of one, with its recipients and what became of each
e-mail.

Writing needs ``change_registration`` (the right to act on the event's
registrations); reading the messages, ``view_registration``. The domain is
``registration.group_messages``; these views check input and show.
"""

import unicodedata

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.widgets import Button

from ...enums import is_conference
from ...localtime import to_local
from ...models.messages import DeliveryStatus, Message
from .. import emails, placeholders
from .. import group_messages as group
from .common import (
    EventRegistrationsMixin,
    can_change,
    date_label,
    display_name,
    url,
)


def _placeholders_help():
    return _("You can use: %(list)s.") % {
        "list": "; ".join(
            f"{{{name}}} ({label})" for name, label in placeholders.PLACEHOLDERS.items()
        )
    }


def _check_text(value, allow_lines):
    """Refuses control characters (a line break in a subject would be a header)
    and unknown placeholders."""
    allowed = "\n\r\t" if allow_lines else ""
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
        raise forms.ValidationError(
            _("Remove the control characters (invisible characters) from the text.")
        )
    try:
        placeholders.placeholders_in(value)
    except placeholders.UnknownPlaceholder as unknown:
        raise forms.ValidationError(
            _("Unknown placeholder: %(names)s. %(known)s")
            % {"names": ", ".join(unknown.names), "known": _placeholders_help()}
        ) from None
    return value


class GroupMessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=gettext_lazy("To"),
        choices=[(key, kind.label) for key, kind in group.AUDIENCES.items()],
        initial="all",
        widget=forms.RadioSelect,
    )
    within = forms.ChoiceField(label=gettext_lazy("Of"), required=False)
    subject = forms.CharField(
        label=gettext_lazy("Subject"), max_length=group.SUBJECT_MAX_LENGTH
    )
    text = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=group.TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy(
            "Plain text. Each person gets their own e-mail, in their language, "
            "starting with “Dear <name>,” and ending with the event and their link."
        ),
    )
    reply_to = forms.EmailField(
        label=gettext_lazy("Replies go to"),
        required=False,
        help_text=gettext_lazy(
            "An e-mail address for replies, for example yours. Empty: the "
            "site's sender address."
        ),
    )

    def __init__(self, *args, within_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["within"].choices = within_choices
        self.fields[
            "text"
        ].help_text = f"{self.fields['text'].help_text} {_placeholders_help()}"

    def clean_subject(self):
        subject = _check_text(self.cleaned_data["subject"].strip(), allow_lines=False)
        if placeholders.placeholders_in(subject) & set(
            placeholders.PERSONAL_PLACEHOLDERS
        ):
            # The log of e-mails sent shows subjects to people who may not see
            # registrants: a name or a link there would reach them.
            raise forms.ValidationError(
                _(
                    "The subject cannot hold {name} or {link}: put them in the "
                    "text. Subjects are kept in the log of e-mails sent."
                )
            )
        return subject

    def clean_text(self):
        return _check_text(self.cleaned_data["text"], allow_lines=True)

    def chosen_audience(self, event_key):
        within = self.cleaned_data.get("within") or ""
        what, _sep, key = within.partition(":")
        return group.Audience(
            event_key=event_key,
            who=self.cleaned_data["audience"],
            occurrence_key=key if what == "date" else None,
            session_key=key if what == "session" else None,
        )


class ComposeView(EventRegistrationsMixin, TemplateView):
    """GET: the form. POST with "preview": the e-mail as one recipient gets it
    and the number of recipients; with "send": the message goes."""

    template_name = "wagtail_events/admin/registrations/message_form.html"
    page_title = gettext_lazy("Write to registrants")

    def dispatch(self, request, event_key):
        if not can_change(request.user):
            raise PermissionDenied
        return super().dispatch(request, event_key)

    def within_choices(self):
        dates = group.dates(self.event_key)
        choices = [
            ("", _("The whole event (every date)") if dates else _("The whole event"))
        ]
        choices += [
            (f"date:{key}", date_label(self.page, key, self.moved)) for key in dates
        ]
        if is_conference(self.page):
            choices += [
                (f"session:{key}", _("Session: %(title)s") % {"title": title})
                for key, title in group.sessions(self.event_key)
            ]
        return choices

    def get(self, request, event_key):
        if self.page is None:
            return self.page_gone()
        initial = {"audience": request.GET.get("audience", "all")}
        if request.GET.get("date"):
            initial["within"] = f"date:{request.GET['date']}"
        form = GroupMessageForm(initial=initial, within_choices=self.within_choices())
        return self.render_to_response(self.get_context_data(form=form))

    def page_gone(self):
        messages.error(
            self.request,
            _("The page of this event was deleted: no e-mail can be sent about it."),
        )
        return redirect(url("summary", self.event_key))

    def post(self, request, event_key):
        if self.page is None:
            return self.page_gone()
        form = GroupMessageForm(request.POST, within_choices=self.within_choices())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        audience = form.chosen_audience(self.event_key)
        people = group.recipients(audience)
        if not people:
            form.add_error(
                None, _("Nobody is in this group: choose another. Nothing was sent.")
            )
            return self.render_to_response(self.get_context_data(form=form))
        if request.POST.get("action") == "send":
            if request.POST.get("count") == str(len(people)):
                return self.send(form, audience, len(people))
            messages.warning(
                request,
                _(
                    "The group changed since the preview: check it again. "
                    "Nothing was sent."
                ),
            )
        context = self.get_context_data(form=form, people=people)
        context.update(self.preview(form, people))
        return self.render_to_response(context)

    def preview(self, form, people):
        wanted = self.request.POST.get("preview_for", "")
        chosen = next((p for p in people if str(p.pk) == wanted), people[0])
        # Registered through a translation deleted since: the event's other page.
        chosen = emails.with_page(chosen) or chosen
        draft = Message(
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["text"],
            data={"reply_to": form.cleaned_data["reply_to"]},
        )
        email = group.render(draft, chosen, preview=True)
        (html, _mimetype), *_others = email.alternatives
        return {"preview": email, "preview_html": html, "chosen": chosen}

    def send(self, form, audience, count):
        message = group.send(
            audience,
            self.page,
            form.cleaned_data["subject"],
            form.cleaned_data["text"],
            self.request.user,
            reply_to=form.cleaned_data["reply_to"],
        )
        messages.success(
            self.request,
            ngettext(
                "The message is being sent to %(count)s person.",
                "The message is being sent to %(count)s people.",
                count,
            )
            % {"count": count},
        )
        return redirect(url("message", self.event_key, message.pk))


def session_titles(messages):
    """{session key: title} of the sessions the messages went to, in one query."""
    keys = {(m.data or {}).get("session_key") for m in messages} - {None}
    return dict(group.sessions_named(keys)) if keys else {}


def audience_label(message, page, moved=None, titles=None):
    """Who a message went to, in the editor's words; ``titles``: the
    ``session_titles`` of the messages shown."""
    data = message.data or {}
    kind = group.AUDIENCES.get(data.get("audience"))
    label = str(kind.label) if kind else ""
    if data.get("occurrence_key"):
        label += " · " + date_label(page, data["occurrence_key"], moved)
    if data.get("session_key"):
        if titles is None:
            titles = session_titles([message])
        label += " · " + titles.get(data["session_key"], str(data["session_key"]))
    return label


def _author(message):
    user = message.created_by
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class MessageListView(EventRegistrationsMixin, TemplateView):
    """The event's messages, newest first, with how many e-mails went."""

    template_name = "wagtail_events/admin/registrations/message_list.html"
    page_title = gettext_lazy("Messages")

    @cached_property
    def header_more_buttons(self):
        if self.page is None or not can_change(self.request.user):
            return []
        return [
            Button(
                _("Write to registrants"),
                url=url("message_new", self.event_key),
                icon_name="mail",
            )
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(
            Message.objects.filter(event_key=self.event_key, sent_at__isnull=False)
            .select_related("created_by")
            .annotate(
                total=Count("deliveries"),
                sent=Count("deliveries", filter=Q(deliveries__status="sent")),
                failed=Count("deliveries", filter=Q(deliveries__status="failed")),
            )
        )
        zone = self.page.time_zone if self.page is not None else "UTC"
        titles = session_titles(rows)
        for message in rows:
            message.author = _author(message)
            message.local_sent_at = to_local(message.sent_at, zone)
            message.detail_url = url("message", self.event_key, message.pk)
            message.audience_label = (
                audience_label(message, self.page, self.moved, titles)
                if message.kind == group.KIND
                else ""
            )
        context["rows"] = rows
        return context


class MessageView(EventRegistrationsMixin, TemplateView):
    """One message: who wrote it, when, to whom, what, and each recipient's
    e-mail (waiting, sent, failed, tried again)."""

    template_name = "wagtail_events/admin/registrations/message_detail.html"
    page_title = gettext_lazy("Message")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = (
            Message.objects.filter(event_key=self.event_key, pk=self.kwargs["pk"])
            .select_related("created_by")
            .first()
        )
        if message is None:
            raise Http404
        deliveries = list(
            message.deliveries.select_related("registration").order_by("pk")
        )
        zone = self.page.time_zone if self.page is not None else "UTC"
        for delivery in deliveries:
            registration = delivery.registration
            delivery.person = display_name(registration) if registration else ""
            delivery.address = (
                registration.email
                if registration and not registration.erased_at
                else delivery.to
            )
            delivery.local_sent_at = (
                to_local(delivery.sent_at, zone) if delivery.sent_at else None
            )
        data = message.data or {}
        context.update(
            message=message,
            author=_author(message),
            local_sent_at=to_local(message.sent_at, zone) if message.sent_at else None,
            audience_label=audience_label(message, self.page, self.moved),
            reply_to=data.get("reply_to", ""),
            deliveries=deliveries,
            still_writing=message.kind == group.KIND and "queued_at" not in data,
            failed=sum(d.status == DeliveryStatus.FAILED for d in deliveries),
            messages_url=url("messages", self.event_key),
        )
        return context

    def dispatch(self, request, event_key, pk):
        return super().dispatch(request, event_key)


def urlpatterns():
    return [
        path(
            "event/<uuid:event_key>/messages/",
            MessageListView.as_view(),
            name="messages",
        ),
        path(
            "event/<uuid:event_key>/messages/new/",
            ComposeView.as_view(),
            name="message_new",
        ),
        path(
            "event/<uuid:event_key>/messages/<int:pk>/",
            MessageView.as_view(),
            name="message",
        ),
    ]
