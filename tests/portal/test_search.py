import importlib
import itertools
import re
from datetime import UTC, datetime
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal import search
from portal.models import OfficialScore, SearchEntry, Unit
from portal.search.index import _entry_fields as entry_fields
from portal.tasks import rebuild_search_index
from tests.helpers import require
from tests.portal.helpers import UnitSource

pytestmark = pytest.mark.django_db

_codes = itertools.count(1)
# Apart from the PAPI scores the reference-data migration loads.
TEST_PROVINCE = "Tỉnh kiểm thử"


class ScoreSource(search.SearchSource):
    """A stand-in for an app's documents: an official score is "public" unless its scale says
    "private"; its English name plays the document number (its first word: the document's own,
    the others: numbers it names)."""

    area = "test-documents"
    label = "Văn bản thử"
    model = OfficialScore

    def get_queryset(self):
        return OfficialScore.objects.filter(province=TEST_PROVINCE).exclude(scale="private")

    def to_document(self, obj):
        return search.SearchDocument(
            title=obj.name_vi,
            url=f"/van-ban-thu/{obj.pk}/",
            summary=obj.source,
            keywords=obj.name_en,
            kind="Nghị định",
            published_at=datetime(obj.year, 1, 1, tzinfo=UTC),
            identifier=obj.name_en.partition(" ")[0],
        )


@pytest.fixture(autouse=True)
def sources():
    with search.registered(ScoreSource()), search.registered(UnitSource()):
        yield


def doc(title, *, summary="", number="", year=2020, public=True):
    score = OfficialScore.objects.create(
        year=year,
        scope=OfficialScore.Scope.PROVINCE,
        province=TEST_PROVINCE,
        level=OfficialScore.Level.TOTAL,
        code=f"T{next(_codes)}",
        name_vi=title,
        name_en=number,
        source=summary,
        score=1,
        scale="private" if not public else "1-10",
    )
    search.index_object(score)
    return score


def unit(name, *, order=1):
    obj = Unit.objects.create(name=name, code=f"don-vi-{next(_codes)}", order=order)
    search.index_object(obj)
    return obj


def titles(results):
    return [entry.title for entry in results.entries]


def test_it_normalises_case_nfc_and_diacritics_including_d():
    decomposed = "Đường dây ĐIỆN xăng dầu".replace("ă", "a\u0306")
    assert search.normalise(decomposed) == "duong day dien xang dau"
    assert search.normalise("  Quy   định\n") == "quy dinh"


def test_it_finds_words_with_or_without_diacritics():
    doc("Giá bán lẻ xăng dầu tháng 5")
    doc("Cấp điện cho khu công nghiệp")
    doc("Hướng dẫn kinh doanh hóa chất")

    assert titles(search.search("xang dau")) == ["Giá bán lẻ xăng dầu tháng 5"]
    assert titles(search.search("XĂNG DẦU")) == ["Giá bán lẻ xăng dầu tháng 5"]
    assert titles(search.search("dien")) == ["Cấp điện cho khu công nghiệp"]
    assert titles(search.search("đien")) == ["Cấp điện cho khu công nghiệp"]
    assert titles(search.search("hoa chat")) == ["Hướng dẫn kinh doanh hóa chất"]


def test_it_matches_a_query_typed_with_decomposed_diacritics():
    doc("Giá bán lẻ xăng dầu")
    decomposed = "xa\u0306ng da\u0302\u0300u"

    assert titles(search.search(decomposed)) == ["Giá bán lẻ xăng dầu"]


def test_it_finds_words_in_the_summary_and_a_word_being_typed():
    doc("Kế hoạch năm 2026", summary="Bảo đảm an toàn lưới điện nông thôn")

    assert titles(search.search("luoi dien nong")) == ["Kế hoạch năm 2026"]
    assert titles(search.search("điện nông thôn")) == ["Kế hoạch năm 2026"]
    assert titles(search.search("thủy điện")) == []


def test_it_ranks_the_exact_spelling_first():
    doc("Thay cáp điện ngầm", year=2019)
    doc("Cấp điện nông thôn", year=2024)

    assert titles(search.search("cáp điện")) == ["Thay cáp điện ngầm", "Cấp điện nông thôn"]
    assert titles(search.search("cấp điện")) == ["Cấp điện nông thôn", "Thay cáp điện ngầm"]


def test_it_ranks_title_matches_above_summary_matches_and_newest_first_within():
    doc("Báo cáo quý", summary="Kiểm tra an toàn hóa chất", year=2025)
    doc("An toàn hóa chất trong sản xuất", year=2018)
    doc("Quy định an toàn hóa chất", year=2021)

    assert titles(search.search("an toan hoa chat")) == [
        "Quy định an toàn hóa chất",
        "An toàn hóa chất trong sản xuất",
        "Báo cáo quý",
    ]


def test_it_ranks_a_title_holding_the_whole_phrase_above_one_holding_its_pairs_apart():
    # Every pair of neighbouring words of the phrase is in the second title, not the phrase.
    doc("Quy định công thương địa phương", year=2018)
    doc("Quy định công tác; định công thương mại", summary="", year=2025)

    assert titles(search.search("quy định công thương")) == [
        "Quy định công thương địa phương",
        "Quy định công tác; định công thương mại",
    ]


def test_it_ranks_a_title_match_first_however_many_newer_entries_match_elsewhere():
    doc("Chợ đầu mối nông sản", year=2001)
    for year in range(2002, 2030):
        doc(f"Báo cáo năm {year}", summary="Quy hoạch chợ đầu mối nông sản", year=year)

    assert titles(search.search("chợ đầu mối"))[0] == "Chợ đầu mối nông sản"
    assert titles(search.search("cho dau moi"))[0] == "Chợ đầu mối nông sản"


def test_it_indexes_words_and_neighbouring_pairs_of_a_title_and_its_keywords_apart():
    terms = search.heading_terms(" cap dien | 59/2019", " cấp điện | 59/2019").split()

    assert {"cap", "cap_dien", "59/2019", "=cấp_điện", "=59/2019"} <= set(terms)
    assert "dien_59/2019" not in terms


@pytest.mark.parametrize("query", ["59/2019", "59/2019/NĐ-CP", "59/2019/nd-cp"])
def test_it_finds_a_document_by_its_number_first(query):
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP", year=2019)
    doc("Quy định về thương mại biên giới", number="159/2019/NĐ-CP", year=2024)
    doc("Kế hoạch thực hiện", summary="Căn cứ Nghị định số 59/2019/NĐ-CP", year=2025)

    results = search.search(query)

    assert results.entries[0].title == "Quy định chi tiết Luật Phòng, chống tham nhũng"
    assert "Quy định về thương mại biên giới" not in titles(results)
    if query == "59/2019":
        assert titles(results)[1:] == ["Kế hoạch thực hiện"]


@pytest.mark.parametrize("query", ["59/2019", "59/2019/nd-cp", "59"])
def test_a_document_comes_before_newer_ones_that_name_its_number(query):
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP", year=2019)
    doc("Sửa đổi Nghị định số 59/2019/NĐ-CP", number="12/2024/NĐ-CP", year=2024)
    doc("Hỏi đáp về kê khai tài sản", number="HĐ-7 59/2019/NĐ-CP 12/2024/NĐ-CP", year=2025)

    found = titles(search.search(query))

    assert found[0] == "Quy định chi tiết Luật Phòng, chống tham nhũng"
    if query != "59":
        assert found[1:] == ["Hỏi đáp về kê khai tài sản", "Sửa đổi Nghị định số 59/2019/NĐ-CP"]


def test_it_counts_results_by_area_and_filters_by_one():
    doc("Quy hoạch thương mại tỉnh")
    doc("Kế hoạch phát triển thương mại")
    unit("Phòng Quản lý thương mại")
    unit("Văn phòng Sở")

    results = search.search("thuong mai")
    facets = {f.area: (str(f.label), f.count) for f in results.facets}

    assert facets["test-documents"] == ("Văn bản thử", 2)
    assert facets["test-units"] == ("Đơn vị thử", 1)
    assert results.total == 3
    only_units = search.search("thuong mai", area="test-units")
    assert titles(only_units) == ["Phòng Quản lý thương mại"]
    assert only_units.total == 1


def test_it_ignores_an_unknown_area():
    doc("Quy hoạch thương mại tỉnh")

    assert search.search("thuong mai", area="no-such-area").total == 1


def test_it_pages_results():
    for year in range(2000, 2025):
        doc(f"Báo cáo công thương năm {year}", year=year)

    first = search.search("cong thuong", per_page=20)
    second = search.search("cong thuong", page=2, per_page=20)
    beyond = search.search("cong thuong", page=9, per_page=20)

    assert first.total == 25 and first.num_pages == 2
    assert titles(first)[0] == "Báo cáo công thương năm 2024"
    assert titles(second) == [f"Báo cáo công thương năm {y}" for y in range(2004, 1999, -1)]
    assert beyond.page == 2 and titles(beyond) == titles(second)


def test_it_never_indexes_an_object_that_is_not_public():
    draft = doc("Dự thảo quy định về xăng dầu", public=False)

    assert not SearchEntry.objects.exists()
    assert search.rebuild() == 0
    assert search.search("xang dau").total == 0
    draft.scale = "1-10"
    draft.save()
    search.index_object(draft)
    assert search.search("xang dau").total == 1


def test_it_removes_an_object_that_stops_being_public_or_is_deleted():
    withdrawn = doc("Quy định về xăng dầu")
    deleted = unit("Phòng Thương mại xăng dầu")
    assert search.search("xang dau").total == 2

    withdrawn.scale = "private"
    withdrawn.save()
    search.index_object(withdrawn)
    deleted.delete()

    assert search.search("xang dau").total == 0
    assert not SearchEntry.objects.exists()


def test_it_updates_an_entry_when_its_object_changes():
    score = doc("Quy định về xăng dầu")
    score.name_vi = "Quy định về hóa chất"
    score.save()
    search.index_object(score)

    assert search.search("xang dau").total == 0
    assert titles(search.search("hoa chat")) == ["Quy định về hóa chất"]
    assert SearchEntry.objects.count() == 1


def test_it_hides_entries_dated_in_the_future():
    doc("Quy định về xăng dầu", year=timezone.now().year + 2)

    assert search.search("xang dau").total == 0
    assert search.latest() == []


def test_it_rebuilds_the_index_from_the_sources():
    doc("Quy định về xăng dầu")
    doc("Bản nháp về xăng dầu", public=False)
    unit("Văn phòng Sở")
    unit("Tổ nội bộ", order=100)
    SearchEntry.objects.all().delete()

    assert search.rebuild() == 2
    assert search.rebuild(area="test-units") == 1
    assert rebuild_search_index() == 2
    assert sorted(SearchEntry.objects.values_list("title", flat=True)) == [
        "Quy định về xăng dầu",
        "Văn phòng Sở",
    ]


def test_it_drops_entries_of_sources_no_longer_registered():
    doc("Quy định về xăng dầu")
    search.unregister(OfficialScore)
    try:
        search.rebuild()
        assert not SearchEntry.objects.exists()
    finally:
        search.register(ScoreSource())


def test_the_command_rebuilds_the_index(capsys):
    doc("Quy định về xăng dầu")
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index")

    assert "Indexed 1 entries" in capsys.readouterr().out
    assert SearchEntry.objects.count() == 1


