"""A draft's text as HTML, written in Python: a draft of sixty articles has hundreds of parts,
which the template engine would draw node by node in most of the page's time.

The parts are drawn once, when the draft is imported or corrected, and kept on them
(`DraftSection.html`): an article with its own text, clauses, points and tables; a chapter,
section, text or table outside the articles by itself; a part inside an article keeps nothing.
The page then reads the few dozen parts that hold something, and adds to each article what
changes (the links in the reader's language). Every text is escaped.

So are the latest published comments of each article (`draw_comments`), when one is published,
rejected or answered: their few labels are left as `str.format` fields, filled in the reader's
language by `fill_labels`, and every brace of the text is doubled."""

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.html import escape

from .drafts import section_label
from .models import Answer

PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def lines(text: str) -> str:
    """As the |linebreaksbr filter: escaped, each line break a <br>."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def paragraphs(text: str) -> str:
    """As the |linebreaks filter: escaped paragraphs, single line breaks as <br>."""
    if "\n" not in text and "\r" not in text:  # most comments: one paragraph
        return f"<p>{escape(text)}</p>"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n\n".join(
        f"<p>{escape(paragraph).replace(chr(10), '<br>')}</p>"
        for paragraph in PARAGRAPH_BREAK.split(text)
    )


def _table(part) -> str:
    anchor = escape(part.anchor)
    if not part.rows:
        return f'<table class="govuk-table app-draft__table" id="{anchor}"></table>'
    head, *body = part.rows
    cells = "".join(f'<th scope="col" class="govuk-table__header">{escape(c)}</th>' for c in head)
    body_rows = "".join(
        '<tr class="govuk-table__row">'
        + "".join(f'<td class="govuk-table__cell">{escape(c)}</td>' for c in row)
        + "</tr>"
        for row in body
    )
    return (
        f'<table class="govuk-table app-draft__table" id="{anchor}">'
        f'<thead class="govuk-table__head"><tr class="govuk-table__row">{cells}</tr></thead>'
        f'<tbody class="govuk-table__body">{body_rows}</tbody></table>'
    )


def _inner(part) -> str:
    """A clause, a point or a table inside an article."""
    if part.kind == "table":
        return _table(part)
    prefix = {"clause": f"{escape(part.number)}. ", "point": f"{escape(part.number)}) "}
    return (
        f'<p class="govuk-body app-draft__{escape(part.kind)}" id="{escape(part.anchor)}">'
        f"{prefix.get(part.kind, '')}{lines(part.text)}</p>"
    )


def _article(article, parts) -> str:
    """The article's title, its own text and its parts: the <section> around them is drawn
    with the page, as it holds the article's comments."""
    anchor = escape(article.anchor)
    heading = f". {escape(article.heading)}" if article.heading else ""
    text = f'<p class="govuk-body">{lines(article.text)}</p>' if article.text else ""
    return (
        f'<h3 class="govuk-heading-s" id="{anchor}-title">'
        f"{escape(section_label(article.kind, article.number))}{heading}</h3>"
        + text
        + "".join(_inner(part) for part in parts)
    )


def _outside(part) -> str:
    """A chapter, a section, a text or a table outside the articles."""
    anchor = escape(part.anchor)
    label = escape(section_label(part.kind, part.number))
    if part.kind == "chapter":
        heading = f"<br>{escape(part.heading)}" if part.heading else ""
        return f'<h3 class="govuk-heading-m app-draft__chapter" id="{anchor}">{label}{heading}</h3>'
    if part.kind == "section":
        heading = f". {escape(part.heading)}" if part.heading else ""
        return f'<h3 class="govuk-heading-s app-draft__section" id="{anchor}">{label}{heading}</h3>'
    if part.kind == "table":
        return _table(part)
    return f'<p class="govuk-body" id="{anchor}">{lines(part.text)}</p>'


def draw(sections) -> dict[int, str]:
    """What each of a version's parts keeps, by id, from the parts in reading order (objects
    with id, parent_id, kind, number, heading, text, rows and anchor): a part belongs to the
    nearest article above it."""
    by_id = {section.id: section for section in sections}
    inside: dict[int, list] = {s.id: [] for s in sections if s.kind == "article"}
    drawn: dict[int, str] = {}
    for section in sections:
        if section.kind == "article":
            continue
        owner = by_id.get(section.parent_id)
        while owner is not None and owner.kind != "article":
            owner = by_id.get(owner.parent_id)
        if owner is None:
            drawn[section.id] = _outside(section)
        else:
            inside[owner.id].append(section)
            drawn[section.id] = ""
    for pk, parts in inside.items():
        drawn[pk] = _article(by_id[pk], parts)
    return drawn


# --- The latest comments of an article --------------------------------------------------------


def _braced(html: str) -> str:
    """Escaped text kept literal by str.format."""
    return html.replace("{", "{{").replace("}", "}}")


def _comment(comment, zone) -> str:
    when = timezone.localtime(comment.created_at, zone)
    organisation = (
        " ({organisation})"
        if comment.author_kind == "organisation" and comment.organisation
        else ""
    )
    answer = ""
    if comment.verdict:
        answer = (
            '<div class="govuk-inset-text app-answer"><p class="govuk-body-s"><strong>'
            f"{{answer}}: {{verdicts[{escape(comment.verdict)}]}}"
            f'</strong></p><div lang="vi">{_braced(paragraphs(comment.answer))}'
            "</div></div>"
        )
    return (
        f'<li class="app-comment" id="y-kien-{comment.id}">'
        f'<p class="govuk-body-s"><strong lang="vi">{_braced(escape(comment.author))}</strong>'
        f'{organisation} · <time datetime="{when.isoformat(timespec="seconds")}">'
        f"{when.day:02d}/{when.month:02d}/{when.year}</time></p>"
        f'<div class="govuk-body" lang="vi">{_braced(paragraphs(comment.body))}'
        f"</div>{answer}</li>"
    )


def draw_comments(comments) -> str:
    """Published comments (objects with id, author_kind, organisation, author, body, created_at,
    verdict and answer) as list items, with their labels left for `fill_labels`."""
    zone = timezone.get_default_timezone()
    return "".join(_comment(comment, zone) for comment in comments)


def draw_latest(latest: dict, counts: dict) -> dict:
    """The drawn comments and their count by article (the whole draft under None), from
    egov.selectors.latest_comments."""
    return {section: (draw_comments(shown), counts[section]) for section, shown in latest.items()}


def comment_labels() -> dict:
    """The labels of drawn comments in the active language."""
    return {
        "organisation": escape(_("organisation")),
        "answer": escape(_("Drafting unit's answer")),
        "verdicts": {value: escape(label) for value, label in Answer.Verdict.choices},
    }


def fill_labels(drawn: str, labels: dict) -> str:
    return drawn.format_map(labels)
