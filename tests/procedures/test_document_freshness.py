"""A document's page lists the procedures based on it (portal.related): publishing, changing
or unpublishing a procedure shows on the document's page at once, on the copy the page cache
serves and on the page drawn for a visitor with a cookie (from the table of citations each
process keeps)."""

import pytest

from portal import publishing
from tests.procedures.factories import draft
from tests.transparency.factories import DocumentFactory

# The page cache is refreshed when the change commits.
pytestmark = pytest.mark.django_db(transaction=True)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "drawn"])
def test_the_document_page_follows_the_procedures_based_on_it(client, officer_a, cached):
    if not cached:
        client.cookies.load({"csrftoken": "x" * 32})  # as after posting a form
    decree = DocumentFactory(number="83/2014/NĐ-CP", summary="Về kinh doanh xăng dầu")
    procedure = draft(
        name="Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu",
        legal_basis="83/2014/NĐ-CP",
    )
    url = decree.get_absolute_url()
    assert procedure.get_absolute_url() not in _get(client, url).content.decode()
    assert (_get(client, url).context is None) == cached  # served from the page cache

    publishing.item_publish(item=procedure, user=officer_a)
    page = _get(client, url).content.decode()
    assert procedure.get_absolute_url() in page
    assert "bán lẻ xăng dầu" in page

    procedure.name = "Cấp lại Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu"
    publishing.item_save(item=procedure, user=officer_a, reason="Sửa tên")
    assert "Cấp lại Giấy chứng nhận" in _get(client, url).content.decode()

    publishing.item_unpublish(item=procedure, user=officer_a, reason="Bãi bỏ")
    assert procedure.get_absolute_url() not in _get(client, url).content.decode()


def test_only_the_apps_showing_the_links_are_named():
    from portal.related import namespaces_showing

    assert namespaces_showing("procedures") == {"transparency"}
    assert namespaces_showing("transparency") == set()
