"""Vietnamese alphabetical order for lists of names (fields, issuers, wards, units, people).

The byte order of Unicode puts "Công" before "Cải" and "Điện" after every other letter; the
Vietnamese alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, and tone
marks only break ties. PostgreSQL sorts so with its ICU collation `vi-x-icu`; on SQLite the
same name is registered on each connection with `vi_key` as its rule, so one query reads
alike on both:

    Field.objects.order_by(vi_order("name"))

and lists built in Python sort with `sorted(names, key=vi_key)`.
"""

import functools
import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

VI_COLLATION = "vi-x-icu"

# Latin letters Vietnamese does not use (f, j, w, z) sit where the Latin alphabet has them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# A letter's own marks (ă â ê ô ơ ư): the combining form NFD gives them.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}
# Tones in the order of the Vietnamese tailoring: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}


def _letters(text: str):
    """(base letter with its own marks, tone, is upper case) for each letter of `text`."""
    text = unicodedata.normalize("NFD", text or "")
    index = 0
    while index < len(text):
        char = text[index]
        index += 1
        letter, tone = char, 0
        while index < len(text) and unicodedata.combining(text[index]):
            mark = text[index]
            if mark in _LETTER_MARKS:
                letter += mark
            else:
                tone = _TONES.get(mark, tone)
            index += 1
        yield unicodedata.normalize("NFC", letter), tone, letter != letter.lower()


def _primary(letter: str) -> tuple[int, int]:
    lower = letter.lower()
    if lower in _RANK:
        return (3, _RANK[lower])
    if lower.isdigit():
        return (2, ord(lower))
    if lower.isspace():
        return (0, 0)
    return (1, ord(lower))


# The names sorted are few and come back on every page (a list's filter choices): remembered.
@functools.lru_cache(maxsize=4096)
def vi_key(text: str) -> tuple:
    """A sort key in Vietnamese alphabetical order: letters first, then tones, then case."""
    letters = list(_letters(text))
    return (
        tuple(_primary(letter) for letter, _tone, _upper in letters),
        tuple(tone for _letter, tone, _upper in letters),
        tuple(upper for _letter, _tone, upper in letters),
    )


def vi_order(field: str, *, descending: bool = False):
    """An `order_by()` term that sorts `field` in Vietnamese order on either database."""
    term = Collate(F(field), VI_COLLATION)
    return term.desc() if descending else term.asc()


def _compare(left: str, right: str) -> int:
    a, b = vi_key(left), vi_key(right)
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """`connection_created` handler: teaches SQLite the collation PostgreSQL has from ICU."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(VI_COLLATION, _compare)
