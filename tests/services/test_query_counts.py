"""The project list and the outage finder, rendered (not from the page cache), in a fixed and
small number of queries: what a visitor with a cookie, or the first visitor after a change,
waits for."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.caching import bump_content_version

from .factories import GridProjectFactory, PlannedOutageFactory, WardFactory

pytestmark = pytest.mark.django_db

# A visitor who has posted a form carries a CSRF cookie: the page is rendered for them.
RENDERED = {"csrftoken": "x" * 32}


@pytest.fixture
def rendered_client(client):
    client.cookies.load(RENDERED)
    return client


def test_the_project_list_reads_its_filters_once_per_change_and_the_page_in_three(
    rendered_client, django_assert_num_queries
):
    wards = [WardFactory(name=name) for name in ("Phường Gia Sàng", "Xã Đại Phúc")]
    for n in range(25):
        GridProjectFactory(wards=[wards[n % 2]], year=2020 + n % 3)
    WardFactory(name="Xã Không Có Công Trình")
    url = reverse("services:project_list")
    # Cold: the wards and the years of the filters, the department's profile (cached for the
    # whole site), then the count, the rows and their wards.
    with django_assert_num_queries(6):
        first = rendered_client.get(url)
    page = first.content.decode()
    assert "Xã Đại Phúc" in page and "Xã Không Có Công Trình" not in page
    # Then only the page, whichever filter is chosen: its rows and their wards (a list shorter
    # than a page is counted from its rows).
    with django_assert_num_queries(2):
        response = rendered_client.get(url, {"phuong": "xa-dai-phuc", "nam": "2021", "page": 1})
    assert len(response.context["items"]) == 4  # n = 1, 7, 13, 19
    # A publication changes the content's version: the next visitor sees its ward and year.
    GridProjectFactory(wards=[WardFactory(name="Phường Phổ Yên")], year=2031)
    bump_content_version("services")
    page = rendered_client.get(url).content.decode()
    assert "Phường Phổ Yên" in page and '<option value="2031">2031</option>' in page


def test_the_finder_reads_the_ward_once_and_the_page_in_one_query(
    rendered_client, django_assert_num_queries
):
    ward = WardFactory(name="Phường Gia Sàng")
    start = timezone.now() + timedelta(days=1)
    for n in range(35):
        PlannedOutageFactory(wards=[ward], starts_at=start + timedelta(hours=5 * n))
    url = reverse("services:outage_list")
    # Cold: the ward, the longest outage (which bounds the search), the department's profile
    # (cached for the whole site) and the rows, never a count.
    with django_assert_num_queries(4):
        rendered_client.get(url, {"ward": "gia sang"})
    with django_assert_num_queries(2):
        response = rendered_client.get(url, {"ward": "gia sang", "page": 2})
    assert len(response.context["outages"]) == 5


def test_the_finder_still_shows_an_outage_longer_than_any_before(rendered_client):
    ward = WardFactory(name="Phường Gia Sàng")
    PlannedOutageFactory(wards=[ward], reference="NGAN-1")
    url = reverse("services:outage_list")
    assert "NGAN-1" in rendered_client.get(url, {"ward": "gia sang"}).content.decode()
    # An outage of three weeks that began ten days ago still cuts the power today.
    began = timezone.now() - timedelta(days=10)
    PlannedOutageFactory(
        wards=[ward], reference="DAI-1", starts_at=began, ends_at=began + timedelta(days=21)
    )
    bump_content_version("services")  # as the admin and the import do on every change
    page = rendered_client.get(url, {"ward": "gia sang"}).content.decode()
    assert "DAI-1" in page and "NGAN-1" in page
