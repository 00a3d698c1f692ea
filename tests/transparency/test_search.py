"""Site search over the library: numbers and words with or without diacritics find the right
documents first. Ranking is PostgreSQL's; the smoke run on SQLite checks only what is found."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from portal import publishing, search
from tests.helpers import require
from transparency.models import Document

from .factories import DocumentFactory, ExplainerFactory, QuestionFactory, draft

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
            publishing.item_publish(item=document, user=editor)
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


@pytest.fixture
def numbered(db):
    """Documents, and newer documents, Q&As and explainers that name their numbers (in their
    titles too), as the demo has them."""
    now = timezone.now()
    documents = {}
    for days, kind, number, summary in [
        (
            3000,
            Document.Kind.DECREE,
            "59/2019/NĐ-CP",
            "Quy định chi tiết Luật Phòng, chống tham nhũng",
        ),
        (2000, Document.Kind.LAW, "59/2020/QH14", "Luật Doanh nghiệp"),
        (4000, Document.Kind.DECREE, "83/2014/NĐ-CP", "Về kinh doanh xăng dầu"),
        (1500, Document.Kind.PLAN, "10357/KH-UBND", "Triển khai hệ thống quản lý tài liệu điện tử"),
        (100, Document.Kind.DECREE, "159/2019/NĐ-CP", "Quy định về thương mại biên giới"),
        (90, Document.Kind.DECREE, "95/2021/NĐ-CP", "Sửa đổi Nghị định số 83/2014/NĐ-CP"),
        (80, Document.Kind.DECISION, "321/QĐ-UBND", "Sửa đổi Kế hoạch số 10357/KH-UBND"),
    ]:
        documents[number] = DocumentFactory(
            kind=kind, number=number, summary=summary, published_at=now - timedelta(days=days)
        )
    mentions = {}
    for number in ("59/2019/NĐ-CP", "59/2020/QH14", "83/2014/NĐ-CP", "10357/KH-UBND"):
        question = QuestionFactory(
            question=f"Văn bản số {number} quy định gì?",
            answer=f"Theo văn bản số {number}, …",
            published_at=now - timedelta(days=1),
        )
        explainer = ExplainerFactory(
            title=f"Giải thích {number} bằng lời dễ hiểu", published_at=now - timedelta(hours=1)
        )
        for item in (question, explainer):
            item.documents.add(documents[number])
        mentions[number] = [question.get_absolute_url(), explainer.get_absolute_url()]
    search.rebuild()
    return documents, mentions


def _ranked_urls(client, query) -> list[str]:
    content = client.get(reverse("portal:search"), {"q": query}).content.decode()
    return re.findall(r'app-search-results__title"><a class="govuk-link" href="([^"]+)"', content)


@pytest.mark.parametrize(
    ("query", "number", "mentions_found"),
    [
        # Found by no way before.
        ("Nghị định số 59/2019/NĐ-CP", "59/2019/NĐ-CP", False),
        ("59/NĐ-CP", "59/2019/NĐ-CP", False),
        ("59/ND-CP", "59/2019/NĐ-CP", False),
        ("NĐ-CP 59/2019", "59/2019/NĐ-CP", False),
        ("59/2019/NĐCP", "59/2019/NĐ-CP", False),
        ("Luật số 59/2020/QH14", "59/2020/QH14", False),
        # Found, but after what only names the number.
        ("59 / 2019", "59/2019/NĐ-CP", True),
        ("59-2019", "59/2019/NĐ-CP", True),
        ("ND 59/2019", "59/2019/NĐ-CP", True),
        ("83 / 2014", "83/2014/NĐ-CP", True),
        ("kh 10357", "10357/KH-UBND", True),
    ],
)
def test_the_document_whose_number_it_is_comes_first_however_the_number_is_written(
    client, numbered, query, number, mentions_found
):
    documents, mentions = numbered

    found = _ranked_urls(client, query)

    assert found[0] == documents[number].get_absolute_url()
    if mentions_found:
        assert set(mentions[number]) <= set(found[1:])
