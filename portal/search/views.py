"""The search page /tim-kiem/ and its query field, which other lists' filters reuse."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_ratelimit.decorators import ratelimit

from portal.results import ResultItem

from .query import COUNT_CAP, SearchResults, search
from .text import MAX_QUERY_LENGTH, WORD, clean_query, normalise, parse_number


class QueryField(forms.CharField):
    """A visitor's query: at most MAX_QUERY_LENGTH characters, cleaned by `clean_query`, with
    at least one letter or digit when given."""

    default_error_messages = {
        "required": _("Enter a word, a phrase or a document number to search for."),
        "max_length": _("Enter no more than %(limit_value)d characters."),
        "no_words": _("Enter at least one letter or number."),
    }

    widget = forms.SearchInput(attrs={"autocomplete": "off"})

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_QUERY_LENGTH, strip=True, **kwargs)

    def clean(self, value):
        query = clean_query(super().clean(value))
        if query and not WORD.search(normalise(query)):
            raise forms.ValidationError(self.error_messages["no_words"], code="no_words")
        return query


class SearchForm(forms.Form):
    q = QueryField(
        label=_("Search the portal"),
        help_text=_(
            "A document number, a procedure or a few words, with or without diacritics: "
            "for example 59/2019 or xang dau."
        ),
    )


def _page_links(request, results: SearchResults) -> dict | None:
    if results.num_pages <= 1:
        return None

    def url(number):
        params = {"q": results.query}
        if results.area:
            params["area"] = results.area
        if number > 1:
            params["page"] = number
        return f"{request.path}?{urlencode(params)}"

    items = []
    for number in results.page_range():
        if number == Paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "url": url(number), "current": number == results.page})
    return {
        "previous": url(results.page - 1) if results.has_previous else None,
        "next": url(results.page + 1) if results.has_next else None,
        "items": items,
    }


def _facet_links(request, results: SearchResults) -> list[dict]:
    """ "All areas" and then every area with matches, as links that keep the query."""

    def url(area=None):
        params = {"q": results.query}
        if area:
            params["area"] = area
        return f"{request.path}?{urlencode(params)}"

    links = [
        {
            "label": _("All areas"),
            "count": min(sum(f.count for f in results.facets), COUNT_CAP),
            "capped": any(f.is_capped for f in results.facets),
            "url": url(),
            "current": results.area is None,
        }
    ]
    links += [
        {
            "label": facet.label,
            "count": facet.count,
            "capped": facet.is_capped,
            "url": url(facet.area),
            "current": facet.area == results.area,
        }
        for facet in results.facets
        if facet.count or facet.area == results.area
    ]
    return links


def result_item(entry, summary: str = "") -> ResultItem:
    """A search entry as the shared result list draws it: with the excerpt that matched, or
    `summary` (the home page's newest entries)."""
    return ResultItem(
        url=entry.get_absolute_url(),
        title=entry.title,
        summary=getattr(entry, "snippet", "") or summary,
        context=entry.area_label,
        origin=entry.kind,
        when=timezone.localdate(entry.published_at) if entry.published_at else None,
    )


def _page_number(value) -> int:
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return 1


@ratelimit(key="ip", rate="120/m", method="GET", block=True)
def search_view(request):
    context = {
        "form": SearchForm(),
        "results": None,
        "breadcrumbs": [(_("Search"), None)],
    }
    if "q" in request.GET:
        form = SearchForm(request.GET)
        context["form"] = form
        if form.is_valid():
            results = search(
                form.cleaned_data["q"],
                area=request.GET.get("area") or None,
                page=_page_number(request.GET.get("page")),
            )
            context.update(
                results=results,
                items=[result_item(entry) for entry in results.entries],
                facets=_facet_links(request, results),
                pagination=_page_links(request, results),
            )
            number = parse_number(results.query)
            if not results.total and number is not None:
                context["broader_numbers"] = [
                    {"query": query, "url": f"{request.path}?{urlencode({'q': query})}"}
                    for query in number.broader()
                ]
    return render(request, "portal/search.html", context)
