"""Text as the search compares it: normalised words, and document numbers however they are
written."""

import re
import unicodedata
from typing import NamedTuple

MAX_QUERY_LENGTH = 200


# NFD leaves đ/Đ whole (they are letters of their own, not d plus a mark).
_FOLD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
# Characters that belong inside identifiers such as "59/2019/NĐ-CP" or "QCVN 01:2020/BCT".
_NOT_WORD = re.compile(r"[^\w/.:\-]+|_")
WORD = re.compile(r"[^\W_]+")


def normalise(text: str) -> str:
    """Text for comparison: NFC, lower case, without diacritics (đ→d), single spaces."""
    text = unicodedata.normalize("NFC", text or "").casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", text).split())


def comparable(text: str, *, fold: bool = True) -> str:
    """`normalise(text)` (or only NFC and lower case, when not `fold`) with punctuation turned
    into spaces and a leading space, so that `LIKE '% word%'` means "a word starting with"."""
    text = normalise(text) if fold else unicodedata.normalize("NFC", text or "").casefold()
    return " " + " ".join(_NOT_WORD.sub(" ", text).split())


def clean_query(text: str) -> str:
    """A visitor's query as it is compared and shown: NFC, single spaces."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# --- Document numbers -------------------------------------------------------------------------

# The kind of document may be written before its number: "Nghị định số 59/2019/NĐ-CP"
# (or, on the English pages, "Decree No. 59/2019/ND-CP").
_KINDWORDS = re.compile(
    r"(?:bo luat|hien phap|phap lenh|luat|nghi dinh|nghi quyet|thong tu lien tich|thong tu"
    r"|quyet dinh|chi thi|ke hoach|cong van|thong bao|bao cao|van ban"
    r"|law|decree|resolution|circular|decision|directive|plan|official letter|notice) "
)
_NUMBERWORD = re.compile(r"\b(?:so|no|number) ?[:.]? ?(?=\d)")  # "số 59", "số: 59", "No. 59"
_YEAR = r"(?:19|20)\d\d"
_SEPARATOR = r"(?: ?[/-] ?| )"
# "NĐ-CP", "ND CP", "QH14", "KH": parts of letters (and digits after them).
_SYMBOL = r"[a-z]+\d*(?:[-. ][a-z]+\d*)*"
_NUMBER_FORMS = (
    # 59/2019/NĐ-CP, 59/2019/NĐCP, 59 / 2019, 59-2019, 59/NĐ-CP, 59
    re.compile(
        rf"(?P<number>\d+)(?:{_SEPARATOR}(?P<year>{_YEAR}))?(?:{_SEPARATOR}(?P<symbol>{_SYMBOL}))?"
    ),
    # NĐ-CP 59/2019, ND 59/2019, KH 10357
    re.compile(
        rf"(?P<symbol>{_SYMBOL}){_SEPARATOR}(?P<number>\d+)(?:{_SEPARATOR}(?P<year>{_YEAR}))?"
    ),
)


class DocumentNumber(NamedTuple):
    """The parts of a document number such as 59/2019/NĐ-CP, compared without leading zeros,
    case, diacritics or separators: ("59", "2019", "ndcp"); a part not written is ""."""

    number: str
    year: str
    symbol: str

    def key(self) -> str:
        """The form stored in `SearchEntry.identifier`: "59/2019/ndcp", "10357//khubnd"."""
        return f"{self.number}/{self.year}/{self.symbol}"

    def pattern(self) -> str:
        """A LIKE pattern for the stored keys of the numbers this one may be written for: the
        year and the symbol (or its beginning, "ND" for NĐ-CP) when they are given."""
        if not self.symbol:
            return f"{self.number}/{self.year}/%" if self.year else f"{self.number}/%"
        return f"{self.number}/{self.year or '%'}/{self.symbol}%"

    def broader(self) -> list[str]:
        """Shorter ways to write it that find the number with another year or symbol too:
        "59/2019/NĐ-CP" → ["59/2019", "59"]."""
        forms = [f"{self.number}/{self.year}"] if self.year and self.symbol else []
        return [*forms, self.number] if self.year or self.symbol else forms


def parse_number(text: str) -> DocumentNumber | None:
    """The parts of a document number however it is written ("Nghị định số 59/2019/NĐ-CP",
    "59/ND-CP", "NĐ-CP 59/2019", "59 / 2019", "kh 10357"), or None for other text.

    A year alone after the kind of document ("Kế hoạch 2021") is taken for a year, unless
    "số" says it is a number ("Kế hoạch số 2021")."""
    text = normalise(text)
    kind = _KINDWORDS.match(text)
    if kind:
        text = text[kind.end() :]
    said_number = bool(_NUMBERWORD.search(text))
    text = _NUMBERWORD.sub("", text).strip()
    for form in _NUMBER_FORMS:
        if found := form.fullmatch(text):
            parts = found.groupdict()
            alone = not (parts["year"] or parts["symbol"])
            if kind and alone and not said_number and re.fullmatch(_YEAR, parts["number"]):
                return None
            return DocumentNumber(
                str(int(parts["number"])),
                parts["year"] or "",
                re.sub(r"[-. ]", "", parts["symbol"] or ""),
            )
    return None


def identifier_form(text: str) -> str:
    """An identifier as stored: a document number as `DocumentNumber.key` ("59/2019/NĐ-CP" →
    "59/2019/ndcp"), anything else comparable ("QCVN 01:2020/BCT" → "qcvn 01:2020/bct")."""
    number = parse_number(text)
    return number.key() if number else comparable(text).strip()
