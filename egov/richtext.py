"""The rich text of the department's pages: HTML kept to what an editor needs (headings,
paragraphs, lists, links, tables, emphasis, pictures) and cleaned with nh3 when it is saved,
so no script, event attribute or style ever reaches a visitor."""

import nh3

TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "u",
    "a", "blockquote", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "img", "figure", "figcaption", "abbr", "address", "dl", "dt", "dd", "sub", "sup",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "abbr": {"title"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html: str) -> str:
    """The HTML without anything outside the lists above (scripts go with their content)."""
    return nh3.clean(
        html or "",
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