def test_it_lists_the_latest_published_entries_for_the_home_page():
    doc("Tin năm 2023", year=2023)
    doc("Tin năm 2025", year=2025)
    doc("Tin năm 2024", year=2024)
    unit("Văn phòng Sở")  # no date: not news

    latest = search.latest(limit=2)

    assert [e.title for e in latest] == ["Tin năm 2025", "Tin năm 2024"]
    assert str(latest[0].area_label) == "Văn bản thử"
    assert latest[0].url.startswith("/van-ban-thu/")


def test_the_home_page_shows_the_latest_entries(client):
    doc("Kế hoạch cải thiện chỉ số PAPI năm 2025", year=2025)

    response = client.get(reverse("portal:home"))

    assert "Kế hoạch cải thiện chỉ số PAPI năm 2025" in response.content.decode()


def test_it_marks_the_matched_words_in_the_snippet_and_escapes_the_rest():
    snippet = search.highlight("<b>Giá</b> XĂNG dầu & khí", ["xang", "dau"])

    assert snippet == "&lt;b&gt;Giá&lt;/b&gt; <mark>XĂNG</mark> <mark>dầu</mark> &amp; khí"


def test_it_cuts_a_long_snippet_around_the_first_match():
    text = " ".join(["mở đầu"] * 100) + " giá xăng dầu " + " ".join(["kết thúc"] * 100)

    snippet = search.highlight(text, ["xang"])

    assert "<mark>xăng</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet) < 300


def test_the_page_shows_ranked_results_with_count_facets_and_marks(client):
    doc("Giá bán lẻ xăng dầu", summary="Điều chỉnh giá xăng dầu từ 15 giờ", number="12/TB-SCT")
    unit("Phòng Quản lý xăng dầu")

    response = client.get(reverse("portal:search"), {"q": "xang dau"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Tìm thấy 2 kết quả" in html
    assert 'class="app-search-results"' in html
    assert '<a class="govuk-link" href="/van-ban-thu/' in html
    assert "Điều chỉnh giá <mark>xăng</mark> <mark>dầu</mark> từ 15 giờ" in html
    assert "Văn bản thử (1)" in html and "Đơn vị thử (1)" in html
    assert "Nghị định" in html and "01/01/2020" in html


def test_the_page_marks_the_chosen_area(client):
    doc("Giá bán lẻ xăng dầu")
    unit("Phòng Quản lý xăng dầu")

    response = client.get(reverse("portal:search"), {"q": "xang dau", "area": "test-units"})
    html = response.content.decode()

    assert '<strong aria-current="true">Đơn vị thử (1)</strong>' in html
    assert "Phòng Quản lý xăng dầu" in html and "Giá bán lẻ xăng dầu" not in html
    assert "?q=xang+dau&amp;area=test-documents" in html


def test_the_page_escapes_titles_and_summaries(client):
    doc('<script>alert("x")</script> xăng dầu', summary="<img src=x onerror=alert(1)> xăng")

    html = client.get(reverse("portal:search"), {"q": "xăng"}).content.decode()

    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; xăng dầu" in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>xăng</mark>" in html


def test_the_page_links_to_the_next_page(client):
    for year in range(2000, 2025):
        doc(f"Báo cáo công thương năm {year}", year=year)

    html = client.get(reverse("portal:search"), {"q": "công thương"}).content.decode()
    second = client.get(reverse("portal:search"), {"q": "công thương", "page": "2"})

    assert 'class="govuk-pagination"' in html
    assert 'href="/tim-kiem/?q=c%C3%B4ng+th%C6%B0%C6%A1ng&amp;page=2" rel="next"' in html
    assert 'aria-current="page">2</a>' in second.content.decode()
    assert 'start="21"' in second.content.decode()


def test_the_page_explains_when_nothing_matches(client):
    doc("Giá bán lẻ xăng dầu")

    html = client.get(reverse("portal:search"), {"q": "thủy điện"}).content.decode()

    assert "Tìm thấy 0 kết quả" in html
    assert "Không tìm thấy kết quả nào cho “thủy điện”" in html
    assert "app-search-results" not in html


def test_the_advice_when_no_document_has_a_number_finds_it_by_part_of_the_number(client):
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP", year=2019)

    html = client.get(reverse("portal:search"), {"q": "Nghị định 59/2019/TT-BCT"}).content.decode()
    advice = html.split("Không tìm thấy kết quả nào")[1]
    links = re.findall(r'<a class="govuk-link" href="([^"]+)">([^<]+)</a>', advice)

    assert [text for _url, text in links] == ["59/2019", "59"]
    for url, _text in links:
        results = client.get(unescape(url)).context["results"]
        assert results.entries[0].title == "Quy định chi tiết Luật Phòng, chống tham nhũng"


def test_the_advice_when_nothing_matches_words_shows_numbers_that_work(client):
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP", year=2019)

    html = client.get(reverse("portal:search"), {"q": "thủy điện"}).content.decode()

    assert "hoặc chỉ theo số, ví dụ 59" in html
    for example in ("59/2019", "59"):
        results = client.get(reverse("portal:search"), {"q": example}).context["results"]
        assert results.entries[0].title == "Quy định chi tiết Luật Phòng, chống tham nhũng"


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("Nghị định số 59/2019/NĐ-CP", ("59", "2019", "ndcp")),
        ("NĐ-CP 59/2019", ("59", "2019", "ndcp")),
        ("59 / 2019", ("59", "2019", "")),
        ("59/ND-CP", ("59", "", "ndcp")),
        ("kh 10357", ("10357", "", "kh")),
        ("Luật số: 05/2007/QH12", ("5", "2007", "qh12")),
        ("Kế hoạch số 2021", ("2021", "", "")),
        ("Kế hoạch 10357", ("10357", "", "")),
        ("Decree No. 59/2019/ND-CP", ("59", "2019", "ndcp")),
        # The year of plans, not a number; words; another kind of identifier.
        ("Kế hoạch 2021", None),
        ("xăng dầu", None),
        ("QCVN 01:2020/BCT", None),
    ],
)
def test_it_reads_the_parts_of_a_document_number(query, number):
    assert search.parse_number(query) == (search.DocumentNumber(*number) if number else None)


