"""Site search: the registry of searchable sources (registry), the index (index), the query
(query), the excerpts (highlight) and the search page (views).

Each app says what citizens may find in `<app>/search.py`, as the admin discovers `admin.py`:

    from portal.search import SearchDocument, SearchSource, register

    class DocumentSource(SearchSource):
        area = "transparency"
        label = _("Documents")
        model = Document

        def get_queryset(self):
            return Document.objects.public()

        def to_document(self, obj):
            return SearchDocument(title=obj.summary, url=obj.get_absolute_url(),
                                  keywords=obj.number, published_at=obj.published_at)

    register(DocumentSource())

and keeps the index current from its actions, once the write is committed:

    transaction.on_commit(lambda: index_object(document))

The index is one denormalised table (`SearchEntry`) holding only public objects. Matching ignores
case and diacritics; ranking puts exact spelling in a title or keyword first, then the same
words without diacritics in a title or keyword, then matches elsewhere, newest first within each
tier. Every tier is read along the recency index with its own LIMIT, so a page costs about the
same whether a word occurs in ten entries or in all of them (ts_rank would read every match).
Counts stop at COUNT_CAP for the same reason: along the recency index when the words are in
most of the newest entries, otherwise through the words' own index, where a count of the words
alone that passes the cap proves that the whole condition does ("more than 1,000"); below the
cap every match is read once, for the count and for the page.
"""

from .highlight import SNIPPET_CHARS, highlight
from .index import BODY_MAX_CHARS, heading_terms, index_object, rebuild
from .query import COUNT_CAP, Facet, SearchResults, found, latest, search
from .registry import (
    SearchDocument,
    SearchRegistry,
    SearchSource,
    autodiscover,
    register,
    registered,
    registry,
    remove_object,
    unregister,
)
from .text import (
    MAX_QUERY_LENGTH,
    DocumentNumber,
    clean_query,
    comparable,
    identifier_form,
    normalise,
    parse_number,
)
from .views import QueryField, SearchForm, search_view

__all__ = [
    "BODY_MAX_CHARS",
    "COUNT_CAP",
    "MAX_QUERY_LENGTH",
    "SNIPPET_CHARS",
    "DocumentNumber",
    "Facet",
    "QueryField",
    "SearchDocument",
    "SearchForm",
    "SearchRegistry",
    "SearchResults",
    "SearchSource",
    "autodiscover",
    "clean_query",
    "comparable",
    "found",
    "heading_terms",
    "highlight",
    "identifier_form",
    "index_object",
    "latest",
    "normalise",
    "parse_number",
    "rebuild",
    "register",
    "registered",
    "registry",
    "remove_object",
    "search",
    "search_view",
    "unregister",
]
