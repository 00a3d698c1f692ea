"""Object-level access: an officer reaches only the work of their own units."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from portal import roles
from portal.roles import can_access_unit, units_of
from tests.helpers import make_staff


@pytest.mark.django_db
def test_the_officer_personas_differ_only_in_their_unit(officer_a, officer_b, unit_a, unit_b):
    """Tests pit officer A against officer B: were their roles different, such a test could
    pass on the role alone."""
    assert set(officer_a.groups.all()) == set(officer_b.groups.all())
    assert officer_a.get_all_permissions() == officer_b.get_all_permissions()
    # The shared roles include one scoped by unit: reporting progress on the unit's tasks.
    assert officer_a.has_perm("papi.add_taskupdate")
    assert (officer_a.is_staff, officer_a.is_superuser) == (officer_b.is_staff, False)
    assert list(units_of(officer_a)) == [unit_a]
    assert list(units_of(officer_b)) == [unit_b]


@pytest.mark.django_db
def test_it_limits_an_officer_to_their_own_units(officer_a, unit_a, unit_b):
    assert list(units_of(officer_a)) == [unit_a]
    assert can_access_unit(officer_a, unit_a)
    assert not can_access_unit(officer_a, unit_b)


@pytest.mark.django_db
def test_it_keeps_unit_b_work_from_officer_a_and_the_other_way(
    officer_a, officer_b, unit_a, unit_b
):
    assert not can_access_unit(officer_b, unit_a)
    assert list(units_of(officer_b)) == [unit_b]


@pytest.mark.django_db
def test_it_lets_leadership_and_superusers_see_every_unit(leader, administrator, unit_a, unit_b):
    for user in (leader, administrator):
        assert set(units_of(user)) == {unit_a, unit_b}
        assert can_access_unit(user, unit_b)


@pytest.mark.django_db
def test_it_gives_an_inspector_without_a_unit_nothing(inspector, unit_a):
    assert not units_of(inspector).exists()
    assert not can_access_unit(inspector, unit_a)


@pytest.mark.django_db
def test_it_gives_anonymous_visitors_no_unit(unit_a):
    assert not units_of(AnonymousUser()).exists()
    assert not can_access_unit(AnonymousUser(), unit_a)
    assert not can_access_unit(make_staff(roles.EDITOR), None)


@pytest.mark.django_db
def test_it_reads_units_in_one_query(officer_a, django_assert_num_queries):
    with django_assert_num_queries(2):  # the role check, then the units
        assert len(units_of(officer_a)) == 1


@pytest.mark.django_db
def test_it_creates_every_role_group_with_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLE_LABELS)
    leadership = Group.objects.get(name=roles.LEADERSHIP)
    assert leadership.permissions.filter(codename="view_unit").exists()
    assert not leadership.permissions.filter(codename="change_unit").exists()
