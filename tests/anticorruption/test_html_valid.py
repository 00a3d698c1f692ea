"""The channel's pages (form, its errors, the receipt, a thread) and a round's timeline are
valid HTML (the Nu HTML checker)."""

import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from anticorruption import actions
from anticorruption.models import RecruitmentStep, Tip
from tests.anticorruption.factories import make_round, make_step
from tests.anticorruption.helpers import token
from tests.helpers import ROOT, require

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_channel_and_timeline_pages_are_valid_html(client, inspector, tmp_path):
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")
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
    files = []
    for name, response in pages.items():
        assert response.status_code in (200, 201), name
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files.append(str(path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "").strip() == ""
