import re

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

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


PARAGRAPH_BREAK = re.compile(r"\n{2,}")

# --- The draft on the consultation's page -----------------------------------------------------
#
# A draft of sixty articles has some five hundred parts and comments; rendered node by node by
# the template engine they cost most of the page's time. They are written here in one pass
# with the same markup (every text escaped), and the labels translated once per page.


def _lines(text: str) -> str:
    """As the |linebreaksbr filter: escaped, each line break a <br>."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _paragraphs(text: str) -> str:
    """As the |linebreaks filter: escaped paragraphs, single line breaks as <br>."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n\n".join(
        f"<p>{escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in PARAGRAPH_BREAK.split(text)
    )


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
            f'</strong></p><div lang="vi">{_paragraphs(comment.answer)}'
            "</div></div>"
        )
    return (
        f'<li class="app-comment" id="y-kien-{comment.id}">'
        f'<p class="govuk-body-s"><strong lang="vi">{escape(comment.author)}</strong>'
        f'{organisation} · <time datetime="{when.replace(microsecond=0).isoformat()}">'
        f"{when:%d/%m/%Y}</time></p>"
        f'<div class="govuk-body" lang="vi">{_paragraphs(comment.body)}'
        f"</div>{answer}</li>"
    )


def comment_items(comments, labels: dict | None = None) -> str:
    labels = labels or _labels()
    return "".join(_comment(comment, labels) for comment in comments)


def _labels() -> dict:
    from egov.models import Answer

    return {
        "organisation": escape(_("organisation")),
        "answer": escape(_("Drafting unit's answer")),
        "verdicts": {value: str(label) for value, label in Answer.Verdict.choices},
        "zone": timezone.get_current_timezone(),
    }


def _table(part) -> str:
    if not part.rows:
        return f'<table class="govuk-table app-draft__table" id="{escape(part.anchor)}"></table>'
    head, *body = part.rows
    cells = "".join(f'<th scope="col" class="govuk-table__header">{escape(c)}</th>' for c in head)
    rows = "".join(
        '<tr class="govuk-table__row">'
        + "".join(f'<td class="govuk-table__cell">{escape(c)}</td>' for c in row)
        + "</tr>"
        for row in body
    )
    return (
        f'<table class="govuk-table app-draft__table" id="{escape(part.anchor)}">'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{cells}</tr></thead>'
        f'<tbody class="govuk-table__body">{rows}</tbody></table>'
    )


def _part(part) -> str:
    if part.kind == "table":
        return _table(part)
    prefix = ""
    if part.kind == "clause":
        prefix = f"{escape(part.number)}. "
    elif part.kind == "point":
        prefix = f"{escape(part.number)}) "
    return (
        f'<p class="govuk-body app-draft__{escape(part.kind)}" id="{escape(part.anchor)}">'
        f"{prefix}{_lines(part.text)}</p>"
    )


def _article(item, consultation, language: str, labels: dict) -> str:
    article = item.section
    anchor = escape(article.anchor)
    label = escape(article.label)
    heading = f". {escape(article.heading)}" if article.heading else ""
    text = f'<p class="govuk-body">{_lines(article.text)}</p>' if article.text else ""
    children = "".join(_part(part) for part in item.children)
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
        f'<h3 class="govuk-heading-s" id="{anchor}-title">{label}{heading}</h3>'
        f"{text}{children}{meta}{comments}</section>"
    )


def _heading(part) -> str:
    anchor = escape(part.anchor)
    label = escape(part.label)
    if part.kind == "chapter":
        heading = f"<br>{escape(part.heading)}" if part.heading else ""
        return f'<h3 class="govuk-heading-m app-draft__chapter" id="{anchor}">{label}{heading}</h3>'
    if part.kind == "section":
        heading = f". {escape(part.heading)}" if part.heading else ""
        return f'<h3 class="govuk-heading-s app-draft__section" id="{anchor}">{label}{heading}</h3>'
    return f'<p class="govuk-body" id="{anchor}">{_lines(part.text)}</p>'


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
            _article(item, consultation, language, labels)
            if hasattr(item, "section")
            else _heading(item)
            for item in draft.items
        )
    )


@register.simple_tag
def public_comments(comments) -> str:
    """Published comments as list items (the markup of egov/_comment.html)."""
    return mark_safe(comment_items(comments))  # noqa: S308 - every text is escaped
