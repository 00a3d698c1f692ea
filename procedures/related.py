"""The procedures listed on other apps' pages (see portal.related)."""

from django.utils.translation import gettext as _

from portal.related import RelatedGroup, RelatedLink, kept_table
from portal.search.text import identifier_form

from . import selectors


def _links_by_number() -> dict[str, list[RelatedLink]]:
    return {
        key: [RelatedLink(title=p.name, url=p.get_absolute_url(), note=p.code) for p in citing]
        for key, citing in selectors.citations().items()
    }


def procedures_citing(document, version: int) -> RelatedGroup:
    """On a document's page: the published procedures whose legal basis names its number."""
    table = kept_table("procedures-citing", version, _links_by_number)
    return RelatedGroup(
        heading=_("Administrative procedures based on this document"),
        links=table.get(identifier_form(document.number), []),
    )


RELATED = {"transparency.document": procedures_citing}
