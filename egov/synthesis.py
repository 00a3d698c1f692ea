"""The synthesis of a consultation (bản tổng hợp, tiếp thu, giải trình): every published
comment in the four-column form (article · who commented · the comment · acceptance or
explanation), with the totals and the administrative header of the department's reports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from portal.pdf import header_context, write_pdf

from .models import Answer, Comment, Consultation, comment_author, section_label

ProgressCallback = Callable[[int], None]


@dataclass
class Row:
    article: str
    author: str
    body: str
    verdict: str
    answer: str


def build_context(consultation: Consultation, *, on_progress: ProgressCallback | None = None):
    """The report's rows and totals. Reads only the columns it shows (never a model instance
    per comment: a consultation may have thousands)."""
    comments = (
        Comment.objects.filter(consultation=consultation, status=Comment.Status.PUBLISHED)
        # Comments on the whole draft first, then article by article in the draft's order.
        .order_by(
            Case(When(section__isnull=True, then=Value(0)), default=Value(1)),
            "version__number",
            "section__position",
            "created_at",
            "pk",
        )
        .values_list(
            "section__kind",
            "section__number",
            "author_kind",
            "name",
            "organisation",
            "body",
            "answer__verdict",
            "answer__text",
        )
    )
    verdicts = {value: str(label) for value, label in Answer.Verdict.choices}
    rows: list[Row] = []
    authors: set[tuple[str, str]] = set()
    answered = 0
    for kind, number, author_kind, name, organisation, body, verdict, answer in comments.iterator(
        chunk_size=500
    ):
        author = comment_author(author_kind, name, organisation)
        authors.add((author_kind, author.casefold()))
        answered += bool(verdict)
        rows.append(
            Row(
                article=section_label(kind, number) if kind else "",
                author=author,
                body=body,
                verdict=verdicts.get(verdict, "") if verdict else "",
                answer=answer or "",
            )
        )
    if on_progress:
        on_progress(20)
    organisations = sum(1 for kind, _name in authors if kind == Comment.AuthorKind.ORGANISATION)
    not_published = Comment.objects.filter(
        consultation=consultation, status=Comment.Status.REJECTED
    ).count()
    if on_progress:
        on_progress(40)
    return {
        **header_context(timezone.localdate()),
        "consultation": consultation,
        "rows": rows,
        "totals": {
            "authors": len(authors),
            "organisations": organisations,
            "individuals": len(authors) - organisations,
            "comments": len(rows),
            "answered": answered,
            "not_published": not_published,
        },
    }


def render_body(context: dict) -> str:
    """The report's body: shown on the consultation's page and wrapped into the PDF."""
    return render_to_string("pdf/consultation_synthesis_body.html", context)


def render_pdf(context: dict) -> bytes:
    """The report as a PDF: the same summary and rows as the page, in lighter markup."""
    body = render_to_string("pdf/consultation_synthesis_print.html", context)
    html = render_to_string("pdf/consultation_synthesis.html", {**context, "body": body})
    del body
    return write_pdf(html)
