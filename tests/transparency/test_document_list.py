from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import search
from portal.publishing import item_publish
from transparency.models import Document, LegalStatus

from .factories import DocumentFactory, FieldFactory, draft

pytestmark = pytest.mark.django_db

URL = reverse("transparency:document_list")


def _numbers(response) -> list[str]:
    return [d.number for d in response.context["page"].object_list]


@pytest.fixture
def library(db):
    petrol = FieldFactory(name="Kinh doanh xăng dầu")
    power = FieldFactory(name="Điện")
    return {
        "petrol_decree": DocumentFactory(
            kind=Document.Kind.DECREE,
            number="83/2014/NĐ-CP",
            issuer="Chính phủ",
            issued_on=date(2014, 9, 3),
            fields=[petrol],
        ),
        "amending_decree": DocumentFactory(
            kind=Document.Kind.DECREE,
            number="95/2021/NĐ-CP",
            issuer="Chính phủ",
            issued_on=date(2021, 11, 1),
            fields=[petrol],
        ),
        "power_law": DocumentFactory(
            kind=Document.Kind.LAW,
            number="28/2004/QH11",
            issuer="Quốc hội",
            issued_on=date(2004, 12, 3),
            expires_on=date(2025, 2, 1),
            fields=[power],
        ),
        "future_decision": DocumentFactory(
            number="15/2099/QĐ-UBND", issued_on=date(2099, 1, 2), fields=[power]
        ),
    }


def test_it_filters_by_kind_field_issuer_year_and_status(client, library):
    assert _numbers(client.get(URL, {"kind": "decree"})) == ["95/2021/NĐ-CP", "83/2014/NĐ-CP"]
    assert set(_numbers(client.get(URL, {"field": "dien"}))) == {"28/2004/QH11", "15/2099/QĐ-UBND"}
    assert _numbers(client.get(URL, {"issuer": "Quốc hội"})) == ["28/2004/QH11"]
    assert _numbers(client.get(URL, {"year": "2021"})) == ["95/2021/NĐ-CP"]
    assert _numbers(client.get(URL, {"status": LegalStatus.EXPIRED})) == ["28/2004/QH11"]
    assert _numbers(client.get(URL, {"status": LegalStatus.NOT_YET_IN_FORCE})) == [
        "15/2099/QĐ-UBND"
    ]
    combined = client.get(URL, {"kind": "decree", "field": "kinh-doanh-xang-dau", "year": 2014})
    assert _numbers(combined) == ["83/2014/NĐ-CP"]


def test_the_number_or_words_box_filters_the_list_and_keeps_the_other_filters(client, library):
    # Newer than the decree it names: the list's own order would put it first.
    DocumentFactory(
        kind=Document.Kind.DECREE,
        number="12/2025/NĐ-CP",
        summary="Sửa đổi Nghị định số 83/2014/NĐ-CP",
        issuer="Chính phủ",
        issued_on=date(2025, 1, 2),
    )
    search.rebuild()

    for query in ("xăng dầu", "xang dau", "XANG DAU"):
        assert _numbers(client.get(URL, {"q": query})) == ["95/2021/NĐ-CP", "83/2014/NĐ-CP"]
    for query in ("83 / 2014", "Nghị định số 83/2014/NĐ-CP", "83/ND-CP", "NĐ-CP 83/2014"):
        assert _numbers(client.get(URL, {"q": query}))[0] == "83/2014/NĐ-CP", query
    assert _numbers(client.get(URL, {"q": "83/2014"})) == ["83/2014/NĐ-CP", "12/2025/NĐ-CP"]
    assert _numbers(client.get(URL, {"q": "xang dau", "year": "2014"})) == ["83/2014/NĐ-CP"]
    assert _numbers(client.get(URL, {"q": "dien", "kind": "law"})) == ["28/2004/QH11"]

    html = client.get(URL, {"q": "xang dau", "kind": "decree"}).content.decode()
    assert '<label class="govuk-label govuk-label--s" for="id_q">Số, ký hiệu hoặc từ khóa' in html
    assert '<input type="search" name="q" value="xang dau"' in html
    assert '<option value="decree" selected>' in html
    assert "2 văn bản" in html


