"""/tin-tuc/: published news with categories, each article's page, its lead image, the Atom
feeds, the home page's latest news, the search, the sitemap and the PAPI spine. A draft, a
scheduled or an unpublished article never reaches any of them."""

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from egov.models import News, NewsCategory, StaticPage
from portal import publishing, search
from portal.indicators import registry
from portal.periods import Quarter
from portal.publishing import Publication
from tests.egov.factories import NewsCategoryFactory, NewsFactory, png_bytes

pytestmark = pytest.mark.django_db


def test_it_lists_published_news_newest_first_and_never_a_draft(client):
    older = NewsFactory(title="Tin cũ", published_at=timezone.now() - timedelta(days=9))
    newer = NewsFactory(title="Tin mới", summary="Tóm tắt tin mới")
    NewsFactory(title="Bản nháp chưa duyệt", publication=Publication.DRAFT)
    NewsFactory(title="Tin hẹn giờ", published_at=timezone.now() + timedelta(days=1))

    response = client.get("/tin-tuc/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Tin mới") < page.index("Tin cũ")
    assert "Bản nháp chưa duyệt" not in page and "Tin hẹn giờ" not in page
    assert f'href="{newer.get_absolute_url()}"' in page and "Tóm tắt tin mới" in page
    assert f'href="{older.get_absolute_url()}"' in page
    assert newer.get_absolute_url() == "/tin-tuc/tin-moi/"


def test_an_article_has_its_own_page_with_its_body_and_category(client):
    category = NewsCategoryFactory(name="Xúc tiến thương mại")
    news = NewsFactory(title="Khai mạc hội chợ", body="Nội dung **chính**", category=category)

    page = client.get(news.get_absolute_url()).content.decode()

    assert "<strong>chính</strong>" in page
    assert f'href="{category.get_absolute_url()}"' in page
    assert "<h1" in page and "Khai mạc hội chợ</h1>" in page


def test_two_articles_with_the_same_title_get_different_addresses():
    first = NewsFactory(title="Thông báo nghỉ lễ")
    second = NewsFactory(title="Thông báo nghỉ lễ")
    assert first.slug == "thong-bao-nghi-le" and second.slug == "thong-bao-nghi-le-2"


def test_a_category_page_lists_its_news_only_and_the_list_links_the_categories(client):
    fair = NewsCategoryFactory(name="Xúc tiến thương mại")
    power = NewsCategoryFactory(name="Điện lực và năng lượng")
    NewsFactory(title="Hội chợ hàng Việt", category=fair)
    NewsFactory(title="Tiết kiệm điện mùa nóng", category=power)
    NewsCategoryFactory(name="Chuyên mục chưa có tin")

    page = client.get(fair.get_absolute_url()).content.decode()
    assert "Hội chợ hàng Việt" in page and "Tiết kiệm điện mùa nóng" not in page
    assert fair.get_absolute_url() == "/tin-tuc/chuyen-muc/xuc-tien-thuong-mai/"

    listing = client.get("/tin-tuc/").content.decode()
    assert f'href="{power.get_absolute_url()}"' in listing
    assert "Chuyên mục chưa có tin" not in listing  # no published news: not offered
    assert client.get("/tin-tuc/chuyen-muc/khong-co/").status_code == 404


def test_the_list_is_paged(client):
    for number in range(12):
        NewsFactory(title=f"Tin số {number:02d}")
    first = client.get("/tin-tuc/").content.decode()
    second = client.get("/tin-tuc/?page=2").content.decode()
    assert "Tin số 11" in first and "Tin số 01" not in first
    assert "Tin số 01" in second and 'href="?page=2"' in first


