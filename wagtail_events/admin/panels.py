"""A read-only panel on the conference editor that lists its sessions by time."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class SessionListPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_events/admin/session_list_panel.html"

        def get_context_data(self, parent_context=None):
            from ..sessions_admin import sessions_of

            context = super().get_context_data(parent_context)
            page = self.instance
            context["sessions"] = sessions_of(page) if page.pk else []
            context["can_add"] = bool(page.pk)
            context["page"] = page
            context["help"] = _(
                "Sessions are pages below the conference. Add a panel, workshop or "
                "site visit as a subpage; it appears here and in the programme."
            )
            return context
