import re
from decimal import Decimal

import pytest
from django.urls import reverse

from portal import reference_data
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
    # 2011–2016 from the official table, 2017–2024 from the provincial table; zeros are not scores.
    assert OfficialScore.objects.filter(year=2014, score=0).count() == 0
    total = OfficialScore.objects.get(
        year=2016, scope="province", province="Thái Nguyên", code="PAPI"
    )
    assert total.scale == "6-60"
    assert "PAPI" in total.source
    # The 2023 figure once shipped as a national average is the median of the rated provinces.
    assert not OfficialScore.objects.national_average().filter(year=2023, code="PAPI").exists()
    assert OfficialScore.objects.get(year=2023, scope="national_median", code="PAPI").score == (
        Decimal("42.3265")
    )


def test_it_holds_every_provinces_scores_of_2017_to_2024_with_their_source():
    rated = OfficialScore.objects.filter(scope="province", code="PAPI")
    # Coverage as published: 63 rated in 2017, 2019, 2020; 60 in 2021; 61 in 2023 and 2024.
    assert {year: rated.filter(year=year).count() for year in (2017, 2019, 2021, 2023, 2024)} == {
        2017: 63, 2019: 63, 2021: 60, 2023: 61, 2024: 61,
    }  # fmt: skip
    assert not rated.filter(year=2021, province="Quảng Ninh").exists()  # not rated: no row
    assert rated.get(year=2020, province="Quảng Ninh").score == Decimal("48.8114")
    d8 = OfficialScore.objects.get(year=2024, province="Thái Nguyên", code="D8")
    assert (d8.scale, d8.level) == ("1-10", "dimension") and "data/csv/2024.csv" in d8.source
    parts = OfficialScore.objects.filter(
        year=2024, province="Thái Nguyên", level="sub_dimension", code__startswith="D8."
    )
    assert sorted(p.code for p in parts) == ["D8.1", "D8.2", "D8.3"]
    assert float(sum(p.score for p in parts)) == pytest.approx(float(d8.score), abs=0.0005)
    assert parts.get(code="D8.2").name_vi == "Tiếp cận và sử dụng Internet"


def test_the_data_migration_replaces_the_press_figures_it_supersedes():
    """A database seeded before the table: press figures still as shipped give way to it."""
    OfficialScore.objects.filter(year__gte=2017, scope="province").delete()
    OfficialScore.objects.filter(scope="national_median").delete()
    OfficialScore.objects.create(
        year=2020, scope="province", province="Quảng Ninh", level="total", code="PAPI",
        name_vi="Chỉ số PAPI tổng hợp", score="48.881", scale="8-80",
        source="vietnamnews (2020 PAPI)",
    )  # fmt: skip
    OfficialScore.objects.create(
        year=2023, scope="national_average", level="total", code="PAPI",
        name_vi="Chỉ số PAPI tổng hợp", score="42.3265", scale="8-80", source="press",
    )  # fmt: skip
    reference_data.load_official_scores_2017_2024(OfficialScore)
    assert OfficialScore.objects.get(year=2020, province="Quảng Ninh", code="PAPI").score == (
        Decimal("48.8114")
    )
    assert not OfficialScore.objects.national_average().filter(year=2023, code="PAPI").exists()
    assert OfficialScore.objects.filter(year=2024, scope="province", code="D1").count() == 61


def html_text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def section(page: str, code: str) -> str:
    start = page.index(f'<section aria-labelledby="papi-{code}">')
    return page[start : page.index("</section>", start)]


def test_it_shows_the_newest_year_first_then_each_trend_from_2018(client, province):
    response = client.get(reverse("portal:papi_scores"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ số PAPI của tỉnh Thái Nguyên" in page
    main = html_text(page[page.index("<main") :])
    # The first heading after the introduction is the newest year, not a 2016 breakdown.
    assert main.index("Điểm năm 2024") < main.index(
        "Diễn biến từng chỉ số từ năm 2018 đến năm 2024"
    )
    assert main.index("Diễn biến từng chỉ số") < main.index("giai đoạn 2011–2017")
    for code in ["PAPI", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8"]:
        years = re.findall(
            r'<th scope="row" class="govuk-table__header">(20\d\d)</th>', section(page, code)
        )
        assert years[:7] == ["2024", "2023", "2022", "2021", "2020", "2019", "2018"], code
        assert section(page, code).count("<svg") == 1
    assert "46,35" in main and "35,53" in main  # the 2024 total and the 2011 total
    assert page.count("<svg") == 10  # the total and 8 dimensions since 2018, the total before


def test_it_computes_the_mean_and_rank_among_rated_provinces_and_says_so(client, province):
    page = client.get(reverse("portal:papi_scores")).content.decode()
    d7 = html_text(section(page, "D7"))
    rated = OfficialScore.objects.filter(year=2024, scope="province", code="D7")
    own = rated.get(province="Thái Nguyên").score
    mean = sum(s.score for s in rated) / rated.count()
    rank = 1 + rated.filter(score__gt=own).count()
    row = re.search(r"2024 (\S+) (\S+) (\d+)/(\d+) \[(\d+)\]", d7)
    assert row, d7[:400]
    assert row.group(1) == f"{own:.2f}".replace(".", ",").rstrip("0").rstrip(",")
    assert row.group(2) == f"{mean:.2f}".replace(".", ",").rstrip("0").rstrip(",")
    assert (int(row.group(3)), int(row.group(4))) == (rank, rated.count())
    assert "Trung bình các tỉnh được xếp hạng (tính toán)" in d7
    assert "Thứ hạng trong các tỉnh được xếp hạng (tính toán)" in d7
    # Every figure names its source, numbered in the list below the table.
    sources = re.findall(r"<li>([^<]+)</li>", section(page, "D7"))
    assert any("data/csv/2024.csv" in s for s in sources)


def test_it_shows_the_sub_dimensions_that_moved(client, province):
    d8 = html_text(section(client.get(reverse("portal:papi_scores")).content.decode(), "D8"))
    assert "Các chỉ số nội dung thành phần của D8 năm 2024, so với năm 2023" in d8
    assert "D8.2. Tiếp cận và sử dụng Internet" in d8


def test_a_year_without_data_is_a_gap_never_zero(client):
    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Quảng Ninh", province="Quảng Ninh", papi_province="Quảng Ninh"
    )
    page = client.get(reverse("portal:papi_scores")).content.decode()
    total = section(page, "PAPI")
    # Quảng Ninh has no total in 2018 (two dimensions missing) and was not rated in 2021 or 2023.
    assert re.search(r">2018</th>\s*<td[^>]*>không có số liệu</td>", total)
    assert re.search(r">2021</th>\s*<td[^>]*>không có số liệu</td>", total)
    assert re.search(r">2023</th>\s*<td[^>]*>không có số liệu</td>", total)
    svg = total[total.index("<svg") : total.index("</svg>")]
    own_line = re.findall(r'<polyline points="([^"]+)" fill="none" stroke="#1d4f91"', svg)
    # The province's line breaks at each missing year: of 2019–2020, 2022 and 2024 only
    # 2019–2020 is a line; the lone years are markers, and no point sits at zero.
    assert [len(line.split()) for line in own_line] == [2]
    assert "0,00" not in html_text(total)


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
    assert "Điểm năm 2025" in page
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
