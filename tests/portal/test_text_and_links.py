"""What the home page and search show of published content: plain text for staff-written
Markdown, links that keep the visitor's language, Vietnamese content marked as such."""

import io
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertInHTML

from portal import search
from tests.transparency.factories import (
    DocumentFactory,
    ExplainerFactory,
    PlanningFactory,
    QuestionFactory,
)
from transparency.models import Question

pytestmark = pytest.mark.django_db

QUESTION = "Cửa hàng bán rượu dưới 5,5 độ có cần giấy phép không?"


@pytest.fixture
def question():
    question = QuestionFactory(
        question=QUESTION,
        answer="Không cần giấy phép, nhưng phải **thông báo** với Phòng Kinh tế theo "
        "[Nghị định 105/2017/NĐ-CP](https://vbpl.vn/).",
    )
    search.index_object(question)
    return question


def test_the_home_page_shows_a_summary_as_plain_text(client, question):
    page = client.get(reverse("portal:home")).content.decode()

    assert "nhưng phải thông báo với Phòng Kinh tế theo Nghị định 105/2017/NĐ-CP." in page
    assert "**" not in page and "](" not in page


def test_search_results_show_a_summary_as_plain_text(client, question):
    page = client.get(reverse("portal:search"), {"q": "giay phep"}).content.decode()

    assert "nhưng phải thông báo với Phòng Kinh tế theo Nghị định 105/2017/NĐ-CP." in page
    assert "**" not in page and "](" not in page


@pytest.mark.parametrize("path", ["/en/", "/en/tim-kiem/?q=giay+phep"])
def test_english_pages_link_to_content_under_en_and_mark_it_vietnamese(client, question, path):
    english_url = f"/en/pho-bien-phap-luat/hoi-dap/{question.pk}/"

    page = client.get(path).content.decode()

    assertInHTML(
        f'<a class="govuk-link" href="{english_url}" lang="vi">{QUESTION}</a>', page, count=1
    )
    assert client.get(english_url).status_code == 200
    assert 'app-search-results__summary" lang="vi">Không cần' in page


def test_vietnamese_pages_keep_their_links_without_a_prefix(client, question):
    page = client.get(reverse("portal:home")).content.decode()

    assertInHTML(
        f'<a class="govuk-link" href="{question.get_absolute_url()}" lang="vi">{QUESTION}</a>',
        page,
        count=1,
    )


def test_the_demo_home_page_points_to_nothing_below(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())
    # The demo's answer about plan 10357/KH-UBND, made the newest entry so the home page shows it.
    question = Question.objects.public().get(documents__number="10357/KH-UBND")
    Question.objects.filter(pk=question.pk).update(published_at=timezone.now())
    question.refresh_from_db()
    search.index_object(question)

    home = client.get(reverse("portal:home")).content.decode()

    assert f'href="{question.get_absolute_url()}"' in home
    assert "bên dưới" not in home and "**" not in home
    # The question's own page lists the documents it names.
    page = client.get(question.get_absolute_url()).content.decode()
    assert "2484/QĐ-UBND" in page[page.index("</h2>", page.index("Trả lời")) :]


class _LanguageFinder(HTMLParser):
    """The language of the text nodes of a page: the nearest `lang` among their elements."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[str | None] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang"))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip():
            language = next((lang for lang in reversed(self.stack) if lang), None)
            self.texts.append((" ".join(data.split()), language))


def _languages_of(html: str, text: str, start: str = "<main") -> set:
    finder = _LanguageFinder()
    finder.feed(html[html.index(start) : html.index("</main>")])
    found = {language for data, language in finder.texts if text in data}
    assert found, f"{text!r} is not on the page"
    return found


def test_english_pages_mark_vietnamese_content_as_vietnamese(client):
    document = DocumentFactory(summary="Về việc công bố thủ tục hành chính lĩnh vực điện")
    explainer = ExplainerFactory(title="Điều kiện kinh doanh xăng dầu")
    explainer.documents.add(document)
    question = QuestionFactory(question="Bán rượu dưới 5,5 độ có cần giấy phép không?")
    planning = PlanningFactory(name="Phương án phát triển cụm công nghiệp")
    pages = {
        "/en/van-ban/": [document.summary, document.issuer.name],
        f"/en/van-ban/{document.pk}/": [document.summary, document.issuer.name],
        "/en/pho-bien-phap-luat/": [explainer.title, question.question],
        f"/en{explainer.get_absolute_url()}": [explainer.title, "phù hợp", document.summary],
        f"/en{question.get_absolute_url()}": [question.question, "Không cần giấy phép"],
        "/en/ke-hoach/": [planning.name],
        f"/en{planning.get_absolute_url()}": [planning.name],
    }
    for path, texts in pages.items():
        html = client.get(path).content.decode()
        assert '<html lang="en"' in html, path
        # The document list's filters (another part of the page) name issuers too.
        start = '<ul class="govuk-list app-search-results">' if path == "/en/van-ban/" else "<main"
        for text in texts:
            assert _languages_of(html, text, start) == {"vi"}, (path, text)
