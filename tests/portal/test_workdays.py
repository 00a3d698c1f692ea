from datetime import date

import pytest

from portal.models import Holiday
from portal.workdays import add_working_days, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_it_skips_weekends():
    friday = date(2026, 11, 20)
    assert add_working_days(friday, 1) == date(2026, 11, 23)
    assert working_days_between(friday, date(2026, 11, 23)) == 1


def test_it_skips_the_seeded_tet_break_of_2026():
    # The official Tết 2026 break is 14–22/02/2026: the first working day after 13/02 is 23/02.
    assert not is_working_day(date(2026, 2, 16))
    assert add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_it_counts_a_makeup_saturday_as_working():
    saturday = date(2027, 3, 6)
    Holiday.objects.create(date=saturday, name="Làm bù", kind=Holiday.Kind.MAKEUP_WORKDAY)
    assert is_working_day(saturday)
    assert add_working_days(date(2027, 3, 5), 1) == saturday


def test_it_counts_backwards_as_negative():
    assert working_days_between(date(2026, 12, 11), date(2026, 12, 7)) == -4


def test_it_reads_holidays_staff_added():
    # 24/11 is Vietnamese Culture Day, a day off since 2026: the seeded calendar knows it.
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)
