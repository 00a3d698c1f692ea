from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from egov.drawing import comment_labels, fill_labels
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
# engine they cost most of the page's time. The articles' text and parts were drawn when the
# draft was imported, their latest comments when one was published or answered
# (egov/drawing.py); here each article gets what depends on the request: the links and counts
# in the reader's language, the labels of its comments.


def _article(article, language: str, labels: dict) -> str:
    anchor = escape(article.anchor)
    label = escape(article.label)
    count = escape(
        ngettext("%(n)s published comment", "%(n)s published comments", article.comments_count)
        % {"n": article.comments_count}
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
    if article.comments_html:
        more = ""
        if article.more_comments:
            all_label = escape(
                ngettext(
                    "All %(n)s comment on %(label)s",
                    "All %(n)s comments on %(label)s",
                    article.comments_count,
                )
                % {"n": article.comments_count, "label": article.label}
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
            f"{fill_labels(article.comments_html, labels)}</ul>{more}</div></details>"
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
        **comment_labels(),
        "open": consultation.is_open,
        "link": escape(_("Link to this article")),
        "comment_on": escape(_("Comment on this article")),
        "comment_url": escape(reverse("egov:comment_create", args=[consultation.pk])),
        "list_url": escape(reverse("egov:comment_list", args=[consultation.pk])),
    }
    return mark_safe(  # noqa: S308 - every text above is escaped
        "\n".join(
            _article(part, language, labels) if part.kind == "article" else part.html
            for part in draft.items
        )
    )


@register.simple_tag
def drawn_comments(drawn: str) -> str:
    """Comments drawn by egov.drawing.draw_comments, with their labels in the reader's
    language."""
    return mark_safe(fill_labels(drawn, comment_labels()))  # noqa: S308 - drawn escaped
