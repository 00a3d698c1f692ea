from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from egov.drawing import paragraphs
from egov.models import Answer
from portal.html import escape

register = template.Library()

STATUS_TAGS = {
    "upcoming": "govuk-tag--grey",
    "open": "govuk-tag--green",
    "awaiting_answers": "govuk-tag--yellow",
    "answered": "govuk-tag--blue",
    "adopted": "govuk-tag--purple",
}


@register.filter
def status_tag(status: str) -> str:
    """The GOV.UK tag colour of a consultation's status."""
    return STATUS_TAGS.get(status, "")


# --- The draft on the consultation's page -----------------------------------------------------
#
# A draft of sixty articles has hundreds of comments; rendered node by node by the template
# engine they cost most of the page's time. They are written here in one pass with the same
# markup (every text escaped), and the labels translated once per page. The articles' own text
# and parts were drawn when the draft was imported (egov/drawing.py).


def _comment(comment, labels: dict) -> str:
    when = comment.created_at.astimezone(labels["zone"])
    organisation = (
        f" ({labels['organisation']})"
        if comment.author_kind == "organisation" and comment.organisation
        else ""
    )
    answer = ""
    if comment.verdict:
        answer = (
            '<div class="govuk-inset-text app-answer"><p class="govuk-body-s"><strong>'
            f"{labels['answer']}: {escape(labels['verdicts'].get(comment.verdict, ''))}"
            f'</strong></p><div lang="vi">{paragraphs(comment.answer)}'
            "</div></div>"
        )
    return (
        f'<li class="app-comment" id="y-kien-{comment.id}">'
        f'<p class="govuk-body-s"><strong lang="vi">{escape(comment.author)}</strong>'
        f'{organisation} · <time datetime="{when.isoformat(timespec="seconds")}">'
        f"{when.day:02d}/{when.month:02d}/{when.year}</time></p>"
        f'<div class="govuk-body" lang="vi">{paragraphs(comment.body)}'
        f"</div>{answer}</li>"
    )


def comment_items(comments, labels: dict | None = None) -> str:
    labels = labels or _labels()
    return "".join(_comment(comment, labels) for comment in comments)


def _labels() -> dict:
    return {
        "organisation": escape(_("organisation")),
        "answer": escape(_("Drafting unit's answer")),
        "verdicts": {value: str(label) for value, label in Answer.Verdict.choices},
        "zone": timezone.get_current_timezone(),
    }


def _article(item, language: str, labels: dict) -> str:
    article = item.section
    anchor = escape(article.anchor)
    label = escape(article.label)
    count = escape(
        ngettext("%(n)s published comment", "%(n)s published comments", item.comment_count)
        % {"n": item.comment_count}
    )
    comment_link = ""
    if labels["open"]:
        comment_link = (
            f' · <a class="govuk-link" href="{labels["comment_url"]}?dieu={anchor}">'
            f'{labels["comment_on"]}<span class="govuk-visually-hidden"> {label}</span></a>'
        )
    meta = (
        f'<p class="govuk-body-s app-draft__meta" lang="{escape(language)}">'
        f'<a class="govuk-link" href="#{anchor}">{labels["link"]}'
        f'<span class="govuk-visually-hidden"> {label}</span></a> · {count}{comment_link}</p>'
    )
    comments = ""
    if item.comments:
        more = ""
        if item.more_comments:
            all_label = escape(
                ngettext(
                    "All %(n)s comment on %(label)s",
                    "All %(n)s comments on %(label)s",
                    item.comment_count,
                )
                % {"n": item.comment_count, "label": article.label}
            )
            more = (
                f'<p class="govuk-body"><a class="govuk-link" href="{labels["list_url"]}'
                f'?dieu={anchor}">{all_label}</a></p>'
            )
        summary = escape(_("Comments on %(label)s") % {"label": article.label})
        comments = (
            '<details class="govuk-details"><summary class="govuk-details__summary">'
            f'<span class="govuk-details__summary-text">{summary}</span></summary>'
            f'<div class="govuk-details__text"><ul class="govuk-list">'
            f"{comment_items(item.comments, labels)}</ul>{more}</div></details>"
        )
    return (
        f'<section class="app-draft__article" id="{anchor}" aria-labelledby="{anchor}-title">'
        f"{article.html}{meta}{comments}</section>"
    )


@register.simple_tag
def draft_body(draft, consultation) -> str:
    """The draft's headings and articles, each article with its parts, its comment count and
    its latest published comments (folded; a link leads to all of them)."""
    language = get_language() or ""
    labels = {
        **_labels(),
        "open": consultation.is_open,
        "link": escape(_("Link to this article")),
        "comment_on": escape(_("Comment on this article")),
        "comment_url": escape(reverse("egov:comment_create", args=[consultation.pk])),
        "list_url": escape(reverse("egov:comment_list", args=[consultation.pk])),
    }
    return mark_safe(  # noqa: S308 - every text above is escaped
        "\n".join(
            _article(item, language, labels) if hasattr(item, "section") else item.html
            for item in draft.items
        )
    )


@register.simple_tag
def public_comments(comments) -> str:
    """Published comments as list items (the markup of egov/_comment.html)."""
    return mark_safe(comment_items(comments))  # noqa: S308 - every text is escaped