def test_the_migration_stores_the_numbers_already_indexed_as_their_parts():
    from django.apps import apps

    migration = importlib.import_module("portal.migrations.0011_searchentry_number_key")
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP")
    doc("Quy chuẩn kỹ thuật quốc gia", number="QCVN")
    # As the previous release stored it.
    SearchEntry.objects.filter(identifier="59/2019/ndcp").update(identifier="59/2019/nd-cp")

    migration.store_number_keys(apps, None)

    assert set(SearchEntry.objects.values_list("identifier", flat=True)) == {"59/2019/ndcp", "qcvn"}
    found = search.search("59/ND-CP")
    assert found.entries[0].title == "Quy định chi tiết Luật Phòng, chống tham nhũng"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Nhập từ, cụm từ hoặc số, ký hiệu văn bản cần tìm."),
        ("   ", "Nhập từ, cụm từ hoặc số, ký hiệu văn bản cần tìm."),
        ("x" * 201, "Nhập không quá 200 ký tự."),
        ("?!", "Nhập ít nhất một chữ cái hoặc chữ số."),
    ],
)
def test_the_page_explains_an_empty_or_too_long_query(client, query, message):
    response = client.get(reverse("portal:search"), {"q": query})
    html = response.content.decode()

    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert message in html
    assert "app-search-results" not in html


def test_the_page_without_a_query_shows_only_the_form(client):
    html = client.get(reverse("portal:search")).content.decode()

    assert 'name="q"' in html
    assert "govuk-error-summary" not in html
    assert "59/2019" in html and "xang dau" in html


def test_the_page_runs_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    for year in range(1990, 2020):
        doc(f"Báo cáo công thương năm {year}", summary="Số liệu công thương", year=year)
    for n in range(10):
        unit(f"Phòng công thương {n}")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:search"), {"q": "cong thuong", "page": "2"})
    assert response.status_code == 200


