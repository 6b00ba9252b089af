"""Import paths of modules that have moved, kept working for a while.

Until 0.2 the package was flat (``wagtail_events.registrations``,
``wagtail_events.calendar``, ...). Each capability now has a package of its own
(see docs/development.md). An old path still imports, as a module whose
attributes are looked up in the new homes, and warns once with a
``DeprecationWarning`` that names the new one. One line per old path, here and
nowhere else: no stub files, so that no module of the package shadows the
standard library's (the old ``calendar.py`` did).

To be removed in 1.0.
"""

import importlib
import importlib.abc
import importlib.util
import sys
import types
import warnings


# Old module -> the modules its public names live in now, searched in order.
MOVED = {
    "wagtail_events.calendar": (
        "wagtail_events.exchange.calendars",
        "wagtail_events.exchange.calendar_links",
        "wagtail_events.exchange.ical_events",
        "wagtail_events.exchange.ical_parts",
    ),
    "wagtail_events.dateformat": ("wagtail_events.occurrences.dateformat",),
    "wagtail_events.emails": ("wagtail_events.registration.emails",),
    "wagtail_events.forms": ("wagtail_events.editing.forms",),
    "wagtail_events.frab": ("wagtail_events.exchange.frab",),
    "wagtail_events.frab_export": (
        "wagtail_events.exchange.frab_export",
        "wagtail_events.exchange.frab_values",
        "wagtail_events.exchange.frab_xml",
    ),
    "wagtail_events.frab_import": (
        "wagtail_events.exchange.frab_import",
        "wagtail_events.exchange.frab_file",
        "wagtail_events.exchange.frab_report",
        "wagtail_events.exchange.frab_import_rooms",
        "wagtail_events.exchange.frab_import_people",
    ),
    "wagtail_events.jsonld": (
        "wagtail_events.exchange.jsonld",
        "wagtail_events.exchange.jsonld_parts",
        "wagtail_events.exchange.jsonld_programme",
    ),
    "wagtail_events.languages": ("wagtail_events.i18n.languages",),
    "wagtail_events.listing": ("wagtail_events.occurrences.listing",),
    "wagtail_events.privacy": ("wagtail_events.registration.privacy",),
    "wagtail_events.recurrence": (
        "wagtail_events.occurrences.recurrence",
        "wagtail_events.occurrences.rules",
        "wagtail_events.occurrences.stored",
    ),
    "wagtail_events.registration_forms": (
        "wagtail_events.registration.forms",
        "wagtail_events.registration.choices",
    ),
    "wagtail_events.registration_views": (
        "wagtail_events.registration.views",
        "wagtail_events.registration.availability",
    ),
    "wagtail_events.registrations": (
        "wagtail_events.registration.writer",
        "wagtail_events.registration.changes",
        "wagtail_events.registration.availability",
        "wagtail_events.registration.session_choices",
        "wagtail_events.registration.keys",
        "wagtail_events.registration.errors",
    ),
    "wagtail_events.translation_sync": ("wagtail_events.i18n.sync",),
    "wagtail_events.validation": ("wagtail_events.editing.validation",),
    "wagtail_events.visibility": ("wagtail_events.models.visibility",),
    "wagtail_events.widgets": ("wagtail_events.models.widgets",),
    "wagtail_events.sessions_admin": ("wagtail_events.models.panels",),
}


class MovedModule(types.ModuleType):
    """Stands at an old path; every attribute comes from the new modules."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        for target in MOVED[self.__name__]:
            module = importlib.import_module(target)
            if hasattr(module, name):
                return getattr(module, name)
        raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")

    def __dir__(self):
        names = set()
        for target in MOVED[self.__name__]:
            names.update(dir(importlib.import_module(target)))
        return sorted(names)


class MovedFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds the old paths only; consulted after every other finder."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return MovedModule(spec.name)

    def exec_module(self, module):
        new = " and ".join(MOVED[module.__name__])
        warnings.warn(
            f"{module.__name__} has moved to {new}; the old path goes in 1.0.",
            DeprecationWarning,
            # Point at the import statement, not at the import machinery.
            skip_file_prefixes=("<frozen importlib", __file__),
        )


def install():
    if not any(isinstance(finder, MovedFinder) for finder in sys.meta_path):
        sys.meta_path.append(MovedFinder())
