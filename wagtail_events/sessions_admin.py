"""What the conference editor shows about its sessions."""

from .localtime import to_local


def sessions_of(conference):
    """Every session below a conference, drafts included, in programme order."""
    sessions = [
        page
        for page in conference.get_children().specific().defer_streamfields()
        if hasattr(page, "room_id")
    ]
    rooms = {}
    room_ids = {page.room_id for page in sessions if page.room_id}
    if room_ids:
        from .models import Room

        rooms = {room.pk: room.name for room in Room.objects.filter(pk__in=room_ids)}
    sessions.sort(key=lambda page: (page.start, page.title))
    return [
        {
            "page": page,
            "type": page._meta.verbose_name,
            "start": to_local(page.start, conference.time_zone),
            "end": to_local(page.end, conference.time_zone),
            "room": rooms.get(page.room_id, ""),
            "track": page.track,
        }
        for page in sessions
    ]
