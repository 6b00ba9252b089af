"""Admin widgets."""

import json

from django import forms
from django.urls import NoReverseMatch, reverse
from recurrence.forms import RecurrenceWidget


# The URL name of the JavaScript catalog of django-recurrence's strings; the
# pattern is added to the Wagtail admin by ``wagtail_hooks``.
RECURRENCE_CATALOG_URL_NAME = "wagtail_events_recurrence_jsi18n"


def recurrence_catalog_url():
    """The admin URL of the 'recurrence' JavaScript catalog, or None when the
    admin URLs (and so our hook) are not installed."""
    try:
        return reverse(RECURRENCE_CATALOG_URL_NAME)
    except NoReverseMatch:
        return None


class RecurrenceInput(RecurrenceWidget):
    """django-recurrence's widget, for the Wagtail editor.

    django-recurrence's own media loads Django admin's jQuery and
    ``jquery.init.js``. In the Wagtail editor that second jQuery replaces the one
    Wagtail's date-time picker and telepath widgets were built on, and every
    picker on the page breaks. This widget's media loads only the recurrence
    scripts and stylesheet, plus two small scripts of our own:

    * ``recurrence-shim.js`` (before the recurrence scripts) points
      ``django.jQuery`` at Wagtail's jQuery and provides ``gettext`` and friends
      when no JavaScript catalog defined them;
    * ``recurrence-init.js`` (after them) turns every ``textarea.recurrence-widget``
      into the widget once, also those Wagtail adds to the page later.

    The widget's strings come from a JavaScript catalog of the 'recurrence'
    package served under the Wagtail admin, so the host project's URLconf needs
    nothing. Options for the JavaScript widget (django-recurrence's keyword
    arguments, e.g. ``default_freq``) travel in ``data-recurrence-options``.
    """

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.js_widget_options:
            context["widget"]["attrs"]["data-recurrence-options"] = json.dumps(
                self.js_widget_options
            )
        return context

    def get_media(self):
        js = [
            "wagtail_events/js/recurrence-shim.js",
            "recurrence/js/recurrence.js",
            "recurrence/js/recurrence-widget.js",
            "wagtail_events/js/recurrence-init.js",
        ]
        catalog = recurrence_catalog_url()
        if catalog:
            js.insert(0, catalog)
        return forms.Media(
            js=js,
            css={
                "all": [
                    "recurrence/css/recurrence.css",
                    "wagtail_events/css/recurrence-admin.css",
                ]
            },
        )

    media = property(get_media)
