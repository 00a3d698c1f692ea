"""/tin-tuc/ in a real browser on a phone, checked with axe."""

import pytest

from tests.egov.factories import NewsFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_news_page_is_accessible_on_a_phone(page, axe):
    NewsFactory(title="Hội nghị xúc tiến thương mại", body="Chi tiết:\n\n- ngày 1\n- ngày 2")

    page.goto("/tin-tuc/")

    assert page.get_by_role("heading", level=1).inner_text() == "Tin tức"
    assert page.get_by_role("heading", level=2, name="Hội nghị xúc tiến thương mại").is_visible()
    assert axe(page) == []
