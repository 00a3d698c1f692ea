"""Every main page offers the other language, and the home page stays cheap to render."""

import pytest

pytestmark = pytest.mark.django_db

MAIN_PAGES = [
    "/",
    "/tim-kiem/?q=xang+dau",
    "/chi-so-papi/",
    "/tuyen-bo-tiep-can/",
    "/chinh-sach-bao-mat/",
]


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_it_links_every_main_page_to_its_english_version(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'lang="vi"' in response.content.decode()[:200]
    english = "/en" + path
    assert f'href="{english}" rel="alternate" lang="en" hreflang="en"' in response.content.decode()
    assert client.get(english).status_code == 200


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_it_links_every_english_page_back_to_vietnamese(client, path):
    response = client.get("/en" + path)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert f'href="{path}" rel="alternate" lang="vi" hreflang="vi"' in html


def test_it_renders_the_home_page_with_few_queries(client, django_assert_max_num_queries):
    # With a cold cache: the department profile is read once, then cached for every page.
    with django_assert_max_num_queries(1):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(0):
        assert client.get("/").status_code == 200
