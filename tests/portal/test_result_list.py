"""Every list of results reads the same: title, summary, one line of details."""

from datetime import date

import lxml.html
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from portal.results import ResultItem


def _rows(items, **options):
    html = render_to_string("components/result_list.html", {"items": items, **options})
    return lxml.html.fragment_fromstring(html)


def test_a_result_shows_its_title_summary_and_details_with_every_text_as_typed():
    item = ResultItem(
        url="/van-ban/12/",
        title="Quyết định <số 12> về chợ & siêu thị",
        summary="Sửa đổi <b>quy chế</b>",
        context="Văn bản",
        origin="UBND tỉnh Thái Nguyên",
        when=date(2026, 3, 5),
        when_label="ban hành",
        tag="Còn hiệu lực",
        tag_class="govuk-tag--green",
        subjects="Thương mại",
    )
    [row] = _rows([item], heading=3).xpath("li")
    link = row.xpath("h3/a")[0]
    assert link.get("href") == "/van-ban/12/"
    assert link.text_content() == "Quyết định <số 12> về chợ & siêu thị"
    summary, details = row.xpath("p")
    assert summary.text_content() == "Sửa đổi <b>quy chế</b>" and not summary.xpath("b")
    assert " ".join(details.text_content().split()) == (
        "Văn bản · UBND tỉnh Thái Nguyên · ban hành 05/03/2026 · Còn hiệu lựcThương mại"
    )  # the subjects on a line of their own
    assert details.xpath("br/following-sibling::span/text()") == ["Thương mại"]
    assert details.xpath("time/@datetime") == ["2026-03-05"]


def test_a_highlighted_snippet_keeps_its_marks_in_a_numbered_list():
    item = ResultItem(url="/a/", title="A", summary=mark_safe("giá <mark>xăng</mark>"))
    numbered = _rows([item], start=21)
    assert numbered.tag == "ol" and numbered.get("start") == "21"
    assert numbered.xpath("li/p[1]/mark/text()") == ["xăng"]
