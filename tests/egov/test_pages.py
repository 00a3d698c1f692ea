"""The department's pages at /gioi-thieu/ (rich text cleaned with nh3 when saved, published like
news), and the staff's admin forms of news, categories and pages, posted as a browser posts
them."""

from datetime import timedelta

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from egov.models import News, NewsCategory, StaticPage
from egov.richtext import clean_rich_text
from portal import search
from portal.publishing import Publication
from tests.egov.factories import NewsCategoryFactory, NewsFactory, StaticPageFactory, png_bytes
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

UNSAFE = (
    '<h2 onclick="steal()">Chức năng</h2><script>alert("x")</script>'
    '<p style="color:red" onmouseover="x()">Đoạn <strong>đậm</strong> '
    '<a href="javascript:alert(1)">xấu</a> <a href="/gop-y-du-thao/" target="_blank">tốt</a></p>'
    "<ul><li>Một</li><li>Hai</li></ul><ol><li>Ba</li></ol>"
    '<table><caption>Phòng</caption><tr><th scope="col">Tên</th></tr>'
    "<tr><td>Văn phòng</td></tr></table>"
    '<img src="/anh.png" alt="Trụ sở" onerror="x()"><iframe src="https://example.com"></iframe>'
    "<style>body{display:none}</style>"
)


def test_nh3_strips_scripts_and_event_attributes_but_keeps_headings_lists_links_and_tables():
    cleaned = clean_rich_text(UNSAFE)

    for gone in ("script", "alert", "onclick", "onmouseover", "onerror", "style", "iframe"):
        assert gone not in cleaned, gone
    assert "javascript:" not in cleaned
    assert "<h2>Chức năng</h2>" in cleaned
    assert "<ul><li>Một</li><li>Hai</li></ul><ol><li>Ba</li></ol>" in cleaned
    assert '<a href="/gop-y-du-thao/" rel="noopener noreferrer">tốt</a>' in cleaned
    assert "<table><caption>Phòng</caption>" in cleaned and '<th scope="col">Tên</th>' in cleaned
    assert "<td>Văn phòng</td>" in cleaned
    assert '<img src="/anh.png" alt="Trụ sở">' in cleaned


def test_a_page_is_cleaned_whenever_it_is_saved_and_shows_at_a_readable_address(client):
    page = StaticPageFactory(title="Cơ cấu tổ chức", body=UNSAFE)

    page.refresh_from_db()
    assert "script" not in page.body and "onclick" not in page.body
    assert page.get_absolute_url() == "/gioi-thieu/co-cau-to-chuc/"
    html = client.get(page.get_absolute_url()).content.decode()
    assert "<h2>Chức năng</h2>" in html and "<td>Văn phòng</td>" in html
    assert 'alert("x")' not in html and "onmouseover" not in html


@pytest.mark.parametrize(
    "status",
    [
        {"publication": Publication.DRAFT},
        {"publication": Publication.SCHEDULED, "published_at": None},
        {"publication": Publication.UNPUBLISHED, "unpublish_reason": "Cũ"},
    ],
    ids=["draft", "scheduled", "unpublished"],
)
def test_a_page_not_public_is_on_no_public_page_search_or_sitemap(client, status):
    hidden = StaticPageFactory(title="Trang tuyển dụng chưa đăng", **status)
    StaticPageFactory(title="Thông tin liên hệ")
    search.index_object(hidden)

    for url in ("/gioi-thieu/", "/sitemap.xml", "/so-do-trang/", "/"):
        assert "Trang tuyển dụng chưa đăng" not in client.get(url).content.decode(), url
    found = client.get(reverse("portal:search"), {"q": "tuyen dung"}).context["results"]
    assert [entry.url for entry in found.entries] == []
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_index_lists_the_published_pages_in_order_and_the_site_map_links_it(client):
    StaticPageFactory(title="Thông tin liên hệ", position=3)
    StaticPageFactory(title="Giới thiệu chung", position=1)

    index = client.get("/gioi-thieu/").content.decode()
    site_map = client.get("/so-do-trang/").content.decode()

    assert index.index("Giới thiệu chung") < index.index("Thông tin liên hệ")
    assert 'href="/gioi-thieu/">Giới thiệu</a>' in site_map
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/gioi-thieu/thong-tin-lien-he/</loc>" in sitemap


def test_search_finds_a_published_page_by_its_text_without_markup(client):
    page = StaticPageFactory(title="Thông tin liên hệ", body="<p>Giờ làm việc buổi sáng</p>")
    search.index_object(page)
    found = client.get(reverse("portal:search"), {"q": "gio lam viec"}).context["results"]
    assert [entry.url for entry in found.entries] == [page.get_absolute_url()]


# --- The admin forms, as a browser posts them ----------------------------------------------


def _form_data(client, url) -> MultiValueDict:
    """Every name/value pair the admin page's form submits (hidden inputs included)."""
    response = client.get(url)
    assert response.status_code == 200
    form = lxml.html.fromstring(response.content.decode()).get_element_by_id(
        f"{response.context['opts'].model_name}_form"
    )
    data = MultiValueDict()
    for name, value in form.form_values():
        data.appendlist(name, value.removeprefix("\n"))
    return data


