"""The site map for people (/so-do-trang/), linked from every page's footer; sitemap.xml stays
for search engines."""

import re

import pytest
from django.urls import reverse

from portal.site_map import labels, public_pages

pytestmark = pytest.mark.django_db


def _main(page: str) -> str:
    return page[page.index('<main class="govuk-main-wrapper"') : page.index("</main>")]


def _hrefs(html: str) -> set[str]:
    return set(re.findall(r'href="([^"]+)"', html))


def test_the_footer_links_to_the_site_map_page(client):
    page = client.get(reverse("portal:home")).content.decode()
    footer = page[page.index('<footer class="govuk-footer">') :]

    assert 'href="/so-do-trang/">Sơ đồ trang</a>' in footer
    assert 'href="/du-lieu-mo/">Dữ liệu mở</a>' in footer
    assert "sitemap.xml" not in footer


def test_it_lists_every_public_section_and_page_with_a_label(client):
    response = client.get("/so-do-trang/")

    assert response.status_code == 200
    main = _main(response.content.decode())
    pages = [name for name in public_pages() if name != "portal:site_map"]
    assert {"transparency:plan_list", "portal:open_data", "portal:search"} <= set(pages)
    # Every page found in the URLconf has a label, so none shows as a bare address.
    assert set(pages) <= set(labels())
    for name in pages:
        assert f'href="{reverse(name)}">{labels()[name]}</a>' in main, name
    for section in ("Văn bản", "Kế hoạch, quy hoạch", "Phổ biến pháp luật", "Thủ tục hành chính"):
        assert f"{section}</a></h2>" in main


def test_it_leaves_out_staff_pages(client):
    main = _main(client.get("/so-do-trang/").content.decode())

    assert not any(
        href.startswith(("/quan-tri/", "/bao-cao/", "/tai-khoan/")) for href in _hrefs(main)
    )


def test_in_english_every_link_keeps_the_prefix(client):
    main = _main(client.get("/en/so-do-trang/").content.decode())

    links = _hrefs(main) - {"/sitemap.xml"}
    assert links and all(href.startswith("/en/") for href in links)
    assert "Plans and planning</a></h2>" in main


def test_sitemap_xml_is_kept_for_search_engines_and_lists_the_page(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert "/so-do-trang/</loc>" in response.content.decode()
