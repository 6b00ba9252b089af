from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailEventsConfig(AppConfig):
    name = "wagtail_events"
    label = "wagtail_events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Wired here, explicitly, rather than by import side effects elsewhere.
        # These modules import the models, so they load once the models have.
        from . import checks, serving  # noqa: F401, PLC0415 -- app ready
        from .editing.forms import EventPageForm  # noqa: PLC0415 -- app ready
        from .exchange import views as exchange_views  # noqa: PLC0415 -- app ready
        from .i18n.along import set_translation_defaults  # noqa: PLC0415 -- app ready
        from .occurrences.listing import build_listing  # noqa: PLC0415 -- app ready
        from .programme import build_programme  # noqa: PLC0415 -- app ready
        from .programme.changes import history  # noqa: PLC0415 -- app ready
        from .programme.filters import programme_filter  # noqa: PLC0415 -- app ready
        from .programme.people import people_of  # noqa: PLC0415 -- app ready
        from .programme.people_views import people_list, person_page  # noqa: PLC0415 -- app ready
        from .programme.series import series_meetings  # noqa: PLC0415 -- app ready
        from .registration import page_cache  # noqa: PLC0415 -- app ready
        from .registration import views as registration_views  # noqa: PLC0415 -- app ready
        from .registration.manage_views import your_registration  # noqa: PLC0415 -- app ready
        from .signal_handlers import register_signal_handlers  # noqa: PLC0415 -- app ready

        # What the page types hand to the packages above them (serving.py).
        serving.provide(
            page_form=EventPageForm,
            programme=build_programme,
            programme_filter=programme_filter,
            schedule_changes=history,
            series_meetings=series_meetings,
            listing=build_listing,
            event_calendar=exchange_views.event_calendar,
            index_calendar=exchange_views.index_calendar,
            agenda_calendar=exchange_views.agenda_calendar,
            schedule_json=exchange_views.schedule_json,
            schedule_xml=exchange_views.schedule_xml,
            register=registration_views.register,
            page_headers=page_cache.headers,
            cancel=your_registration,
            people_list=people_list,
            person_page=person_page,
            people_of=people_of,
        )
        register_signal_handlers()
        set_translation_defaults()
