"""The capped paginator's first page: a short list is counted from its own rows."""

import pytest

from portal.models import Unit
from portal.pagination import CappedPaginator
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_a_list_shorter_than_a_page_is_read_once(django_assert_num_queries):
    UnitFactory.create_batch(3)
    units = Unit.objects.order_by("pk")
    with django_assert_num_queries(1):
        page = CappedPaginator(units, 20).get_page(None)
        assert len(page.object_list) == 3
        assert page.paginator.count == 3 and page.paginator.num_pages == 1
        assert not page.has_next()


def test_a_full_first_page_is_counted_and_shows_its_rows_once(django_assert_num_queries):
    UnitFactory.create_batch(5)
    units = Unit.objects.order_by("pk")
    first_two = list(units.values_list("pk", flat=True)[:2])
    with django_assert_num_queries(2):  # the rows, then the capped count
        page = CappedPaginator(units, 2).get_page("1")
        assert [u.pk for u in page.object_list] == first_two
        assert page.paginator.count == 5 and page.has_next()
    assert CappedPaginator(units, 2).get_page("3").object_list[0].pk == units.last().pk
    assert CappedPaginator(units, 2, cap=3).get_page(None).paginator.is_capped
