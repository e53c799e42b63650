"""Exports: gather invoices and time entries from the desk for the CSV, JSON and journal
writers in ``exports/``, and write them where the consultant asked.

``--from`` and ``--to`` are inclusive local dates: invoices by issue date, time entries by
the day they started, journal transactions by their own date. Running timers are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk.billing.block_exports import block_rows
from hourdesk.app.desk.reports import local_midnight
from hourdesk.exports.ledger import LedgerInvoice, LedgerPayment, journal
from hourdesk.exports.tables import (
    EntryRow,
    InvoiceRow,
    blocks_csv,
    entries_csv,
    invoices_csv,
    write_json,
)
from hourdesk.storage.files import NotWritten, open_whole

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk

FORMATS = ("csv", "json", "ledger")
TABLES = ("invoices", "entries", "blocks")
CSV_NAMES = {
    "invoices": "invoices.csv",
    "entries": "time-entries.csv",
    "blocks": "block-events.csv",
}


def check_period(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise Invalid("from", f"The period starts ({start}) after it ends ({end}).")


def invoice_rows(
    desk: Desk, start: date | None = None, end: date | None = None
) -> Iterator[InvoiceRow]:
    """Invoices and credit notes issued in the period, in number order; the client is named
    as the document prints it."""
    where, args = _period(
        "i.issue_date",
        None if start is None else start.isoformat(),
        None if end is None else end.isoformat(),
    )
    cursor = desk.db.conn.execute(
        "SELECT i.number, i.kind, coalesce(nullif(json_extract(i.document, '$.client.name'),"
        " ''), c.name), i.issue_date, i.due_date, i.total_cents, i.status"
        " FROM invoices i JOIN clients c ON c.id = i.client_id"
        f" WHERE {where} ORDER BY i.year, i.seq",
        args,
    )
    return map(InvoiceRow._make, cursor)


def entry_rows(
    desk: Desk, start: date | None = None, end: date | None = None
) -> Iterator[EntryRow]:
    """Finished time entries that started in the period, oldest first, read as they are
    written out (an export of any size holds one row in memory at a time)."""
    where, args = _period(
        "e.start_at",
        None if start is None else local_midnight(start),
        None if end is None else local_midnight(end, after=True),
        inclusive=False,
    )
    cursor = desk.db.conn.execute(
        f"SELECT e.id, ? || '-' || printf('%04d', t.number), c.name, e.category, {_ISO % 'start'},"
        f" {_ISO % 'end'}, e.end_at - e.start_at, e.billable, i.number"
        " FROM time_entries e JOIN tickets t ON t.id = e.ticket_id"
        " JOIN clients c ON c.id = t.client_id LEFT JOIN invoices i ON i.id = e.invoice_id"
        f" WHERE e.end_at IS NOT NULL AND {where} ORDER BY e.start_at, e.id",
        [desk.settings.ticket_prefix, *args],
    )
    return (EntryRow._make((*r[:7], r[7] == 1, r[8])) for r in cursor)


# An instant (UTC seconds) as ISO-8601 in UTC, formatted by SQLite.
_ISO = "strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', e.%s_at, 'unixepoch')"


def _period(
    column: str, low: str | int | None, high: str | int | None, *, inclusive: bool = True
) -> tuple[str, list[str | int]]:
    """``column`` from ``low`` to ``high`` (either may be missing); ``high`` is excluded
    unless ``inclusive``."""
    where: list[str] = ["1"]
    args: list[str | int] = []
    if low is not None:
        where.append(f"{column} >= ?")
        args.append(low)
    if high is not None:
        where.append(f"{column} {'<=' if inclusive else '<'} ?")
        args.append(high)
    return " AND ".join(where), args


def ledger_invoices(desk: Desk) -> list[LedgerInvoice]:
    """Every invoice and credit note. The receivable is named after the client as it is
    now, so a renamed client keeps one account (and its payments land on it)."""
    from hourdesk.app.desk.billing.block_exports import prepaid_invoices

    invoices = desk.invoicing.rows("ORDER BY i.year, i.seq", [])
    prepaid = prepaid_invoices(desk)
    numbers = {i.id: i.number for i in invoices}
    return [
        LedgerInvoice(
            number=i.number,
            kind=i.kind,
            client=i.client_name,
            issue_date=i.issue_date,
            total_cents=i.total_cents,
            credits=numbers.get(i.credits_invoice_id) if i.credits_invoice_id else None,
            void_date=i.voided_at.astimezone().date() if i.voided_at else None,
            void_reason=i.void_reason or "",
            prepaid=i.id in prepaid,
        )
        for i in invoices
    ]


def ledger_payments(desk: Desk) -> list[LedgerPayment]:
    """Every payment received, on the receivable of its invoice's client (named as now)."""
    rows = desk.db.query(
        "SELECT p.*, i.number, c.name AS client_name FROM payments p"
        " JOIN invoices i ON i.id = p.invoice_id JOIN clients c ON c.id = i.client_id"
        " ORDER BY p.paid_on, p.id"
    )
    return [
        LedgerPayment(
            invoice=r["number"],
            client=r["client_name"],
            paid_on=date.fromisoformat(r["paid_on"]),
            amount_cents=r["amount_cents"],
            method=r["method"],
            reference=r["reference"],
            fee_cents=r["fee_cents"],
        )
        for r in rows
    ]