def test_an_editor_adds_an_article_with_its_image_and_another_units_editor_edits_it(
    client, officer_a, officer_b, django_capture_on_commit_callbacks
):
    category = NewsCategoryFactory(name="Hoạt động của Sở")
    client.force_login(officer_a)
    add = reverse("admin:egov_news_add")
    data = _form_data(client, add)
    data.update(
        {
            "title": "Đoàn công tác làm việc tại cụm công nghiệp",
            "category": str(category.pk),
            "body": "Nội dung **chính**.",
            "image_alt": "",
        }
    )
    image = SimpleUploadedFile("doan-cong-tac.png", png_bytes(), "image/png")

    refused = client.post(add, {**data.dict(), "image": image})
    assert refused.status_code == 200
    assert "Mô tả nội dung ảnh" in refused.content.decode()  # the alt text is required
    assert "Đoàn công tác làm việc tại cụm công nghiệp" in refused.content.decode()

    image.seek(0)
    data["image_alt"] = "Đoàn công tác thăm nhà xưởng"
    assert client.post(add, {**data.dict(), "image": image}).status_code == 302
    news = News.objects.get()
    assert news.publication == Publication.DRAFT and news.slug.startswith("doan-cong-tac")
    assert news.history.count() == 1

    # News is the whole department's: an editor of another unit edits the draft and publishes.
    client.force_login(officer_b)
    change = reverse("admin:egov_news_change", args=[news.pk])
    data = _form_data(client, change)
    data["summary"] = "Tóm tắt do phòng khác viết"
    assert client.post(change, data).status_code == 302
    news.refresh_from_db()
    assert news.summary == "Tóm tắt do phòng khác viết" and news.image_alt
    publication = reverse("admin:egov_news_publication", args=[news.pk, "publish_now"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(publication).status_code == 302
    news.refresh_from_db()
    assert news.is_public
    assert client.get(news.get_image_url()).status_code == 200


def test_a_picture_that_is_not_one_is_refused(client, officer_a):
    client.force_login(officer_a)
    add = reverse("admin:egov_news_add")
    data = _form_data(client, add)
    data.update({"title": "Tin có ảnh giả", "body": "Nội dung.", "image_alt": "Ảnh"})
    fake = SimpleUploadedFile("anh.png", b"%PDF-1.7 not a picture", "image/png")
    response = client.post(add, {**data.dict(), "image": fake})
    assert response.status_code == 200 and not News.objects.exists()
    assert "PNG" in response.content.decode()


def test_staff_of_other_duties_cannot_open_the_news_in_the_admin(client, unit_a):
    news = NewsFactory(title="Tin đã đăng")
    client.force_login(make_staff("procedures_officer", unit=unit_a))
    assert client.get(reverse("admin:egov_news_change", args=[news.pk])).status_code == 403
    assert client.get(reverse("admin:egov_news_add")).status_code == 403


def test_an_editor_writes_a_page_whose_html_is_cleaned_and_a_category(client, officer_b, leader):
    client.force_login(officer_b)
    add = reverse("admin:egov_staticpage_add")
    data = _form_data(client, add)
    data.update({"title": "Thông tin liên hệ", "body": UNSAFE, "position": "3"})
    assert client.post(add, data).status_code == 302
    page = StaticPage.objects.get()
    assert "<script>" not in page.body and "<h2>Chức năng</h2>" in page.body
    assert page.slug == "thong-tin-lien-he"

    add = reverse("admin:egov_newscategory_add")
    data = _form_data(client, add)
    data.update({"name": "Xúc tiến thương mại", "position": "1"})
    assert client.post(add, data).status_code == 302
    assert NewsCategory.objects.get().slug == "xuc-tien-thuong-mai"

    client.force_login(leader)  # leadership reads, does not write
    assert client.get(reverse("admin:egov_staticpage_add")).status_code == 403
    assert client.get(reverse("admin:egov_staticpage_change", args=[page.pk])).status_code == 200


def test_a_scheduled_article_appears_when_the_scheduled_task_publishes_it(client):
    news = NewsFactory(
        title="Tin hẹn giờ đăng",
        publication=Publication.SCHEDULED,
        published_at=None,
        publish_at=timezone.now() - timedelta(minutes=1),
    )
    assert "Tin hẹn giờ đăng" not in client.get("/tin-tuc/").content.decode()
    from portal.publishing import publish_due_items

    assert publish_due_items() >= 1
    news.refresh_from_db()
    assert news.is_public


def test_leadership_reads_an_article_in_the_admin_with_a_link_to_its_image(client, leader):
    news = NewsFactory(title="Tin có ảnh", image_alt="Ảnh hội nghị")
    from django.core.files.base import ContentFile

    news.image.save("hoi-nghi.png", ContentFile(png_bytes()))
    client.force_login(leader)
    response = client.get(reverse("admin:egov_news_change", args=[news.pk]))
    assert response.status_code == 200
    assert f'href="{news.get_image_url()}">Ảnh hội nghị</a>' in response.content.decode()
    assert client.get(news.get_image_url()).status_code == 200
