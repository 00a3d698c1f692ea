"""Excerpts of a result with the visitor's words marked."""

import functools
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import normalise

SNIPPET_CHARS = 240


def highlight(text: str, words, *, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first match, the matched words in <mark>.

    Words are matched without case or diacritics at the start of a word, as the search does."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    # Fold character by character, remembering where each folded character came from.
    folded, origin = [], []
    for index, char in enumerate(text):
        for folded_char in _fold_char(char):
            folded.append(folded_char)
            origin.append(index)
    folded_text = "".join(folded)
    spans = []
    for word in {w for w in words if w}:
        for found in re.finditer(r"(?<![^\W_])" + re.escape(word), folded_text):
            start, end = origin[found.start()], origin[found.end() - 1] + 1
            # Extend to the end of the word, as the prefix match does.
            while end < len(text) and (text[end].isalnum() or unicodedata.combining(text[end])):
                end += 1
            spans.append((start, end))
    spans = _merge(sorted(spans))
    start = 0
    if len(text) > length:
        first = spans[0][0] if spans else 0
        start = max(0, min(first - length // 4, len(text) - length))
        if start:
            start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    out = ["…" if start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        out.append(escape(text[cursor:span_start]))
        out.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    out.append(escape(text[cursor:end]))
    out.append("…" if end < len(text) else "")
    return mark_safe("".join(out))  # noqa: S308  (every piece of text above is escaped)


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return normalise(char) or (" " if char.isspace() else "")


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
