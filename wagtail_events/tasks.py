"""Background tasks, for Django's task framework (``django.tasks`` from Django 6.0;
the ``django_tasks`` backport, which Wagtail 7.4 installs, on Django 5.2).

Run ``extend_occurrences`` once a day, from a task worker or cron
(``manage.py extend_occurrences``), so that repeating events keep their dates
``WAGTAIL_EVENTS_OCCURRENCE_HORIZON_DAYS`` ahead.
"""

try:
    from django.tasks import task
except ImportError:  # Django < 6.0
    from django_tasks import task

from . import recurrence


@task
def extend_occurrences():
    """Expand every live repeating event up to the horizon again. Returns how many
    events were brought up to date."""
    return recurrence.extend_horizon()
