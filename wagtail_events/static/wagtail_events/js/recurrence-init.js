/*
 * Turns every textarea.recurrence-widget of the Wagtail editor into
 * django-recurrence's widget, once each: those on the page when it loads
 * (including ones in collapsed panels and hidden tabs) and those Wagtail adds
 * later (inline panel rows, re-rendered form parts). Loaded after
 * recurrence.js and recurrence-widget.js; replaces recurrence-widget.init.js,
 * which needs Django admin's jQuery and its #container element.
 */
(function (global) {
  'use strict';

  var SELECTOR = 'textarea.recurrence-widget';
  var recurrence = global.recurrence;
  if (!recurrence || !recurrence.widget || !recurrence.widget.Widget) {
    return;
  }
  if (recurrence.widget.wagtailEventsInit) {
    // This script was loaded twice: the first copy already watches the page.
    return;
  }

  var Widget = recurrence.widget.Widget;
  var initialised = typeof WeakSet === 'function' ? new WeakSet() : null;

  // Tell Wagtail (unsaved-changes warning, autosave) when the widget rewrites its
  // textarea: the widget sets the value without any event of its own.
  var update = Widget.prototype.update;
  Widget.prototype.update = function () {
    var before = this.textarea.value;
    update.apply(this, arguments);
    if (this.wagtailEventsReady && this.textarea.value !== before) {
      this.textarea.dispatchEvent(new Event('change', { bubbles: true }));
    }
  };

  // Whole days. The widget's date pickers give the picked day at the browser's
  // midnight and recurrence.js writes every date in UTC, so 25 December picked in
  // Brussels became 20241224T230000Z. Write a date at local midnight as that
  // calendar day at UTC midnight (20241225T000000Z), and read a UTC midnight back
  // as the local midnight of that day, so the widget shows the day it wrote. A
  // value with a time of day (DTSTART, a date typed elsewhere) is left as it is.
  function isLocalMidnight(date) {
    return (
      date instanceof Date &&
      date.getHours() === 0 &&
      date.getMinutes() === 0 &&
      date.getSeconds() === 0
    );
  }

  function isUtcMidnight(date) {
    return (
      date instanceof Date &&
      date.getUTCHours() === 0 &&
      date.getUTCMinutes() === 0 &&
      date.getUTCSeconds() === 0
    );
  }

  // The dates of a Recurrence (or of a single rule) that stand for whole days:
  // each as [holder, key], so that they can be replaced and put back.
  function dayHolders(obj) {
    var holders = [];
    var isRecurrence = Boolean(obj.rrules || obj.rdates);
    var rules = isRecurrence ? (obj.rrules || []).concat(obj.exrules || []) : [obj];
    for (var i = 0; i < rules.length; i += 1) {
      if (rules[i].until) {
        holders.push([rules[i], 'until']);
      }
    }
    var lists = isRecurrence ? [obj.rdates || [], obj.exdates || []] : [];
    for (var l = 0; l < lists.length; l += 1) {
      for (var j = 0; j < lists[l].length; j += 1) {
        holders.push([lists[l], j]);
      }
    }
    return holders;
  }

  var serialize = recurrence.serialize;
  if (serialize && !serialize.wagtailEventsWholeDays) {
    recurrence.serialize = function (obj) {
      var replaced = [];
      var holders = obj ? dayHolders(obj) : [];
      for (var i = 0; i < holders.length; i += 1) {
        var value = holders[i][0][holders[i][1]];
        if (isLocalMidnight(value)) {
          replaced.push([holders[i][0], holders[i][1], value]);
          holders[i][0][holders[i][1]] = new Date(
            Date.UTC(value.getFullYear(), value.getMonth(), value.getDate())
          );
        }
      }
      try {
        return serialize.apply(this, arguments);
      } finally {
        // The widget keeps its own dates: put them back.
        for (var k = 0; k < replaced.length; k += 1) {
          replaced[k][0][replaced[k][1]] = replaced[k][2];
        }
      }
    };
    recurrence.serialize.wagtailEventsWholeDays = true;
  }

  var deserialize = recurrence.deserialize;
  if (deserialize && !deserialize.wagtailEventsWholeDays) {
    recurrence.deserialize = function () {
      var obj = deserialize.apply(this, arguments);
      var holders = obj ? dayHolders(obj) : [];
      for (var i = 0; i < holders.length; i += 1) {
        var value = holders[i][0][holders[i][1]];
        if (isUtcMidnight(value)) {
          holders[i][0][holders[i][1]] = new Date(
            value.getUTCFullYear(),
            value.getUTCMonth(),
            value.getUTCDate()
          );
        }
      }
      return obj;
    };
    recurrence.deserialize.wagtailEventsWholeDays = true;
  }

  // The date picker of "Repeat until" is placed from offsetTop sums, which
  // ignore the scrolled panes of Wagtail's editor: place it under its button,
  // from where the button is on screen, and keep it within the window.
  var DateSelector = recurrence.widget.DateSelector;
  if (DateSelector && DateSelector.prototype.set_calendar_position) {
    DateSelector.prototype.set_calendar_position = function () {
      var button = this.elements.calendar_button.getBoundingClientRect();
      var calendar = this.calendar.elements.root;
      var width = calendar.offsetWidth;
      var height = calendar.offsetHeight;
      var viewportWidth = document.documentElement.clientWidth;
      var viewportHeight = document.documentElement.clientHeight;
      var left = Math.max(0, Math.min(button.left, viewportWidth - width));
      var top = button.bottom;
      if (top + height > viewportHeight && button.top - height >= 0) {
        top = button.top - height;
      }
      this.calendar.set_position(
        Math.round(left + window.scrollX),
        Math.round(top + window.scrollY)
      );
    };
  }

  function isInitialised(textarea) {
    return initialised
      ? initialised.has(textarea)
      : textarea.getAttribute('data-recurrence-ready') === 'true';
  }

  function options(textarea) {
    var raw = textarea.getAttribute('data-recurrence-options');
    if (!raw) {
      return {};
    }
    try {
      return JSON.parse(raw) || {};
    } catch (error) {
      return {};
    }
  }

  function initWidget(textarea) {
    if (
      isInitialised(textarea) ||
      (textarea.id && textarea.id.indexOf('__prefix__') !== -1) ||
      !textarea.isConnected
    ) {
      return null;
    }
    if (initialised) {
      initialised.add(textarea);
    }
    textarea.setAttribute('data-recurrence-ready', 'true');
    var widget = new Widget(textarea, options(textarea));
    widget.wagtailEventsReady = true;
    return widget;
  }

  function initWithin(node) {
    if (!node || node.nodeType !== 1) {
      return;
    }
    if (node.matches(SELECTOR)) {
      initWidget(node);
    }
    var found = node.querySelectorAll(SELECTOR);
    for (var i = 0; i < found.length; i += 1) {
      initWidget(found[i]);
    }
  }

  // The widget builds its rule and date forms as <form> elements nested in
  // Wagtail's: Enter in the only field of a date form would submit that inner
  // form (a GET of the editor's URL) and drop every unsaved edit.
  function keepInnerFormsFromSubmitting(event) {
    var form = event.target;
    if (
      form &&
      form.parentElement &&
      form.parentElement.closest &&
      form.parentElement.closest('div.recurrence-widget')
    ) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  function start() {
    document.addEventListener('submit', keepInnerFormsFromSubmitting, true);
    initWithin(document.body);
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i += 1) {
        var added = mutations[i].addedNodes;
        for (var j = 0; j < added.length; j += 1) {
          initWithin(added[j]);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  recurrence.widget.wagtailEventsInit = { initWidget: initWidget, initWithin: initWithin };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})(window);
