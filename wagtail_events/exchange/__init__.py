"""Events in the formats other programs read, and the schedules they give us.

- Calendar files (iCalendar): ``calendars`` (the documents: an event, a
  conference's programme, an index's feed, a personal agenda), ``ical_events``
  (the ``VEVENT`` of a page: series, moved dates, runs), ``ical_parts`` (UIDs,
  times, repeat rules), ``ical_text`` and ``ical_document`` (the files written
  as text, as icalendar writes them), ``collector`` (the garbage collector
  paused while a large file is built) and ``calendar_links`` (the
  add-to-calendar box).
- Structured data for search engines (schema.org JSON-LD): ``jsonld`` (the
  ``Event`` of a page), ``jsonld_parts`` (dates, places, people, the offer) and
  ``jsonld_programme`` (a conference's sessions as ``subEvent``).
- The frab schedule format: ``frab`` (what the rest of the package uses),
  ``frab_export`` and ``frab_xml`` (schedule.json and schedule.xml),
  ``frab_values`` (identifiers, acronym, text and times as frab writes them), and
  the import: ``frab_file`` (reading the file), ``frab_import`` (the sessions),
  ``frab_import_rooms``, ``frab_import_people`` and ``frab_report``.
- ``views`` serves the files; ``import_screen`` is the admin's “Import a
  schedule”.
"""
