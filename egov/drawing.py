"""A draft's text as HTML, written in Python: a draft of sixty articles has hundreds of parts,
which the template engine would draw node by node in most of the page's time.

The parts are drawn once, when the draft is imported or corrected, and kept on them
(`DraftSection.html`): an article with its own text, clauses, points and tables; a chapter,
section, text or table outside the articles by itself; a part inside an article keeps nothing.
The page then reads the few dozen parts that hold something, and adds to each article what
changes (its comments, the links in the reader's language). Every text is escaped."""

import re

from portal.html import escape

from .drafts import section_label

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
