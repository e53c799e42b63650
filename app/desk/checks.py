"""``hourdesk check``: SQLite's own check and the rules the records must always obey.

Each check returns the problems it found, in words: an empty list means the rule holds. The
checks only read; they run on any connection (a desk's, or a raw ``sqlite3`` one). SQLite's
check is ``quick_check`` (every page and row; not whether the indexes match the tables)
unless ``full`` asks for ``integrity_check``; on a desk's database it runs on a connection of
its own, beside hourdesk's rules.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

RUNNING_END = 2**62  # a running timer's end, for overlap checks


@dataclass(frozen=True)
class Check:
    name: str
    title: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _conn(db: Database | sqlite3.Connection) -> sqlite3.Connection:
    return db.conn if isinstance(db, Database) else db


def _rows(conn: sqlite3.Connection, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return conn.execute(sql, args).fetchall()


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in _rows(conn, "SELECT name FROM sqlite_master WHERE type = 'table'")}


def integrity(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own check of every page, index and constraint."""
    found = [r[0] for r in _rows(conn, "PRAGMA integrity_check")]
    return [] if found == ["ok"] else found


def quick(conn: sqlite3.Connection) -> list[str]:
    """SQLite's quick check: every page and constraint, but not the indexes' contents."""
    found = [r[0] for r in _rows(conn, "PRAGMA quick_check")]
    return [] if found == ["ok"] else found


def foreign_keys(conn: sqlite3.Connection) -> list[str]:
    return [
        f"{table} row {rowid} points at a missing {parent} row"
        for table, rowid, parent, _ in _rows(conn, "PRAGMA foreign_key_check")
    ]


def ticket_numbers(conn: sqlite3.Connection) -> list[str]:
    """Ticket numbers run 1, 2, 3... with no gap."""
    numbers = [r[0] for r in _rows(conn, "SELECT number FROM tickets ORDER BY number")]
    return _gaps(numbers, "ticket number")


def _gaps(numbers: list[int], what: str, prefix: str = "") -> list[str]:
    problems, expected = [], 1
    for n in numbers:
        if n > expected:
            missing = f"{expected}" if n == expected + 1 else f"{expected} to {n - 1}"
            problems.append(f"{prefix}{what} {missing} missing")
        elif n < expected:
            problems.append(f"{prefix}{what} {n} is used twice")
        expected = max(expected, n + 1)
    return problems


def invoice_numbers(conn: sqlite3.Connection) -> list[str]:
    """Invoice (and credit note) numbers are gapless per year: 2026-0001, 2026-0002, ..."""
    if "invoices" not in _tables(conn):
        return []
    problems: list[str] = []
    rows = _rows(conn, "SELECT year, seq, number FROM invoices ORDER BY year, seq")
    by_year: dict[int, list[int]] = {}
    for year, seq, number in rows:
        by_year.setdefault(year, []).append(seq)
        if number != f"{year}-{seq:04d}":
            problems.append(f"invoice {number} should be numbered {year}-{seq:04d}")
    for year, seqs in by_year.items():
        problems += _gaps(seqs, "number", f"invoices {year}: ")
    return problems


def invoice_totals(conn: sqlite3.Connection) -> list[str]:
    """Each invoice's total is the sum of its lines, and the same in its printed document."""
    if "invoices" not in _tables(conn):
        return []
    problems = []
    for number, total, lines, line_sum, printed in _rows(
        conn,
        "SELECT i.number, i.total_cents, count(l.id), coalesce(sum(l.amount_cents), 0),"
        " json_extract(CASE WHEN json_valid(i.document) THEN i.document END, '$.total_cents')"
        " FROM invoices i LEFT JOIN invoice_lines l ON l.invoice_id = i.id"
        " GROUP BY i.id ORDER BY i.year, i.seq",
    ):
        if not lines:
            problems.append(f"invoice {number} has no lines")
        elif total != line_sum:
            problems.append(f"invoice {number}: total {total} cents, its lines {line_sum}")
        if printed != total:
            problems.append(f"invoice {number}: the document prints {printed}, not {total}")
    return problems


