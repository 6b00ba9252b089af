"""What an event page hands to the packages above the models.

The page types (``models/``) sit low: the programme, the event listing, the
calendar and frab files, registration and the admin page form all import them.
A page still answers for those: ``<page>/register/`` reaches
``EventPage.register``, a conference's template context holds its
``programme``. So the models ask for them here, by name, and
``WagtailEventsConfig.ready()`` provides them in one table. No model imports a
package above it, and no import circle comes back (``make lint`` checks the
layers, see docs/development.md).

Names and what provides them:

==================== =========================================================
``page_form``        the admin form of every event page (``editing.forms``)
``programme``        ``(conference, request) -> Programme`` (``programme``)
``programme_filter`` ``(programme, GET) -> ProgrammeFilter`` (``programme.filters``)
``schedule_changes`` ``(conference, programme) -> [Change]`` (``programme.changes``)
``series_meetings``  ``(series) -> SeriesMeetings`` (``programme.series``)
``listing``          ``(index, request) -> Listing`` (``occurrences.listing``)
``event_calendar``   the view of ``<event>/calendar.ics`` (``exchange.views``)
``index_calendar``   the view of ``<index>/calendar.ics``
``agenda_calendar``  the view of ``<conference>/agenda.ics``
``schedule_json``    the view of ``<conference>/schedule.json``
``schedule_xml``     the view of ``<conference>/schedule.xml``
``register``         the view of ``<event>/register/`` (``registration.views``)
``page_headers``     ``(request, response)``: the event page's ``Cache-Control``
                     once rendered (``registration.page_cache``)
``cancel``           the view of ``<event>/registration/<token>/`` (and of
                     ``<event>/cancel/<token>/``, the links sent before)
``people_list``      the view of ``<index>/people/`` (``programme.people_views``)
``person_page``      the view of ``<index>/people/<slug>/``
``people_of``        ``(index) -> [Person]`` with a page (``programme.people``)
==================== =========================================================
"""

from django.core.exceptions import ImproperlyConfigured


_provided = {}


def provide(**parts):
    """Provide parts by name; ``apps.ready()`` calls this once."""
    _provided.update(parts)


def get(name):
    """The part provided under ``name``."""
    try:
        return _provided[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"wagtail_events: nothing provides {name!r}. Is 'wagtail_events' in "
            "INSTALLED_APPS, and are the apps ready?"
        ) from None


class Provided:
    """A class attribute whose value is provided when the apps are ready: the
    page form, which Wagtail reads from ``base_form_class`` only once it builds
    the editor, long after the models are defined."""

    def __init__(self, name):
        self.name = name

    def __get__(self, instance, owner=None):
        return get(self.name)
