from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from wagtail_events.blocks import RegistrationFormBlock


class HomePage(Page):
    introduction = RichTextField(blank=True)
    # A home page promoting an event embeds its registration form with the
    # package's block, as a host site would.
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=["bold", "italic", "link"])),
            ("registration_form", RegistrationFormBlock()),
        ],
        blank=True,
    )
    subpage_types = ["wagtail_events.EventIndexPage"]
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    def get_context(self, request, *args, **kwargs):
        from wagtail_events.models import EventIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["event_indexes"] = EventIndexPage.objects.child_of(self).live()
        return context

    class Meta:
        verbose_name = "home page"
