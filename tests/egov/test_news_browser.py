"""The news pages and the department's pages in a real browser, on a phone and on a desktop,
checked with axe."""

import pytest
from django.core.files.base import ContentFile

from tests.egov.factories import NewsCategoryFactory, NewsFactory, StaticPageFactory, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Hội chợ diễn ra trong 5 ngày.\n\n## Các hoạt động chính\n\n"
    "- Trưng bày sản phẩm OCOP;\n- Kết nối cung cầu.\n\n"
    "Xem [góp ý dự thảo](/gop-y-du-thao/)."
)


def _news():
    category = NewsCategoryFactory(name="Xúc tiến thương mại")
    news = NewsFactory(
        title="Khai mạc Hội chợ Thương mại – Công nghiệp",
        summary="Hơn 250 gian hàng tham gia.",
        body=BODY,
        category=category,
        image_alt="Toàn cảnh khu gian hàng chè",
    )
    news.image.save("hoi-cho.png", ContentFile(png_bytes(640, 360)))
    NewsFactory(title="Tiết kiệm điện mùa nắng nóng", category=category)
    return news


def test_the_news_list_is_accessible_on_a_phone(page, axe):
    _news()

    page.goto("/tin-tuc/")

    assert page.get_by_role("heading", level=1).inner_text() == "Tin tức"
    assert page.get_by_role("link", name="Khai mạc Hội chợ Thương mại – Công nghiệp").is_visible()
    assert page.get_by_role("navigation", name="Chuyên mục").is_visible()
    assert axe(page) == []


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_a_news_article_is_accessible_with_its_image(page, axe, width):
    news = _news()
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(news.get_absolute_url())

    assert page.get_by_role("heading", level=1).inner_text() == news.title
    image = page.get_by_role("img", name="Toàn cảnh khu gian hàng chè")
    assert image.is_visible()
    assert image.evaluate("img => img.naturalWidth") == 640  # served by its view
    assert image.bounding_box()["width"] <= width  # never wider than the screen
    assert page.get_by_role("heading", level=2, name="Các hoạt động chính").is_visible()
    assert axe(page) == []


def test_a_category_page_and_a_department_page_are_accessible(page, axe):
    news = _news()
    StaticPageFactory(
        title="Cơ cấu tổ chức",
        body=(
            "<h2>Các phòng</h2><table><caption>Phòng và lĩnh vực</caption><thead><tr>"
            '<th scope="col">Phòng</th><th scope="col">Lĩnh vực</th></tr></thead><tbody>'
            "<tr><td>Văn phòng Sở</td><td>Tổng hợp, hành chính</td></tr></tbody></table>"
        ),
    )

    page.goto(news.category.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == "Xúc tiến thương mại"
    assert axe(page) == []

    page.goto("/gioi-thieu/co-cau-to-chuc/")
    assert page.get_by_role("table", name="Phòng và lĩnh vực").is_visible()
    assert axe(page) == []
