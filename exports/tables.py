"""Invoices and time entries as CSV and JSON, for spreadsheets, bookkeepers and scripts.

Rows are plain records (built by ``app.exporting``). Every text cell is hostile: a CSV cell
that a spreadsheet would run as a formula gets a leading apostrophe. Amounts are exact
decimal strings ("140.00"), instants ISO-8601 in UTC, dates ISO-8601.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, TextIO

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


@dataclass(frozen=True)
class InvoiceRow:
    """An invoice or credit note, with the client named as the document prints it."""

    number: str
    kind: str  # "invoice" or "credit_note"
    client: str
    issue_date: date
    due_date: date
    total_cents: int  # negative for a credit note
    status: str  # "issued" or "void"


@dataclass(frozen=True)
class EntryRow:
    """A finished time entry and the invoice that bills it, if any."""

    id: int
    ref: str
    client: str
    category: str
    start: datetime
    end: datetime
    seconds: int
    billable: bool
    invoice: str | None


def money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def instant(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def invoice_record(row: InvoiceRow) -> dict[str, Any]:
    return {
        "number": row.number,
        "kind": row.kind,
        "client": row.client,
        "issue_date": row.issue_date.isoformat(),
        "due_date": row.due_date.isoformat(),
        "total": money(row.total_cents),
        "status": row.status,
    }


def entry_record(row: EntryRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "ref": row.ref,
        "client": row.client,
        "category": row.category,
        "start": instant(row.start),
        "end": instant(row.end),
        "seconds": row.seconds,
        "billable": row.billable,
        "invoice": row.invoice,
    }


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
    text = str(value).replace("\x00", "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(out: TextIO, columns: Sequence[str], records: Iterable[dict[str, Any]]) -> int:
    """Write a header and one line per record; returns the number of records."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for record in records:
        writer.writerow([safe_cell(record[name]) for name in columns])
        count += 1
    return count


def invoices_csv(out: TextIO, rows: Iterable[InvoiceRow]) -> int:
    return write_csv(out, INVOICE_COLUMNS, map(invoice_record, rows))


def entries_csv(out: TextIO, rows: Iterable[EntryRow]) -> int:
    return write_csv(out, ENTRY_COLUMNS, map(entry_record, rows))


_scalar = json.JSONEncoder(ensure_ascii=False).encode


def _json_invoice(row: InvoiceRow) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in invoice_record(row).items()}


def write_json(
    out: TextIO,
    *,
    invoices: Iterable[InvoiceRow] | None = None,
    entries: Iterable[EntryRow] | None = None,
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
    tables: dict[str, Iterable[dict[str, Any]]] = {}
    if invoices is not None:
        tables["invoices"] = map(_json_invoice, invoices)
    if entries is not None:
        tables["time_entries"] = map(entry_record, entries)
    out.write("{\n" + ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items()))
    for name, records in tables.items():
        out.write(f",\n  {json.dumps(name)}: [")
        separator = "\n"
        for record in records:  # flat: each value is a string, a number, a bool or null
            fields = ",\n".join(f"      {_scalar(k)}: {_scalar(v)}" for k, v in record.items())
            out.write(f"{separator}    {{\n{fields}\n    }}")
            separator = ",\n"
        out.write("]" if separator == "\n" else "\n  ]")
    out.write("\n}\n")
