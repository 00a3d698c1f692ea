"""The text of a binary Word 97–2003 document (.doc), for the site search.

Many documents the department receives are still .doc files. Their text is not stored in
order: the WordDocument stream holds runs of characters, and the piece table in the table
stream says which run holds which characters of the document ([MS-DOC] 2.4.1, "Retrieving
Text"). Vietnamese text is in UTF-16 pieces; plain Latin text may be in one-byte
("compressed") pieces, which are Windows-1252.
"""

import io
import struct

import olefile

WORD_IDENT = 0xA5EC
FLAG_ENCRYPTED = 0x0100
FLAG_TABLE_1 = 0x0200  # the table stream is "1Table", otherwise "0Table"
CCP_TEXT_INDEX = 3  # FibRgLw97.ccpText: the characters of the main document
CLX_INDEX = 33  # FibRgFcLcb97.fcClx / lcbClx: where the piece table is
COMPRESSED = 0x40000000  # FcCompressed.fCompressed; the low 30 bits are the offset
FC_MASK = 0x3FFFFFFF

# Word's control characters: paragraph and cell marks become line breaks; field codes
# (between 0x13 and 0x14) are dropped, their results (between 0x14 and 0x15) kept.
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
LINE_BREAKS = str.maketrans({"\r": "\n", "\x07": "\n", "\x0b": "\n", "\x0c": "\n"})


class DocError(ValueError):
    """The file is not a Word 97–2003 document this reader can read."""


def doc_text(data: bytes) -> str:
    if not olefile.isOleFile(io.BytesIO(data)):
        raise DocError("not an OLE2 compound file")
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        if not ole.exists("WordDocument"):
            raise DocError("no WordDocument stream")
        word = ole.openstream("WordDocument").read()
        ident, flags = struct.unpack_from("<H8xH", word, 0)
        if ident != WORD_IDENT:
            raise DocError("not a Word document")
        if flags & FLAG_ENCRYPTED:
            raise DocError("the document is encrypted")
        table_name = "1Table" if flags & FLAG_TABLE_1 else "0Table"
        if not ole.exists(table_name):
            raise DocError(f"no {table_name} stream")
        table = ole.openstream(table_name).read()
    characters, clx_offset, clx_size = _fib(word)
    text = "".join(_pieces(word, table[clx_offset : clx_offset + clx_size]))
    return _plain(text[:characters])


def _fib(word: bytes) -> tuple[int, int, int]:
    """ccpText, fcClx and lcbClx from the File Information Block."""
    offset = 32  # FibBase
    (csw,) = struct.unpack_from("<H", word, offset)
    offset += 2 + 2 * csw
    (cslw,) = struct.unpack_from("<H", word, offset)
    lw_offset = offset + 2
    offset = lw_offset + 4 * cslw
    (pairs,) = struct.unpack_from("<H", word, offset)
    if cslw <= CCP_TEXT_INDEX or pairs <= CLX_INDEX:
        raise DocError("the file information block is too short")
    (characters,) = struct.unpack_from("<i", word, lw_offset + 4 * CCP_TEXT_INDEX)
    clx_offset, clx_size = struct.unpack_from("<II", word, offset + 2 + 8 * CLX_INDEX)
    return characters, clx_offset, clx_size


def _pieces(word: bytes, clx: bytes):
    """Yields the text of each piece, in document order."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<h", clx, position + 1)
        position += 3 + size
    if position >= len(clx) or clx[position] != 0x02:
        raise DocError("no piece table")
    (size,) = struct.unpack_from("<I", clx, position + 1)
    table = clx[position + 5 : position + 5 + size]
    count = (len(table) - 4) // 12
    cps = struct.unpack_from(f"<{count + 1}I", table, 0)
    for index in range(count):
        (fc,) = struct.unpack_from("<I", table, 4 * (count + 1) + 8 * index + 2)
        length = cps[index + 1] - cps[index]
        if fc & COMPRESSED:
            start = (fc & FC_MASK) // 2
            yield word[start : start + length].decode("cp1252", errors="replace")
        else:
            start = fc & FC_MASK
            yield word[start : start + 2 * length].decode("utf-16-le", errors="replace")


def _plain(text: str) -> str:
    """Drops field codes and Word's control characters; keeps the visible text."""
    kept = []
    fields = []  # for each open field: True while its code is being read
    for char in text:
        if char == FIELD_BEGIN:
            fields.append(True)
        elif char == FIELD_SEPARATOR and fields:
            fields[-1] = False  # the field's result follows
        elif char == FIELD_END and fields:
            fields.pop()
        elif not any(fields):
            kept.append(char)
    text = "".join(kept).translate(LINE_BREAKS)
    return "".join(c for c in text if c in "\n\t" or c >= " ").strip()
