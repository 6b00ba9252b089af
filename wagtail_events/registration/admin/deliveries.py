"""The log of e-mails sent ("E-mails sent", under "Registrations"): every
``Delivery`` of the outbox, newest first, read-only, with what it was, for which
event, to whom, its status, attempts and the mail server's last error; filters
by status, kind, event (``?event=<key>``) and message (``?message=<id>``, the
deliveries of one message to a group). Failed ones stand out, and may be sent
again ("Send again", POST: ``outbox.send_again``).

Who sees what: the log needs ``view_delivery`` or the permission to see
registrations; the recipient's name and address only show to users who may see
registrations (``common.can_view``). Sending again needs ``change_delivery`` or
the permission to act on registrations.

The listing reads with a fixed number of queries, whatever its length: the
registrations with the rows, the events' titles in one query per page.
Failures also show on an event's counts (``failed_count``) and on the admin's
dashboard (``FailedDeliveriesPanel``).
"""

import re

import django_filters
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy


try:
    from wagtail.permissions import register_permission_policy
except ImportError:  # Wagtail < 8: the viewset's own policy is used
    register_permission_policy = None

from ...models import Delivery, DeliveryStatus, EventPage
from .. import outbox
from ..kinds import KIND_LABELS, kind_label
from .common import ERASED, can_change, can_view


NAMESPACE = "wagtail_events_deliveries"
URL_PREFIX = "wagtail-events/emails-sent"

VIEW_LOG = "wagtail_events.view_delivery"
SEND_AGAIN = "wagtail_events.change_delivery"

# The statuses an organiser may send again.
SENDABLE = (DeliveryStatus.FAILED, DeliveryStatus.SKIPPED)


# An e-mail address in a mail server's error ("SMTPRecipientsRefused:
# {'ada@example.org': ...}").
_ADDRESS = re.compile(r"[^\s<>'\"(),;:\[\]{}]+@[^\s<>'\"(),;:\[\]{}]+")


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def can_see_log(user):
    return user.is_active and (can_view(user) or user.has_perm(VIEW_LOG))


def can_send_again(user):
    return can_see_log(user) and (can_change(user) or user.has_perm(SEND_AGAIN))


def log_url(**params):
    """The log, filtered (``event=<key>``, ``status=failed``, ``message=<id>``)."""
    query = urlencode({k: str(v) for k, v in params.items()})
    return url("index") + (f"?{query}" if query else "")


def failed_count(event_key=None):
    """How many e-mails (of one event) finally failed."""
    failed = Delivery.objects.filter(status=DeliveryStatus.FAILED)
    if event_key is not None:
        failed = failed.filter(event_key=event_key)
    return failed.count()


class DeliveryPermissionPolicy(ModelPermissionPolicy):
    """Deliveries are about registrations: whoever may see (act on)
    registrations may see the log (send again), as may users given the
    deliveries' own permissions; nobody adds, edits or deletes them."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_see_log(user)
        if action == "change":
            return can_send_again(user)
        return False


POLICY = DeliveryPermissionPolicy(Delivery)


def titles_of(event_keys):
    """{event key: title} of the events' first pages (by pk), in one query."""
    titles = {}
    for key, title in (
        EventPage.objects.filter(translation_key__in=set(event_keys))
        .order_by("pk")
        .values_list("translation_key", "title")
    ):
        titles.setdefault(key, title)
    return titles


def event_choices():
    """(event key, title) of every event with e-mails, by title."""
    keys = [
        key
        for key in Delivery.objects.values_list("event_key", flat=True).distinct()
        if key is not None
    ]
    titles = titles_of(keys)
    choices = [
        (
            str(key),
            titles.get(key)
            or _("Event with no page any more (%(key)s)") % {"key": key},
        )
        for key in keys
    ]
    return sorted(choices, key=lambda choice: str(choice[1]).casefold())


def kind_choices():
    """Every kind with a label, and any other kind in the log."""
    kinds = set(KIND_LABELS) | set(
        Delivery.objects.values_list("kind", flat=True).distinct()
    )
    return sorted(
        ((kind, str(kind_label(kind))) for kind in kinds),
        key=lambda choice: choice[1].casefold(),
    )


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=DeliveryStatus.choices
    )
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), choices=kind_choices)
    event = django_filters.ChoiceFilter(
        label=gettext_lazy("Event"), field_name="event_key", choices=event_choices
    )
    message = django_filters.NumberFilter(
        label=gettext_lazy("Message"),
        field_name="message_id",
        min_value=1,
        max_value=2**63 - 1,
    )

    class Meta:
        model = Delivery
        fields = ["status", "kind", "event", "message"]


def when(delivery):
    """When it went (or was written, until it goes), in the editor's zone."""
    value = delivery.sent_at or delivery.created_at
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


