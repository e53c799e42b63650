"""Invoices and time entries as CSV and JSON, for spreadsheets, bookkeepers and scripts.

Rows are plain records (built by ``app.exporting``). Every text cell is hostile: a CSV cell
that a spreadsheet would run as a formula gets a leading apostrophe. Amounts are exact
decimal strings ("140.00"), instants ISO-8601 in UTC, dates ISO-8601.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any, NamedTuple, TextIO

# What a spreadsheet may read as the start of a formula (OWASP's CSV injection list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

INVOICE_COLUMNS = ("number", "kind", "client", "issue_date", "due_date", "total", "status")
ENTRY_COLUMNS = (
    "id",
    "ref",
    "client",
    "category",
    "start",
    "end",
    "seconds",
    "billable",
    "invoice",
)
BLOCK_COLUMNS = (
    "block",
    "client",
    "date",
    "kind",
    "seconds",
    "balance_seconds",
    "ref",
    "invoice",
    "detail",
)


class InvoiceRow(NamedTuple):
    """An invoice or credit note, with the client named as the document prints it."""

    number: str
    kind: str  # "invoice" or "credit_note"
    client: str
    issue_date: str  # ISO-8601
    due_date: str
    total_cents: int  # negative for a credit note
    status: str  # "issued" or "void"


class EntryRow(NamedTuple):
    """A finished time entry and the invoice that bills it, if any; instants are ISO-8601
    in UTC (``2026-03-02T09:00:00Z``), formatted once, by the query."""

    id: int
    ref: str
    client: str
    category: str
    start: str
    end: str
    seconds: int
    billable: bool
    invoice: str | None


class BlockRow(NamedTuple):
    """One event of a prepaid block's history (sale, drawdown, rollover...), with the
    block's balance after it; seconds are signed."""

    block: str
    client: str
    date: str  # ISO-8601
    kind: str
    seconds: int
    balance_seconds: int
    ref: str | None
    invoice: str | None
    detail: str


def money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def safe_text(text: str) -> str:
    """Text that no spreadsheet runs as a formula: see :func:`safe_cell`."""
    text = text.replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading apostrophe.
    Numbers hourdesk itself computed (a negative credit note total) are left as they are,
    so they stay numbers. NUL characters, which some readers choke on, are dropped.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return value
    return safe_text(str(value))


def _invoice_cells(row: InvoiceRow) -> tuple:
    """Only the client's name comes from people; the number is hourdesk's own (2026-0007)."""
    return (
        row.number,
        row.kind,
        safe_text(row.client),
        row.issue_date,
        row.due_date,
        money(row.total_cents),
        row.status,
    )


def _entry_cells(row: EntryRow) -> tuple:
    """Only the text that comes from people is made safe: the client's name. Refs (the
    prefix is capital letters), invoice numbers, numbers and instants are hourdesk's own."""
    return (
        row.id,
        row.ref,
        safe_text(row.client),
        row.category,
        row.start,
        row.end,
        row.seconds,
        "true" if row.billable else "false",
        "" if row.invoice is None else row.invoice,
    )


def _block_cells(row: BlockRow) -> tuple:
    return tuple(safe_cell(v) for v in row)


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Write a header and one line per row of safe cells; returns the number of rows."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def invoices_csv(out: TextIO, rows: Iterable[InvoiceRow]) -> int:
    return write_csv(out, INVOICE_COLUMNS, map(_invoice_cells, rows))


def entries_csv(out: TextIO, rows: Iterable[EntryRow]) -> int:
    return write_csv(out, ENTRY_COLUMNS, map(_entry_cells, rows))


def blocks_csv(out: TextIO, rows: Iterable[BlockRow]) -> int:
    return write_csv(out, BLOCK_COLUMNS, map(_block_cells, rows))


# --- JSON, written as the rows arrive ---------------------------------------------------------


def json_value(value: object) -> str:
    """One scalar as ``json.dumps(ensure_ascii=False)`` writes it."""
    kind = value.__class__
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


def json_layout(shape: Mapping[str, Any], level: int) -> str:
    """A ``str.format`` template for a record whose keys are ``shape``'s (a value of None
    is one scalar, a mapping a nested record), laid out as ``json.dumps(indent=2)`` lays it
    out at nesting ``level``; the scalars fill it in order."""
    pad = "  " * (level + 1)
    fields = []
    for key, inner in shape.items():
        name = encode_basestring(key).replace("{", "{{").replace("}", "}}")
        fields.append(f"{pad}{name}: {'{}' if inner is None else json_layout(inner, level + 1)}")
    return "{{\n" + ",\n".join(fields) + "\n" + "  " * level + "}}"


def json_values(row: Sequence) -> Iterable[str]:
    return map(json_value, row)


def write_json_array(
    out: TextIO,
    template: str,
    rows: Iterable[Sequence],
    level: int = 0,
    texts: Callable[[Any], Iterable] = json_values,
) -> int:
    """A JSON array of records, one row of scalars each (see :func:`json_layout`, built for
    ``level + 1``), written as they arrive; returns how many. ``texts`` gives a row's values
    as JSON (or as ints, which format as JSON)."""
    pad = "  " * (level + 1)
    fill = template.format
    count = 0
    for row in rows:
        out.write((",\n" if count else "[\n") + pad + fill(*texts(row)))
        count += 1
    out.write("\n" + "  " * level + "]" if count else "[]")
    return count


_INVOICE_JSON = json_layout(dict.fromkeys(INVOICE_COLUMNS), 2)
_ENTRY_JSON = json_layout(dict.fromkeys(ENTRY_COLUMNS), 2)
_BLOCK_JSON = json_layout(dict.fromkeys(BLOCK_COLUMNS), 2)


def _json_invoice(row: InvoiceRow) -> tuple:
    return (*row[:5], str(money(row.total_cents)), row.status)


def _json_entry(row: EntryRow) -> tuple:
    """An entry's values as JSON: :func:`json_value` unrolled, for the row's known types."""
    id_, ref, client, category, start, end, seconds, billable, invoice = row
    text = encode_basestring
    return (
        id_,
        text(ref),
        text(client),
        text(category),
        text(start),
        text(end),
        seconds,
        "true" if billable else "false",
        "null" if invoice is None else text(invoice),
    )


def write_json(
    out: TextIO,
    *,
    invoices: Iterable[InvoiceRow] | None = None,
    entries: Iterable[EntryRow] | None = None,
    blocks: Iterable[BlockRow] | None = None,
    start: date | None = None,
    end: date | None = None,
) -> None:
    """One JSON document with the chosen tables; amounts as strings, in USD.

    Written record by record as the rows arrive (any number of them, in little memory),
    laid out as ``json.dump(indent=2)`` lays it out.
    """
    head = {
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "currency": "USD",
    }
    out.write("{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items()))
    if invoices is not None:
        out.write(',\n  "invoices": ')
        write_json_array(out, _INVOICE_JSON, map(_json_invoice, invoices), 1)
    if entries is not None:
        out.write(',\n  "time_entries": ')
        write_json_array(out, _ENTRY_JSON, entries, 1, _json_entry)
    if blocks is not None:
        out.write(',\n  "block_events": ')
        write_json_array(out, _BLOCK_JSON, blocks, 1)
    out.write("\n}\n")
