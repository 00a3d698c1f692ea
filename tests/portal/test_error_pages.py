"""The portal's own error pages: a staff member without the permission, and a missing page
under `make run` (DEBUG on), get the site's layout in the visitor's language."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from portal import roles
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, path",
    [
        # An editor is staff, but only leadership opens the quarterly reports.
        (roles.EDITOR, "/bao-cao/"),
        # The admin refuses a model the role does not hold in the same way.
        (roles.RECEPTION_OFFICER, "/quan-tri/transparency/document/"),
    ],
)
def test_a_staff_member_without_the_permission_gets_the_portals_403(client, role, path):
    client.force_login(make_staff(role))

    response = client.get(path)

    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="vi"' in page
    assertInHTML('<h1 class="govuk-heading-xl">Bạn không thể mở trang này</h1>', page)
    assert "Forbidden" not in page
    # The site's layout: the skip link, the main menu, and a way back to the dashboard.
    assert 'class="govuk-service-navigation"' in page
    assert f'href="{reverse("portal:dashboard")}"' in page


def test_the_403_page_is_in_english_under_en(client):
    client.force_login(make_staff(roles.EDITOR))

    response = client.get("/en/bao-cao/")

    assert response.status_code == 403
    assertInHTML(
        '<h1 class="govuk-heading-xl">You cannot open this page</h1>', response.content.decode()
    )


@pytest.mark.parametrize(
    "path",
    [
        "/khong-co-trang-nay/",  # no URL pattern matches
        "/van-ban/999999/",  # the view raises Http404
    ],
)
def test_development_shows_the_portals_404(client, settings, path):
    settings.DEBUG = True

    response = client.get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assertInHTML('<h1 class="govuk-heading-xl">Không tìm thấy trang</h1>', page)
    assert "Using the URLconf" not in page and "DEBUG = True" not in page


def test_a_developer_can_still_ask_for_djangos_technical_404(client, settings):
    settings.DEBUG = True
    settings.DEBUG_TECHNICAL_404 = True

    response = client.get("/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Using the URLconf defined in" in response.content.decode()


def test_development_still_adds_the_missing_slash(client, settings):
    settings.DEBUG = True

    response = client.get("/van-ban")

    assert response.status_code == 301 and response["Location"] == "/van-ban/"
