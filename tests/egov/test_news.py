"""/tin-tuc/: the published news, in the menu, the search, the sitemap and the PAPI spine."""

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from egov.models import News
from portal import search
from portal.indicators import registry
from portal.periods import Quarter
from portal.publishing import Publication
from tests.egov.factories import NewsFactory

pytestmark = pytest.mark.django_db


def test_it_lists_published_news_newest_first_and_never_a_draft(client):
    older = NewsFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=9))
    newer = NewsFactory(title="Tin mới", body="Nội dung **chính**")
    NewsFactory(title="Bản nháp chưa duyệt", publication=Publication.DRAFT)
    NewsFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(days=1))

    response = client.get("/tin-tuc/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Tin mới") < page.index("Tin cũ")
    assert "Bản nháp chưa duyệt" not in page and "Tin hẹn giờ" not in page
    assert f'id="tin-{newer.pk}"' in page and f'id="tin-{older.pk}"' in page
    assert "<strong>chính</strong>" in page
    assert newer.get_absolute_url() == f"/tin-tuc/#tin-{newer.pk}"


def test_it_says_so_when_there_is_no_news(client):
    page = client.get("/tin-tuc/").content.decode()
    assert "Chưa có tin nào được đăng." in page


def test_the_menu_and_the_sitemap_link_the_news(client):
    home = client.get("/").content.decode()
    assert 'href="/tin-tuc/">Tin tức</a>' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/tin-tuc/</loc>" in sitemap and "/en/tin-tuc/</loc>" in sitemap


def test_search_finds_published_news_only(client):
    published = NewsFactory(title="Hội chợ hàng Việt Nam tại Thái Nguyên")
    draft = NewsFactory(title="Hội chợ nông sản chưa công bố", publication=Publication.DRAFT)
    search.index_object(published)
    search.index_object(draft)

    results = client.get(reverse("portal:search"), {"q": "hoi cho"}).context["results"]

    assert [entry.url for entry in results.entries] == [published.get_absolute_url()]
    assert str(results.entries[0].area_label) == "Tin tức"


def test_the_indicator_counts_the_news_published_in_the_quarter():
    quarter = Quarter(2025, 2)

    def at(day):
        return timezone.make_aware(datetime.combine(day, time(9)))

    NewsFactory(published_at=at(date(2025, 4, 1)))
    NewsFactory(published_at=at(date(2025, 6, 30)))
    NewsFactory(published_at=at(date(2025, 7, 1)))
    NewsFactory(published_at=at(date(2025, 5, 5)), publication=Publication.UNPUBLISHED)

    indicator = registry.get("EG-01")
    assert indicator.dimension == "D8"
    assert indicator.compute(quarter) == 2


def test_the_demo_publishes_one_news_item_and_can_run_again(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    news = News.objects.get()
    assert news.is_public
    assert news.title in client.get("/tin-tuc/").content.decode()