def billed_time(conn: sqlite3.Connection) -> list[str]:
    """Billed time points at an issued invoice whose lines bill that ticket, to the second."""
    if "invoices" not in _tables(conn):
        return []
    problems = [
        f"time entry #{entry_id} is billed on {number or f'a missing invoice #{invoice_id}'}{why}"
        for entry_id, invoice_id, number, why in _rows(
            conn,
            """SELECT e.id, e.invoice_id, i.number,
                CASE WHEN i.id IS NULL THEN ''
                     WHEN i.status <> 'issued' THEN ', which is ' || i.status
                     WHEN i.kind <> 'invoice' THEN ', a credit note'
                     WHEN e.end_at IS NULL THEN ' while it is still running'
                     WHEN e.billable = 0 THEN ' but is not billable'
                     WHEN NOT EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id
                                      AND l.ticket_id = e.ticket_id)
                         THEN ', which has no line for its ticket'
                END AS why
               FROM time_entries e LEFT JOIN invoices i ON i.id = e.invoice_id
               WHERE e.invoice_id IS NOT NULL AND why IS NOT NULL
               ORDER BY e.id""",
        )
    ]
    for number, ticket, line_seconds, entry_seconds in _rows(
        conn,
        """SELECT i.number, t.number, l.seconds,
                  (SELECT coalesce(sum(e.end_at - e.start_at), 0) FROM time_entries e
                   WHERE e.invoice_id = i.id AND e.ticket_id = l.ticket_id)
           FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
           LEFT JOIN tickets t ON t.id = l.ticket_id
           WHERE i.status = 'issued' AND i.kind = 'invoice' AND l.ticket_id IS NOT NULL
           ORDER BY i.year, i.seq, l.position""",
    ):
        if line_seconds != entry_seconds:
            problems.append(
                f"invoice {number} bills {line_seconds} s on ticket #{ticket}; "
                f"its locked entries hold {entry_seconds} s"
            )
    return problems


def overlaps(conn: sqlite3.Connection) -> list[str]:
    """Time entries are half-open intervals [start, end): touching is fine, overlapping is not."""
    rows = _rows(
        conn,
        "SELECT id, start_at, coalesce(end_at, ?) FROM time_entries ORDER BY start_at, id",
        (RUNNING_END,),
    )
    problems = []
    furthest: tuple[int, int] | None = None  # (end, id) of the entry reaching furthest so far
    for entry_id, start, end in rows:
        if furthest is not None and start < furthest[0] and end > start:
            problems.append(f"time entry #{entry_id} overlaps entry #{furthest[1]}")
        if end > start and (furthest is None or end > furthest[0]):
            furthest = (end, entry_id)
    return problems


def running_timers(conn: sqlite3.Connection) -> list[str]:
    ids = [r[0] for r in _rows(conn, "SELECT id FROM time_entries WHERE end_at IS NULL")]
    if len(ids) > 1:
        return [f"{len(ids)} timers are running (entries {', '.join(f'#{i}' for i in ids)})"]
    return []


def orphans(conn: sqlite3.Connection) -> list[str]:
    """Every thread entry, estimate and time entry belongs to a ticket that exists."""
    problems = []
    for table, what in (
        ("entries", "thread entry"),
        ("estimates", "estimate"),
        ("time_entries", "time entry"),
    ):
        for entry_id, ticket_id in _rows(
            conn,
            f"SELECT x.id, x.ticket_id FROM {table} x LEFT JOIN tickets t ON t.id = x.ticket_id"
            " WHERE t.id IS NULL ORDER BY x.id",
        ):
            problems.append(f"{what} #{entry_id} belongs to a missing ticket (id {ticket_id})")
    return problems


Rule = Callable[[sqlite3.Connection], list[str]]  # the problems found, in words

CHECKS: tuple[tuple[str, str, Rule], ...] = (
    ("integrity", "SQLite integrity check", integrity),
    ("foreign_keys", "references between records", foreign_keys),
    ("ticket_numbers", "ticket numbers are gapless", ticket_numbers),
    ("thread", "every entry belongs to a ticket", orphans),
    ("invoice_numbers", "invoice numbers are gapless per year", invoice_numbers),
    ("invoice_totals", "invoice totals equal their lines", invoice_totals),
    ("billed_time", "billed time is locked on its invoice", billed_time),
    ("overlaps", "no overlapping time entries", overlaps),
    ("running", "at most one running timer", running_timers),
)


QUICK = ("integrity", "SQLite quick check (--full: the integrity check)", quick)


def _run(conn: sqlite3.Connection, name: str, title: str, check: Rule) -> Check:
    try:
        return Check(name, title, check(conn))
    except sqlite3.DatabaseError as exc:
        return Check(name, title, [f"could not be checked: {exc}"])


def run_checks(db: Database | sqlite3.Connection, *, full: bool = False) -> list[Check]:
    """Every check, in order; an integrity failure still lets the others try.

    SQLite's check (``quick_check``, or ``integrity_check`` when ``full``) runs in a thread
    on a connection of its own when ``db`` is a desk's database, beside the others.
    """
    conn = _conn(db)
    first, rest = CHECKS[0] if full else QUICK, CHECKS[1:]
    other = _beside(db)
    if other is None:
        return [_run(conn, *first), *(_run(conn, *c) for c in rest)]
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            sqlite_check = pool.submit(_run, other.conn, *first)
            done = [_run(conn, *c) for c in rest]
            return [sqlite_check.result(), *done]
    finally:
        other.close()


def _beside(db: Database | sqlite3.Connection) -> Database | None:
    """A second connection to a desk's database file, or None."""
    from hourdesk.storage.db import connect_again

    if not isinstance(db, Database):
        return None
    other = connect_again(db)
    return None if other is db else other


def problems(db: Database | sqlite3.Connection) -> list[str]:
    """All problems as ``name: problem`` lines; empty when everything holds."""
    return [f"{c.name}: {p}" for c in run_checks(db) for p in c.problems]
