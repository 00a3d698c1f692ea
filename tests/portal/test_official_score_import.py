import pytest
import tablib

from portal.models import OfficialScore
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


def test_it_imports_a_new_annex_and_updates_corrected_rows():
    rows = annex(
        [
            2025,
            "province",
            "Thái Nguyên",
            "total",
            "PAPI",
            "Chỉ số PAPI tổng hợp",
            "Aggregate PAPI",
            "45.1234",
            "8-80",
            "Phụ lục báo cáo PAPI 2025",
        ],
        [
            2025,
            "province",
            "Thái Nguyên",
            "dimension",
            "D8",
            "Quản trị điện tử",
            "E-Governance",
            "4.5",
            "1-10",
            "Phụ lục báo cáo PAPI 2025",
        ],
    )
    result = OfficialScoreResource().import_data(rows, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert OfficialScore.objects.filter(year=2025).count() == 2

    corrected = annex(
        [
            2025,
            "province",
            "Thái Nguyên",
            "total",
            "PAPI",
            "Chỉ số PAPI tổng hợp",
            "Aggregate PAPI",
            "45.5",
            "8-80",
            "Phụ lục báo cáo PAPI 2025 (đính chính)",
        ]
    )
    OfficialScoreResource().import_data(corrected, dry_run=False)
    total = OfficialScore.objects.get(year=2025, code="PAPI", province="Thái Nguyên")
    assert str(total.score) == "45.5000"
    assert OfficialScore.objects.filter(year=2025).count() == 2


def test_it_saves_nothing_when_a_row_is_bad():
    rows = annex(
        [
            2025,
            "province",
            "Thái Nguyên",
            "total",
            "PAPI",
            "Chỉ số PAPI tổng hợp",
            "",
            "45",
            "8-80",
            "",
        ],
        [
            2025,
            "province",
            "Thái Nguyên",
            "dimension",
            "D1",
            "Tham gia",
            "",
            "không phải số",
            "1-10",
            "",
        ],
    )
    result = OfficialScoreResource().import_data(rows, dry_run=False, use_transactions=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not OfficialScore.objects.filter(year=2025).exists()


def test_it_imports_sub_dimension_scores_shown_on_the_public_page(client):
    """A new year's annex, sub-dimensions included, through the same import staff use."""
    from django.urls import reverse

    from portal.models import DepartmentProfile

    DepartmentProfile.objects.create(
        name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên", papi_province="Thái Nguyên"
    )
    source = "Phụ lục báo cáo PAPI 2025"
    rows = annex(
        [2025, "province", "Thái Nguyên", "dimension", "D8", "Quản trị điện tử", "E-Governance",
         "4.5", "1-10", source],
        [2025, "province", "Thái Nguyên", "sub_dimension", "D8.2", "Tiếp cận và sử dụng Internet",
         "Access to the Internet", "1.75", "", source],
    )  # fmt: skip
    result = OfficialScoreResource().import_data(rows, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    page = client.get(reverse("portal:papi_scores")).content.decode()
    assert "Các chỉ số nội dung thành phần của D8 năm 2025, so với năm 2024" in page
    assert "1,75" in page and source in page
