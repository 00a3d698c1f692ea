"""The search's results, their order, counts and excerpts pinned for a realistic index.

About 1,300 entries in the words of a department's documents (most of them say "quy định" and
"công thương"), numbers written every way, undated and future-dated entries, two areas, and
two words found in exactly COUNT_CAP + 1 and COUNT_CAP entries. The expected answers are in
search_order.json, one set per database, recorded from the search as it was before its speed
work: a faster search must answer every query the same.

To record them again after a deliberate change of behaviour, run this file with
SEARCH_ORDER_RECORD=1 (the run then fails, so that a recording never passes as a test) and
review the difference of the JSON file.
"""

import importlib
import json
import os
import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse

from portal import search
from portal.markdown import markdown_text
from portal.models import OfficialScore, SearchEntry, Unit
from portal.search import query as search_query
from portal.search.index import _entry_fields as entry_fields

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).with_name("search_order.json")

KINDS = [
    ("Nghị định", "NĐ-CP"),
    ("Quyết định", "QĐ-UBND"),
    ("Thông tư", "TT-BCT"),
    ("Kế hoạch", "KH-UBND"),
    ("Công văn", "SCT-QLTM"),
    ("Thông báo", "TB-SCT"),
]
SUBJECTS = [
    "kinh doanh xăng dầu",
    "an toàn điện",
    "quản lý hóa chất",
    "kinh doanh rượu",
    "vật liệu nổ công nghiệp",
    "xúc tiến thương mại",
    "cụm công nghiệp",
    "thương mại điện tử",
    "khuyến công",
    "phát triển năng lượng tái tạo",
    "chợ và trung tâm thương mại",
    "sản phẩm thuốc lá",
]
OPENINGS = [
    "Quy định chi tiết một số điều về",
    "Sửa đổi, bổ sung một số quy định về",
    "Ban hành quy định quản lý nhà nước về",
    "Về việc triển khai thực hiện công tác",
    "Hướng dẫn thực hiện thủ tục hành chính lĩnh vực",
    "Công bố danh mục thủ tục hành chính ngành công thương về",
]
SENTENCES = [
    "Sở Công Thương chủ trì, phối hợp với các sở, ngành tổ chức thực hiện quy định này.",
    "Tổ chức, cá nhân kinh doanh phải tuân thủ các quy định của pháp luật về công thương.",
    "Ủy ban nhân dân các xã, phường có trách nhiệm kiểm tra, giám sát trên địa bàn quản lý.",
    "Hồ sơ nộp trực tiếp, qua bưu chính công ích hoặc trên cổng dịch vụ công trực tuyến.",
    "Thời hạn giải quyết là mười lăm ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.",
    "Doanh nghiệp phải bảo đảm điều kiện về phòng cháy, chữa cháy và bảo vệ môi trường.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp hiện hành.",
    "Giá bán lẻ <b>xăng</b> RON 95 & dầu diesel được điều chỉnh từ 15 giờ.",
]
# Queries of every kind the search page gets, each asked of all areas and of one.
QUERIES = [
    # Common words: more matches than COUNT_CAP.
    "quy định",
    "công thương",
    "tỉnh",
    "Quy Dinh",
    # Phrases of common words, rare or absent in titles.
    "quy định công thương",
    "thương mại quy định",
    "rượu thủ công",
    "ban hành quy định quản lý",
    # Rare words.
    "vật liệu nổ",
    "khuyến công",
    "năng lượng tái tạo",
    "thuốc lá",
    # Unaccented.
    "xang dau",
    "an toan dien",
    "cong thuong",
    "hoa chat",
    "dien",
    # Numbers, written every way.
    "59/2019",
    "59/2019/NĐ-CP",
    "Nghị định số 59/2019/NĐ-CP",
    "59",
    "1059/2022",
    "NĐ-CP",
    "NĐ-CP 1013/2008",
    "kh 1015",
    "1200/2015/TT-BCT",
    "2021",
    # Words being typed.
    "xăng d",
    "quy đ",
    "kinh doa",
    # At the cap and one beyond it.
    "ranh giới",
    "cot moc",
    # Markup, and nothing found.
    "<b>xăng</b>",
    "RON 95",
    "không có gì",
]

# Excerpts of awkward text: decomposed and stacked marks, letters whose lower case is longer
# (ß, İ, the ligature ﬁ), markup, line breaks, matches at either end of a long text.
LONG = " ".join(["mở đầu văn bản"] * 60)
HIGHLIGHTS = [
    ("Giá bán lẻ XĂNG dầu & khí <b>hóa lỏng</b>", ["xang", "dau", "hoa"]),
    ("Xa\u0306ng da\u0302\u0300u   đường\tdây\n\nĐIỆN", ["xang", "dau", "duong", "dien"]),
    ("Straße İstanbul ﬁnanz Đà Nẵng", ["strasse", "istanbul", "finanz", "da", "nang"]),
    ("a\u0301\u0323\u0302 ả ạ", ["a"]),
    ("Nghị định số 59/2019/NĐ-CP, 59-2019 và NĐ59", ["59", "2019", "nd", "cp"]),
    ("quy định quy định công thương", ["quy", "dinh", "cong", "thuong"]),
    ("kinh doanh khí; kinhdoanh", ["kinh", "doa"]),
    (f"{LONG} giá xăng dầu {LONG}", ["xang", "dau"]),
    (f"giá xăng dầu {LONG}", ["xang"]),
    (f"{LONG} giá xăng dầu", ["dau"]),
    (f"{LONG} giá xăng dầu", ["khong"]),
    ("", ["xang"]),
    ("Một câu không có dấu cách" * 20, ["cach"]),
]


