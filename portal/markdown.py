"""Staff-written Markdown: safe HTML on the page that shows the text in full, plain text where
only a summary of it is shown (a list, the home page, search results)."""

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False})

# Inline tokens whose content is text a reader sees; breaks read as a space.
_TEXT_TOKENS = {"text", "code_inline", "image"}
_BREAK_TOKENS = {"softbreak", "hardbreak"}


def markdown_html(text: str) -> SafeString:
    """Markdown as safe HTML: raw HTML is off and the result is cleaned."""
    return mark_safe(nh3.clean(_markdown.render(text or "")))  # noqa: S308


def markdown_text(text: str) -> str:
    """Markdown as the plain text a reader sees: "**thông báo**" → "thông báo"; blocks run on
    as one line, as a summary is shown."""
    blocks = []
    for token in _markdown.parse(text or ""):
        if token.type == "inline":
            blocks.append(
                "".join(
                    child.content
                    if child.type in _TEXT_TOKENS
                    else " "
                    if child.type in _BREAK_TOKENS
                    else ""
                    for child in token.children or []
                )
            )
        elif token.type in {"code_block", "fence"}:
            blocks.append(token.content)
    return " ".join(" ".join(blocks).split())
