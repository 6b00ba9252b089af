"""What registrations are filed under, and the tokens of their cancellation links.

Registrations belong to an event, not to one translation of its page: they are
filed under the page's ``translation_key`` (``event_key``), so that every
translation shares the same places. An event with several dates (a repeating
event, a site visit with further runs) is registered for one date at a time,
filed under that date's ``occurrence_key``: the start its rule gave,
``original_start``, in UTC. It stays the same when an editor moves the date, so
the registrations follow the date. A one-off event has the key ``""``.

Each event and date has a capacity row (``EventCapacity``) under the same keys.
Whoever changes who holds a place (``writer``, ``changes``, ``amend``) locks it
first (``lock``, ``lock_all``: one query), so that two people never take the
last place at once.

A registrant's link (``<event page>/cancel/<token>/``: see, change or cancel
the registration) carries ``link_token()``: the registration's public id with a
keyed hash of it (Django's ``salted_hmac``, with ``SECRET_KEY`` and its
fallbacks), so that every e-mail, a reminder weeks later as well, can carry the
same link without the token being stored anywhere. Only a hash of it is stored
(``cancellation_token_hash``), as for the random tokens (``new_token``) of
registrations made before, whose links keep working (``find_by_token``).
"""

import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db.models import Q
from django.utils.crypto import constant_time_compare, salted_hmac

from ..models.registration import EventCapacity, Registration
from .errors import InvalidInvitationCode, InvalidToken


# A token longer than this is refused before any lookup.
TOKEN_MAX_LENGTH = 128
_LINK_SALT = "wagtail_events.registration.link"


def event_key(page):
    """Registrations belong to the event, not to one translation of its page."""
    return page.translation_key


def occurrence_key(occurrence=None):
    """The key places of one date are counted under: "" for the whole event, else
    the start the rule gave the date (``original_start``, an ``Occurrence`` or an
    aware date-time) in UTC, so that moving a date keeps its registrations."""
    if occurrence is None or occurrence == "":
        return ""
    start = getattr(occurrence, "original_start", occurrence)
    return start.astimezone(datetime.UTC).isoformat()


def occurrence_start(key):
    """The inverse of ``occurrence_key()``: the aware start the key names, or None
    for "" (the whole event) and for anything that is not such a key."""
    if not key:
        return None
    try:
        start = datetime.datetime.fromisoformat(key)
    except ValueError:
        return None
    return start if start.tzinfo is not None else None


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def new_token():
    return secrets.token_urlsafe(32)


def _link_mac(public_id, secret=None):
    return salted_hmac(
        _LINK_SALT, str(public_id), secret=secret, algorithm="sha256"
    ).hexdigest()[:40]


def link_token(registration):
    """The token of the registrant's link: the same in every e-mail."""
    return f"{registration.public_id.hex}-{_link_mac(registration.public_id)}"


def find_by_token(token):
    """The registration a link's token belongs to, erased ones excepted; raises
    ``InvalidToken``. A ``link_token()`` is checked against ``SECRET_KEY`` and
    its fallbacks (a rotated key keeps links working); a random token of a
    registration made before them, by its stored hash."""
    if not isinstance(token, str) or not token or len(token) > TOKEN_MAX_LENGTH:
        raise InvalidToken("unknown or invalid link")
    registration = None
    public_id, _dash, mac = token.partition("-")
    if mac and len(public_id) == 32:
        try:
            public_id = uuid.UUID(hex=public_id)
        except ValueError:
            public_id = None
        secrets_ = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        if public_id is not None and any(
            constant_time_compare(mac, _link_mac(public_id, secret))
            for secret in secrets_
        ):
            registration = Registration.objects.filter(public_id=public_id).first()
    if registration is None:
        registration = Registration.objects.filter(
            cancellation_token_hash=hash_token(token)
        ).first()
    if registration is None or registration.erased_at is not None:
        raise InvalidToken("unknown or invalid link")
    return registration


def lock(key, occ_key=""):
    """Lock the capacity row of an event (and date), creating it if needed.

    Must be called inside ``transaction.atomic()``."""
    return lock_all([(key, occ_key)])[0]


def lock_all(keys):
    """Lock several (event key, occurrence key) rows, creating the missing ones,
    always in the same order (the database's, by key): two transactions that lock
    the same rows then wait for each other instead of each holding one row the
    other needs (a deadlock). One query once the rows exist (``lock_rows``); the
    first registration of an event or date inserts its row first (two more).
    Returns the rows in that order."""
    pairs = sorted({(str(k), o) for k, o in keys})
    if not pairs:
        return []
    rows = lock_rows(pairs)
    if len(rows) < len(pairs):
        # ON CONFLICT DO NOTHING: a row another transaction is inserting at the
        # same moment makes this one wait for it, then skip it.
        EventCapacity.objects.bulk_create(
            [EventCapacity(event_key=k, occurrence_key=o) for k, o in pairs],
            ignore_conflicts=True,
        )
        rows = lock_rows(pairs)
    return rows


def create_rows(keys):
    """Insert the capacity rows of ``keys`` that do not exist yet, before the
    transaction that locks them (``lock_all``): committed at once, so that no
    transaction ever holds one row locked while it inserts another. Inserted
    inside it, a registration could hold row A locked and wait for another's
    uncommitted insert of row B, while that one waits for A: a PostgreSQL
    deadlock. One read once the rows exist (no write: on SQLite a write waits
    for the database's one writer)."""
    pairs = sorted({(str(k), o) for k, o in keys})
    if not pairs:
        return
    wanted = Q()
    for key, occ_key in pairs:
        wanted |= Q(event_key=key, occurrence_key=occ_key)
    present = {
        (str(key), occ_key)
        for key, occ_key in EventCapacity.objects.filter(wanted).values_list(
            "event_key", "occurrence_key"
        )
    }
    missing = [pair for pair in pairs if pair not in present]
    if missing:
        EventCapacity.objects.bulk_create(
            [EventCapacity(event_key=k, occurrence_key=o) for k, o in missing],
            ignore_conflicts=True,
        )


def lock_rows(pairs):
    """``SELECT ... FOR UPDATE`` of the capacity rows of ``pairs``, in one query.
    With ORDER BY, PostgreSQL locks the rows in that order (the lock step runs
    after the sort), the same for every transaction."""
    wanted = Q()
    for key, occ_key in pairs:
        wanted |= Q(event_key=key, occurrence_key=occ_key)
    return list(
        EventCapacity.objects.select_for_update()
        .filter(wanted)
        .order_by("event_key", "occurrence_key")
    )


def check_invitation_code(form, code):
    """The visitor gave the form's invitation code, if it has one: surrounding
    spaces do not count, letter case does. Raises ``InvalidInvitationCode``.

    The one rule: the visitor form asks it to mark the field along with every
    other mistake, and ``writer.register()`` asks it again before it takes a
    place."""
    if not form.invitation_code:
        return
    given = (code or "").strip().encode()
    if not secrets.compare_digest(given, form.invitation_code.strip().encode()):
        raise InvalidInvitationCode()
