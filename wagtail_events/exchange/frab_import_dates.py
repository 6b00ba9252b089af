"""The dates of a conference and of the schedule imported into it: a file whose
events lie outside the conference's days moves the dates (with the editor's
consent: the import screen's checkbox, ``--update-dates``), or the report says
once, clearly, why its sessions there were not imported."""

from django.utils.translation import gettext as _

from ..editing import validation
from ..localtime import to_local
from ..occurrences import rules, stored


def fit(conference, plan, children, report, user, update):
    """Move the conference's dates to the file's, with the editor's consent;
    without it, say once why the file's events are not imported."""
    first, last = plan.first, plan.last
    undated = not rules.is_dated(conference)
    if undated and (first is None or not update):
        # Nothing to import into: sessions take place within the conference's days.
        report.add(
            "conference",
            "skipped",
            conference.title,
            _(
                "The conference's date is to be announced, so the schedule's "
                "sessions were not imported. Allow the import to give the "
                "conference the schedule's dates (on the import screen, or "
                "--update-dates with the import_schedule command), or set its "
                "date first."
            ),
        )
        return
    if first is None or (
        not undated and not validation.outside_conference(first, last, conference)
    ):
        return
    if not update:
        report.add(
            "conference",
            "skipped",
            conference.title,
            _(
                "The schedule runs from %(first)s to %(last)s, outside the "
                "conference's dates (%(start)s to %(end)s), so its sessions "
                "there were not imported. Allow the import to change the "
                "conference's dates (on the import screen, or --update-dates "
                "with the import_schedule command), or change them first."
            )
            % {
                "first": to_local(first, conference.time_zone).date().isoformat(),
                "last": to_local(last, conference.time_zone).date().isoformat(),
                "start": to_local(conference.start, conference.time_zone)
                .date()
                .isoformat(),
                "end": to_local(conference.end, conference.time_zone)
                .date()
                .isoformat(),
            },
        )
        return
    # The file's days, and those of the sessions the conference has already.
    starts = [first] + [page.start for page in children.values()]
    ends = [last] + [page.end for page in children.values()]
    start, end = min(starts), max(ends)
    changes = ["start", "end"]
    if undated:
        # The file gives the date that was to be announced.
        conference.date_to_be_announced = False
        conference.announced_weekday = None
        conference.announced_start_time = conference.announced_end_time = None
        changes.append("date_to_be_announced")
    if conference.live and not conference.has_unpublished_changes:
        conference.start, conference.end = start, end
        conference.save_revision(user=user, log_action=True).publish(user=user)
    else:
        # Keep the editor's draft a draft, with the new dates in it too.
        draft = conference.get_latest_revision_as_object()
        draft.start, draft.end = start, end
        draft.date_to_be_announced = conference.date_to_be_announced
        draft.save_revision(user=user, log_action=True)
        type(conference).objects.filter(pk=conference.pk).update(
            start=start,
            end=end,
            date_to_be_announced=conference.date_to_be_announced,
            announced_weekday=conference.announced_weekday,
            announced_start_time=conference.announced_start_time,
            announced_end_time=conference.announced_end_time,
        )
        conference.start, conference.end = start, end
        if conference.live:
            # update() sends no post_save: the listing's dates and the calendar
            # SEQUENCE follow the live row as a publish would make them.
            stored.materialise(conference)
            stored.record_schedule(conference)
    report.add("conference", "updated", conference.title, changes=changes)
