"""Signal handlers, wired explicitly from ``apps.WagtailEventsConfig.ready``."""

from django.db.models.signals import post_save
from wagtail.signals import page_unpublished

from . import recurrence


def materialise_on_save(sender, instance, update_fields=None, raw=False, **kwargs):
    # Saves of a draft touch only a few fields (update_fields); a publish or a page
    # created live saves everything.
    from .models import EventPage

    if raw or not isinstance(instance, EventPage) or update_fields is not None:
        return
    if instance.live:
        recurrence.materialise(instance)
        recurrence.record_schedule(instance)


def forget_occurrences(sender, instance, **kwargs):
    from .models import EventPage, Occurrence

    if isinstance(instance, EventPage):
        Occurrence.objects.filter(page_id=instance.pk).delete()


def register_signal_handlers():
    post_save.connect(materialise_on_save, dispatch_uid="wagtail_events_materialise")
    page_unpublished.connect(forget_occurrences, dispatch_uid="wagtail_events_forget")
