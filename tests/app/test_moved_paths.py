"""What existing sites name keeps working after the package was laid out by
capability: old import paths (with a DeprecationWarning that names the new
home), the settings' dotted paths and the task paths stored in queues."""

import importlib
import sys
import warnings

import pytest
from django.utils.module_loading import import_string

from wagtail_events import _moved


# Names the documentation and the CHANGELOG gave under the old paths.
DOCUMENTED = [
    ("wagtail_events.calendar", "CalendarLinks"),
    ("wagtail_events.calendar", "event_calendar"),
    ("wagtail_events.dateformat", "formatted"),
    ("wagtail_events.emails", "KINDS"),
    ("wagtail_events.emails", "build"),
    ("wagtail_events.emails", "send"),
    ("wagtail_events.forms", "EventPageForm"),
    ("wagtail_events.frab", "schedule_json"),
    ("wagtail_events.frab_import", "import_schedule"),
    ("wagtail_events.jsonld", "event_data"),
    ("wagtail_events.languages", "translations"),
    ("wagtail_events.listing", "Listing"),
    ("wagtail_events.privacy", "erase"),
    ("wagtail_events.recurrence", "materialise"),
    ("wagtail_events.registrations", "register"),
    ("wagtail_events.registrations", "cancel"),
    ("wagtail_events.registrations", "promote"),
    ("wagtail_events.registrations", "RegistrationClosed"),
    ("wagtail_events.registrations", "Outcome"),
    ("wagtail_events.validation", "validate_event"),
]


def fresh_import(name):
    """Import ``name`` as a site would the first time, warnings recorded."""
    sys.modules.pop(name, None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(name)
    return module, caught


@pytest.mark.parametrize("old", sorted(_moved.MOVED))
def test_an_old_path_imports_and_warns_with_the_new_home(old):
    module, caught = fresh_import(old)
    messages = [
        str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)
    ]
    assert messages, f"no DeprecationWarning for {old}"
    assert _moved.MOVED[old][0] in messages[0]
    # Every public name of the new homes is there under the old path.
    for target in _moved.MOVED[old]:
        new = importlib.import_module(target)
        for name in dir(new):
            if not name.startswith("_"):
                assert getattr(module, name) is getattr(new, name)


@pytest.mark.parametrize(("old", "name"), DOCUMENTED)
def test_documented_names_are_found_under_their_old_paths(old, name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        module = importlib.import_module(old)
    homes = [importlib.import_module(target) for target in _moved.MOVED[old]]
    # The very object of its new home, not a copy that could drift from it.
    assert any(getattr(home, name, None) is getattr(module, name) for home in homes)


def test_a_name_no_module_has_is_an_attribute_error():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        module = importlib.import_module("wagtail_events.registrations")
    with pytest.raises(AttributeError, match="no_such_thing"):
        module.no_such_thing  # noqa: B018


def test_the_csrf_failure_view_keeps_its_settings_path():
    from wagtail_events.registration.csrf import csrf_failure

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        assert import_string("wagtail_events.views.csrf_failure") is csrf_failure


@pytest.mark.parametrize(
    "path",
    [
        "wagtail_events.tasks.send_registration_email",
        "wagtail_events.tasks.extend_occurrences",
        "wagtail_events.tasks.erase_expired_registrations",
    ],
)
def test_task_paths_stored_in_queues_still_name_their_tasks(path):
    task = import_string(path)
    # A queued task is found again by the path its backend stored.
    assert task.module_path == path
