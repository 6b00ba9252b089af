/*
 * What django-recurrence's widget scripts expect from Django's admin, provided
 * by the Wagtail editor instead. Loaded before recurrence.js.
 *
 * - django.jQuery: Wagtail's own jQuery (never a second copy, which would
 *   replace the jQuery that Wagtail's date-time pickers were built on).
 * - gettext, ngettext, pgettext, npgettext, interpolate: no-op translations
 *   when no JavaScript catalog has defined them (Wagtail's admin and our
 *   'recurrence' catalog normally have).
 */
(function (global) {
  'use strict';

  var django = (global.django = global.django || {});
  if (!django.jQuery && typeof global.jQuery === 'function') {
    django.jQuery = global.jQuery;
  }

  if (typeof global.gettext !== 'function') {
    global.gettext = function (msgid) {
      return msgid;
    };
  }
  if (typeof global.ngettext !== 'function') {
    global.ngettext = function (singular, plural, count) {
      return count === 1 ? singular : plural;
    };
  }
  if (typeof global.pgettext !== 'function') {
    global.pgettext = function (context, msgid) {
      return global.gettext(msgid);
    };
  }
  if (typeof global.npgettext !== 'function') {
    global.npgettext = function (context, singular, plural, count) {
      return global.ngettext(singular, plural, count);
    };
  }
  if (typeof global.interpolate !== 'function') {
    global.interpolate = function (fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function (match) {
          return String(obj[match.slice(2, -2)]);
        });
      }
      return fmt.replace(/%s/g, function () {
        return String(obj.shift());
      });
    };
  }
})(window);
