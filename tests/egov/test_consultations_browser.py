"""The consultation pages and the comment form in a real browser: keyboard only, on a phone
and on a desktop, checked with axe."""

import pytest

from egov.models import Comment
from tests.egov.factories import make_comment, make_consultation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "Đề nghị giảm khoảng cách ở xã xuống 1.500 m vì mật độ dân cư thấp."


def tab_until(page, condition: str, limit: int = 120) -> None:
    """Presses Tab until `condition` (JavaScript, on the focused element `el`) holds, as a
    keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean(el && ({condition})))(document.activeElement)"):
            return
    raise AssertionError(f"Nothing matching {condition} was reached with the Tab key")


def tab_to(page, element_id: str) -> None:
    tab_until(page, f"el.id === {element_id!r}")


def test_the_comment_form_works_with_the_keyboard_alone_and_keeps_what_was_typed(page, axe, unit_a):
    consultation = make_consultation(unit=unit_a)
    page.goto(consultation.get_absolute_url())
    tab_until(page, "el.href && el.href.endsWith('?dieu=dieu-12a')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gop-y/?dieu=dieu-12a")

    tab_to(page, "id_author_kind_0")
    page.keyboard.press("ArrowDown")  # an organisation
    tab_to(page, "id_name")
    page.keyboard.type("Trần Thị Hạnh")
    tab_to(page, "id_organisation")
    page.keyboard.type("Công ty TNHH Xăng dầu Gia Sàng")
    tab_to(page, "id_email")
    page.keyboard.type("hanh.tran@xangdaugiasang.vn")
    tab_to(page, "id_body")
    page.keyboard.type(BODY)
    # The consent box is left unticked: the form comes back with the error.
    tab_to(page, "gui-gop-y")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    summary = page.locator(".govuk-error-summary")
    assert "Đánh dấu vào ô đồng ý" in summary.inner_text()
    assert page.locator("#id_body").input_value() == BODY
    assert page.locator("#id_name").input_value() == "Trần Thị Hạnh"
    assert page.locator("#id_section").input_value() == "dieu-12a"
    assert page.locator("#id_author_kind_1").is_checked()
    assert axe(page) == []
    assert not Comment.objects.exists()

    tab_to(page, "id_consent")
    page.keyboard.press("Space")
    tab_to(page, "gui-gop-y")
    page.keyboard.press("Enter")
    page.wait_for_url("**/da-gui/")

    comment = Comment.objects.get()
    assert comment.body == BODY and comment.section.anchor == "dieu-12a"
    assert comment.organisation == "Công ty TNHH Xăng dầu Gia Sàng"
    assert axe(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_list_and_a_consultation_with_comments_are_accessible(page, axe, unit_a, width):
    page.set_viewport_size({"width": width, "height": 900})
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    make_comment(consultation, section=article, status="published")
    make_comment(consultation, status="published", body="Ý kiến về toàn bộ dự thảo.")

    page.goto("/gop-y-du-thao/")
    assert page.get_by_role("heading", level=1).inner_text() == "Góp ý dự thảo văn bản"
    assert axe(page) == []

    page.goto(consultation.get_absolute_url())
    page.get_by_text("Ý kiến về Điều 12a").click()  # opens the article's comments
    assert page.get_by_text("Công ty TNHH Xăng dầu Gia Sàng").first.is_visible()
    assert axe(page) == []

    page.goto(f"/gop-y-du-thao/{consultation.pk}/gop-y/")
    assert axe(page) == []
