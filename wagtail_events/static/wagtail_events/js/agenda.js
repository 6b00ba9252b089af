/* wagtail_events: a visitor's own agenda on a conference programme.
   A star button on every session, the choice kept in this browser (localStorage,
   one entry per conference; no cookie, no request) and a link to agenda.ics with
   the starred sessions. Without JavaScript none of this shows. */
(function () {
    "use strict";
    var box = document.querySelector("[data-we-agenda]");
    if (!box) return;
    var key = "wagtail_events:agenda:" + box.getAttribute("data-we-agenda");
    var link = box.querySelector(".we-agenda__download");
    var chosen = load();

    function load() {
        try {
            var value = JSON.parse(localStorage.getItem(key) || "[]");
            // Page ids only: anything else in storage is left out.
            return Array.isArray(value) ? value.map(String).filter(function (id) {
                return /^\d+$/.test(id);
            }) : [];
        } catch (error) {
            return []; // storage blocked or spoilt: start afresh
        }
    }

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
        // Only sessions still in the programme: starred ones may have gone since.
        var present = chosen.filter(function (id) {
            return document.querySelector('.we-star[value="' + id + '"]');
        });
        link.href = box.getAttribute("data-we-agenda-url") + "?sessions=" + present.join(",");
        link.parentNode.hidden = !present.length;
        box.querySelector(".we-agenda__empty").hidden = present.length > 0;
    }

    document.querySelectorAll("[data-we-session-id]").forEach(function (place) {
        var id = place.getAttribute("data-we-session-id");
        if (!id) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = "we-star";
        button.value = id;
        // One name whatever the state (the toggle-button pattern): aria-pressed
        // says whether it is starred.
        button.setAttribute("aria-label", label(place.getAttribute("data-we-session-title")));
        button.appendChild(document.createElement("span")).setAttribute("aria-hidden", "true");
        button.addEventListener("click", function () {
            var at = chosen.indexOf(id);
            if (at >= 0) chosen.splice(at, 1);
            else chosen.push(id);
            save();
            show();
        });
        place.appendChild(button);
    });
    box.hidden = false;
    show();
    // Another tab of the same programme changed the agenda.
    window.addEventListener("storage", function (event) {
        if (event.key === key) {
            chosen = load();
            show();
        }
    });
})();
