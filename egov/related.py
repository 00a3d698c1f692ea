"""The consultations listed on other apps' pages (see portal.related)."""

from django.utils.translation import gettext as _

from portal.related import RelatedGroup, RelatedLink, kept_table

from .models import Consultation


def _links_by_document() -> dict[int, list[RelatedLink]]:
    table: dict[int, list[RelatedLink]] = {}
    adopted = Consultation.objects.public().filter(adopted_document__isnull=False)
    for consultation in adopted.only("pk", "title", "adopted_document"):
        link = RelatedLink(title=consultation.title, url=consultation.get_absolute_url())
        table.setdefault(consultation.adopted_document_id, []).append(link)
    return table


def consultations_adopted_as(document, version: int) -> RelatedGroup:
    """On a document's page: the public consultations on the draft it was adopted from."""
    table = kept_table("consultations-adopted", version, _links_by_document)
    return RelatedGroup(
        heading=_("Drafted after a public consultation"), links=table.get(document.pk, [])
    )


RELATED = {"transparency.document": consultations_adopted_as}