class DocumentSource(search.SearchSource):
    """The area of the pinned documents (entries are written directly: no object is read)."""

    area = "test-documents"
    label = "Văn bản thử"
    model = OfficialScore

    def get_queryset(self):
        return OfficialScore.objects.none()


class OfficeSource(search.SearchSource):
    area = "test-units"
    label = "Đơn vị thử"
    model = Unit

    def get_queryset(self):
        return Unit.objects.none()


def _documents():
    """(source, object id, SearchDocument) of the pinned index, always the same."""
    rng = random.Random(11)
    base = datetime(2005, 1, 3, 8, tzinfo=UTC)
    future = datetime.now(UTC) + timedelta(days=400)
    rows = []
    for i in range(1200):
        kind, symbol = KINDS[i % len(KINDS)]
        year = 2005 + i % 21
        number = f"{1000 + i}/{year}/{symbol}"
        if i % 150 == 7:
            number = f"59/{2019 if i % 300 == 7 else year}/NĐ-CP"
        subject = rng.choice(SUBJECTS)
        named = rng.choice(["", "", "", "59/2019/NĐ-CP", f"{1000 + rng.randrange(1200)}/2022"])
        body = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))
        if named:
            body += f" Căn cứ văn bản số {named}."
        published = base + timedelta(days=(i * 37) % 7600, hours=i % 5)
        if i % 97 == 3:
            published = None
        elif i % 113 == 5:
            published = future
        document = search.SearchDocument(
            title=f"{rng.choice(OPENINGS)} {subject} trên địa bàn tỉnh",
            url=f"/van-ban-thu/{i}/",
            summary=f"Văn bản quy định về {subject}. {body}",
            keywords=number,
            kind=kind,
            published_at=published,
            identifier=number,
        )
        rows.append((DocumentSource(), f"d{i}", document))
    for i in range(100):
        subject = rng.choice(SUBJECTS)
        published = None if i % 3 else base + timedelta(days=i * 50)
        document = search.SearchDocument(
            title=f"Phòng Quản lý {subject}",
            url=f"/don-vi-thu/{i}/",
            summary=rng.choice(SENTENCES),
            published_at=published,
        )
        rows.append((OfficeSource(), f"u{i}", document))
    return rows


def _with_boundary_words(rows):
    """Two words in exactly COUNT_CAP + 1 and COUNT_CAP visible entries."""
    now = datetime.now(UTC)
    visible = [
        n for n, row in enumerate(rows) if not row[2].published_at or row[2].published_at <= now
    ]
    marked = []
    for position, n in enumerate(visible):
        source, object_id, document = rows[n]
        extra = []
        if position <= search.COUNT_CAP:
            extra.append("Cột mốc số hai.")
        if position < search.COUNT_CAP:
            extra.append("Ranh giới hành chính.")
        if extra:
            document = search.SearchDocument(
                **{**document.__dict__, "summary": f"{document.summary} {' '.join(extra)}"}
            )
        marked.append((n, (source, object_id, document)))
    changed = dict(marked)
    return [changed.get(n, row) for n, row in enumerate(rows)]


@pytest.fixture
def pinned_index():
    with search.registered(DocumentSource()), search.registered(OfficeSource()):
        entries = []
        for source, object_id, document in _with_boundary_words(_documents()):
            content_type = ContentType.objects.get_for_model(source.model)
            fields = entry_fields(source, document)
            entries.append(SearchEntry(content_type=content_type, object_id=object_id, **fields))
        SearchEntry.objects.bulk_create(entries)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE portal_searchentry")
        yield


def _answer(results) -> dict:
    ids = dict(SearchEntry.objects.values_list("pk", "object_id"))
    return {
        "total": results.total,
        "capped": results.total_is_capped,
        "page": results.page,
        "pages": results.num_pages,
        "facets": [[f.area, f.count, f.is_capped] for f in results.facets],
        "entries": [ids[entry.pk] for entry in results.entries],
        "snippets": [str(entry.snippet) for entry in results.entries],
    }


def _answers() -> dict:
    answers = {}
    for query in QUERIES:
        for area in (None, "test-units"):
            pages = [1, 2] if area is None else [1]
            for page in pages:
                key = f"{query} | {area or 'all'} | page {page}"
                answers[key] = _answer(search.search(query, area=area, page=page))
    answers["quy định | all | page 50"] = _answer(search.search("quy định", page=50))
    for n, (text, words) in enumerate(HIGHLIGHTS):
        answers[f"highlight {n}"] = str(search.highlight(text, words))
        answers[f"highlight {n}, 60 characters"] = str(search.highlight(text, words, length=60))
    answers["cong thuong | test-documents | page 7"] = _answer(
        search.search("cong thuong", area="test-documents", page=7, per_page=10)
    )
    return answers


