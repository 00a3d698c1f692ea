"""The procedures listed on other apps' pages (see portal.related)."""

from django.utils.translation import gettext as _

from portal.related import RelatedGroup, RelatedLink

from . import selectors


def procedures_citing(document) -> RelatedGroup:
    """On a document's page: the published procedures whose legal basis names its number."""
    return RelatedGroup(
        heading=_("Administrative procedures based on this document"),
        links=[
            RelatedLink(title=p.name, url=p.get_absolute_url(), note=p.code)
            for p in selectors.procedures_citing(document.number)
        ],
    )


RELATED = {"transparency.document": procedures_citing}
