from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    introduction = RichTextField(blank=True)
    subpage_types = ["wagtail_events.EventIndexPage"]
    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    def get_context(self, request, *args, **kwargs):
        from wagtail_events.models import EventIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["event_indexes"] = EventIndexPage.objects.child_of(self).live()
        return context

    class Meta:
        verbose_name = "home page"