def ledger_text(desk: Desk, start: date | None = None, end: date | None = None) -> str:
    from hourdesk.app.desk.billing.block_exports import ledger_events

    check_period(start, end)
    return journal(
        ledger_invoices(desk),
        ledger_payments(desk),
        ledger_events(desk),
        start=start,
        end=end,
        title=f"{desk.settings.business.name}: hourdesk journal",
    )


def _write(path: Path, fill: Callable[[TextIO], object]) -> Path:
    """Write the file whole (see ``storage.files``): the previous one stays until then."""
    try:
        with open_whole(path, text=True) as out:
            fill(cast(TextIO, out))  # opened in text mode
    except NotWritten as exc:
        raise Refused(str(exc)) from exc
    return path


def export(
    desk: Desk,
    fmt: str,
    path: Path,
    *,
    start: date | None = None,
    end: date | None = None,
    table: str | None = None,
) -> list[Path]:
    """Write the export and return the files written.

    csv: with ``table``, ``path`` is that one file; without, ``path`` is a folder that
    gets ``invoices.csv``, ``time-entries.csv`` and, once blocks are sold,
    ``block-events.csv``. json: one document at ``path`` with those tables (or ``table``
    alone). ledger: one journal at ``path``.
    """
    if fmt not in FORMATS:
        raise Invalid("format", f"{fmt!r} is not an export format.", "Use csv, json or ledger.")
    if table is not None and table not in TABLES:
        raise Invalid("table", f"{table!r} is not a table.", "Use invoices, entries or blocks.")
    check_period(start, end)
    path = Path(path).expanduser()
    if fmt == "ledger":
        if table is not None:
            raise Invalid("table", "The journal has no tables.", "Leave out --table.")
        text = ledger_text(desk, start, end)
        return [_write(path, lambda out: out.write(text))]
    wanted = [table] if table else [t for t in TABLES if t != "blocks" or desk.blocks.list()]
    invoices = invoice_rows(desk, start, end) if "invoices" in wanted else None
    entries = entry_rows(desk, start, end) if "entries" in wanted else None
    blocks = block_rows(desk, start, end) if "blocks" in wanted else None
    if fmt == "json":
        return [
            _write(
                path,
                lambda out: write_json(
                    out, invoices=invoices, entries=entries, blocks=blocks, start=start, end=end
                ),
            )
        ]
    if table is None and ((path.exists() and not path.is_dir()) or path.suffix.lower() == ".csv"):
        raise Refused(
            f"{path} is a file name: a CSV export without --table writes its files"
            " (invoices.csv, time-entries.csv...) into a folder.",
            "Give a folder with -o, or add --table invoices (or entries).",
        )
    files = {name: path if table else path / CSV_NAMES[name] for name in wanted}
    written = []
    if invoices is not None:
        written.append(_write(files["invoices"], lambda out: invoices_csv(out, invoices)))
    if entries is not None:
        written.append(_write(files["entries"], lambda out: entries_csv(out, entries)))
    if blocks is not None:
        written.append(_write(files["blocks"], lambda out: blocks_csv(out, blocks)))
    return written
