"""The channel's pages (form, its errors, the receipt, a thread) and a round's timeline are
valid HTML (the Nu HTML checker)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from anticorruption import actions
from anticorruption.models import RecruitmentStep, Tip
from tests.anticorruption.factories import make_round, make_step
from tests.anticorruption.helpers import token
from tests.helpers import nu_errors

pytestmark = pytest.mark.django_db


def test_the_channel_and_timeline_pages_are_valid_html(client, inspector, tmp_path):
    create = reverse("anticorruption:tip_create")
    follow = reverse("anticorruption:tip_follow")
    sent = client.post(create, {"content": "Tin báo thử.\nHai dòng.", "token": token()})
    receipt = sent.context["receipt"]
    actions.inspector_answer(tip=Tip.objects.get(), body="Đã nhận.", user=inspector)
    round_ = make_round()
    today = timezone.localdate()
    make_step(round_, RecruitmentStep.Kind.NOTICE, today, body="Thông báo.")
    make_step(round_, RecruitmentStep.Kind.REGISTRATION, today, closes_on=today)
    pages = {
        "form-errors": client.post(create, {"content": "", "token": token()}),
        "receipt": sent,
        "follow-errors": client.post(follow, {"receipt": "sai", "token": token()}),
        "thread": client.post(follow, {"receipt": receipt, "token": token()}),
        "round": client.get(round_.get_absolute_url()),
    }
    assert nu_errors(pages, tmp_path) == ""
