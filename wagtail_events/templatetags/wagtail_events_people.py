"""Links to people's pages (``programme.people``) where a speaker is named.

``{% person_url speaker.person as url %}`` gives the address of a saved person's
page under the current page's event index, "" for a name typed in, a person
whose page is hidden or a page outside any index. The index is read once per
request and page, however many speakers the page names.

``{% person_meta person url %}`` gives a person's page's schema.org ``Person`` as
JSON, safe inside ``<script type="application/ld+json">``.
"""

from django import template

from ..exchange import jsonld
from ..exchange.jsonld_parts import organization
from ..programme import people


register = template.Library()


@register.simple_tag(takes_context=True)
def person_url(context, person):
    if not people.linkable(person):
        return ""
    base = people.people_address(context.get("page"), context.get("request"))
    return people.person_address(person, base)


@register.simple_tag(takes_context=True)
def person_meta(context, person, url=""):
    """The person's schema.org ``Person``: name, position, organisation, links;
    nothing private (a Person holds no e-mail address or telephone number)."""
    request = context.get("request")
    data = {"@context": "https://schema.org", "@type": "Person", "name": person.name}
    if url:
        data["url"] = request.build_absolute_uri(url) if request else url
    if person.role:
        data["jobTitle"] = person.role
    if person.organisation:
        data["affiliation"] = organization(
            person.organisation.name, person.organisation.url
        )
    same_as = [link.value["url"] for link in person.links]
    if same_as:
        data["sameAs"] = same_as
    return jsonld.script_json(data)
