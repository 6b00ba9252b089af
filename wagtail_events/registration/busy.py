"""A database too busy to take a registration in time: SQLite's "database is
locked" (every writer waits for the one before it, up to the connection's
``timeout``), or PostgreSQL's ``lock_timeout`` (SQLSTATE 55P03) where a site
sets one. The registration view answers it with 503 and "please try again"
(``registration/busy.html``); the transaction was rolled back, so nothing was
saved and sending the form again is safe. Any other database error is a fault
and stays one."""

from django.db import OperationalError


# SQLite's messages for a lock it waited for in vain.
SQLITE_BUSY = ("database is locked", "database table is locked")
# PostgreSQL: lock_not_available.
LOCK_NOT_AVAILABLE = "55P03"

# How long a client should wait before sending again (Retry-After).
RETRY_AFTER_SECONDS = 5


def is_busy(error):
    """Whether ``error`` says the database was too busy, not that it failed."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) == LOCK_NOT_AVAILABLE:
        return True
    return str(error).strip().lower() in SQLITE_BUSY
