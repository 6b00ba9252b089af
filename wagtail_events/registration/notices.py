"""What the registration section says about its state, in one place.

One line for each state of a page's registration (``availability.Offer``) in
which a visitor cannot simply register:

==================================== ========================== =================
state                                the editor's notice        else
==================================== ========================== =================
``not_open_yet``                     ``notice_not_open``        “Registration opens on …”
``closed`` (by date, no date left),  ``notice_closed``          “Registration is closed.”,
``started``                                                     “… closed when the event began.”
``full`` (no waiting list), and      ``notice_full``            “This event is full. …”
open with only the waiting list
``cancelled``                        (none: the event is off)   “This event is cancelled …”
==================================== ========================== =================

The section shows the line instead of the form, or above it when newcomers can
only join the waiting list; the form's introduction, prices and cancellation
rules stay visible in every state. The same line answers a visitor whose
registration the writer refused (``views._closed``).
"""

from django.utils.translation import gettext

from ..localtime import to_local
from ..occurrences import dateformat


GENERATED = {
    "not_open_yet": lambda: gettext("Registration has not opened yet."),
    "started": lambda: gettext("Registration closed when the event began."),
    "cancelled": lambda: gettext("This event is cancelled: registration is closed."),
    "closed": lambda: gettext("Registration is closed."),
    "full": lambda: gettext("This event is full. There is no waiting list."),
    "waiting_list": lambda: gettext(
        "Every place is taken. You can join the waiting list: if a place "
        "becomes free, it goes to the next person in line."
    ),
}

# Which of the editor's notices speaks for a state.
EDITORS_NOTICE = {
    "not_open_yet": "notice_not_open",
    "closed": "notice_closed",
    "started": "notice_closed",
    "full": "notice_full",
    "waiting_list": "notice_full",
}


def generated(page, form, state):
    """The package's own line for ``state``; "" for an open registration."""
    if state == "not_open_yet" and form is not None and form.opens_at:
        when = dateformat.formatted(to_local(form.opens_at, page.time_zone), "datetime")
        return gettext("Registration opens on %(when)s") % {"when": when}
    line = GENERATED.get(state)
    if line is not None:
        return line()
    return "" if state == "open" else gettext("Registration is not possible.")


def notice(page, form, state):
    """The line for ``state`` (an ``Offer`` state, or ``"waiting_list"`` for one
    open only to the waiting list): the editor's notice when written, else the
    generated one; "" when open."""
    name = EDITORS_NOTICE.get(state)
    own = getattr(form, name) if form is not None and name else ""
    return own.strip() or generated(page, form, state)


def notice_of(page, form, offer):
    """The line for a page's ``availability.Offer``."""
    state = "waiting_list" if offer.waiting_list_only else offer.state
    return notice(page, form, state)
