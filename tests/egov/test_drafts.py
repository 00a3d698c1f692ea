"""Splitting a draft into chapters, sections, articles, clauses and points, from pasted text and
from a DOCX file; anchors that survive a re-import; revisions as new versions."""

import io
import json
import unicodedata

import docx
import pytest
from django.urls import reverse

from egov import actions
from egov.drafts import split_docx, split_text
from egov.models import Comment, DraftSection
from tests.egov.factories import DRAFT_TEXT, make_comment, make_consultation


def _outline(parts):
    return [(p.kind, p.number, p.anchor, p.parent.anchor if p.parent else None) for p in parts]


def test_it_splits_pasted_text_into_its_legal_parts():
    parts = split_text(DRAFT_TEXT)

    assert _outline(parts) == [
        ("text", "", "mo-dau", None),
        ("chapter", "I", "chuong-i", None),
        ("article", "1", "dieu-1", "chuong-i"),
        ("article", "2", "dieu-2", "chuong-i"),
        ("clause", "1", "dieu-2-khoan-1", "dieu-2"),
        ("clause", "2", "dieu-2-khoan-2", "dieu-2"),
        ("point", "a", "dieu-2-khoan-2-diem-a", "dieu-2-khoan-2"),
        ("point", "b", "dieu-2-khoan-2-diem-b", "dieu-2-khoan-2"),
        ("point", "đ", "dieu-2-khoan-2-diem-dd", "dieu-2-khoan-2"),
        ("chapter", "II", "chuong-ii", None),
        ("section", "1", "chuong-ii-muc-1", "chuong-ii"),
        ("article", "12a", "dieu-12a", "chuong-ii-muc-1"),
        ("table", "1", "dieu-12a-bang-1", "dieu-12a"),
        ("clause", "1", "dieu-12a-khoan-1", "dieu-12a"),
        ("clause", "2", "dieu-12a-khoan-2", "dieu-12a"),
        ("article", "13", "dieu-13", "chuong-ii-muc-1"),
    ]
    by_anchor = {p.anchor: p for p in parts}
    assert by_anchor["chuong-i"].heading == "QUY ĐỊNH CHUNG"  # the heading on the next line
    assert by_anchor["chuong-ii-muc-1"].heading == "KHOẢNG CÁCH VÀ VỊ TRÍ"
    assert by_anchor["dieu-12a"].heading == "Khoảng cách giữa các cửa hàng"
    assert by_anchor["dieu-12a"].text.startswith("Khoảng cách tối thiểu giữa hai cửa hàng")
    assert by_anchor["dieu-12a-bang-1"].rows == [
        ["Khu vực", "Khoảng cách tối thiểu"],
        ["Phường", "500 m"],
        ["Xã", "2.000 m"],
    ]
    assert by_anchor["dieu-2-khoan-2-diem-dd"].text == "Công an tỉnh."


def test_it_reads_decomposed_letters_and_the_eth_some_files_use_for_đ():
    # "Điều" typed with a combining mark, and with "Ð" (U+00D0) in place of "Đ".
    decomposed = unicodedata.normalize("NFD", "Điều 1. Phạm vi")
    text = f"{decomposed}\nNội dung.\n\u00d0iều 2. Giải thích từ ngữ\n1. Xăng dầu."
    parts = split_text(text)
    assert [(p.kind, p.anchor) for p in parts] == [
        ("article", "dieu-1"),
        ("article", "dieu-2"),
        ("clause", "dieu-2-khoan-1"),
    ]
    assert parts[0].heading == "Phạm vi"


def test_a_numbered_line_outside_any_article_stays_text():
    parts = split_text("Căn cứ:\n1. Luật Thương mại năm 2005;\nĐiều 1. Phạm vi\nNội dung.")
    assert [p.kind for p in parts] == ["text", "article"]
    assert parts[0].text == "Căn cứ:\n1. Luật Thương mại năm 2005;"


