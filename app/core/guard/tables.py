"""Passwords in tables: the password column of a Markdown, CSV or tab-separated table
under its header, and a row that holds an email address with a password beside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.values import (
    SYMBOLS,
    Span,
    is_lookalike,
    is_placeholder,
    line_bounds,
    looks_strong,
)

# Searched in the lowercased text; the cell around it is checked apart.
_HEADER = re.compile(
    r"(?:password|passwort|pass|pwd|pw|kennwort|contraseña|mot de passe|senha|wachtwoord"
    r"|passcode|secret)(?!\w)"
)
_BEFORE_CELL = re.compile(r"[ \t\"']*\Z")
_AFTER_CELL = re.compile(r"[\"']?[ \t]*(?:[|,;\t]|\r?\n|\Z)")
_SEPARATOR_ROW = re.compile(r"[\s|:+-]*")
# A table of credentials names the account too.
_ACCOUNT_HEADER = re.compile(
    r"user|login|e-?mail|account|name|site|service|app|system|benutzer|usuario|utilisateur"
)
# "kim@shop.example<TAB>Pine#Cone4", "…@…, Pine#Cone4" on one row.
_EMAIL_ROW = re.compile(
    r"@(?<=[\w.+-]@)[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}[\"']?[ \t]*[\t,;|][ \t]*[\"']?"
    r"(?P<v>[^\s,;|\t\"']{6,64})"
)
_MAX_ROWS = 200
_MAX_ROW = 2000


def table_passwords(text: str, low: str) -> Iterator[Span]:
    """The cells under a password header, and passwords beside an email in a row."""
    for m in _HEADER.finditer(low):
        if _AFTER_CELL.match(low, m.end()) is None:
            continue
        line_start, header_end = line_bounds(low, m.start(), m.end())
        if not _whole_line(low, line_start, header_end):
            continue  # a header is a short line
        cell_start = max(line_start, max(low.rfind(d, line_start, m.start()) for d in "|,;\t") + 1)
        if not _BEFORE_CELL.match(low, cell_start, m.start()):
            continue
        header = low[line_start:header_end]
        delimiter = _delimiter(header)
        if delimiter is None or _ACCOUNT_HEADER.search(header) is None:
            continue
        column = low.count(delimiter, line_start, cell_start)
        yield from _column(text, header_end, delimiter, column, header.count(delimiter))
    for m in _EMAIL_ROW.finditer(text):
        value = m.group("v")
        if not SYMBOLS.isdisjoint(value) and looks_strong(value) and not is_lookalike(value):
            yield m.start("v"), m.end("v"), "password", "table-row"


def _whole_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _delimiter(header: str) -> str | None:
    """The character that separates the header's cells, if the header has cells."""
    counts = {d: header.count(d) for d in "|\t,;"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= 1 else None


def _column(text: str, pos: int, delimiter: str, column: int, width: int) -> Iterator[Span]:
    """The cells of ``column`` in the rows from ``pos`` to the first row that does not have
    the header's ``width`` delimiters."""
    for _ in range(_MAX_ROWS):
        if pos == -1 or pos >= len(text):
            return
        row_start = pos + 1
        row_end = line_bounds(text, row_start, row_start, _MAX_ROW)[1]
        if not _whole_line(text, row_start, row_end):
            return  # a row of a table is a short line
        row = text[row_start:row_end].rstrip("\r")
        if row.count(delimiter) != width:
            return
        if _SEPARATOR_ROW.fullmatch(row) is None:
            cells = row.split(delimiter)
            if column < len(cells):
                offset = row_start + sum(len(c) + 1 for c in cells[:column])
                cell = cells[column]
                value = cell.strip(" \t\"'")
                if len(value) >= 3 and " " not in value and not is_placeholder(value):
                    start = offset + cell.index(value)
                    yield start, start + len(value), "password", "table-column"
        pos = row_end
