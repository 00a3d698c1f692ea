"""The public catalog: filters, search by code or by name with or without diacritics, the
procedure's full record, the print view, drafts hidden, and the legal basis linked both ways."""

import pytest
from django.urls import reverse

from portal import search
from procedures.models import DossierComponent, Level, OnlineLevel
from tests.procedures.factories import ProcedureFactory, draft
from tests.transparency.factories import DocumentFactory

pytestmark = pytest.mark.django_db

URL = reverse("procedures:procedure_list")


def _names(response) -> list[str]:
    return [item.title for item in response.context["items"]]


@pytest.fixture
def catalog(db):
    procedures = {
        "petrol": ProcedureFactory(
            code="2.000648",
            name="Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
            online_level=OnlineLevel.FULL,
        ),
        "lpg": ProcedureFactory(
            code="2.000207",
            name="Cấp lại Giấy chứng nhận đủ điều kiện trạm nạp LPG vào chai",
            field="Kinh doanh khí",
            online_level=OnlineLevel.PARTIAL,
        ),
        "power": ProcedureFactory(
            code="",
            name="Cấp Giấy phép hoạt động bán lẻ điện đến cấp điện áp 0,4 kV",
            field="Điện",
            level=Level.COMMUNE,
            implementing_agency="Ủy ban nhân dân cấp xã",
            online_level=OnlineLevel.NONE,
            legal_basis="",
        ),
        "hidden": draft(name="Cấp Giấy phép sản xuất rượu công nghiệp (bản nháp)"),
    }
    search.rebuild()
    return procedures


def test_the_catalog_lists_published_procedures_only(client, catalog):
    response = client.get(URL)
    assert response.status_code == 200
    assert sorted(_names(response)) == sorted(
        p.name for key, p in catalog.items() if key != "hidden"
    )
    assert "bản nháp" not in response.content.decode()
    assert client.get(catalog["hidden"].get_absolute_url()).status_code == 404


def test_it_filters_by_field_level_online_level_and_agency(client, catalog):
    assert _names(client.get(URL, {"field": "Kinh doanh khí"})) == [catalog["lpg"].name]
    assert _names(client.get(URL, {"level": "commune"})) == [catalog["power"].name]
    assert _names(client.get(URL, {"online_level": "full"})) == [catalog["petrol"].name]
    assert _names(client.get(URL, {"agency": "Ủy ban nhân dân cấp xã"})) == [catalog["power"].name]
    # A value no list holds is dropped, not a server error.
    assert len(_names(client.get(URL, {"level": "moon", "field": "x"}))) == 3


def test_it_finds_a_procedure_by_its_code(client, catalog):
    assert _names(client.get(URL, {"q": "2.000207"})) == [catalog["lpg"].name]


@pytest.mark.parametrize("words", ["bán lẻ xăng dầu", "ban le xang dau", "BAN LE XANG DAU"])
def test_it_finds_a_procedure_by_name_with_or_without_diacritics(client, catalog, words):
    assert _names(client.get(URL, {"q": words})) == [catalog["petrol"].name]


def test_the_site_search_finds_procedures_by_code(client, catalog):
    response = client.get(reverse("portal:search"), {"q": "2.000648"})
    assert catalog["petrol"].name in response.content.decode()


def test_the_procedure_page_shows_the_whole_record(client, catalog):
    petrol = catalog["petrol"]
    DossierComponent.objects.create(
        procedure=petrol, case="Trường hợp bị mất", name="Bản sao giấy chứng nhận cũ", order=5
    )
    page = client.get(petrol.get_absolute_url()).content.decode()
    for text in (
        "2.000648",
        "Lưu thông hàng hóa trong nước",
        "7 ngày làm việc",
        "Miễn phí",
        "Văn bản đề nghị theo mẫu",
        "Trường hợp bị mất",
        "Bản sao giấy chứng nhận cũ",
        "Thẩm định hồ sơ.",
        "83/2014/NĐ-CP",
        "Nộp trực tuyến",  # the online guide's heading
        "dịch vụ bưu chính công ích",  # the postal guide
    ):
        assert text in page, text
    assert reverse("procedures:procedure_print", args=[petrol.pk]) in page


def test_the_print_view_holds_the_record_and_the_print_stylesheet(client, catalog):
    response = client.get(reverse("procedures:procedure_print", args=[catalog["lpg"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "2.000207" in page and "Văn bản đề nghị theo mẫu" in page
    assert "procedures/print" in page and 'media="print"' in page


def test_the_legal_basis_links_to_the_published_document(client, catalog):
    decree = DocumentFactory(number="83/2014/NĐ-CP", summary="Về kinh doanh xăng dầu")
    search.rebuild()
    page = client.get(catalog["petrol"].get_absolute_url()).content.decode()
    assert decree.get_absolute_url() in page
    # A number no published document has stays plain text.
    assert "95/2021/NĐ-CP" in page


def test_a_staff_member_previews_a_draft(client, catalog, officer_a):
    client.force_login(officer_a)
    response = client.get(catalog["hidden"].get_absolute_url())
    assert response.status_code == 200
    assert "Bản xem trước" in response.content.decode() or "not public" in response.content.decode()


def test_the_document_page_lists_the_procedures_based_on_it(client, catalog):
    decree = DocumentFactory(number="95/2021/NĐ-CP", summary="Sửa đổi Nghị định 83/2014/NĐ-CP")
    other = DocumentFactory(number="87/2018/NĐ-CP", summary="Về kinh doanh khí")
    page = client.get(decree.get_absolute_url()).content.decode()
    assert "Thủ tục hành chính căn cứ văn bản này" in page
    assert catalog["petrol"].get_absolute_url() in page
    assert catalog["hidden"].get_absolute_url() not in page  # a draft is never listed
    assert catalog["power"].get_absolute_url() not in page  # cites nothing
    assert (
        "Thủ tục hành chính căn cứ văn bản này"
        not in client.get(other.get_absolute_url()).content.decode()
    )
