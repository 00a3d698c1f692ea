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

    Words are matched without case or diacritics at the start of a word, as the search does,
    and marked to the end of the word."""
    text = " ".join(unicodedata.normalize("NFC", text or "").split())
    words = tuple(sorted({w for w in words if w}, key=len, reverse=True))
    spans = []
    if words and text:
        if not _NOT_PLAIN.search(text):
            # Every letter folds to one: the words' variants are looked for in the text itself.
            found, origin = _variants(words).finditer(text), None
        else:
            folded, origin = _fold(text)
            found = re.finditer(r"(?:" + "|".join(map(re.escape, words)) + r")[^\W_]*", folded)
        for match in found:
            start, end = match.span()
            if start and match.string[start - 1].isalnum():
                continue  # not the start of a word
            if origin is not None:
                # Back to the text's own positions; marks folded away go with their letter.
                start, end = origin[start], origin[end] if end < len(origin) else len(text)
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


def _fold_char(char: str) -> str:
    return normalise(char) or (" " if char.isspace() else "")


class _FoldTable(dict):
    """`str.translate`'s table of every character as the search compares it, filled as
    characters are met: most become one character, a few none (combining marks) or two."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_FOLD = _FoldTable()


def _fold(text: str) -> tuple[str, list[int]]:
    """The text as the search compares it, and for each of its characters the position in
    `text` of the character it comes from."""
    folded = text.translate(_FOLD)
    origin = [index for index, char in enumerate(text) for _ in _FOLD[ord(char)]]
    return folded, origin


def _plain_letters() -> tuple[re.Pattern, dict]:
    """A pattern of any character but those of Latin (and so Vietnamese) text that fold to one
    character, alphanumeric whenever they are; and for each folded character those that fold
    to it."""
    chars = [
        chr(code) for code in [*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x1E00, 0x1F00)]
    ]
    plain, variants = set(), {}
    for char in chars:
        folded = _fold_char(char)
        if len(folded) == 1 and folded.isalnum() == char.isalnum():
            plain.add(char)
            variants.setdefault(folded, set()).add(char)
    not_plain = re.compile("[^" + "".join(map(re.escape, sorted(plain))) + "]")
    return not_plain, variants


_NOT_PLAIN, _VARIANTS = _plain_letters()


@functools.lru_cache(maxsize=256)
def _variants(words: tuple[str, ...]) -> re.Pattern:
    """A pattern of the words (as `normalise` gives them) in text of `_PLAIN` characters:
    each letter as any character that folds to it, then the rest of the word."""

    def letter(char):
        variants = _VARIANTS.get(char, {char})
        return (
            "[" + "".join(sorted(map(re.escape, variants))) + "]"
            if len(variants) > 1
            else re.escape(char)
        )

    alternatives = ("".join(map(letter, word)) for word in words)
    return re.compile(r"(?:" + "|".join(alternatives) + r")[^\W_]*")


def _merge(spans):
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
