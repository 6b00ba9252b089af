from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin.viewsets import EventsViewSetGroup


register_snippet(EventsViewSetGroup)


@hooks.register("register_admin_urls")
def register_recurrence_widget_urls():
    """The JavaScript catalog of the recurrence widget (see ``widgets``)."""
    from .admin.urls import urlpatterns

    return urlpatterns


@hooks.register("register_admin_urls")
def register_schedule_import_urls():
    """“Import a schedule” on conferences (see ``admin.schedule_import``)."""
    from .exchange.import_screen import urlpatterns

    return urlpatterns()


@hooks.register("register_page_header_buttons")
def schedule_import_header_button(page, user, view_name=None, next_url=None):
    from .exchange.import_screen import page_buttons

    yield from page_buttons(page, user, next_url=next_url, view_name=view_name)


@hooks.register("register_page_listing_more_buttons")
def schedule_import_listing_button(page, user, next_url=None):
    from .exchange.import_screen import page_buttons

    yield from page_buttons(page, user, next_url=next_url)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name=None, next_url=None):
    """“Registrations” on events with a registration form (see
    ``admin.registration_summary``)."""
    from .registration.admin.summary import page_buttons

    yield from page_buttons(page, user, next_url=next_url, view_name=view_name)


@hooks.register("register_page_listing_more_buttons")
def registrations_listing_button(page, user, next_url=None):
    from .registration.admin.summary import page_buttons

    yield from page_buttons(page, user, next_url=next_url)
