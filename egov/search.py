"""The e-governance app's entries in the site search: published news only."""

from django.utils.translation import gettext_lazy as _

from portal.search import SearchDocument, SearchSource, register

from .models import News


class NewsSource(SearchSource):
    area = "egov"
    label = _("News")
    model = News

    def get_queryset(self):
        return News.objects.public()

    def to_document(self, obj):
        return SearchDocument(
            title=obj.title,
            url=obj.get_absolute_url(),
            summary=obj.summary[:500],
            body=obj.body,
            published_at=obj.published_at,
        )


register(NewsSource())
