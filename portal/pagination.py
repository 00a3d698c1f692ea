"""Paging of public lists: paginators that never count a whole table, and the links of the
one pagination component (`templates/components/pagination.html`)."""

from django.core.cache import caches
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

# A list counts up to this many items ("more than 1,000", as the site search does) and its
# pages stop there; filters and the other sort orders reach the rest. Counting all 100,000
# public documents took longer than rendering the whole page; counting 10,001 costs about a
# tenth of the page's throughput, 1,001 almost nothing.
LIST_COUNT_CAP = 1_000


class CappedPaginator(Paginator):
    """A paginator whose count reads at most `cap` + 1 rows. Beyond the cap, `count` is the cap,
    `is_capped` is true and the last reachable page is the one holding the cap-th item.

    With a `count_key`, the count is kept by each process under that key (the local cache, a
    minute at most): the caller's key names everything the count depends on, the published
    content's version included, so that a publication moves past it at once."""

    def __init__(self, object_list, per_page, cap: int | None = None, count_key: str = ""):
        super().__init__(object_list, per_page)
        self.cap = LIST_COUNT_CAP if cap is None else cap
        self.count_key = count_key

    @cached_property
    def _bounded_count(self) -> int:
        if not self.count_key:
            return self._read_count()
        return caches["local"].get_or_set(self.count_key, self._read_count)

    def _read_count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.cap)

    @property
    def is_capped(self) -> bool:
        return self._bounded_count > self.cap

    def get_page(self, number):
        """The first page reads its rows (one more than fits) before any count: a list shorter
        than a page, as most filtered lists are, is then counted without a query."""
        if number not in (None, "", "1", 1) or "_bounded_count" in self.__dict__:
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page + 1])
        if len(rows) <= self.per_page:
            self.__dict__["_bounded_count"] = len(rows)
        return self._get_page(rows[: self.per_page], 1, self)


class UncountedPage(Page):
    """A page that knows whether another follows from the row read beyond it."""

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        return self.number + 1  # Django's checks it against the count

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1


class UncountedPaginator(Paginator):
    """Pages of a list that is never counted: a page reads one row more than it shows, which
    tells whether a next page exists. For a list read from its top, page after page, with
    previous and next links only (the outage finder): a count would be a second query on every
    page. Its pages stop where a capped list's would; beyond them, or past the end, the first
    page is shown."""

    def get_page(self, number) -> UncountedPage:
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if not 1 <= number <= -(-LIST_COUNT_CAP // self.per_page):
            number = 1
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            return self.get_page(1)
        return UncountedPage(
            rows[: self.per_page], number, self, has_next=len(rows) > self.per_page
        )


def page_links(page, query: str = "") -> dict | None:
    """The pagination component's links for a page of a Paginator; `query` holds the list's
    other parameters (its filters), URL-encoded, which every link keeps."""
    if not page.has_other_pages():
        return None
    prefix = f"?{query}&page=" if query else "?page="
    if isinstance(page.paginator, UncountedPaginator):
        numbers = []  # never counted: previous and next only
    else:
        numbers = page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    items = [
        {"ellipsis": True}
        if number == Paginator.ELLIPSIS
        else {"number": number, "url": f"{prefix}{number}", "current": number == page.number}
        for number in numbers
    ]
    return {
        "previous": f"{prefix}{page.previous_page_number()}" if page.has_previous() else None,
        "next": f"{prefix}{page.next_page_number()}" if page.has_next() else None,
        "items": items,
    }
