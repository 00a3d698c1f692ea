"""The dossier lookup: the code and the last four digits of the phone number; a wrong code and
wrong digits give the same answer (status, body, timing class); the code locks after five
wrong attempts, each lock twice as long as the one before; the page shows a masked name."""

import re
import statistics
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from procedures import actions
from procedures.models import Dossier
from tests.procedures.factories import make_dossier

pytestmark = pytest.mark.django_db

URL = reverse("procedures:dossier_lookup")


@pytest.fixture
def dossier(unit_a):
    return make_dossier(unit=unit_a, phone="0912 345 678", applicant_name="Nguyễn Văn An")


def _post(client, code, digits, address="203.0.113.7"):
    return client.post(URL, {"code": code, "digits": digits}, REMOTE_ADDR=address)


def _normalised(response, code, digits) -> str:
    body = response.content.decode().replace(f'value="{digits}"', 'value="DIGITS"')
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    body = re.sub(r'nonce="[^"]+"', "", body)
    return body.replace(code, "CODE")


def test_the_right_code_and_digits_show_the_status_steps_and_a_masked_name(client, dossier):
    response = _post(client, dossier.code, "5678")
    page = response.content.decode()
    assert response.status_code == 200
    assert "N*** V*** A***" in page
    assert "Nguyễn Văn An" not in page and "0912" not in page
    assert dossier.procedure.name in page
    assert dossier.due_date.strftime("%d/%m/%Y") in page
    assert "Dossier received at the one-stop desk" not in page  # translated
    assert "Tiếp nhận hồ sơ tại Bộ phận Một cửa" in page
    assert response["Cache-Control"] == "no-store"


def test_the_qr_link_opens_the_lookup_with_the_code_filled_in(client, dossier):
    page = client.get(URL, {"ma": dossier.code}).content.decode()
    assert f'value="{dossier.code}"' in page
    assert "N*** V*** A***" not in page  # the code alone shows nothing


def test_a_wrong_code_and_wrong_digits_look_exactly_the_same(client, dossier):
    answers = set()
    for n in range(150):
        address = f"198.51.100.{n}"
        unknown = f"SCT-260101-{9000 + n:04d}"
        wrong = _post(client, unknown, "5678", address)
        assert wrong.status_code == 200
        answers.add(_normalised(wrong, unknown, "5678"))
        mistyped = _post(client, dossier.code, f"{n:04d}", address)
        assert mistyped.status_code == 200
        answers.add(_normalised(mistyped, dossier.code, f"{n:04d}"))
        cache.clear()  # no lock in this test: only the answers are compared
    assert len(answers) == 1
    assert "Không có hồ sơ nào khớp" in answers.pop()


def test_ten_thousand_guesses_reveal_nothing_and_take_the_same_time(dossier):
    """10,000 guesses through the lookup's logic: an unknown code and known code with wrong
    digits both give None, and the time of each kind is of the same class."""
    timings = {"unknown": [], "wrong digits": []}
    for n in range(5000):
        for kind, code in (
            ("unknown", f"SCT-250101-{n:04d}"),
            ("wrong digits", dossier.code),
        ):
            digits = f"{(n * 7919) % 10000:04d}"
            if kind == "wrong digits" and digits == "5678":
                digits = "5679"
            started = time.perf_counter()
            assert actions.lookup(code, digits) is None
            timings[kind].append(time.perf_counter() - started)
    unknown, wrong = (statistics.median(timings[k]) for k in ("unknown", "wrong digits"))
    # Both kinds run one indexed query and one constant-time comparison.
    assert max(unknown, wrong) / min(unknown, wrong) < 2


def test_the_code_locks_after_five_wrong_attempts_even_for_the_right_digits(client, dossier):
    for n in range(actions.LOOKUP_FAILURES):
        assert "N*** V*** A***" not in _post(client, dossier.code, f"{n:04d}").content.decode()
    locked = _post(client, dossier.code, "5678", address="192.0.2.1")
    assert "N*** V*** A***" not in locked.content.decode()
    assert actions.lookup_locked(dossier.code)
    # A locked code looks like a wrong one: the same answer as an unknown code.
    unknown = _post(client, "SCT-260101-0000", "5678", address="192.0.2.2")
    assert _normalised(locked, dossier.code, "5678") == _normalised(
        unknown, "SCT-260101-0000", "5678"
    )


def test_each_lock_lasts_twice_as_long_as_the_one_before(dossier, monkeypatch):
    locks = []
    original = cache.set

    def spy(key, value, timeout=None, **kwargs):
        if ":lock:" in key:
            locks.append(timeout)
        return original(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    for _lock in range(3):
        for _n in range(actions.LOOKUP_FAILURES):
            actions.lookup_failed(dossier.code)
        assert actions.lookup_locked(dossier.code)
        cache.delete(actions._code_key(dossier.code, "lock"))  # the lock runs out
    assert locks == [actions.LOOKUP_LOCK_BASE * k for k in (1, 2, 4)]


def test_the_address_is_rate_limited(client, dossier):
    for n in range(30):
        _post(client, f"SCT-260101-{n:04d}", "1234", address="192.0.2.50")
        cache.delete_many([actions._code_key(f"SCT-260101-{n:04d}", "lock")])
    assert _post(client, dossier.code, "5678", address="192.0.2.50").status_code == 429


def test_a_business_name_is_shown_whole():
    assert actions.mask_name("Công ty TNHH Xăng dầu Minh Phát", Dossier.Applicant.BUSINESS) == (
        "Công ty TNHH Xăng dầu Minh Phát"
    )
    assert actions.mask_name("Lê Thị Hoa", Dossier.Applicant.PERSON) == "L*** T*** H***"
