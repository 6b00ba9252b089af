"""The registration form made from an event page's chooser ("Create a new
form"), without leaving the page."""

from wagtail.admin.forms import WagtailAdminModelForm

from ..models import RegistrationForm


class RegistrationFormCreationForm(WagtailAdminModelForm):
    """What a registration form needs to exist, created from an event page's
    chooser without leaving the page: its internal name, the heading visitors read,
    its privacy notice and its places.
    Questions, prices and notices are added later on the form itself (Event
    details > Registration forms)."""

    class Meta:
        model = RegistrationForm
        fields = [
            "title",
            "heading",
            "privacy_notice",
            "capacity",
            "waiting_list",
            "opens_at",
            "closes_at",
        ]
