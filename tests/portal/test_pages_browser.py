"""The main public pages in a real browser on a phone: content, language switch, axe."""

from decimal import Decimal

import pytest

from portal.context_processors import top_tasks
from portal.models import DepartmentProfile, OfficialScore
from tests.factories import OfficialScoreFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEPARTMENT = "Sở Công Thương tỉnh Thái Nguyên"


@pytest.fixture(autouse=True)
def department(transactional_db):
    return DepartmentProfile.objects.create(
        name=DEPARTMENT,
        province="Thái Nguyên",
        papi_province="Thái Nguyên",
        hotline="0208 3855 123",
        email="sct@thainguyen.gov.vn",
        address="Số 1 đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên",
    )


def test_it_shows_the_home_page_on_a_phone(page, axe):
    page.goto("/")

    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", level=1).inner_text() == DEPARTMENT
    search = page.get_by_role("search").first
    assert search.is_visible()
    assert search.get_by_role("searchbox").is_visible()
    tasks = page.locator(".app-top-tasks__link")
    expected = top_tasks()
    assert expected, "the home page needs at least one top task"
    assert tasks.all_inner_texts() == [str(t["label"]) for t in expected]
    assert tasks.first.is_visible()
    # Nothing wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe(page) == []


def test_it_switches_from_vietnamese_to_english_and_back(page):
    page.goto("/")
    vietnamese_heading = page.locator("main h2").first.inner_text()

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h2").first.inner_text() == "What do you want to do?"
    assert page.get_by_role("link", name="Tiếng Việt").is_visible()

    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(lambda url: not url.split("://", 1)[1].split("/", 1)[1].startswith("en/"))
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("main h2").first.inner_text() == vietnamese_heading
    assert vietnamese_heading == "Bạn cần làm gì?"


def test_it_serves_vietnamese_to_an_english_browser_without_a_prefix(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    try:
        english_page = context.new_page()
        response = english_page.goto("/")
        assert response.url == live_server.url + "/"
        assert english_page.locator("html").get_attribute("lang") == "vi"
        assert english_page.locator("main h2").first.inner_text() == "Bạn cần làm gì?"
    finally:
        context.close()


def test_it_shows_the_papi_scores_as_a_chart_and_a_table(page, axe):
    OfficialScore.objects.all().delete()
    for year, own, other in [(2021, "42.10", "43.90"), (2022, "43.55", "43.00")]:
        OfficialScoreFactory(year=year, province="Thái Nguyên", score=Decimal(own))
        OfficialScoreFactory(year=year, province="Bắc Ninh", score=Decimal(other))

    page.goto("/chi-so-papi/")

    assert "Thái Nguyên" in page.get_by_role("heading", level=1).inner_text()
    trend = page.locator("#papi-PAPI").locator("xpath=..")
    assert trend.locator("figure.app-chart svg").is_visible()
    table = trend.locator("table.govuk-table").first
    assert table.is_visible()
    rows = table.locator("tbody tr").all_inner_texts()
    # The newest year first; the mean and the rank computed from the two rated provinces.
    assert [r.split() for r in rows] == [
        ["2022", "43,55", "43,28", "1/2", "[1]"],
        ["2021", "42,1", "43", "2/2", "[1]"],  # the same source as 2022
    ]
    assert axe(page) == []


@pytest.mark.parametrize("path", ["/tuyen-bo-tiep-can/", "/chinh-sach-bao-mat/"])
def test_it_makes_the_statement_pages_accessible(page, axe, path):
    response = page.goto(path)
    assert response.status == 200
    assert page.get_by_role("heading", level=1).count() == 1
    assert axe(page) == []
