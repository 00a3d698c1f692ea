import pytest
from django.urls import reverse

from portal.models import DepartmentProfile, OfficialScore
from tests.factories import OfficialScoreFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(db):
    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    return "Thái Nguyên"


def test_it_seeds_the_published_scores_with_their_sources():
    # 2011–2016 from the official table, 2018+ from published releases; zeros are not scores.
    assert OfficialScore.objects.filter(year=2014, score=0).count() == 0
    total = OfficialScore.objects.get(
        year=2016, scope="province", province="Thái Nguyên", code="PAPI"
    )
    assert total.scale == "6-60"
    assert "PAPI" in total.source
    assert OfficialScore.objects.national_average().filter(year=2023, code="PAPI").exists()


def test_it_shows_the_province_trend_with_a_table_beside_the_chart(client, province):
    response = client.get(reverse("portal:papi_scores"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ số PAPI của tỉnh Thái Nguyên" in page
    # Both eras, each as an SVG chart with its data table; Vietnamese decimal comma.
    assert page.count("<svg") == 2
    assert page.count('<table class="govuk-table">') >= 2
    assert "35,53" in page  # 2011 total of Thái Nguyên
    assert "46,47" in page  # 2020 total
    assert "42,33" in page  # 2023 national average


def test_it_lists_dimension_scores_of_the_latest_year(client, province):
    OfficialScoreFactory(
        year=2025,
        level="dimension",
        code="D8",
        name_vi="Quản trị điện tử",
        score="4.125",
        scale="1-10",
    )
    page = client.get(reverse("portal:papi_scores")).content.decode()
    assert "Điểm các chỉ số nội dung năm 2025" in page
    assert "D8. Quản trị điện tử" in page
    assert "4,12" in page or "4,13" in page


def test_it_says_so_when_the_province_has_no_scores(client):
    DepartmentProfile.objects.create(name="Sở Công Thương tỉnh Mới", province="Tỉnh Mới")
    OfficialScore.objects.national_average().delete()
    page = client.get(reverse("portal:papi_scores")).content.decode()
    assert "Chưa có điểm số chính thức nào" in page


def test_it_serves_english_under_the_en_prefix(client, province):
    response = client.get("/en/chi-so-papi/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in response.content.decode()
    assert "National average" in response.content.decode()
