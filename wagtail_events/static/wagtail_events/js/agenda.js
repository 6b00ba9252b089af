/* wagtail_events: a visitor's own agenda on a conference programme.
   A star button on every timed entry (sessions, each run of a site visit,
   plenaries, breaks), the choice kept in this browser (localStorage, one entry
   per conference; no cookie, no request) and a link to agenda.ics with the
   starred entries. Without JavaScript none of this shows.

   Stars are entry keys (Slot.key: a session's translation key, "-run2" for a
   further run, "item-" and a key for a programme item), kept under the
   conference's translation key: both are the same in every language, so the
   agenda survives a switch of language. Agendas saved before (page ids, under the
   conference's page id) are read once and turned into keys. */
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

    function show() {
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
    }

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

    // A link to an entry (#entry-…) on a narrow screen, where the timetable gives
    // way to the list: go to the list's copy of the entry.
    function follow() {
        var id = decodeURIComponent(location.hash.slice(1));
        if (!id) return;
        var target = document.getElementById(id);
        if (target && target.offsetParent === null) {
            var copy = document.querySelector('[data-we-anchor="' + id.replace(/"/g, "") + '"]');
            if (copy && copy.offsetParent !== null) copy.scrollIntoView();
        }
    }
    window.addEventListener("hashchange", follow);
    follow();
})();
