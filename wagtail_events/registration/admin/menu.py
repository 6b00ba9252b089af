"""The "Registrations" menu of the admin: the registrations, and the log of
e-mails sent (``deliveries``). Another screen joins the menu as an item of
``RegistrationsMenu.items``."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

from .deliveries import DeliveryViewSet
from .viewset import RegistrationViewSet


class RegistrationsMenu(ViewSetGroup):
    # The registrations first; in the submenu, not as an item of their own.
    items = (
        RegistrationViewSet(add_to_admin_menu=False, menu_order=1),
        DeliveryViewSet(menu_order=2),
    )
    menu_icon = "list-ul"
    menu_label = _("Registrations")
    menu_name = "wagtail_events_registrations_menu"
    # After the pages and “Event details”.
    menu_order = 210
