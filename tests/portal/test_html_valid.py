"""The main pages are valid HTML, checked by the Nu HTML checker (one JVM for every page)."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from portal import search
from tests.conftest import ROOT, require
from tests.transparency.factories import QuestionFactory

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = {
    "home": ("/", 200),
    "search": ("/tim-kiem/?q=xang+dau", 200),
    "papi-scores": ("/chi-so-papi/", 200),
    "accessibility": ("/tuyen-bo-tiep-can/", 200),
    "privacy": ("/chinh-sach-bao-mat/", 200),
    "site-map": ("/so-do-trang/", 200),
    "not-found": ("/khong-co-trang-nay/", 404),
    "sign-in": (None, 200),
    "home-en": ("/en/", 200),
    "search-en": ("/en/tim-kiem/?q=xang+dau", 200),
}


def test_it_renders_valid_html(client, tmp_path):
    # Published content, so that the home page and search show entries with their dates
    # (stored to the microsecond).
    search.index_object(
        QuestionFactory(
            question="Mở cửa hàng bán lẻ xăng dầu cần điều kiện gì?",
            answer="Phải **phù hợp** với phương án phát triển mạng lưới cửa hàng xăng dầu.",
        )
    )
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker (apt-get install default-jre-headless)")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")

    files = []
    for name, (path, status) in PAGES.items():
        response = client.get(path or reverse("account_login"))
        assert response.status_code == status, name
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files.append(str(file))

    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *files],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    report = (result.stdout + result.stderr).replace(f"file:{tmp_path}/", "")
    assert report.strip() == ""
    assert result.returncode == 0