def test_the_number_or_words_box_explains_a_query_without_letters_or_digits(client, library):
    response = client.get(URL, {"q": "?!", "kind": "decree"})

    assert "Nhập ít nhất một chữ cái hoặc chữ số." in response.content.decode()
    assert set(_numbers(response)) == {"83/2014/NĐ-CP", "95/2021/NĐ-CP"}


def test_the_number_or_words_box_keeps_its_query_from_page_to_page(client):
    DocumentFactory.create_batch(25, summary="Quy định về kinh doanh xăng dầu")
    DocumentFactory.create_batch(5, summary="Quy định về hóa chất")
    search.rebuild()

    first = client.get(URL, {"q": "xang dau"})
    assert first.context["page"].paginator.count == 25
    assert 'href="?q=xang+dau&amp;page=2"' in first.content.decode()
    assert len(client.get(URL, {"q": "xang dau", "page": 2}).context["page"].object_list) == 5


def test_each_status_filter_lists_exactly_the_documents_showing_that_status(client):
    today = timezone.localdate()
    day = timedelta(days=1)
    documents = [
        DocumentFactory(issued_on=today - 9 * day),
        DocumentFactory(issued_on=today + day),
        DocumentFactory(issued_on=None),
        DocumentFactory(issued_on=today - 9 * day, effective_on=today),
        DocumentFactory(issued_on=today - 9 * day, effective_on=today + day),
        DocumentFactory(issued_on=today + day, effective_on=today - day),
        DocumentFactory(effective_on=today + day, expires_on=today),
        DocumentFactory(expires_on=today + day),
        DocumentFactory(legal_status=LegalStatus.IN_FORCE, expires_on=today - day),
        DocumentFactory(legal_status=LegalStatus.EXPIRED, issued_on=today + day),
        DocumentFactory(legal_status=LegalStatus.PARTLY_EXPIRED),
        DocumentFactory(legal_status=LegalStatus.NOT_YET_IN_FORCE),
    ]
    sizes = {}
    for status in LegalStatus:
        expected = {d.number for d in documents if d.current_legal_status == status}
        listed = set(_numbers(client.get(URL, {"status": status})))
        assert listed == expected, status
        sizes[status] = len(listed)
    assert sizes == {"in_force": 6, "not_yet_in_force": 3, "expired": 2, "partly_expired": 1}


def test_it_shows_the_result_count(client, library):
    response = client.get(URL, {"kind": "decree"})
    assert response.context["page"].paginator.count == 2
    assert "2 văn bản" in response.content.decode()


def test_it_sorts_only_by_the_allowlisted_keys(client, library):
    assert _numbers(client.get(URL, {"sort": "oldest"}))[0] == "28/2004/QH11"
    assert _numbers(client.get(URL, {"sort": "newest"}))[0] == "15/2099/QĐ-UBND"
    assert _numbers(client.get(URL, {"sort": "number"}))[0] == "15/2099/QĐ-UBND"
    # Anything else falls back to the default order instead of reaching the database.
    for bogus in ("signer", "-id", "summary; DROP TABLE x", "publication"):
        response = client.get(URL, {"sort": bogus})
        assert response.status_code == 200
        assert _numbers(response)[0] == "15/2099/QĐ-UBND"


def test_it_ignores_an_invalid_filter_value_and_keeps_the_others(client, library):
    response = client.get(URL, {"kind": "decree", "year": "abc", "status": "whatever"})
    assert response.status_code == 200
    assert set(_numbers(response)) == {"83/2014/NĐ-CP", "95/2021/NĐ-CP"}


def test_it_paginates_twenty_per_page(client):
    DocumentFactory.create_batch(45)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].paginator.num_pages == 3
    last = client.get(URL, {"page": 3})
    assert len(last.context["page"].object_list) == 5
    assert 'rel="prev"' in last.content.decode()
    # An out-of-range page shows the last page rather than an error.
    assert client.get(URL, {"page": 99}).context["page"].number == 3


def test_it_keeps_the_filters_in_the_pagination_links(client):
    DocumentFactory.create_batch(25, kind=Document.Kind.DECREE)
    content = client.get(URL, {"kind": "decree"}).content.decode()
    assert "?kind=decree&amp;page=2" in content


