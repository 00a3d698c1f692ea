"""Helpers of the portal tests."""

from portal import search
from portal.models import Unit


class UnitSource(search.SearchSource):
    area = "test-units"
    label = "Đơn vị thử"
    model = Unit

    def get_queryset(self):
        return Unit.objects.filter(order__lt=100)

    def to_document(self, obj):
        return search.SearchDocument(title=obj.name, url=f"/don-vi-thu/{obj.code}/")
