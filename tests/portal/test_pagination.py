"""The paginators of public lists: the capped one counts a short list from its own rows, the
uncounted one never counts and links the previous and next pages only."""

import pytest

from portal.models import Unit
from portal.pagination import CappedPaginator, UncountedPaginator, page_links
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


def test_an_uncounted_list_reads_each_page_in_one_query_with_previous_and_next_links(
    django_assert_num_queries,
):
    UnitFactory.create_batch(5)
    pks = list(Unit.objects.order_by("pk").values_list("pk", flat=True))
    units = Unit.objects.order_by("pk")
    with django_assert_num_queries(1):
        first = UncountedPaginator(units, 2).get_page(None)
        links = page_links(first, "phuong=gia-sang")
    assert [u.pk for u in first.object_list] == pks[:2] and first.start_index() == 1
    assert links == {"previous": None, "next": "?phuong=gia-sang&page=2", "items": []}
    with django_assert_num_queries(1):
        last = UncountedPaginator(units, 2).get_page("3")
        links = page_links(last)
    assert [u.pk for u in last.object_list] == pks[4:] and last.start_index() == 5
    assert links == {"previous": "?page=2", "next": None, "items": []}
    # A page past the end, beyond the cap or not a number: the first page.
    for number in ("4", "1000", "-1", "x"):
        assert UncountedPaginator(units, 2).get_page(number).number == 1
    assert page_links(UncountedPaginator(units, 5).get_page(None)) is None