def test_it_lists_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    fields = [FieldFactory(name=name) for name in ("Điện", "Hóa chất", "Kinh doanh rượu")]
    DocumentFactory.create_batch(30, fields=fields)
    with django_assert_max_num_queries(7):
        response = client.get(URL, {"sort": "published"})
    assert len(response.context["page"].object_list) == 20


def test_it_counts_up_to_a_limit_and_says_there_are_more(client, monkeypatch):
    monkeypatch.setattr("portal.pagination.LIST_COUNT_CAP", 25)
    DocumentFactory.create_batch(45)
    first = client.get(URL)
    assert "Hơn 25 văn bản" in first.content.decode()
    assert "45" not in first.content.decode().split('role="status"')[1].split("</p>")[0]
    # Pages stop at the last one holding the 25th document.
    assert first.context["page"].paginator.num_pages == 2
    last = client.get(URL, {"page": 9})
    assert last.context["page"].number == 2
    assert len(last.context["page"].object_list) == 5
    assert 'rel="next"' not in last.content.decode()


def test_it_gives_the_exact_count_up_to_the_limit(client, monkeypatch):
    monkeypatch.setattr("portal.pagination.LIST_COUNT_CAP", 25)
    DocumentFactory.create_batch(25)
    content = client.get(URL).content.decode()
    assert "25 văn bản" in content
    assert "Hơn" not in content


def test_it_shows_each_result_with_its_kind_number_issuer_date_status_and_fields(client):
    law = DocumentFactory(
        kind=Document.Kind.LAW,
        number="28/2004/QH11",
        summary="Luật Điện lực <b>sửa đổi</b>",
        issuer="Quốc hội",
        issued_on=date(2004, 12, 3),
        expires_on=date(2025, 2, 1),
        fields=[FieldFactory(name="Điện"), FieldFactory(name="An toàn điện")],
    )
    content = client.get(URL).content.decode()
    url = law.get_absolute_url()
    assert f'<a class="govuk-link" href="{url}" lang="vi">Luật 28/2004/QH11</a>' in content
    assert "Luật Điện lực &lt;b&gt;sửa đổi&lt;/b&gt;" in content
    assert (
        '<span lang="vi">Quốc hội</span> · ban hành <time datetime="2004-12-03">03/12/2004</time>'
        in content
    )
    assert '<strong class="govuk-tag govuk-tag--grey">Hết hiệu lực</strong>' in content
    assert '<br><span lang="vi">An toàn điện, Điện</span></p>' in content


def test_it_keeps_the_chosen_filters_selected(client, library):
    content = client.get(URL, {"kind": "decree", "issuer": "Chính phủ", "year": "20x4"}).content
    content = content.decode()
    assert '<option value="decree" selected>Nghị định</option>' in content
    assert '<option value="Chính phủ" selected>Chính phủ</option>' in content
    assert 'aria-invalid="true" aria-describedby="id_year_error" id="id_year"' in content
    assert '<p id="id_year_error" class="govuk-error-message">' in content


def test_the_filter_panel_follows_each_visitors_choice_and_a_new_publication(
    client, library, django_capture_on_commit_callbacks
):
    """The panel is drawn once per choice of filters (a fragment cache): another choice, a
    language, an error or a newly published issuing body must each show at once."""
    decree = client.get(URL, {"kind": "decree"}).content.decode()
    law = client.get(URL, {"kind": "law"}).content.decode()
    assert '<option value="decree" selected>Nghị định</option>' in decree
    assert '<option value="law" selected>Luật</option>' in law
    assert '<option value="decree" selected>' not in law
    assert (
        '<option value="law">Law</option>'
        in client.get("/en" + URL, {"kind": "decree"}).content.decode()
    )

    invalid = client.get(URL, {"kind": "decree", "year": "hai nghìn"}).content.decode()
    assert '<p id="id_year_error" class="govuk-error-message">' in invalid
    assert '<p id="id_year_error"' not in client.get(URL, {"kind": "decree"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        item_publish(item=draft(number="01/2025/QĐ-UBND", issuer="Ủy ban nhân dân tỉnh"))
    panel = client.get(URL, {"kind": "decree"}).content.decode()
    assert '<option value="Ủy ban nhân dân tỉnh">Ủy ban nhân dân tỉnh</option>' in panel
