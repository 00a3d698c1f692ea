"""One result of a list or of the site search, as `components/result_list.html` draws it.

Each source turns its own rows into `ResultItem`s (the document list, the search, the home
page's newest entries), so that every list of results on the portal looks and reads the same.
`result_list` draws the list (through `components/result_list.html`) in Python: first an include
per row, then a template loop of a dozen lookups per row, were each a large part of an uncached
list page's time."""

import datetime
from dataclasses import dataclass

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True, slots=True)
class ResultItem:
    url: str
    title: str  # Vietnamese, as published
    summary: str = ""  # plain text, or safe HTML such as a highlighted snippet
    context: str = ""  # in the page's language: the area of the portal it comes from
    origin: str = ""  # in Vietnamese: the issuing body, or the kind of entry
    when: datetime.date | None = None
    when_label: str = ""  # in the page's language, before the date: "issued"
    tag: str = ""  # a status, drawn as a GOV.UK tag of class `tag_class`
    tag_class: str = ""
    subjects: str = ""  # in Vietnamese: the fields it belongs to

    @property
    def when_iso(self) -> str:
        return self.when.isoformat()

    @property
    def when_text(self) -> str:
        return self.when.strftime("%d/%m/%Y")


def result_list(items, heading=2, start=None, labelledby="") -> SafeString:
    """The items as a list of results: `heading`, the level of the titles (2 or 3); `start`, the
    number of the first item of a numbered list; `labelledby`, the id of the list's heading.
    Every text is escaped unless already safe (a highlighted snippet in a summary)."""
    h = int(heading or 2)
    attributes = f' aria-labelledby="{conditional_escape(labelledby)}"' if labelledby else ""
    if start:
        html = [f'<ol class="app-search-results" start="{int(start)}"{attributes}>\n']
    else:
        html = [f'<ul class="govuk-list app-search-results"{attributes}>\n']
    for item in items:
        html.append(
            '<li class="app-search-results__item">\n'
            f'<h{h} class="app-search-results__title">'
            f'<a class="govuk-link" href="{conditional_escape(item.url)}" lang="vi">'
            f"{conditional_escape(item.title)}</a></h{h}>\n"
        )
        if item.summary:
            html.append(
                '<p class="govuk-body app-search-results__summary" lang="vi">'
                f"{conditional_escape(item.summary)}</p>\n"
            )
        meta = [conditional_escape(item.context)] if item.context else []
        if item.origin:
            meta.append(f'<span lang="vi">{conditional_escape(item.origin)}</span>')
        if item.when:
            label = f"{conditional_escape(item.when_label)} " if item.when_label else ""
            meta.append(f'{label}<time datetime="{item.when_iso}">{item.when_text}</time>')
        if item.tag:
            tag_class, tag = conditional_escape(item.tag_class), conditional_escape(item.tag)
            meta.append(f'<strong class="govuk-tag {tag_class}">{tag}</strong>')
        subjects = ""
        if item.subjects:
            subjects = f'<br><span lang="vi">{conditional_escape(item.subjects)}</span>'
        html.append(
            '<p class="govuk-body-s app-search-results__meta">'
            f"{' · '.join(meta)}{subjects}</p>\n</li>\n"
        )
    html.append("</ol>" if start else "</ul>")
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped
