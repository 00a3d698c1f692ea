"""The main pages are valid HTML, checked by the Nu HTML checker (one JVM for every page). Each
app lists its pages in HTML_PAGES of `tests/<app>/access.py`."""

import shutil
import subprocess

import pytest

from portal import search
from tests.egov.factories import NewsFactory
from tests.helpers import ROOT, require
from tests.matrix import collected
from tests.transparency.factories import QuestionFactory

pytestmark = pytest.mark.django_db

VNU = ROOT / "frontend" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_it_renders_valid_html(client, tmp_path):
    # Published content, so that the home page and search show entries with their dates
    # (stored to the microsecond).
    search.index_object(
        QuestionFactory(
            question="Mở cửa hàng bán lẻ xăng dầu cần điều kiện gì?",
            answer="Phải **phù hợp** với phương án phát triển mạng lưới cửa hàng xăng dầu.",
        )
    )
    NewsFactory(body="Tin **quan trọng**:\n\n- mục một\n- mục hai")
    java = shutil.which("java")
    require(java is not None, "Java for the Nu HTML checker (apt-get install default-jre-headless)")
    require(VNU.exists(), f"the Nu HTML checker at {VNU} (cd frontend && npm ci --ignore-scripts)")

    files = []
    for name, (path, status) in collected("HTML_PAGES").items():
        response = client.get(str(path))
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
