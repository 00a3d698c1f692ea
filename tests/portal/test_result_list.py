"""Every list of results reads the same: title, summary, one line of details."""

from datetime import date

import lxml.html
from django.utils.safestring import mark_safe

from portal.results import ResultItem, result_list


def _items(html: str):
    return lxml.html.fragment_fromstring(html).xpath("li")


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
    [row] = _items(result_list([item], heading=3))
    link = row.xpath("h3/a")[0]
    assert link.get("href") == "/van-ban/12/"
    assert link.text_content() == "Quyết định <số 12> về chợ & siêu thị"
    summary, details = row.xpath("p")
    assert summary.text_content() == "Sửa đổi <b>quy chế</b>" and not summary.xpath("b")
    assert details.text == "Văn bản · "
    assert " ".join(details.text_content().split()) == (
        "Văn bản · UBND tỉnh Thái Nguyên · ban hành 05/03/2026 · Còn hiệu lựcThương mại"
    )  # the subjects on a line of their own
    assert details.xpath("br/following-sibling::span/text()") == ["Thương mại"]
    assert details.xpath("time/@datetime") == ["2026-03-05"]


def test_a_highlighted_snippet_keeps_its_marks_and_missing_details_leave_no_separator():
    item = ResultItem(url="/a/", title="A", summary=mark_safe("giá <mark>xăng</mark>"))
    dated = ResultItem(url="/b/", title="B", when=date(2026, 1, 2))
    first, second = _items(result_list([item, dated], start=21))
    assert first.xpath("p[1]/mark/text()") == ["xăng"]
    assert second.xpath("p")[0].text_content() == "02/01/2026"
    assert lxml.html.fragment_fromstring(result_list([item], start=21)).get("start") == "21"
