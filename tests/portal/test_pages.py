"""Every main page offers the other language, and the home page stays cheap to render."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal import search
from portal.models import Unit
from tests.portal.helpers import UnitSource


class PublishedUnitSource(UnitSource):
    """Units standing in for published items, so that the home page lists them as the latest."""

    def to_document(self, obj):
        published = timezone.now() - timedelta(days=1)
        return search.SearchDocument(title=obj.name, url="/don-vi-thu/", published_at=published)


pytestmark = pytest.mark.django_db

MAIN_PAGES = [
    "/",
    "/tim-kiem/?q=xang+dau",
    "/chi-so-papi/",
    "/tuyen-bo-tiep-can/",
    "/chinh-sach-bao-mat/",
]


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_it_links_every_main_page_to_its_english_version(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()[:200]
    english = "/en" + path
    assert f'href="{english}" rel="alternate" lang="en" hreflang="en"' in response.content.decode()
    assert client.get(english).status_code == 200


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_it_links_every_english_page_back_to_vietnamese(client, path):
    response = client.get("/en" + path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert f'href="{path}" rel="alternate" lang="vi" hreflang="vi"' in html


def test_it_renders_the_home_page_with_few_queries(client, django_assert_max_num_queries):
    # The latest items are one query however many there are, as is each app's home section
    # (egov's latest news); the department profile is read once with a cold cache, then cached
    # for every page.
    with search.registered(PublishedUnitSource()):
        for n in range(6):
            search.index_object(Unit.objects.create(name=f"Phòng thử nghiệm {n}", code=f"thu-{n}"))
        with django_assert_max_num_queries(3):
            page = client.get("/").content.decode()
        assert page.count("app-search-results__item") == 6
        with django_assert_max_num_queries(1):
            assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_it_never_builds_a_language_link_to_another_site(client):
    # GET //evil.example/ (the test client needs the second slash encoded to send it).
    response = client.get("/%2Fevil.example/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "evil.example" not in html
    assert 'href="/en/" rel="alternate" lang="en" hreflang="en"' in html


@pytest.mark.django_db
def test_it_keeps_the_query_in_the_language_link(client):
    html = client.get("/van-ban/?q=xang+dau&page=2").content.decode()
    assert 'href="/en/van-ban/?q=xang+dau&amp;page=2" rel="alternate"' in html
