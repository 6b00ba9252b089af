"""The visitor-facing HTTP edges that are not page templates: calendar files and
the frab schedule exchange. Each view asks a domain module for the document."""


def event_calendar(request, page):
    raise NotImplementedError


def index_calendar(request, index):
    raise NotImplementedError


def schedule_json(request, conference):
    raise NotImplementedError


def schedule_xml(request, conference):
    raise NotImplementedError
