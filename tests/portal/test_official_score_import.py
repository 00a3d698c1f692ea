import pytest
import tablib
from django.urls import reverse

from portal.models import DepartmentProfile, OfficialScore
from portal.resources import OfficialScoreResource

pytestmark = pytest.mark.django_db

HEADERS = [
    "year",
    "scope",
    "province",
    "level",
    "code",
    "name_vi",
    "name_en",
    "score",
    "scale",
    "source",
]


def annex(*rows):
    return tablib.Dataset(*rows, headers=HEADERS)


SOURCE = "Phụ lục báo cáo PAPI 2025"


def row(level, code, name_vi, score, scale, *, name_en="", source=SOURCE):
    """One line of the annex: a score of Thái Nguyên in 2025."""
    return [2025, "province", "Thái Nguyên", level, code, name_vi, name_en, score, scale, source]


TOTAL = {"level": "total", "code": "PAPI", "name_vi": "Chỉ số PAPI tổng hợp", "scale": "8-80"}


def test_it_imports_a_new_annex_and_updates_corrected_rows():
    rows = annex(
        row(**TOTAL, score="45.1234", name_en="Aggregate PAPI"),
        row("dimension", "D8", "Quản trị điện tử", "4.5", "1-10", name_en="E-Governance"),
    )
    result = OfficialScoreResource().import_data(rows, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert OfficialScore.objects.filter(year=2025).count() == 2

    corrected = annex(row(**TOTAL, score="45.5", source=f"{SOURCE} (đính chính)"))
    OfficialScoreResource().import_data(corrected, dry_run=False)
    total = OfficialScore.objects.get(year=2025, code="PAPI", province="Thái Nguyên")
    assert str(total.score) == "45.5000"
    assert total.source == f"{SOURCE} (đính chính)"
    assert OfficialScore.objects.filter(year=2025).count() == 2


def test_it_saves_nothing_when_a_row_is_bad():
    rows = annex(
        row(**TOTAL, score="45", source=""),
        row("dimension", "D1", "Tham gia", "không phải số", "1-10", source=""),
    )
    result = OfficialScoreResource().import_data(rows, dry_run=False, use_transactions=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not OfficialScore.objects.filter(year=2025).exists()


def test_it_imports_sub_dimension_scores_shown_on_the_public_page(client):
    """A new year's annex, sub-dimensions included, through the same import staff use."""
    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    rows = annex(
        row("dimension", "D8", "Quản trị điện tử", "4.5", "1-10", name_en="E-Governance"),
        row(
            "sub_dimension",
            "D8.2",
            "Tiếp cận và sử dụng Internet",
            "1.75",
            "",
            name_en="Access to the Internet",
        ),
    )
    result = OfficialScoreResource().import_data(rows, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    page = client.get(reverse("portal:papi_scores")).content.decode()
    assert "Các chỉ số nội dung thành phần của D8 năm 2025, so với năm 2024" in page
    assert "1,75" in page and SOURCE in page
