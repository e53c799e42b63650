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

from hourdesk.app.core.numbering import invoice_number
from hourdesk.app.desk.billing.balance import OPEN

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
    """SQLite's quick check: every page and constraint, but not the indexes' contents.

    SQLite evaluates the CHECK constraints there row by row at more than the cost of the rest
    of the check; here they are one plain query per table instead, and the quick check runs
    with them switched off.
    """
    (before,) = conn.execute("PRAGMA ignore_check_constraints").fetchone()
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        found = [r[0] for r in _rows(conn, "PRAGMA quick_check")]
    finally:
        conn.execute(f"PRAGMA ignore_check_constraints = {int(before)}")
    return ([] if found == ["ok"] else found) + _broken_checks(conn)


def _broken_checks(conn: sqlite3.Connection, limit: int = 100) -> list[str]:
    """Rows for which a CHECK constraint of their table is false (as SQLite reads them)."""
    problems = []
    for table, sql in _rows(
        conn,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%check%'"
        " ORDER BY name",
    ):
        tests = " OR ".join(f"NOT ({expression})" for expression in check_expressions(sql))
        if tests:
            problems += [
                f"CHECK constraint failed in {table} (row {rowid})"
                for (rowid,) in _rows(
                    conn, f'SELECT rowid FROM "{table}" WHERE {tests} ORDER BY rowid LIMIT {limit}'
                )
            ]
    return problems


def check_expressions(sql: str) -> list[str]:
    """The expressions of the CHECK constraints in a CREATE TABLE statement."""
    found, i, n = [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"`[":  # a quoted string or name: skipped whole
            i = sql.find("]" if c == "[" else c, i + 1) + 1 or n
        elif sql.startswith("--", i):
            i = sql.find("\n", i) + 1 or n
        elif sql.startswith("/*", i):
            i = sql.find("*/", i) + 2 if "*/" in sql[i:] else n
        elif sql[i : i + 5].upper() == "CHECK" and not _word(sql, i - 1) and not _word(sql, i + 5):
            start = sql.index("(", i + 5)
            end = _closing(sql, start)
            found.append(sql[start + 1 : end])
            i = end + 1
        else:
            i += 1
    return found


def _word(sql: str, at: int) -> bool:
    return 0 <= at < len(sql) and (sql[at].isalnum() or sql[at] == "_")


def _closing(sql: str, start: int) -> int:
    """The index of the parenthesis that closes the one at ``start``."""
    depth, i = 0, start
    while True:
        c = sql[i]
        if c in "'\"`[":
            i = sql.index("]" if c == "[" else c, i + 1)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if not depth:
                return i
        i += 1


def foreign_keys(conn: sqlite3.Connection) -> list[str]:
    """Every reference between records points at a row that exists (``foreign_key_check``)."""
    return [
        f"{table} row {rowid} points at a missing {parent} row"
        for table, column, parent in _references(conn)
        for rowid, _ in _dangling(conn, table, column, parent)
    ]


def _references(conn: sqlite3.Connection) -> list[tuple[str, str | None, str]]:
    """(table, column, parent) of every foreign key; the column is None where only SQLite's
    own check can follow the key (several columns, or a parent key that is not its rowid)."""
    found = []
    for table in sorted(_tables(conn)):
        keys: dict[int, list[tuple[Any, ...]]] = {}
        for key_id, _, parent, column, key in _rows(
            conn,
            'SELECT id, seq, "table", "from", "to" FROM pragma_foreign_key_list(?)'
            " ORDER BY id, seq",
            (table,),
        ):
            keys.setdefault(key_id, []).append((parent, column, key))
        for parts in keys.values():
            parent, column, key = parts[0]
            simple = len(parts) == 1 and key in (None, "id") and _rowid_is(conn, parent, key)
            found.append((table, column if simple else None, parent))
    return found


def _rowid_is(conn: sqlite3.Connection, table: str, column: str | None) -> bool:
    """Whether ``column`` (None: the primary key) of ``table`` is its INTEGER PRIMARY KEY."""
    keys = _rows(conn, "SELECT name, type FROM pragma_table_info(?) WHERE pk > 0", (table,))
    return len(keys) == 1 and keys[0][1].upper() == "INTEGER" and column in (None, keys[0][0])


def _dangling(
    conn: sqlite3.Connection, table: str, column: str | None, parent: str
) -> list[tuple[int, object]]:
    """(rowid, key) of the rows of ``table`` whose ``column`` names no row of ``parent``.

    First whether any key is missing: the distinct keys, from an index on the column where
    there is one (no pass over the table's rows), each looked up once. Only then the rows.
    """
    if column is None:
        return [
            (rowid, None)
            for _, rowid, referenced, _ in _rows(conn, f'PRAGMA foreign_key_check("{table}")')
            if referenced == parent
        ]
    absent = f'NOT IN (SELECT rowid FROM "{parent}")'
    keys = f'SELECT DISTINCT "{column}" AS k FROM "{table}" WHERE k IS NOT NULL'
    if not _rows(conn, f"SELECT 1 FROM ({keys}) WHERE k {absent} LIMIT 1"):
        return []
    return _rows(
        conn,
        f'SELECT rowid, "{column}" AS k FROM "{table}" WHERE k IS NOT NULL AND k {absent}'
        " ORDER BY rowid",
    )


def ticket_numbers(conn: sqlite3.Connection) -> list[str]:
    """Ticket numbers run 1, 2, 3... with no gap."""
    count, distinct, low, high = _rows(
        conn, "SELECT count(*), count(DISTINCT number), min(number), max(number) FROM tickets"
    )[0]
    if count == distinct == (high or 0) and low in (1, None):
        return []  # n distinct numbers from 1 to n: no gap, none twice
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
        if number != (expected := invoice_number(year, seq)):
            problems.append(f"invoice {number} should be numbered {expected}")
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


# One pass over the time entries (by rowid: no index lookups), grouped by invoice and ticket,
# set against the invoice lines: a row for each pair or line that billed_time would name.
_BILLED_OUT_OF_STEP = """
WITH billed AS MATERIALIZED (
    SELECT invoice_id, ticket_id, sum(end_at - start_at) AS seconds,
           count(*) - count(end_at) AS running, min(billable) AS billable
    FROM time_entries NOT INDEXED WHERE invoice_id IS NOT NULL
    GROUP BY invoice_id, ticket_id),
lines AS MATERIALIZED (
    SELECT l.invoice_id, l.ticket_id, sum(l.seconds) AS seconds FROM invoice_lines l
    JOIN invoices i ON i.id = l.invoice_id
    WHERE i.status = 'issued' AND i.kind = 'invoice' AND l.ticket_id IS NOT NULL
    GROUP BY l.invoice_id, l.ticket_id)
SELECT 1 FROM billed b LEFT JOIN invoices i ON i.id = b.invoice_id
    LEFT JOIN lines l ON l.invoice_id = b.invoice_id AND l.ticket_id = b.ticket_id
    WHERE i.id IS NULL OR i.status <> 'issued' OR i.kind <> 'invoice' OR b.running > 0
       OR b.billable = 0 OR l.invoice_id IS NULL OR l.seconds <> coalesce(b.seconds, 0)
UNION ALL
SELECT 1 FROM lines l LEFT JOIN billed b ON b.invoice_id = l.invoice_id
    AND b.ticket_id = l.ticket_id
    WHERE b.invoice_id IS NULL AND l.seconds <> 0
LIMIT 1
"""


def billed_time(conn: sqlite3.Connection) -> list[str]:
    """Billed time points at an issued invoice whose lines bill that ticket, to the second
    (a ticket's time may span lines: part covered by a prepaid block, the rest billed)."""
    if "invoices" not in _tables(conn) or not _rows(conn, _BILLED_OUT_OF_STEP):
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
        """SELECT i.number, t.number, sum(l.seconds),
                  (SELECT coalesce(sum(e.end_at - e.start_at), 0) FROM time_entries e
                   WHERE e.invoice_id = i.id AND e.ticket_id = l.ticket_id)
           FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
           LEFT JOIN tickets t ON t.id = l.ticket_id
           WHERE i.status = 'issued' AND i.kind = 'invoice' AND l.ticket_id IS NOT NULL
           GROUP BY l.invoice_id, l.ticket_id
           ORDER BY i.year, i.seq, min(l.position)""",
    ):
        if line_seconds != entry_seconds:
            problems.append(
                f"invoice {number} bills {line_seconds} s on ticket #{ticket}; "
                f"its locked entries hold {entry_seconds} s"
            )
    return problems