@pytest.mark.postgres
def test_it_builds_the_postgresql_search_machinery():
    require(connection.vendor == "postgresql", "PostgreSQL database")
    doc("Giá bán lẻ xăng dầu", summary="Đường dây 110kV", number="59/2019/NĐ-CP")

    with connection.cursor() as cursor:
        cursor.execute("SELECT f_unaccent('Đường ĐIỆN xăng dầu')")
        assert cursor.fetchone()[0] == "Duong DIEN xang dau"
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'f_unaccent'")
        assert cursor.fetchone()[0] == "i"
        cursor.execute(
            "SELECT search_vector @@ to_tsquery('public.portal_vi', 'xang & dau & duong'),"
            " search_vector @@ to_tsquery('public.portal_vi', '59 & 2019 & nd')"
            " FROM portal_searchentry"
        )
        assert cursor.fetchone() == (True, True)
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'portal_searchentry'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert {"search_entry_vector", "search_entry_heading_trgm"} <= indexes


@pytest.mark.postgres
def test_it_finds_words_in_long_attachment_text_on_postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL database")
    score = OfficialScore.objects.create(
        year=2020,
        scope="province",
        province=TEST_PROVINCE,
        level="total",
        code="LONG",
        name_vi="Văn bản dài",
        score=1,
        scale="1-10",
        source=" ".join(["quy định"] * 5000) + " trạm biến áp",
    )
    search.index_object(score)

    assert titles(search.search("tram bien ap")) == ["Văn bản dài"]
    assert len(SearchEntry.objects.get().summary) == len(score.source)


def test_it_truncates_a_long_body():
    document = search.SearchDocument(title="T", url="/t/", body="chữ " * 50_000)

    fields = entry_fields(ScoreSource(), document)

    assert len(fields["body"]) <= search.BODY_MAX_CHARS


@pytest.mark.browser
def test_a_citizen_searches_from_the_home_page(page, axe, live_server):
    doc("Giá bán lẻ xăng dầu tháng 5", summary="Điều chỉnh giá xăng dầu", number="12/TB-SCT")
    doc("Quy định chi tiết Luật Phòng, chống tham nhũng", number="59/2019/NĐ-CP")
    unit("Phòng Quản lý xăng dầu")

    page.goto("/")
    page.get_by_label("Tìm kiếm trên cổng thông tin").fill("xang dau")
    page.get_by_role("button", name="Tìm kiếm").click()

    page.wait_for_url("**/tim-kiem/?q=xang+dau")
    assert page.locator("#results-count").inner_text() == "Tìm thấy 2 kết quả"
    assert page.locator(".app-search-results__title").first.inner_text() == (
        "Giá bán lẻ xăng dầu tháng 5"
    )
    assert page.locator(".app-search-results mark").count() >= 2
    assert axe(page) == []

    page.get_by_role("link", name="Đơn vị thử (1)").click()
    assert page.locator(".app-search-results__title").all_inner_texts() == [
        "Phòng Quản lý xăng dầu"
    ]

    page.get_by_label("Tìm kiếm trên cổng thông tin").fill("")
    page.get_by_role("button", name="Tìm kiếm").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert axe(page) == []


def _planner_settings() -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('enable_seqscan'), current_setting('enable_indexscan')"
        )
        return cursor.fetchone()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_search_leaves_the_planner_settings_as_it_found_them():
    """The count reads through bitmap scans only (the settings are turned off for it): a page
    that runs other queries after a search, in its own transaction or not, gets the planner
    back as it was."""
    require(connection.vendor == "postgresql", "PostgreSQL database")
    doc("Nghị định về kinh doanh xăng dầu")

    assert search.search("kinh doanh").total == 1
    assert _planner_settings() == ("on", "on")
    with transaction.atomic():
        assert search.search("xăng dầu").total == 1
        assert _planner_settings() == ("on", "on")
    assert _planner_settings() == ("on", "on")
