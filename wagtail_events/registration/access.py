"""Who may read and change registrations in the admin, and the addresses of
its registration screens: asked by those screens and by what links to them
(the organisers' e-mails, ``organisers``), so that neither imports the other.
"""

from django.urls import reverse


NAMESPACE = "wagtail_events_registrations"
URL_PREFIX = "wagtail-events/registrations"

VIEW = "wagtail_events.view_registration"
CHANGE = "wagtail_events.change_registration"
DELETE = "wagtail_events.delete_registration"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


def can_view(user):
    return user.is_active and user.has_perm(VIEW)


def can_change(user):
    return can_view(user) and user.has_perm(CHANGE)


def can_erase(user):
    return can_view(user) and user.has_perm(DELETE)