def _docx_bytes() -> bytes:
    document = docx.Document()
    for line in DRAFT_TEXT.split("Khu vực")[0].strip().splitlines():
        document.add_paragraph(line)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows,
        [("Khu vực", "Khoảng cách tối thiểu"), ("Phường", "500 m"), ("Xã", "2.000 m")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = cells
    for line in DRAFT_TEXT.split("2.000 m\n")[1].strip().splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_gives_the_same_parts_and_anchors_as_the_pasted_text():
    from_docx = split_docx(_docx_bytes())

    assert _outline(from_docx) == _outline(split_text(DRAFT_TEXT))
    table = next(p for p in from_docx if p.kind == "table")
    assert table.parent.anchor == "dieu-12a"
    assert table.rows[2] == ["Xã", "2.000 m"]


@pytest.mark.django_db
def test_a_reimport_is_a_new_version_with_the_same_anchors_and_comments_stay_on_theirs(unit_a):
    consultation = make_consultation(unit=unit_a)
    first = consultation.versions.get()
    article = first.sections.get(anchor="dieu-12a")
    comment = make_comment(consultation, section=article)

    revised = DRAFT_TEXT.replace("500 m", "400 m")
    second = actions.draft_import(consultation=consultation, text=revised, note="Sửa khoảng cách")

    assert (first.number, second.number) == (1, 2)
    anchors = list(first.sections.values_list("anchor", flat=True))
    assert list(second.sections.values_list("anchor", flat=True)) == anchors
    assert second.sections.get(anchor="dieu-12a-bang-1").rows[1] == ["Phường", "400 m"]
    comment.refresh_from_db()
    assert comment.version == first and comment.section == article
    # New comments go to the new version.
    later = make_comment(consultation, section=second.sections.get(anchor="dieu-12a"))
    assert later.version == second
    assert Comment.objects.filter(version=first).count() == 1


@pytest.mark.django_db
def test_a_docx_upload_through_the_action_keeps_the_table_in_its_article(unit_a):
    consultation = make_consultation(unit=unit_a, text="")
    version = actions.draft_import(consultation=consultation, docx=_docx_bytes())

    table = version.sections.get(kind=DraftSection.Kind.TABLE)
    assert table.parent.anchor == "dieu-12a"
    assert "Phường\t500 m" in version.source_text


@pytest.mark.django_db
def test_a_text_without_any_article_is_refused_with_a_clear_message(unit_a):
    from django.core.exceptions import ValidationError

    consultation = make_consultation(unit=unit_a, text="")
    with pytest.raises(ValidationError, match="Điều 1"):
        actions.draft_import(consultation=consultation, text="Một đoạn văn không có điều nào.")
    assert not consultation.versions.exists()


def _section_form(section, **changes) -> dict:
    """A part's admin form as a browser posts it."""
    fields = ("kind", "number", "heading", "text", "anchor")
    data = {name: getattr(section, name) for name in fields}
    return data | {"rows": json.dumps(section.rows, ensure_ascii=False)} | changes


@pytest.mark.django_db
def test_an_officer_corrects_a_point_in_the_admin_and_the_cached_page_shows_it_at_once(
    client, officer_a, officer_b, unit_a, django_capture_on_commit_callbacks
):
    consultation = make_consultation(unit=unit_a)
    point = DraftSection.objects.get(
        version__consultation=consultation, anchor="dieu-2-khoan-2-diem-b"
    )
    page_url = consultation.get_absolute_url()
    assert "b) Ủy ban nhân dân các xã, phường;" in client.get(page_url).content.decode()
    assert not client.get(reverse("portal:search"), {"q": "cap xa"}).context["results"].entries
    change = reverse("admin:egov_draftsection_change", args=[point.pk])
    corrected = _section_form(point, text="Ủy ban nhân dân cấp xã.")

    client.force_login(officer_b)
    assert client.post(change, corrected).status_code == 403
    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, corrected).status_code == 302
    client.logout()

    page = client.get(page_url).content.decode()
    assert 'id="dieu-2-khoan-2-diem-b">b) Ủy ban nhân dân cấp xã.</p>' in page
    assert "các xã, phường" not in page
    # The site search reads the corrected text too.
    found = client.get(reverse("portal:search"), {"q": "cap xa"}).context["results"].entries
    assert [entry.url for entry in found] == [page_url]


@pytest.mark.django_db
def test_a_correction_cannot_turn_an_article_into_a_clause(client, officer_a, unit_a):
    consultation = make_consultation(unit=unit_a)
    article = DraftSection.objects.get(version__consultation=consultation, anchor="dieu-13")
    client.force_login(officer_a)

    response = client.post(
        reverse("admin:egov_draftsection_change", args=[article.pk]),
        _section_form(article, kind="clause", heading="Trách nhiệm của Sở"),
    )

    assert response.status_code == 200
    assert "nhập bản dự thảo đã sửa thành phiên bản mới" in response.content.decode()
    article.refresh_from_db()
    assert (article.kind, article.heading) == ("article", "Trách nhiệm của Sở Công Thương")