class StatusColumn(Column):
    """The status in words; a failed e-mail stands out."""

    cell_template_name = "wagtail_events/admin/deliveries/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["failed"] = instance.status == DeliveryStatus.FAILED
        context["waiting"] = instance.status == DeliveryStatus.RETRYING
        context["next_attempt"] = (
            formats.date_format(
                timezone.localtime(instance.next_attempt_at), "DATETIME_FORMAT"
            )
            if instance.next_attempt_at
            else ""
        )
        return context


class SendAgainColumn(Column):
    """A "Send again" button (a POST form) on failed and not-sent rows."""

    cell_template_name = "wagtail_events/admin/deliveries/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        context["action_url"] = (
            url("send_again", instance.pk) if instance.status in SENDABLE else ""
        )
        context["next_url"] = request.get_full_path() if request else ""
        return context


class DeliveryIndexView(IndexView):
    page_title = gettext_lazy("E-mails sent")
    default_ordering = "-created_at"

    @cached_property
    def shows_recipients(self):
        return can_view(self.request.user)

    def recipient(self, delivery):
        if not self.shows_recipients:
            return ""
        registration = delivery.registration
        if registration is None:
            return delivery.to
        if registration.erased_at:
            return str(ERASED)
        if registration.name:
            return f"{registration.name} <{registration.email}>"
        return registration.email or delivery.to

    def last_error(self, delivery):
        """The mail server's last error; without addresses for users who may
        not see registrations."""
        error = delivery.last_error[:200]
        return error if self.shows_recipients else _ADDRESS.sub("…", error)

    def event_title(self, delivery):
        return self.titles.get(delivery.event_key, "")

    @cached_property
    def columns(self):
        columns = [
            Column("when", label=_("When"), accessor=when, sort_key="created_at"),
            Column("kind", label=_("Kind"), accessor=lambda d: kind_label(d.kind)),
            Column("event", label=_("Event"), accessor=self.event_title),
        ]
        if self.shows_recipients:
            columns.append(
                Column("recipient", label=_("Recipient"), accessor=self.recipient)
            )
        columns += [
            Column("subject", label=_("Subject")),
            StatusColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column("attempts", label=_("Attempts"), sort_key="attempts"),
            Column(
                "last_error",
                label=_("Last error"),
                accessor=self.last_error,
            ),
        ]
        if can_send_again(self.request.user):
            columns.append(SendAgainColumn("send_again", label=""))
        return columns

    def get_base_queryset(self):
        return Delivery.objects.select_related("registration")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The events' titles of the rows shown, in one query.
        self.titles = titles_of(
            delivery.event_key for delivery in context["object_list"]
        )
        return context


class SendAgainView(View):
    http_method_names = ["post"]

    def post(self, request, pk):
        if not can_send_again(request.user):
            raise PermissionDenied
        delivery = get_object_or_404(Delivery, pk=pk)
        if outbox.send_again(delivery):
            messages.success(request, _("The e-mail is being sent again."))
        else:
            messages.error(
                request,
                _(
                    "Only an e-mail that failed or was not sent can be sent again: "
                    "nothing changed."
                ),
            )
        next_url = request.POST.get("next", "")
        if next_url and url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={request.get_host()},
            require_https=request.is_secure(),
        ):
            return redirect(next_url)
        return redirect(url("index"))


class DeliveryViewSet(ModelViewSet):
    model = Delivery
    icon = "mail"
    menu_label = gettext_lazy("E-mails sent")
    name = NAMESPACE
    url_prefix = URL_PREFIX
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = DeliveryIndexView
    filterset_class = DeliveryFilterSet
    # Not the address: users who see the log alone may not look people up.
    search_fields = ["subject"]
    search_backend_name = None
    form_fields = []
    # A 300-person event's messages at a glance.
    list_per_page = 50

    def on_register(self):
        # Wagtail 8 reads a model's policy from its registry (and warns of one
        # only set on the viewset); 7.4 from the viewset's property below.
        if register_permission_policy is not None:
            register_permission_policy(Delivery, POLICY)
        super().on_register()

    @cached_property
    def permission_policy(self):
        return POLICY

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    def get_permissions_to_register(self):
        """See the log, and send again, on the group edit page."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Delivery),
            codename__in=["view_delivery", "change_delivery"],
        )

    def get_urlpatterns(self):
        kept = {"index", "index_results"}
        return [
            *(p for p in super().get_urlpatterns() if p.name in kept),
            path("<int:pk>/send-again/", SendAgainView.as_view(), name="send_again"),
        ]


class FailedDeliveriesPanel(Component):
    """On the dashboard, for users who see the log: how many e-mails failed,
    linking to them. Added only when some did (``homepage_panel``)."""

    name = "wagtail_events_failed_deliveries"
    order = 90
    template_name = "wagtail_events/admin/deliveries/failed_panel.html"

    def __init__(self, count):
        self.count = count

    def get_context_data(self, parent_context=None):
        return {"count": self.count, "log_url": log_url(status="failed")}


def homepage_panel(request):
    """The dashboard's panel of failed e-mails, or None."""
    if not can_see_log(request.user):
        return None
    count = failed_count()
    return FailedDeliveriesPanel(count) if count else None
