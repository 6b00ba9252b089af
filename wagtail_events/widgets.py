"""Admin widgets."""

from recurrence.forms import RecurrenceWidget


class RecurrenceInput(RecurrenceWidget):
    """django-recurrence's widget, for the Wagtail editor."""
