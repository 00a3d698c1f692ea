"""Every plan-area app plugs itself in: each of its named URLs has a row in the role × URL
matrix (`tests/<app>/access.py`), and once it has a URL it registers at least one PAPI
indicator (`indicators.py`), one search source (`search.py`) and demo data (`demo.py`)."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches, get_resolver, include, path

import egov.demo
from portal import indicators, search
from portal.discovery import declarations
from tests.matrix import collected, named_urls


def plan_area_apps() -> list[str]:
    """The project's own top-level apps, but the kernel. (Packages installed in a virtualenv
    inside the repository are deeper, and so are the kernel's own sub-apps.)"""
    base = Path(settings.BASE_DIR).resolve()
    return [
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().parent == base and config.label != "portal"
    ]


def _app_of(function) -> str | None:
    config = apps.get_containing_app_config(function.__module__)
    return config.label if config else None


def registration_problems() -> list[str]:
    rows = collected("EXPECTED")
    with_indicator = {_app_of(i.compute) for i in indicators.registry.all()}
    with_search = {source.model._meta.app_label for source in search.registry.sources()}
    with_demo = {label for label, steps in declarations("demo", "STEPS") if steps}
    problems = []
    for label in plan_area_apps():
        names = [name for name, _p in named_urls() if name.split(":")[0] == label]
        uncovered = sorted(name for name in names if name not in rows)
        if uncovered:
            problems.append(f"{label}: no row in tests/{label}/access.py for {uncovered}")
        if not names:
            continue
        if label not in with_indicator:
            problems.append(f"{label}: no indicator registered in {label}/indicators.py")
        if label not in with_search:
            problems.append(f"{label}: no search source registered in {label}/search.py")
        if label not in with_demo:
            problems.append(f"{label}: no demo data declared in {label}/demo.py (STEPS)")
    return problems


def test_the_plan_area_apps_are_the_six_of_the_plan():
    assert sorted(plan_area_apps()) == [
        "accountability",
        "anticorruption",
        "egov",
        "procedures",
        "services",
        "transparency",
    ]


def test_every_plan_area_app_with_urls_registers_itself():
    assert registration_problems() == []


def _new_page(request):
    raise AssertionError("never requested")


# The site with one more e-governance page, that has no row in the matrix.
urlpatterns = [
    *get_resolver("portal.urls").url_patterns,
    path("thu/", include(([path("moi/", _new_page, name="new_page")], "egov"))),
]


@pytest.fixture
def site_with_a_new_egov_page():
    with override_settings(ROOT_URLCONF=__name__):
        clear_url_caches()
        yield
    clear_url_caches()


def test_it_names_an_app_url_without_a_matrix_row(site_with_a_new_egov_page):
    assert registration_problems() == ["egov: no row in tests/egov/access.py for ['egov:new_page']"]


def test_it_names_an_app_with_urls_but_no_indicator_search_source_or_demo(monkeypatch):
    from egov.models import Consultation, News, StaticPage

    egov_indicators = [i for i in indicators.registry.all() if _app_of(i.compute) == "egov"]
    assert egov_indicators
    for indicator in egov_indicators:
        monkeypatch.setattr(
            indicators.registry,
            "_indicators",
            [i for i in indicators.registry._indicators if i is not indicator],
        )
    sources = [search.registry.for_model(model) for model in (News, StaticPage, Consultation)]
    for model in (News, StaticPage, Consultation):
        search.unregister(model)
    monkeypatch.delattr(egov.demo, "STEPS")
    try:
        assert registration_problems() == [
            "egov: no indicator registered in egov/indicators.py",
            "egov: no search source registered in egov/search.py",
            "egov: no demo data declared in egov/demo.py (STEPS)",
        ]
    finally:
        for source in sources:
            search.register(source)
