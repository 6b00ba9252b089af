/* wagtail_events: a visitor's own agenda on a conference programme.
   A star button on every timed entry (sessions, each run of a site visit,
   plenaries, breaks), the choice kept in this browser (localStorage, one entry
   per conference; no cookie, no request) and a link to agenda.ics with the
   starred entries. Without JavaScript none of this shows.

   Stars are entry keys (Slot.key: a session's translation key, "-run2" for a
   further run, "item-" and a key for a programme item), kept under the
   conference's translation key: both are the same in every language, so the
   agenda survives a switch of language. Agendas saved before (page ids, under the
   conference's page id) are read once and turned into keys.

   Also here, as the programme's only script: "only my starred entries"
   (#starred in the address) and the visitor's own time zone. */
(function () {
    "use strict";
    var box = document.querySelector("[data-we-agenda]");
    if (!box) return;
    var key = "wagtail_events:agenda:" + (box.getAttribute("data-we-agenda-key") || box.getAttribute("data-we-agenda"));
    var oldKey = "wagtail_events:agenda:" + box.getAttribute("data-we-agenda");
    var link = box.querySelector(".we-agenda__download");
    // Keys are letters, digits and hyphens: anything else in storage is left out.
    var KEY = /^[A-Za-z0-9-]{1,80}$/;

    function read(name) {
        try {
            var value = JSON.parse(localStorage.getItem(name) || "[]");
            return Array.isArray(value) ? value.map(String).filter(function (entry) {
                return KEY.test(entry);
            }) : [];
        } catch (error) {
            return []; // storage blocked or spoilt: start afresh
        }
    }

    function place(entry) {
        return document.querySelector('[data-we-entry="' + entry + '"]');
    }

    function load() {
        var entries = read(key);
        if (!entries.length && oldKey !== key) {
            // An agenda of page ids from before entries had keys: a page id is
            // the session (its first run) on this page.
            entries = read(oldKey).map(function (id) {
                if (!/^\d+$/.test(id)) return id;
                var found = document.querySelector('[data-we-session-id="' + id + '"]');
                return found ? found.getAttribute("data-we-entry") : "";
            }).filter(Boolean);
        }
        return entries;
    }

    var chosen = load();

    function save() {
        try {
            localStorage.setItem(key, JSON.stringify(chosen));
        } catch (error) {
            // Private windows may refuse: the choice lasts until the page closes.
        }
    }

    function label(title) {
        // A function, so that "$&" and the like in a title stay as they are.
        return box.getAttribute("data-we-label").replace("{title}", function () {
            return title;
        });
    }

    var show = function () {
        document.querySelectorAll(".we-star").forEach(function (button) {
            var on = chosen.indexOf(button.value) >= 0;
            button.setAttribute("aria-pressed", String(on));
            button.firstChild.textContent = on ? "\u2605" : "\u2606";
        });
        // Only entries still in the programme: starred ones may have gone since.
        var present = chosen.filter(place);
        // "entries" holds every starred key; "sessions" the page ids of the
        // starred sessions that have one entry only (a page id stands for every
        // run of a site visit), which agenda.ics has read from the start.
        var ids = [];
        present.forEach(function (entry) {
            var id = place(entry).getAttribute("data-we-session-id");
            if (!id || ids.indexOf(id) >= 0) return;
            var runs = document.querySelectorAll('[data-we-session-id="' + id + '"]:not([data-we-entry="' + entry + '"])');
            if (!runs.length) ids.push(id);
        });
        var query = [];
        if (ids.length) query.push("sessions=" + ids.join(","));
        if (present.length) query.push("entries=" + present.join(","));
        link.href = box.getAttribute("data-we-agenda-url") + "?" + query.join("&");
        link.parentNode.hidden = !present.length;
        box.querySelector(".we-agenda__empty").hidden = present.length > 0;
    };

    document.querySelectorAll("[data-we-entry]").forEach(function (spot) {
        var entry = spot.getAttribute("data-we-entry");
        if (!KEY.test(entry)) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "we-star";
        button.value = entry;
        // One name whatever the state (the toggle-button pattern): aria-pressed
        // says whether it is starred.
        button.setAttribute("aria-label", label(spot.getAttribute("data-we-entry-title")));
        button.appendChild(document.createElement("span")).setAttribute("aria-hidden", "true");
        button.addEventListener("click", function () {
            var at = chosen.indexOf(entry);
            if (at >= 0) chosen.splice(at, 1);
            else chosen.push(entry);
            save();
            show();
        });
        spot.appendChild(button);
    });
    box.hidden = false;
    if (chosen.length) save(); // an agenda read from page ids is kept as keys
    show();
    // Another tab of the same programme changed the agenda.
    window.addEventListener("storage", function (event) {
        if (event.key === key) {
            chosen = read(key);
            show();
        }
    });

    // "Only my starred entries": the other entries (and the days without a
    // starred one) hidden, the state in the address (#starred) so that a
    // reload or a shared link keeps it. The grid keeps its places: an entry
    // stays at its time and in its room.
    var only = box.querySelector(".we-agenda__only");
    var programme = document.getElementById("programme");
    function showOnly(on) {
        only.setAttribute("aria-pressed", String(on));
        programme.querySelectorAll(".we-day").forEach(function (day) {
            var any = false;
            day.querySelectorAll(".we-slot").forEach(function (entry) {
                var spot = entry.querySelector("[data-we-entry]");
                var keep = !on || (spot !== null && chosen.indexOf(spot.getAttribute("data-we-entry")) >= 0);
                entry.hidden = !keep;
                any = any || keep;
            });
            day.hidden = !any;
        });
        box.querySelector(".we-agenda__none").hidden = !on || chosen.filter(place).length > 0;
    }
    if (only && programme) {
        only.hidden = false;
        only.addEventListener("click", function () {
            var on = only.getAttribute("aria-pressed") !== "true";
            history.replaceState(null, "", on ? "#starred" : location.pathname + location.search + "#programme");
            showOnly(on);
        });
        window.addEventListener("hashchange", function () {
            showOnly(location.hash === "#starred");
        });
        var shown = show;
        show = function () {
            shown();
            if (only.getAttribute("aria-pressed") === "true") showOnly(true);
        };
        showOnly(location.hash === "#starred");
        if (location.hash === "#starred") programme.scrollIntoView();
    }

    // The visitor's own time zone: the programme's times are written in it (and
    // back) in place, the grid and the days staying the programme's. The page's
    // button (localtime.js, "we:localtime") does it where the page states the
    // programme's zone; the programme's own button where it states another.
    var own = "";
    try {
        own = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
        own = "";
    }
    var zone = programme && programme.getAttribute("data-we-zone");
    function writeTimes(on) {
        var clock = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
            hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: own
        });
        programme.querySelectorAll(".we-slot time[datetime*='T']").forEach(function (time) {
            if (!time.hasAttribute("data-we-text")) time.setAttribute("data-we-text", time.textContent);
            time.textContent = on ? clock.format(new Date(time.getAttribute("datetime"))) : time.getAttribute("data-we-text");
        });
    }
    if (programme && zone && own && own !== zone) {
        document.addEventListener("we:localtime", function (event) { writeTimes(event.detail.shown); });
        var toggle = programme.querySelector(".we-zone-toggle");
        if (toggle) {
            var statement = programme.querySelector(".we-programme__zone-text");
            var eventStatement = statement.textContent;
            var ownLabel = toggle.getAttribute("data-we-own-label").replace("{zone}", own);
            toggle.textContent = ownLabel;
            toggle.hidden = false;
            toggle.addEventListener("click", function () {
                var on = toggle.getAttribute("aria-pressed") !== "true";
                toggle.setAttribute("aria-pressed", String(on));
                toggle.textContent = on ? toggle.getAttribute("data-we-event-label") : ownLabel;
                statement.textContent = on ? toggle.getAttribute("data-we-own-statement").replace("{zone}", own) : eventStatement;
                writeTimes(on);
            });
        }
    }
})();
