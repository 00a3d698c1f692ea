from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from portal.models import DepartmentProfile, Unit
from portal.roles import ROLE_LABELS

pytestmark = pytest.mark.django_db


def counts():
    return (
        get_user_model().objects.count(),
        Unit.objects.count(),
        DepartmentProfile.objects.count(),
    )


def test_it_loads_demo_data_twice_without_duplicates():
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == first
    assert first[0] >= len(ROLE_LABELS)


def test_it_writes_staff_names_family_name_first():
    call_command("seed_demo", stdout=StringIO())
    leader = get_user_model().objects.get(email="lanhdao@congthuong.example.vn")
    assert f"{leader.last_name} {leader.first_name}" == "Trần Thị Thu Hà"
    assert leader.groups.filter(name="leadership").exists()
    assert leader.units.exists()


def test_it_uses_phone_numbers_that_pass_the_national_numbering_plan():
    import phonenumbers

    from tests.factories import vietnamese_mobile

    call_command("seed_demo", stdout=StringIO())
    numbers = [unit.phone for unit in Unit.objects.exclude(phone="")]
    numbers += [DepartmentProfile.objects.get().hotline] + [vietnamese_mobile() for _ in range(50)]
    for number in numbers:
        assert phonenumbers.is_valid_number(phonenumbers.parse(number, "VN")), number


def test_it_prints_every_demo_account_with_its_role_and_how_to_get_the_code():
    import re

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import authenticate

    out = StringIO()
    call_command("seed_demo", stdout=out)
    printed = out.getvalue()

    password = re.search(r"password (\S+):", printed).group(1)
    staff = get_user_model().objects.filter(is_staff=True)
    assert {group.name for user in staff for group in user.groups.all()} == set(ROLE_LABELS)
    for user in staff:
        line = next(line for line in printed.splitlines() if user.email in line)
        for group in user.groups.all():
            assert str(ROLE_LABELS[group.name]) in line
        assert authenticate(username=user.email, password=password) == user
    assert "manage.py demo_totp" in printed

    code = StringIO()
    call_command("demo_totp", stdout=code)
    for user in staff:
        totp = TOTP(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP))
        assert totp.validate_code(code.getvalue().strip())


def test_people_are_named_family_name_first(client):
    from tests.factories import FAMILY_NAMES, UserFactory
    from tests.helpers import make_staff

    leader = make_staff("leadership", first_name="Thị Thu Hà", last_name="Trần")
    client.force_login(leader)

    page = client.get(reverse("portal:dashboard")).content.decode()
    assert leader.get_full_name() == "Trần Thị Thu Hà"
    assert "Trần Thị Thu Hà" in page and "Thị Thu Hà Trần" not in page

    for user in UserFactory.create_batch(5):
        assert user.get_full_name().split()[0] in FAMILY_NAMES
