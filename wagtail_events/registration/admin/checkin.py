"""The printable check-in list of an event (or of one of its dates): the people
holding a place, alphabetical, to tick off at the door, and after the event the
no-shows. Ticking marks them attended (``changes.mark_attended``).

The page reads with a fixed number of queries, whatever the number of people.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages

from .. import changes
from ..errors import RegistrationRefused
from ..keys import occurrence_key as key_of
from ..keys import occurrence_start
from .common import (
    EventRegistrationsMixin,
    S,
    can_change,
    date_label,
    display_name,
    local_end,
    url,
    when_label,
)


def checkin_url(key, occurrence_key=""):
    base = url("checkin", key)
    return base + "?" + urlencode({"date": occurrence_key}) if occurrence_key else base


class CheckInView(EventRegistrationsMixin, TemplateView):
    """GET: the people holding a place on one date, alphabetical, to tick off at
    the door (and print). POST: mark the ticked ones as attended."""

    template_name = "wagtail_events/admin/registrations/checkin.html"
    page_title = gettext_lazy("Check-in list")

    @cached_property
    def occurrence_key(self):
        key = self.request.GET.get("date", "")
        # Only a date's key, as the keys are written, is looked up: anything
        # else (a NUL character, which PostgreSQL refuses in a query and Python's
        # date parser lets through at the end, too long a value) is not found.
        start = occurrence_start(key) if key else None
        if key and (start is None or key_of(start) != key):
            raise Http404
        if key and not self.registrations().filter(occurrence_key=key).exists():
            raise Http404
        return key

    def dates(self):
        keys = (
            self.registrations()
            .order_by("occurrence_key")
            .values_list("occurrence_key", flat=True)
            .distinct()
        )
        return [
            {
                "label": date_label(self.page, key, self.moved),
                "url": checkin_url(self.event_key, key),
                "current": key == self.occurrence_key,
            }
            for key in keys
        ]

    def get_page_subtitle(self):
        subtitle = super().get_page_subtitle()
        when = when_label(self.page, self.occurrence_key, self.moved)
        return f"{subtitle}, {when}" if when else subtitle

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        people = list(
            self.registrations()
            .filter(
                occurrence_key=self.occurrence_key, status__in=(S.CONFIRMED, S.ATTENDED)
            )
            .order_by(Lower("name"), "pk")
        )
        for person in people:
            person.display_name = display_name(person)
        end = local_end(self.page, self.occurrence_key, self.moved)
        is_over = end is not None and end <= timezone.now()
        context.update(
            people=people,
            dates=self.dates(),
            occurrence_key=self.occurrence_key,
            when=when_label(self.page, self.occurrence_key, self.moved),
            is_over=is_over,
            no_shows=[p for p in people if p.status == S.CONFIRMED] if is_over else [],
            attended_count=sum(p.status == S.ATTENDED for p in people),
        )
        return context

    def post(self, request, event_key):
        if not can_change(request.user):
            raise PermissionDenied
        back = checkin_url(self.event_key, self.occurrence_key)
        raw_ids = request.POST.getlist("attended")
        try:
            ids = {int(value) for value in raw_ids}
        except ValueError:
            messages.error(request, _("The list was not sent right: nothing changed."))
            return redirect(back)
        if not ids:
            messages.warning(request, _("Nobody was ticked: nothing changed."))
            return redirect(back)
        on_list = list(
            self.registrations().filter(pk__in=ids, occurrence_key=self.occurrence_key)
        )
        marked, refused = 0, []
        for registration in on_list:
            try:
                changes.mark_attended(registration)
            except RegistrationRefused:
                refused.append(display_name(registration))
            else:
                marked += 1
        if marked:
            messages.success(
                request,
                ngettext(
                    "Marked %(count)s person as attended.",
                    "Marked %(count)s people as attended.",
                    marked,
                )
                % {"count": marked},
            )
        if refused:
            messages.error(
                request,
                _("Not marked, as they hold no place: %(names)s.")
                % {"names": ", ".join(refused)},
            )
        if len(on_list) < len(ids):
            messages.error(
                request,
                ngettext(
                    "%(count)s of the ticked registrations is not on this list: "
                    "it was left unchanged.",
                    "%(count)s of the ticked registrations are not on this list: "
                    "they were left unchanged.",
                    len(ids) - len(on_list),
                )
                % {"count": len(ids) - len(on_list)},
            )
        return redirect(back)


def urlpatterns():
    return [
        path("event/<uuid:event_key>/check-in/", CheckInView.as_view(), name="checkin"),
    ]
