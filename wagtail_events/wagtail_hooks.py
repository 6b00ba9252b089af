from wagtail.snippets.models import register_snippet

from .admin.viewsets import EventsViewSetGroup


register_snippet(EventsViewSetGroup)