def test_every_query_finds_the_same_results_in_the_same_order(pinned_index):
    answers = _answers()
    vendor = connection.vendor
    if os.environ.get("SEARCH_ORDER_RECORD"):
        recorded = json.loads(EXPECTED.read_text()) if EXPECTED.exists() else {}
        recorded[vendor] = answers
        EXPECTED.write_text(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n")
        pytest.fail(f"Recorded {len(answers)} answers for {vendor}: review and unset the variable.")
    expected = json.loads(EXPECTED.read_text())[vendor]

    differing = [key for key in expected if answers.get(key) != expected[key]]

    assert answers.keys() == expected.keys()
    assert not differing, {key: (expected[key], answers[key]) for key in differing[:3]}


def _matches_in(query: str, area: str) -> int:
    """Every match of `query` in `area`, counted without a cap."""
    q = search_query._parse(query)
    match, params = search_query._match_sql(q)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM portal_searchentry e WHERE e.area = %s AND"  # noqa: S608
            " (e.published_at IS NULL OR e.published_at <= %s) AND " + match,
            [area, datetime.now(UTC), *params],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("probe_rows", [0, 40])
def test_the_same_answers_when_few_or_none_of_the_newest_entries_are_read_first(
    pinned_index, monkeypatch, probe_rows
):
    """The newest entries are read first only to answer sooner: with fewer of them, every
    tier and count comes from the indexes, and the answers stay the same. Counts beyond the
    cap may then come from other matches than the newest: each is still a lower bound."""
    monkeypatch.setattr(search_query, "PROBE_ROWS", probe_rows)
    answers = _answers()
    expected = json.loads(EXPECTED.read_text())[connection.vendor]

    for key, answer in answers.items():
        wanted = expected[key]
        if isinstance(answer, dict) and wanted["facets"][0][2]:
            query = key.split(" | ")[0]
            for area, count, capped in answer["facets"]:
                assert capped and count <= _matches_in(query, area), (key, area)
            assert sum(count for _area, count, _capped in answer["facets"]) > search.COUNT_CAP
            answer["facets"] = wanted["facets"] = None
        assert answer == wanted, key


def test_the_count_is_exact_up_to_the_cap_and_says_more_beyond_it(pinned_index, client):
    at_cap = search.search("ranh giới")
    beyond = search.search("cot moc")

    assert (at_cap.total, at_cap.total_is_capped) == (search.COUNT_CAP, False)
    assert (beyond.total, beyond.total_is_capped) == (search.COUNT_CAP, True)
    html = client.get(reverse("portal:search"), {"q": "cot moc"}).content.decode()
    assert "Tìm thấy hơn 1.000 kết quả" in html
    html = client.get(reverse("portal:search"), {"q": "ranh giới"}).content.decode()
    assert "Tìm thấy 1.000 kết quả" in html


def test_excerpts_of_vietnamese_text_are_marked_as_through_the_character_by_character_fold(
    monkeypatch,
):
    """Plain Latin text is searched for the words' variants directly; any other text is folded
    one character at a time. Both must mark the same words."""
    rng = random.Random(7)
    letters = (
        "aăâbcdđeêghiklmnoôơpqrstuưvxy"
        + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    )
    alphabet = letters + letters.upper() + "   0123456789/-.,_'<>&"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))) for _ in range(300)]
    cases = [(text, search.normalise(text[:12]).split() or ["a"]) for text in texts]
    cases += [(text, rng.choice(["a", "d", "dau", "ng", "1", "uo"]).split()) for text in texts]
    plain = [str(search.highlight(text, words)) for text, words in cases]
    monkeypatch.setattr(
        importlib.import_module("portal.search.highlight"), "_NOT_PLAIN", re.compile(".")
    )

    folded = [str(search.highlight(text, words)) for text, words in cases]

    assert plain == folded
    assert sum("<mark>" in snippet for snippet in plain) > 300


@pytest.mark.parametrize(
    "text",
    [
        "Văn bản quy định về kinh doanh xăng dầu.\n\nSở Công Thương chủ trì, phối hợp.",
        "Nghị định 59/2019/NĐ-CP (sửa đổi) - hiệu lực từ 01/7/2019; giá 25.000 đồng.",
        "    mã nguồn thụt lề\nrồi văn bản",
        "**Thông báo** về _giá_ xăng",
        "- mục một\n- mục hai",
        "1. bước một\n2) bước hai",
        "Tiêu đề\n===\nNội dung",
        "> trích dẫn",
        "# Tiêu đề",
        "Xem [trang](https://example.org) &amp; ![ảnh](a.png)",
        "a\\*b `mã` <b>đậm</b>",
        "  + dấu cộng",
        "chữ\x00lạ",
    ],
)
def test_a_result_summary_reads_as_its_markdown_does(text):
    assert search_query._plain_text(text) == markdown_text(text)
