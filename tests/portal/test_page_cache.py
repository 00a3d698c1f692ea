"""The home page and /chi-so-papi/ are served from the cache to anonymous visitors, and show a
publication or an imported score at once."""

import pytest
import tablib
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import DepartmentProfile
from portal.publishing import item_publish
from portal.resources import OfficialScoreResource
from tests.transparency.factories import draft

pytestmark = pytest.mark.django_db

HEADERS = ["year", "scope", "province", "level", "code", "name_vi", "name_en", "score"]
HEADERS += ["scale", "source"]


@pytest.fixture
def province(db):
    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    return "Thái Nguyên"


def test_the_home_page_comes_from_the_cache_and_shows_a_publication_at_once(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    home = reverse("portal:home")
    first = client.get(home)
    with django_assert_num_queries(0):
        assert client.get(home).content == first.content

    document = draft(summary="Về việc công bố giá bán lẻ xăng dầu đợt mới")
    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=document, user=None)

    page = client.get(home).content.decode()
    assert "Về việc công bố giá bán lẻ xăng dầu đợt mới" in page
    assert not client.get(home).cookies


def test_the_home_page_is_never_cached_for_a_signed_in_officer(client, officer_a):
    client.force_login(officer_a)
    client.get(reverse("portal:home"))
    client.logout()
    assert officer_a.email not in client.get(reverse("portal:home")).content.decode()


def annex_2025(score: str) -> tablib.Dataset:
    return tablib.Dataset(
        [2025, "province", "Thái Nguyên", "total", "PAPI", "Chỉ số PAPI tổng hợp",
         "Aggregate PAPI", score, "8-80", "Phụ lục báo cáo PAPI 2025"],
        headers=HEADERS,
    )  # fmt: skip


def test_the_papi_page_comes_from_the_cache_and_shows_imported_scores_at_once(
    client, province, django_assert_num_queries, django_capture_on_commit_callbacks
):
    url = reverse("portal:papi_scores")
    first = client.get(url)
    assert "2025" not in first.content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content

    # A dry run (the import's preview) changes nothing, so the page stays as it was.
    with django_capture_on_commit_callbacks(execute=True):
        OfficialScoreResource().import_data(annex_2025("47.1234"), dry_run=True)
    assert client.get(url).content == first.content

    with django_capture_on_commit_callbacks(execute=True):
        result = OfficialScoreResource().import_data(annex_2025("47.1234"), dry_run=False)
    assert not result.has_errors()
    page = client.get(url).content.decode()
    assert "2025" in page and "47,12" in page


def test_the_papi_page_reads_the_department_profile_once(client, province):
    with (
        override_settings(
            CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
        ),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get(reverse("portal:papi_scores"))
    assert response.status_code == 200
    profile_reads = [q for q in queries if "portal_departmentprofile" in q["sql"]]
    assert len(profile_reads) == 1
