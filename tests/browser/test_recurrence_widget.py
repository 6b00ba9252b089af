"""The recurrence widget and Wagtail's date-time picker on the same page editor.

django-recurrence's own widget media loads Django admin's jQuery over Wagtail's,
which broke every date-time picker of the editor. Here an editor adds a weekly
rule in the "Repeats" panel, changes the start with the date-time picker and
publishes, with no script error on the way.
"""

import re

import pytest
from django.urls import reverse

from tests import factories as f
from tests.browser.conftest import WIDE, log_in
from wagtail_events.models import WorkshopPage


pytestmark = [
    pytest.mark.browser,
    # The live server needs committed data; serialized_rollback brings back the
    # Wagtail root page and default site that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def workshop():
    # A workshop on its own: a session of a conference cannot repeat.
    return f.workshop(
        f.event_index(),
        f.local(2024, 4, 19, 10, 15),
        f.local(2024, 4, 19, 11, 45),
        title="Welcoming newcomers at the counter",
    )


def test_recurrence_and_date_time_picker_on_the_same_editor(
    open_page, live_server, workshop, superuser, artifacts_dir
):
    watched = open_page(WIDE)
    page = watched.page
    log_in(page, live_server, superuser)

    response = page.goto(
        live_server.url + reverse("wagtailadmin_pages:edit", args=[workshop.pk])
    )
    assert response.status == 200

    # The widget's media keeps Wagtail's jQuery: no second copy, no jquery.init.js.
    scripts = page.eval_on_selector_all("script[src]", "els => els.map(e => e.src)")
    assert not [s for s in scripts if "/admin/js/vendor/jquery/" in s], scripts
    assert not [s for s in scripts if "/admin/js/jquery.init.js" in s], scripts
    assert any("recurrence/js/recurrence-widget.js" in s for s in scripts)
    assert page.evaluate("() => window.django.jQuery === window.jQuery")
    assert page.evaluate("() => typeof window.jQuery.fn.datetimepicker") == "function"

    page.get_by_role("tab", name="When and where").click()

    # "Repeats" is collapsed; the widget was made once, while it was hidden.
    toggle = page.locator(
        "button[data-panel-toggle][aria-controls$='-repeats-content']"
    )
    assert toggle.get_attribute("aria-expanded") == "false"
    textarea = page.locator("textarea#id_recurrence")
    widget = page.locator("div.recurrence-widget")
    assert widget.count() == 1
    assert textarea.get_attribute("data-recurrence-ready") == "true"
    assert not widget.is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert widget.is_visible()
    assert not textarea.is_visible()

    # A weekly rule on Wednesdays, six times.
    widget.locator("a.add-rule").click()
    rule = widget.locator("div.panel form").first
    assert rule.is_visible()
    rule.locator("select[name=freq]").select_option(label="Weekly")
    rule.locator(".weekly td", has_text="Wed").click()
    rule.locator("input[name=limit]").check()
    rule.locator("input[name=until_count][value=count]").check()
    count = rule.locator("input[name=count]")
    count.fill("6")
    count.dispatch_event("change")
    assert widget.locator(".panel .header a.recurrence-label").text_content() == (
        "Weekly, each Wednesday, occuring 6 times"
    )
    value = textarea.input_value()
    assert "FREQ=WEEKLY" in value
    assert "BYDAY=WE" in value
    assert "COUNT=6" in value

    # The start: Wagtail's date-time picker opens on the field...
    start = page.locator("#id_start")
    picker = page.locator(".xdsoft_datetimepicker:visible")
    away = page.locator(
        "#panel-child-when_and_where-child-repeats-child-recurrence-helptext"
    )
    start.click()
    picker.wait_for()
    assert picker.count() == 1
    assert page.evaluate(
        "() => Boolean(jQuery('#id_start').data('xdsoft_datetimepicker'))"
    )
    # ...the new start is typed into it...
    start.fill("2024-04-19 10:30")
    away.click()
    picker.wait_for(state="hidden")
    # ...and the picker opens again on the typed date.
    start.click()
    picker.wait_for()
    current_day = picker.locator("td.xdsoft_date.xdsoft_current")
    assert current_day.get_attribute("data-year") == "2024"
    assert current_day.get_attribute("data-month") == "3"  # zero-based: April
    assert current_day.get_attribute("data-date") == "19"
    away.click()
    picker.wait_for(state="hidden")
    assert start.input_value() == "2024-04-19 10:30"

    widget.scroll_into_view_if_needed()
    page.screenshot(path=artifacts_dir / "recurrence-widget-editor.png")

    page.locator("footer .w-dropdown__toggle").first.click()
    publish = page.locator("button[name=action-publish]")
    publish.click()
    page.wait_for_url(
        live_server.url
        + reverse("wagtailadmin_explore", args=[workshop.get_parent().pk])
    )

    workshop = WorkshopPage.objects.get(pk=workshop.pk)
    assert workshop.live
    assert workshop.start == f.local(2024, 4, 19, 10, 30)
    assert workshop.end == f.local(2024, 4, 19, 11, 45)
    [rrule] = workshop.recurrence.rrules
    assert rrule.to_text() == "weekly, each Wednesday, occuring 6 times"
    assert (rrule.freq, rrule.byday, rrule.count) == (2, [2], 6)

    watched.assert_clean()


def test_widgets_rendered_later_are_made_once(
    open_page, live_server, workshop, superuser
):
    watched = open_page(WIDE, timezone_id="Europe/Brussels")
    page = watched.page
    log_in(page, live_server, superuser)
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[workshop.pk]))
    widgets = page.locator("div.recurrence-widget")
    assert widgets.count() == 1

    # A field added after the page loaded (as Wagtail does for inline rows and
    # re-rendered form parts) becomes a widget; a formset template's does not.
    page.evaluate(
        """() => {
            const holder = document.createElement('div');
            holder.id = 'later';
            holder.innerHTML =
                '<textarea class="recurrence-widget" id="id_later"></textarea>' +
                '<textarea class="recurrence-widget" id="id___prefix__-r"></textarea>';
            document.body.appendChild(holder);
        }"""
    )
    page.locator("#later div.recurrence-widget").wait_for(state="attached")
    assert page.locator("#later div.recurrence-widget").count() == 1
    assert widgets.count() == 2

    # Moving a field that is already a widget (reordering) does not make another.
    page.evaluate(
        """() => {
            const textarea = document.getElementById('id_recurrence');
            textarea.parentNode.appendChild(textarea);
        }"""
    )
    page.wait_for_timeout(100)
    assert widgets.count() == 2

    # The "Repeat until" calendar opens under its button, wherever the editor is
    # scrolled to.
    page.get_by_role("tab", name="When and where").click()
    page.locator("button[data-panel-toggle][aria-controls$='-repeats-content']").click()
    widget = widgets.first
    widget.locator("a.add-rule").click()
    widget.locator("input[name=limit]").check()
    button = widget.locator("a.calendar-button")
    button.scroll_into_view_if_needed()
    button.click()
    calendar = page.locator("table.recurrence-calendar")
    calendar.wait_for()
    button_box, calendar_box = button.bounding_box(), calendar.bounding_box()
    assert abs(calendar_box["x"] - button_box["x"]) < 2
    # Under the button, or above it when the window has no room below.
    below = abs(calendar_box["y"] - (button_box["y"] + button_box["height"]))
    above = abs(calendar_box["y"] + calendar_box["height"] - button_box["y"])
    assert min(below, above) < 2, (button_box, calendar_box)
    calendar.locator("td.day", has_text="15").first.click()
    calendar.wait_for(state="detached")
    # The picked day at UTC midnight, not the browser's midnight in UTC (the day
    # before at 23:00 from Brussels).
    assert re.search(r"UNTIL=\d{6}15T000000Z", page.input_value("#id_recurrence"))

    # Enter in the only field of an added date keeps the editor (the widget's
    # nested <form> would otherwise be submitted, dropping every edit).
    url = page.url
    widget.locator("a.add-date").click()
    date_field = widget.locator("form.date input.date-field")
    date_field.fill("2024-05-08")
    date_field.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == url
    assert "RDATE:20240508T000000Z" in page.input_value("#id_recurrence")

    watched.assert_clean()
