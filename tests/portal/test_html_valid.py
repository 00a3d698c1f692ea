"""The main pages are valid HTML, checked by the Nu HTML checker (one JVM for every page). Each
app lists its pages in HTML_PAGES of `tests/<app>/access.py`."""

import pytest

from portal import search
from tests.egov.factories import NewsFactory
from tests.helpers import nu_errors
from tests.matrix import collected
from tests.transparency.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_it_renders_valid_html(client, tmp_path):
    # Published content, so that the home page and search show entries with their dates
    # (stored to the microsecond).
    search.index_object(
        QuestionFactory(
            question="Mở cửa hàng bán lẻ xăng dầu cần điều kiện gì?",
            answer="Phải **phù hợp** với phương án phát triển mạng lưới cửa hàng xăng dầu.",
        )
    )
    NewsFactory(body="Tin **quan trọng**:\n\n- mục một\n- mục hai")
    pages = {}
    for name, (path, status) in collected("HTML_PAGES").items():
        pages[name] = response = client.get(str(path))
        assert response.status_code == status, name
    assert nu_errors(pages, tmp_path, ok=(200, 404)) == ""
