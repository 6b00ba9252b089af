/* wagtail_events: the visitor's own time, offered where their browser's time zone
   differs from the one a page states ([data-we-zone], "Times are Brussels time").
   A button shows, after every <time datetime="…T…±hh:mm">, the same instant in the
   visitor's zone; pressed again, it hides them. Without JavaScript, or in the
   page's own zone, nothing changes. Labels come from data- attributes on the
   statement (data-we-show, data-we-hide, data-we-yours), in the page's language.
   Any script may call weLocalTime.refresh() after adding <time> elements. */
(function () {
    "use strict";
    var visitor;
    try { visitor = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    var notes = document.querySelectorAll(".we-zone[data-we-zone]");
    var shown = false;
    var lang = document.documentElement.lang || undefined;
    var full = /T\d\d:\d\d/;

    function differs(el) {
        var when = new Date(el.getAttribute("datetime"));
        if (isNaN(when)) { return false; }
        // Same wall clock in both zones (another name for the same offset): nothing to offer.
        var there = el.getAttribute("datetime").slice(11, 16);
        var here = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(when);
        return there !== here;
    }

    function label(el, yours) {
        var when = new Date(el.getAttribute("datetime"));
        // The weekday tells a visitor far away that the day is not theirs.
        var text = new Intl.DateTimeFormat(lang, { weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(when);
        var span = document.createElement("span");
        span.className = "we-localtime";
        span.textContent = " (" + yours + " " + text + ")";
        return span;
    }

    // The programme's entries are rewritten in place by agenda.js (a grid has no
    // room for a second time), on the "we:localtime" event sent below.
    function times(all) {
        return Array.prototype.filter.call(document.querySelectorAll("time[datetime]"), function (el) {
            return full.test(el.getAttribute("datetime")) && (all || !el.closest(".we-programme .we-slot"));
        });
    }

    function clear() {
        Array.prototype.forEach.call(document.querySelectorAll(".we-localtime"), function (el) { el.remove(); });
    }

    function refresh() {
        clear();
        if (!shown) { return; }
        var yours = notes[0].getAttribute("data-we-yours") || "";
        times().forEach(function (el) {
            if (differs(el)) { el.after(label(el, yours)); }
        });
    }

    Array.prototype.forEach.call(notes, function (note) {
        if (note.getAttribute("data-we-zone") === visitor || !times(true).some(differs)) { return; }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "we-localtime-toggle";
        button.setAttribute("aria-pressed", "false");
        button.textContent = note.getAttribute("data-we-show") + " (" + visitor + ")";
        button.addEventListener("click", function () {
            shown = !shown;
            Array.prototype.forEach.call(document.querySelectorAll(".we-localtime-toggle"), function (b) {
                b.setAttribute("aria-pressed", String(shown));
            });
            refresh();
            document.dispatchEvent(new CustomEvent("we:localtime", { detail: { shown: shown, zone: visitor } }));
        });
        note.append(" ", button);
    });
    window.weLocalTime = { refresh: refresh, visitorZone: visitor };
}());
