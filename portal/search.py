"""Site search (being built): the registry of searchable sources and the search page."""

from django.shortcuts import render
from django.utils.module_loading import autodiscover_modules


def autodiscover() -> None:
    autodiscover_modules("search", register_to=None)


def latest(limit: int = 6) -> list:
    return []


def search_view(request):
    return render(request, "portal/search.html", {"query": request.GET.get("q", "")})
