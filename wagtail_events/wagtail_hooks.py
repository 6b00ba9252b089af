"""What the package adds to the Wagtail admin: the snippet menu, the admin URLs
of the recurrence widget and the schedule import, and the page buttons
“Import a schedule” and “Registrations”. Wagtail loads this module once the
apps are ready."""

from django.contrib import messages
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin import urls as admin_urls
from .admin.viewsets import EventsViewSetGroup
from .editing import validation
from .exchange import import_screen
from .registration.admin import change_notices as registration_change_notices
from .registration.admin import deliveries as registration_deliveries
from .registration.admin import summary as registration_summary
from .registration.admin.menu import RegistrationsMenu


register_snippet(EventsViewSetGroup)


@hooks.register("register_admin_viewset")
def register_registrations():
    """Registrations, the organiser's lists of people, as a menu of their own,
    next to “Event details”, with the log of e-mails sent (see
    ``registration.admin.menu``)."""
    return RegistrationsMenu()


@hooks.register("construct_homepage_panels")
def failed_deliveries_panel(request, panels):
    """E-mails that failed, on the dashboard of users who see the log (see
    ``registration.admin.deliveries``)."""
    panel = registration_deliveries.homepage_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_urls")
def register_recurrence_widget_urls():
    """The JavaScript catalog of the recurrence widget (see ``widgets``)."""
    return admin_urls.urlpatterns


@hooks.register("register_admin_urls")
def register_schedule_import_urls():
    """“Import a schedule” on conferences (see ``exchange.import_screen``)."""
    return import_screen.urlpatterns()


@hooks.register("register_page_header_buttons")
def schedule_import_header_button(page, user, view_name=None, next_url=None):
    yield from import_screen.page_buttons(
        page, user, next_url=next_url, view_name=view_name
    )


@hooks.register("register_page_listing_more_buttons")
def schedule_import_listing_button(page, user, next_url=None):
    yield from import_screen.page_buttons(page, user, next_url=next_url)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    """“Registrations” on events with a registration form (see
    ``registration.admin.summary``)."""
    yield from registration_summary.page_buttons(
        page, user, next_url=next_url, view_name=view_name
    )


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    yield from registration_summary.page_buttons(page, user, next_url=next_url)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_unlimited_places(request, page):
    """A workshop or site visit saved with a registration form without places
    is told so: it is allowed (and then takes everyone), rarely meant."""
    warning = validation.unlimited_places(page.specific)
    if warning:
        messages.warning(request, warning)


@hooks.register("after_edit_page")
def confirm_change_notice(request, page):
    """After publishing a change registrants must know, the screen that shows
    who will be told and what (see ``registration.admin.change_notices``)."""
    return registration_change_notices.after_publish(request, page)
