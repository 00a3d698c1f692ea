"""Site search over the library: numbers and words with or without diacritics find the right
documents first. Ranking is PostgreSQL's; the smoke run on SQLite checks only what is found."""

import pytest
from django.db import connection
from django.urls import reverse

from tests.conftest import require
from transparency import actions
from transparency.models import Document

from .factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(django_capture_on_commit_callbacks, editor):
    specs = [
        (
            Document.Kind.DECREE,
            "59/2019/NĐ-CP",
            "Quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tham nhũng",
        ),
        (Document.Kind.DECREE, "83/2014/NĐ-CP", "Về kinh doanh xăng dầu"),
        (
            Document.Kind.DECREE,
            "95/2021/NĐ-CP",
            "Sửa đổi, bổ sung một số điều của Nghị định về kinh doanh xăng dầu",
        ),
        (
            Document.Kind.DECISION,
            "2019/QĐ-UBND",
            "Công bố thủ tục hành chính lĩnh vực điện năm 2019, có nhắc đến dầu mỏ",
        ),
        (
            Document.Kind.PLAN,
            "7201/KH-UBND",
            "Thực hiện cơ chế một cửa, một cửa liên thông, giải quyết hồ sơ năm 2019",
        ),
        (Document.Kind.LAW, "28/2004/QH11", "Luật Điện lực: xăng và dầu không thuộc phạm vi"),
    ]
    documents = {}
    with django_capture_on_commit_callbacks(execute=True):
        for kind, number, summary in specs:
            document = draft(kind=kind, number=number, summary=summary)
            actions.item_publish(item=document, user=editor)
            documents[number] = document
        secret = draft(number="1/2026/NĐ-CP", summary="Dự thảo về kinh doanh xăng dầu chưa công bố")
        documents["secret"] = secret
    return documents


def _result_urls(client, query) -> list[str]:
    content = client.get(reverse("portal:search"), {"q": query}).content.decode()
    urls = []
    for part in content.split('href="')[1:]:
        url = part.split('"', 1)[0]
        if url.startswith("/van-ban/") and url.rstrip("/").split("/")[-1].isdigit():
            urls.append(url)
    return list(dict.fromkeys(urls))


def test_it_finds_documents_by_number_and_by_words_with_or_without_diacritics(client, library):
    assert library["59/2019/NĐ-CP"].get_absolute_url() in _result_urls(client, "59/2019")
    for query in ("xăng dầu", "xang dau"):
        found = _result_urls(client, query)
        assert library["83/2014/NĐ-CP"].get_absolute_url() in found
        assert library["95/2021/NĐ-CP"].get_absolute_url() in found


def test_it_never_finds_a_draft(client, library):
    for query in ("chưa công bố", "1/2026/NĐ-CP", "xang dau"):
        assert library["secret"].get_absolute_url() not in _result_urls(client, query)


@pytest.mark.postgres
def test_it_ranks_the_exact_number_first(client, library):
    require(connection.vendor == "postgresql", "PostgreSQL for ranking")
    assert _result_urls(client, "59/2019")[0] == library["59/2019/NĐ-CP"].get_absolute_url()
    assert _result_urls(client, "59/2019/NĐ-CP")[0] == library["59/2019/NĐ-CP"].get_absolute_url()


@pytest.mark.postgres
def test_it_ranks_xang_dau_documents_first_with_or_without_diacritics(client, library):
    require(connection.vendor == "postgresql", "PostgreSQL for ranking")
    expected = {
        library["83/2014/NĐ-CP"].get_absolute_url(),
        library["95/2021/NĐ-CP"].get_absolute_url(),
    }
    for query in ("xăng dầu", "xang dau", "XANG DAU"):
        assert set(_result_urls(client, query)[:2]) == expected
