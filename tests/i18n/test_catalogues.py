"""The interface's translation catalogues (Dutch, French, German): every entry
translated, the compiled .mo the same as the .po, every string marked in the
package in the catalogues, and the placeholders of each translation those of
the English.

A string newly marked in the code or a template fails here until `make
messages` has added it and someone has translated it. Needs GNU gettext
(xgettext, msgmerge, msgfmt): without it the tests fail, they never skip.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest


PACKAGE = Path(__file__).resolve().parents[2] / "wagtail_events"
LANGUAGES = ("nl", "fr", "de")
PLURAL_FORMS = {
    "nl": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "de": "nplurals=2; plural=(n != 1);",
}
GETTEXT_PROGRAMS = ("xgettext", "msgmerge", "msgfmt")
HOW_TO_FIX = (
    "Run `make messages`, translate the new or changed entries in "
    "wagtail_events/locale/<language>/LC_MESSAGES/django.po (no fuzzy flags "
    "left), then `make compilemessages`."
)
# %(name)s, %(count)d, %s; and {name} (filled in by JavaScript). "%%" is a
# literal percent sign.
PLACEHOLDER = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{[A-Za-z_]\w*\}"
)


def po_path(language):
    return PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"


def po(language):
    return polib.pofile(str(po_path(language)))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def describe(entry_or_key):
    """An entry (or its key) as the failure lists it: [context] 'msgid' (plural
    'msgid_plural')  (files)."""
    is_key = isinstance(entry_or_key, tuple)
    context, msgid, plural = entry_or_key if is_key else key(entry_or_key)
    text = f"{msgid!r}" + (f" (plural {plural!r})" if plural else "")
    if context:
        text = f"[{context}] {text}"
    if not is_key and entry_or_key.occurrences:
        places = sorted({path for path, _line in entry_or_key.occurrences})
        text += f"  ({', '.join(places)})"
    return text


def listing(lines):
    return "\n".join(f"  - {line}" for line in lines)


def translation(entry):
    if entry.msgid_plural:
        return tuple(sorted((int(n), text) for n, text in entry.msgstr_plural.items()))
    return entry.msgstr


def require_gettext():
    missing = [name for name in GETTEXT_PROGRAMS if shutil.which(name) is None]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found on PATH. The catalogue checks need GNU "
            "gettext: install the `gettext` package (Debian/Ubuntu: apt-get "
            "install gettext; .ci/run does)."
        )


def test_every_shipped_catalogue_is_checked():
    """A catalogue added for another language is checked here too (add it to
    LANGUAGES, PLURAL_FORMS and the Makefile's LANGUAGES)."""
    shipped = {path.name for path in (PACKAGE / "locale").iterdir() if path.is_dir()}
    assert shipped == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated(language):
    catalogue = po(language)
    problems = []
    for entry in catalogue:
        if entry.obsolete:
            problems.append(f"obsolete (#~), delete it: {describe(entry)}")
        elif entry.fuzzy:
            problems.append(f"fuzzy, check it and remove the flag: {describe(entry)}")
        elif not entry.translated():
            problems.append(f"untranslated: {describe(entry)}")
    header = catalogue.metadata
    if header.get("Language") != language:
        problems.append(f"header Language is {header.get('Language')!r}")
    if header.get("Plural-Forms") != PLURAL_FORMS[language]:
        problems.append(
            f"header Plural-Forms is {header.get('Plural-Forms')!r}, "
            f"not {PLURAL_FORMS[language]!r}"
        )
    assert not problems, (
        f"{po_path(language).relative_to(PACKAGE.parent)}: {len(problems)} "
        f"problem(s) in {len(catalogue)} entries:\n{listing(problems)}\n{HOW_TO_FIX}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_po(language):
    """What Django reads (.mo) is what the translators wrote (.po)."""
    source = po(language)
    written = {
        key(entry): translation(entry)
        for entry in source
        if entry.translated() and not entry.obsolete and not entry.fuzzy
    }
    compiled_path = po_path(language).with_suffix(".mo")
    assert compiled_path.exists(), f"{compiled_path} is missing. {HOW_TO_FIX}"
    compiled = {
        key(entry): translation(entry)
        for entry in polib.mofile(str(compiled_path))
        if entry.msgid
    }
    problems = [
        f"not compiled: {describe(k)}"
        for k in sorted(written.keys() - compiled.keys(), key=str)
    ]
    problems += [
        f"compiled but not in the .po: {describe(k)}"
        for k in sorted(compiled.keys() - written.keys(), key=str)
    ]
    problems += [
        f"compiled translation differs: {describe(k)}: {compiled[k]!r} != {written[k]!r}"
        for k in sorted(written.keys() & compiled.keys(), key=str)
        if compiled[k] != written[k]
    ]
    assert not problems, (
        f"{compiled_path.name} of {language} is out of date with its .po:\n"
        f"{listing(problems)}\nRun `make compilemessages`."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalogue(language):
    """msgfmt --check: the header, the plural forms and the format strings."""
    require_gettext()
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file", os.devnull, str(po_path(language))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"msgfmt --check {language}:\n{result.stderr}"


def test_the_catalogues_hold_every_marked_string(tmp_path):
    """The strings marked in the package now, collected the way `make messages`
    collects them (in a copy, so the catalogues stay as they are), are the
    entries of each catalogue: none missing, none left over."""
    require_gettext()
    copy = tmp_path / "wagtail_events"
    shutil.copytree(
        PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "__pycache__")
    )
    (copy / "locale").mkdir()
    # Django's default settings, as in the Makefile; -P so that the package's
    # calendar.py does not hide the standard library's.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "--locale=nl"]
        + ["--no-obsolete", "--add-location=file"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stderr}"
    marked = {
        key(entry): entry
        for entry in polib.pofile(str(copy / "locale/nl/LC_MESSAGES/django.po"))
    }
    assert len(marked) > 100, f"makemessages found only {len(marked)} strings"
    problems = []
    for language in LANGUAGES:
        catalogue = {key(entry) for entry in po(language) if not entry.obsolete}
        problems += [
            f"{language}: not in the catalogue: {describe(marked[k])}"
            for k in sorted(marked.keys() - catalogue, key=str)
        ]
        problems += [
            f"{language}: no longer marked anywhere: {describe(k)}"
            for k in sorted(catalogue - marked.keys(), key=str)
        ]
    assert not problems, (
        f"The catalogues do not match the strings marked in the package:\n"
        f"{listing(problems)}\n{HOW_TO_FIX}"
    )


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    """Each translation has the placeholders of its English: one missing loses
    the event's title or date, one too many breaks the page."""
    problems = []
    for entry in po(language):
        if entry.obsolete or not entry.translated():
            continue
        if not entry.msgid_plural:
            if placeholders(entry.msgstr) != placeholders(entry.msgid):
                problems.append(
                    f"{describe(entry)}: {entry.msgstr!r} has "
                    f"{sorted(placeholders(entry.msgstr).elements())}, the English "
                    f"{sorted(placeholders(entry.msgid).elements())}"
                )
            continue
        # Plural forms: the first may leave out the number ("one place"); none
        # may bring one of its own, and the others have the plural's.
        english = set(placeholders(entry.msgid)) | set(placeholders(entry.msgid_plural))
        plural = set(placeholders(entry.msgid_plural))
        for n, text in sorted(entry.msgstr_plural.items()):
            found = set(placeholders(text))
            if not found <= english or (int(n) > 0 and found != plural):
                problems.append(
                    f"{describe(entry)} form {n}: {text!r} has {sorted(found)}, "
                    f"the English {sorted(plural if int(n) > 0 else english)}"
                )
    assert not problems, (
        f"Placeholders changed in the {language} catalogue:\n{listing(problems)}"
    )