@pytest.mark.parametrize(
    "status",
    [
        {"publication": Publication.DRAFT},
        {"publication": Publication.SCHEDULED, "published_at": None},
        {"publication": Publication.UNPUBLISHED, "unpublish_reason": "Sai số liệu"},
        {"published_at": "future"},
    ],
    ids=["draft", "scheduled", "unpublished", "dated-in-the-future"],
)
def test_an_article_not_public_is_on_no_public_page_feed_search_sitemap_or_home(client, status):
    category = NewsCategoryFactory(name="Thông báo")
    if status.get("published_at") == "future":
        status = {"published_at": timezone.now() + timedelta(days=2)}
    hidden = NewsFactory(title="Tin mật chưa công bố", category=category, **status)
    hidden.image.save("anh.png", ContentFile(png_bytes()))
    NewsFactory(title="Tin đã công bố", category=category)
    search.index_object(hidden)

    pages = {
        "list": client.get("/tin-tuc/"),
        "category": client.get(category.get_absolute_url()),
        "feed": client.get(reverse("egov:news_feed")),
        "category feed": client.get(reverse("egov:news_category_feed", args=[category.slug])),
        "sitemap": client.get("/sitemap.xml"),
        "home": client.get("/"),
        "search": client.get(reverse("portal:search"), {"q": "tin mat"}),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "Tin mật chưa công bố" not in body, name
        assert hidden.get_absolute_url() not in body, name
    assert "Tin đã công bố" in pages["home"].content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("egov:news_image", args=[hidden.slug])).status_code == 404


def test_staff_who_may_see_news_preview_an_unpublished_article(client, officer_a):
    draft = NewsFactory(title="Tin đang soạn", publication=Publication.DRAFT)
    client.force_login(officer_a)
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Tin đang soạn" in page and "không công khai" in page


def test_the_lead_image_is_served_with_its_text_alternative(client):
    news = NewsFactory(title="Toàn cảnh hội chợ", image_alt="Gian hàng chè Thái Nguyên")
    news.image.save("hoi-cho.png", ContentFile(png_bytes()))

    page = client.get(news.get_absolute_url()).content.decode()
    image = client.get(news.get_image_url())

    assert f'src="{news.get_image_url()}" alt="Gian hàng chè Thái Nguyên"' in page
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")


def test_the_atom_feeds_hold_the_latest_news_all_and_per_category(client):
    fair = NewsCategoryFactory(name="Xúc tiến thương mại")
    NewsFactory(title="Hội chợ hàng Việt", summary="Hơn 200 gian hàng.", category=fair)
    NewsFactory(title="Tiết kiệm điện mùa nóng")

    every = client.get("/tin-tuc/feed/")
    one = client.get("/tin-tuc/chuyen-muc/xuc-tien-thuong-mai/feed/")

    assert every["Content-Type"].startswith("application/atom+xml")
    body = every.content.decode()
    assert "<title>Hội chợ hàng Việt</title>" in body and "Tiết kiệm điện mùa nóng" in body
    assert 'term="Xúc tiến thương mại"' in body
    body = one.content.decode()
    assert "Hội chợ hàng Việt" in body and "Tiết kiệm điện mùa nóng" not in body
    assert 'type="application/atom+xml"' in client.get("/tin-tuc/").content.decode()


def test_the_home_page_shows_the_latest_news_at_once_after_a_publication(
    client, django_capture_on_commit_callbacks
):
    draft = NewsFactory(title="Tin vừa duyệt đăng", publication=Publication.DRAFT)
    assert "Tin vừa duyệt đăng" not in client.get("/").content.decode()  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_publish(item=draft)

    home = client.get("/").content.decode()
    assert "Tin mới nhất" in home
    assert f'href="{draft.get_absolute_url()}"' in home and "Tin vừa duyệt đăng" in home

    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_unpublish(item=draft, reason="Đăng nhầm")
    assert "Tin vừa duyệt đăng" not in client.get("/").content.decode()


def test_the_menu_and_the_sitemap_link_the_news(client):
    news = NewsFactory(title="Tin trong sơ đồ trang")
    home = client.get("/").content.decode()
    assert 'href="/tin-tuc/">Tin tức</a>' in home
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/tin-tuc/</loc>" in sitemap and "/en/tin-tuc/</loc>" in sitemap
    assert f"{news.get_absolute_url()}</loc>" in sitemap


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


def test_the_demo_publishes_news_in_several_categories_and_the_pages_and_can_run_again(client):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())

    assert News.objects.count() == 6 and all(news.is_public for news in News.objects.all())
    assert NewsCategory.objects.filter(news__isnull=False).distinct().count() == 4
    assert StaticPage.objects.public().count() == 3
    listing = client.get("/tin-tuc/").content.decode()
    assert "Khai mạc Hội chợ Thương mại" in listing
    assert "Cơ cấu tổ chức" in client.get("/gioi-thieu/").content.decode()
