"""Signals the exchange package sends.

``schedule_imported``: a schedule file was imported into a conference (not a dry
run), once the import's transaction has committed. Arguments: ``conference``.
The import publishes the sessions it changes, but it may also move the dates of
a conference that has a draft (without publishing it) and edit its rooms and
speakers: a receiver that keeps something in step with the programme (the
front-end cache, see ``frontend_cache``) listens here.
"""

from django.dispatch import Signal


schedule_imported = Signal()
