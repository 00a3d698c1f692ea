import pytest

from services import demo
from services.models import GridProject, PlannedOutage, ProjectUpdate, SupplyProblem, Ward
from services.selectors import short_notice

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_wards_a_month_of_outages_and_problems_in_each_status_twice_alike():
    demo.seed()
    demo.seed()
    assert Ward.objects.count() == len(demo.WARDS)
    assert PlannedOutage.objects.count() == 30
    assert short_notice().count() == 2
    assert set(SupplyProblem.objects.values_list("status", flat=True)) == set(
        SupplyProblem.Status.values
    )
    assert SupplyProblem.objects.count() == len(demo.PROBLEMS)
    assert GridProject.objects.public().count() == 10
    assert set(GridProject.objects.values_list("status", flat=True)) == set(
        GridProject.Status.values
    )
    assert ProjectUpdate.objects.exists()


def test_the_demo_figures_cover_two_years_and_the_figures_page_draws_each_with_its_table(client):
    import lxml.html

    from services.models import ServiceFigure

    demo.seed()
    province = ServiceFigure.objects.filter(ward__isnull=True)
    assert province.filter(kind="saidi").count() == 8
    page = lxml.html.fromstring(client.get("/dien/so-lieu/").content)
    assert len(page.xpath("//section//svg")) == 4
    tables = page.xpath("//section//table")
    assert len(tables) == 4
    assert all(len(table.xpath(".//tbody/tr")) == 8 for table in tables)
    assert "số liệu mẫu" in page.text_content()
