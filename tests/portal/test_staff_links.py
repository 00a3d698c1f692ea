"""Where a signed-in officer goes from any page (the footer) and from the staff dashboard."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from portal import roles
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db


def _footer(client, path="/") -> str:
    page = client.get(path).content.decode()
    return page[page.index('<footer class="govuk-footer">') : page.index("</footer>") + 9]


def test_the_footer_offers_the_sign_in_to_visitors(client):
    footer = _footer(client)

    assert "Đăng nhập cán bộ" in footer
    assert "Đăng xuất" not in footer


def test_the_footer_offers_the_staff_dashboard_and_sign_out_when_signed_in(client):
    client.force_login(make_staff(roles.EDITOR))

    footer = _footer(client)

    assert "Đăng nhập cán bộ" not in footer
    assertInHTML(
        f'<a class="govuk-footer__link" href="{reverse("portal:dashboard")}">'
        "Trang làm việc của cán bộ</a>",
        footer,
    )
    assertInHTML(
        f'<a class="govuk-footer__link" href="{reverse("account_logout")}">Đăng xuất</a>',
        footer,
    )


def _links(client) -> set[str]:
    page = client.get(reverse("portal:dashboard")).content.decode()
    names = ["plan_overview", "plan_task_list", "indicator_list", "report_list"]
    return {name for name in names if f'href="{reverse(f"papi:{name}")}"' in page}


def test_a_leader_finds_the_papi_plan_and_the_reports_on_the_dashboard(client):
    client.force_login(make_staff(roles.LEADERSHIP))

    assert _links(client) == {"plan_overview", "plan_task_list", "indicator_list", "report_list"}
    page = client.get(reverse("portal:dashboard")).content.decode()
    assertInHTML(
        f'<a class="govuk-link" href="{reverse("papi:report_list")}">Báo cáo PAPI hằng quý</a>',
        page,
    )


def test_an_editor_finds_the_papi_plan_but_not_the_reports(client):
    client.force_login(make_staff(roles.EDITOR))

    assert _links(client) == {"plan_overview", "plan_task_list", "indicator_list"}
    # What the dashboard links to opens for them.
    for name in ("plan_overview", "plan_task_list", "indicator_list"):
        assert client.get(reverse(f"papi:{name}")).status_code == 200


def test_staff_without_a_role_find_no_papi_links(client):
    client.force_login(make_staff())

    assert _links(client) == set()
