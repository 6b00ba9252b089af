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
