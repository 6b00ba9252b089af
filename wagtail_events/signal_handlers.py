"""Signal handlers, wired explicitly from ``apps.WagtailEventsConfig.ready``.

An event's dates are written to the occurrences table when it goes live: when a
revision is published and when a page is created live. Saving a draft changes
nothing visitors see, so it leaves the table alone; unpublishing empties it.
"""

from django.db.models.signals import post_save
from wagtail.signals import page_unpublished

from . import recurrence


def materialise_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    # Saving a draft (save_revision) saves only a few fields (update_fields); a
    # publish, or a page created live, saves everything. The page's child rows
    # (changes to single dates, runs) are read from the instance, where modelcluster
    # holds them before it writes them just after this signal.
    from .models import EventPage

    if raw or not isinstance(instance, EventPage) or update_fields is not None:
        return
    if instance.live:
        recurrence.materialise(instance)
        recurrence.record_schedule(instance)
    else:
        recurrence.forget(instance)


def forget_occurrences(sender, instance, **kwargs):
    from .models import EventPage

    if isinstance(instance, EventPage):
        recurrence.forget(instance)


def register_signal_handlers():
    post_save.connect(materialise_on_save, dispatch_uid="wagtail_events_materialise")
    page_unpublished.connect(forget_occurrences, dispatch_uid="wagtail_events_forget")
