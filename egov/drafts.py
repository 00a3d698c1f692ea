"""Splitting a draft regulation into its parts: Chương, Mục, Điều, khoản (1., 2.) and điểm
(a), b), đ)), with the tables kept inside the article they belong to.

The input is a list of blocks in reading order: a paragraph (a string) or a table (a list of
rows, each a list of cell texts). `blocks_from_text` and `blocks_from_docx` make it from pasted
text and from a DOCX file. Anchors come from the numbers alone ("dieu-12a-khoan-2-diem-b"), so
re-importing the same text, or a revision that keeps the numbering, gives the same anchors."""

import io
import re
import unicodedata
from dataclasses import dataclass, field

from portal.text_extraction import check_archive

# "Ð" (U+00D0, Icelandic eth) stands in for "Đ" in some fonts and old files.
_D = "[ĐÐđ]"
CHAPTER = re.compile(r"^CHƯƠNG\s+([IVXLCDM]+|\d+)\b[.:]?\s*(.*)$", re.IGNORECASE)
SECTION = re.compile(r"^MỤC\s+(\d+)\b[.:]?\s*(.*)$", re.IGNORECASE)
ARTICLE = re.compile(rf"^{_D}iều\s+(\d+[a-zđ]?)\s*[.:]\s*(.*)$", re.IGNORECASE)
CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
POINT = re.compile(r"^([a-zđ])\)\s+(.*)$")

LEVELS = {"chapter": 0, "section": 1, "article": 2, "clause": 3, "point": 4}
NAMES = {
    "chapter": "Chương",
    "section": "Mục",
    "article": "Điều",
    "clause": "Khoản",
    "point": "Điểm",
}


def section_label(kind: str, number: str) -> str:
    """ "Điều 12a", "Khoản 2", "Chương II": in Vietnamese, as the draft names its parts."""
    return f"{NAMES.get(kind, '')} {number}".strip()


@dataclass
class Part:
    kind: str  # chapter, section, article, clause, point, table, text
    number: str
    heading: str
    anchor: str
    parent: "Part | None" = None
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).replace("\xa0", " ").strip()


def _slug(number: str) -> str:
    return number.lower().replace("đ", "dd")


def blocks_from_text(text: str) -> list:
    """Pasted text: one paragraph per line; consecutive lines holding tabs (as a table pasted
    from a word processor) or starting with "|" make one table."""
    blocks: list = []
    table: list[list[str]] = []
    for raw in normalise(text).splitlines():
        line = raw.strip()
        if "\t" in raw or line.startswith("|"):
            cells = raw.strip().strip("|").split("|") if line.startswith("|") else raw.split("\t")
            cells = [cell.strip() for cell in cells]
            if not all(set(cell) <= set("-: ") for cell in cells):  # a Markdown rule line
                table.append(cells)
            continue
        if table:
            blocks.append(table)
            table = []
        if line:
            blocks.append(line)
    if table:
        blocks.append(table)
    return blocks


def blocks_from_docx(data: bytes) -> list:
    """A DOCX file's paragraphs and tables in reading order (python-docx)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_archive(data)
    document = docx.Document(io.BytesIO(data))
    blocks: list = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = normalise(Paragraph(child, document).text)
            if text:
                blocks.append(text)
        elif tag == "tbl":
            rows = [
                [normalise(cell.text) for cell in row.cells] for row in Table(child, document).rows
            ]
            if rows:
                blocks.append(rows)
    return blocks


def split(blocks: list) -> list[Part]:
    """The parts of a draft in reading order, each knowing its parent."""
    parts: list[Part] = []
    anchors: set[str] = set()
    current: dict[str, Part | None] = dict.fromkeys(LEVELS)
    tables_in: dict[str, int] = {}
    expect_heading: Part | None = None

    def unique(anchor: str) -> str:
        candidate, n = anchor, 2
        while candidate in anchors:
            candidate, n = f"{anchor}-{n}", n + 1
        anchors.add(candidate)
        return candidate

    def deepest(max_level: int | None = None) -> Part | None:
        for kind, level in sorted(LEVELS.items(), key=lambda item: -item[1]):
            if max_level is not None and level > max_level:
                continue
            if current[kind] is not None:
                return current[kind]
        return None

    def start(kind: str, number: str, heading: str) -> Part:
        level = LEVELS[kind]
        for other, other_level in LEVELS.items():
            if other_level >= level:
                current[other] = None
        parent = deepest(level - 1)
        if kind == "chapter":
            anchor = f"chuong-{_slug(number)}"
        elif kind == "section":
            chapter = current["chapter"]
            anchor = f"{chapter.anchor}-muc-{number}" if chapter else f"muc-{number}"
        elif kind == "article":
            anchor = f"dieu-{_slug(number)}"
        else:
            name = "khoan" if kind == "clause" else "diem"
            anchor = f"{parent.anchor}-{name}-{_slug(number)}"
        part = Part(kind, number, heading, unique(anchor), parent)
        current[kind] = part
        parts.append(part)
        return part

    for block in blocks:
        if isinstance(block, list):
            article = current["article"]
            owner = article or deepest()
            base = owner.anchor if owner else "bang"
            tables_in[base] = tables_in.get(base, 0) + 1
            anchor = unique(f"{base}-bang-{tables_in[base]}")
            parts.append(Part("table", str(tables_in[base]), "", anchor, owner, rows=block))
            expect_heading = None
            continue
        line = block
        # "Chương I" on one line and "QUY ĐỊNH CHUNG" on the next.
        if (
            expect_heading is not None
            and not expect_heading.heading
            and not any(p.match(line) for p in (CHAPTER, SECTION, ARTICLE, CLAUSE, POINT))
        ):
            expect_heading.heading = line
            expect_heading = None
            continue
        expect_heading = None
        if match := CHAPTER.match(line):
            expect_heading = start("chapter", match[1].upper(), match[2].strip())
        elif match := SECTION.match(line):
            expect_heading = start("section", match[1], match[2].strip())
        elif match := ARTICLE.match(line):
            start("article", match[1].lower(), match[2].strip())
        elif current["article"] is not None and (match := CLAUSE.match(line)):
            start("clause", match[1], "").lines.append(match[2].strip())
        elif current["article"] is not None and (match := POINT.match(line)):
            start("point", match[1], "").lines.append(match[2].strip())
        else:
            owner = deepest()
            if owner is None:
                if not parts or parts[-1].kind != "text":
                    parts.append(Part("text", "", "", unique("mo-dau")))
                owner = parts[-1]
            owner.lines.append(line)
    return parts


def split_text(text: str) -> list[Part]:
    return split(blocks_from_text(text))


def split_docx(data: bytes) -> list[Part]:
    return split(blocks_from_docx(data))


def as_text(blocks: list) -> str:
    """The blocks back as plain text (tables as tab-separated lines): what a version keeps."""
    lines = []
    for block in blocks:
        if isinstance(block, list):
            lines += ["\t".join(row) for row in block]
        else:
            lines.append(block)
    return "\n".join(lines)
