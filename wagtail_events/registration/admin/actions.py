"""The organiser's actions on one registration: approve, decline, promote from
the waiting list (or overbook on purpose), cancel, mark attended.

Actions are POST only, with Django's CSRF check, and call
``registration.changes``, which decides, changes the status and enqueues the
e-mail; a refusal becomes an error message and changes nothing.
Acting needs ``change_registration``, erasing ``delete_registration``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views import View
from wagtail.admin import messages

from ...models import Registration
from .. import changes
from ..errors import CancellationRefused, RegistrationClosed, RegistrationRefused
from .common import S, can_change, display_name, url


def _refusal_message(action, refusal, registration):
    if isinstance(refusal, RegistrationClosed) and refusal.reason == "full":
        if action == "promote":
            return _(
                "No place is free for this date: nothing changed. To give a place "
                "anyway, choose “Promote anyway (overbook)”."
            )
        return _("No place is free and the form has no waiting list: nothing changed.")
    if isinstance(refusal, CancellationRefused):
        return _("Someone who took part cannot be cancelled: nothing changed.")
    return _(
        "This cannot be done to a registration that is “%(status)s”: nothing changed."
    ) % {"status": registration.get_status_display()}


# Each calls the domain and returns the success message and who got a place freed
# by it (or None).


def _approve(registration, force):
    changes.approve(registration)
    return _("%(name)s was approved: %(status)s."), None


def _decline(registration, force):
    changes.decline(registration)
    return _("%(name)s was declined."), None


def _promote(registration, force):
    changes.promote(registration, force=force)
    return _("%(name)s got a place."), None


def _cancel(registration, force):
    _cancelled, promoted = changes.cancel_by_organiser(registration)
    if promoted is not None:
        message = _(
            "%(name)s was cancelled; %(promoted)s got the place from the waiting list."
        )
        return message, promoted
    return _("%(name)s was cancelled."), None


def _attend(registration, force):
    changes.mark_attended(registration)
    return _("%(name)s took part."), None


ACTIONS = {
    "approve": _approve,
    "decline": _decline,
    "promote": _promote,
    "cancel": _cancel,
    "attend": _attend,
}


def available_actions(registration, full=False):
    """(action, label, extra POST data) the organiser can choose for this status."""
    if registration.status == S.AWAITING_APPROVAL:
        return [
            ("approve", pgettext("registration action", "Approve"), {}),
            ("decline", pgettext("registration action", "Decline"), {}),
            ("cancel", pgettext("registration action", "Cancel"), {}),
        ]
    if registration.status == S.WAITING:
        promote = (
            ("promote", _("Promote anyway (overbook)"), {"force": "1"})
            if full
            else ("promote", _("Promote to a place"), {})
        )
        return [
            promote,
            ("decline", pgettext("registration action", "Decline"), {}),
            ("cancel", pgettext("registration action", "Cancel"), {}),
        ]
    if registration.status == S.CONFIRMED:
        return [
            ("attend", _("Mark attended"), {}),
            ("cancel", pgettext("registration action", "Cancel"), {}),
        ]
    return []


def _back(request, registration):
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(url("inspect", registration.pk))


class ActionView(View):
    http_method_names = ["post"]
    action = None

    def post(self, request, pk):
        if not can_change(request.user):
            raise PermissionDenied
        registration = get_object_or_404(
            Registration.objects.select_related("page"), pk=pk
        )
        force = self.action == "promote" and request.POST.get("force") == "1"
        name = display_name(registration)
        try:
            message, promoted = ACTIONS[self.action](registration, force)
        except RegistrationRefused as refusal:
            registration.refresh_from_db()
            messages.error(
                request, _refusal_message(self.action, refusal, registration)
            )
            return _back(request, registration)
        registration.refresh_from_db()
        messages.success(
            request,
            message
            % {
                "name": name,
                "status": registration.get_status_display(),
                "promoted": display_name(promoted) if promoted else "",
            },
        )
        return _back(request, registration)


def urlpatterns():
    return [
        *(
            path(f"<int:pk>/{name}/", ActionView.as_view(action=name), name=name)
            for name in ACTIONS
        ),
    ]
