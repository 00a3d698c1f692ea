"""The synthesis of a consultation (bản tổng hợp, tiếp thu, giải trình): every published
comment in the four-column form (article · who commented · the comment · acceptance or
explanation), with the totals and the administrative header of the department's reports."""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from portal.pdf import header_context

from .models import Comment, Consultation

ProgressCallback = Callable[[int], None]


@dataclass
class Row:
    article: str
    author: str
    body: str
    verdict: str
    answer: str


def build_context(consultation: Consultation, *, on_progress: ProgressCallback | None = None):
    comments = list(
        Comment.objects.filter(consultation=consultation, status=Comment.Status.PUBLISHED)
        .select_related("section", "version", "answer")
        .order_by("version__number", "section__position", "created_at", "pk")
    )
    if on_progress:
        on_progress(20)
    # Comments on the whole draft first, then article by article in the draft's order.
    comments.sort(
        key=lambda c: (
            c.section is not None,
            c.version.number,
            c.section.position if c.section else 0,
        )
    )
    rows = [
        Row(
            article=comment.section.label if comment.section else "",
            author=comment.author,
            body=comment.body,
            verdict=comment.answer.get_verdict_display() if comment.answer else "",
            answer=comment.answer.text if comment.answer else "",
        )
        for comment in comments
    ]
    authors = {(c.author_kind, c.author.casefold()) for c in comments}
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
            "comments": len(comments),
            "answered": sum(1 for c in comments if c.answer_id),
            "not_published": not_published,
        },
    }


def render_body(context: dict) -> str:
    """The report's body: shown on the consultation's page and wrapped into the PDF."""
    return render_to_string("pdf/consultation_synthesis_body.html", context)


def render_pdf(context: dict, body: str) -> bytes:
    from portal.pdf import write_pdf

    html = render_to_string("pdf/consultation_synthesis.html", {**context, "body": body})
    return write_pdf(html)