def overlaps(conn: sqlite3.Connection) -> list[str]:
    """Time entries are half-open intervals [start, end): touching is fine, overlapping is not."""
    if _none_overlap(conn):
        return []
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


def _none_overlap(conn: sqlite3.Connection) -> bool:
    """In start order, no entry with a length starts before the one before it ends (then the
    ends rise too, and none overlaps any other)."""
    reach = None
    for start, end in conn.execute(
        "SELECT start_at, coalesce(end_at, ?1) FROM time_entries"
        " WHERE coalesce(end_at, ?1) > start_at ORDER BY start_at, id",
        (RUNNING_END,),
    ):
        if reach is not None and start < reach:
            return False
        reach = end
    return True


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
        for entry_id, ticket_id in _dangling(conn, table, "ticket_id", "tickets"):
            problems.append(f"{what} #{entry_id} belongs to a missing ticket (id {ticket_id})")
    return problems


def unpaid(conn: sqlite3.Connection) -> list[str]:
    """The invoices the schema keeps as left to pay (for the payment hold) are those with a
    balance: none missing (a hold would be missed), none paid."""
    if "unpaid" not in _tables(conn):
        return []
    kept = {i for (i,) in _rows(conn, "SELECT invoice_id FROM unpaid")}
    owing = {i for (i,) in _rows(conn, f"SELECT i.id FROM invoices i WHERE {OPEN}")}
    wrong = [(i, "is left to pay but not marked unpaid") for i in owing - kept]
    wrong += [(i, "is marked unpaid but has nothing left to pay") for i in kept - owing]
    numbers = dict(_rows(conn, "SELECT id, number FROM invoices")) if wrong else {}
    return sorted(f"invoice {numbers.get(i, f'#{i}')} {why}" for i, why in wrong)


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
    ("unpaid", "the invoices marked unpaid are those left to pay", unpaid),
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
    on a connection of its own when hourdesk opened ``db``, beside the others.
    """
    conn = _conn(db)
    first, rest = CHECKS[0] if full else QUICK, CHECKS[1:]
    other = _beside(db)
    if other is None:
        return [_run(conn, *first), *(_run(conn, *c) for c in rest)]
    try:
        with ThreadPoolExecutor(max_workers=1) as pool:
            sqlite_check = pool.submit(_run, _conn(other), *first)
            done = [_run(conn, *c) for c in rest]
            return [sqlite_check.result(), *done]
    finally:
        other.close()


def _beside(db: Database | sqlite3.Connection) -> Database | sqlite3.Connection | None:
    """A second connection to the database file of ``db`` when hourdesk opened it, or None."""
    from hourdesk.storage.db import connect_again

    other = connect_again(db)
    return None if other is db else other


def problems(db: Database | sqlite3.Connection) -> list[str]:
    """All problems as ``name: problem`` lines; empty when everything holds."""
    return [f"{c.name}: {p}" for c in run_checks(db) for p in c.problems]
