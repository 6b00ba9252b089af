"""Why registration refuses: exceptions with a ``reason`` code for the message.

Raised by the writer (``writer.register``, ``cancel``, the organiser's actions)
and by the rules it shares with the read model (``availability``); the visitor
form, the result pages and the admin word them. A refusal changes nothing.

* ``RegistrationClosed``: ``"not_open_yet"``, ``"closed"``, ``"cancelled"`` (the
  event, or the conference of a session, is cancelled), ``"started"`` (the
  event has begun and the form sets no later closing) or ``"full"`` (full and no
  waiting list);
* ``InvalidInvitationCode``: ``"invitation_code"`` (the form has a code and the
  visitor gave another one, or none); compared with ``secrets.compare_digest``,
  after stripping surrounding spaces, case-sensitive;
* ``InvalidToken`` (a ``Registration.DoesNotExist``): the cancellation token is
  unknown, tampered with, or not a string;
* ``CancellationRefused``: ``"deadline_passed"`` (after the form's cancellation
  deadline, for someone holding a place) or ``"attended"``;
* ``ChangeRefused``: a registrant's change (``amend``) that cannot be made:
  ``"status"`` (cancelled, declined, attended), ``"closed"`` (registration
  closed or the event began), ``"same_date"``, ``"moved"`` (the date changed
  meanwhile) or ``"already_registered"`` (the address has a registration for
  the new date);
* ``InvalidTransition``: an organiser action that does not apply to the
  registration's status (approving a cancelled registration, ...);
* ``InvalidDate``: ``"required"``, ``"unknown"``, ``"past"`` or ``"cancelled"``
  (the date chosen for an event with several dates);
* ``InvalidSessionChoice``: ``"unknown"``, ``"twice"``, ``"overlap"`` or
  ``"full"`` (the sessions chosen with a conference registration), with the
  ``titles`` of the sessions concerned.
"""

from ..models.registration import Registration


class RegistrationRefused(Exception):
    """Base of the refusals; ``reason`` is a short code for the message."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class RegistrationClosed(RegistrationRefused):
    """Registration is not open (yet, or any more), or the event is full with no
    waiting list: ``reason`` is ``"not_open_yet"``, ``"closed"`` or ``"full"``."""


class InvalidInvitationCode(RegistrationRefused):
    """The form asks for an invitation code and the visitor gave another one."""

    def __init__(self, reason="invitation_code"):
        super().__init__(reason)


class CancellationRefused(RegistrationRefused):
    """``"deadline_passed"`` or ``"attended"``."""


class ChangeRefused(RegistrationRefused):
    """A registrant's own change that cannot be made (``amend``)."""


class InvalidTransition(RegistrationRefused):
    """An organiser action that does not apply to the registration's status."""


class InvalidDate(RegistrationRefused):
    """The date chosen for an event with several dates cannot be chosen:
    ``"required"``, ``"unknown"``, ``"past"`` or ``"cancelled"``."""


class InvalidSessionChoice(RegistrationRefused):
    """Sessions chosen with a conference registration that cannot be taken:
    ``"unknown"``, ``"twice"``, ``"overlap"`` or ``"full"``; ``titles`` names the
    sessions concerned (two for an overlap)."""

    def __init__(self, reason, titles=()):
        super().__init__(reason)
        self.titles = tuple(titles)


class InvalidToken(Registration.DoesNotExist):
    """The cancellation token matches no registration (unknown or tampered)."""
