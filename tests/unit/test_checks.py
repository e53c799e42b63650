"""``hourdesk check``: a healthy database passes; each broken rule is found and named.

The broken databases are made by hand, behind the desk's back (raw SQL, and where a trigger
or an index would refuse, with it dropped first): the checks must not rely on them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.checks import (
    CHECKS,
    check_expressions,
    foreign_keys,
    overlaps,
    problems,
    run_checks,
)
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = ready_settings({"payment": {"bank_details": "Example Bank, IBAN XX00"}})


def _at(**delta: float) -> int:
    return int((T0 + timedelta(**delta)).timestamp())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Clients, tickets, time, two invoices (one voided), a credit note and a payment."""
    path = tmp_path / "hourdesk.db"
    clock = FixedClock(T0 - timedelta(days=1))  # approved the day before the work
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=SETTINGS)
    try:
        client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
        refs = []
        for subject in ("Printer", "VPN", "Laptop"):
            ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Help.")
            desk.estimates.send(ticket.ref, hours="10")
            desk.estimates.approve(ticket.ref, text="Approved.")
            refs.append(ticket.ref)
        clock.advance(days=1)
        for n, ref in enumerate(refs):
            start = T0 - timedelta(hours=9 - 3 * n)
            desk.timer.log(ref, start=start, end=start + timedelta(hours=2))  # touching is fine
            desk.completion.resolve(ref, "Done.")
        first = desk.invoicing.issue(client.id, [refs[0]])
        desk.invoicing.void(first.number, "Wrong rate")
        desk.invoicing.issue(client.id, [refs[0], refs[1]])
        second = desk.invoicing.issue(client.id, [refs[2]])
        desk.invoicing.credit(second.number, "10.00", "Goodwill")
        desk.payments.pay(second.number, amount="50.00", method="bank")
        clock.advance(hours=1)
        other = desk.tickets.new(client_id=client.id, subject="Backups", billable=False)
        desk.timer.start(other.ref)
    finally:
        desk.close()
    return path


def raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)  # foreign keys off, like any tool
    return conn


def found(path: Path) -> dict[str, list[str]]:
    conn = raw(path)
    try:
        return {c.name: c.problems for c in run_checks(conn) if c.problems}
    finally:
        conn.close()


def test_a_healthy_database_passes_every_check(db: Path) -> None:
    assert found(db) == {}
    assert [c.name for c in run_checks(raw(db))] == [name for name, _, _ in CHECKS]


def test_a_gap_in_ticket_numbers(db: Path) -> None:
    conn = raw(db)
    conn.execute(
        "INSERT INTO tickets (number, client_id, subject, channel, created_at, updated_at)"
        " VALUES (7, 1, 'Skipped', 'email', 0, 0)"
    )
    assert found(db) == {"ticket_numbers": ["ticket number 5 to 6 missing"]}


def _invoice(conn: sqlite3.Connection, year: int, seq: int, total: int, lines: list[int]) -> int:
    number = f"{year}-{seq:04d}"
    cur = conn.execute(
        "INSERT INTO invoices (number, year, seq, client_id, issue_date, due_date, total_cents,"
        " document, created_at) VALUES (?, ?, ?, 1, '2026-03-02', '2026-03-16', ?, ?, 0)",
        [number, year, seq, total, json.dumps({"total_cents": total})],
    )
    for position, amount in enumerate(lines, 1):
        conn.execute(
            "INSERT INTO invoice_lines (invoice_id, position, ticket_id, seconds, billed_seconds,"
            " rounding, rate_cents, amount_cents) VALUES (?, ?, NULL, 0, 0, 'none', 0, ?)",
            [cur.lastrowid, position, amount],
        )
    return cur.lastrowid


def test_a_gap_in_invoice_numbers(db: Path) -> None:
    conn = raw(db)
    _invoice(conn, 2026, 7, 100, [100])
    _invoice(conn, 2027, 2, 100, [100])
    assert found(db) == {
        "invoice_numbers": [
            "invoices 2026: number 5 to 6 missing",
            "invoices 2027: number 1 missing",
        ]
    }


def test_a_total_that_is_not_the_sum_of_its_lines(db: Path) -> None:
    conn = raw(db)
    _invoice(conn, 2026, 5, 300, [100, 150])
    _invoice(conn, 2026, 6, 0, [])
    conn.execute("DROP TRIGGER invoices_immutable")
    conn.execute(
        "UPDATE invoices SET document = json_set(document, '$.total_cents', 1) WHERE seq = 2"
    )
    assert found(db) == {
        "invoice_totals": [
            "invoice 2026-0002: the document prints 1, not 56000",
            "invoice 2026-0005: total 300 cents, its lines 250",
            "invoice 2026-0006 has no lines",
        ]
    }


def test_time_billed_on_a_void_invoice(db: Path) -> None:
    conn = raw(db)
    conn.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, created_at,"
        " invoice_id) VALUES (4, 'implementation', ?, ?, 1, 0, 1)",
        [_at(days=-2), _at(days=-2, hours=1)],
    )
    assert found(db) == {"billed_time": ["time entry #5 is billed on 2026-0001, which is void"]}


def test_billed_time_that_does_not_match_its_line(db: Path) -> None:
    conn = raw(db)
    conn.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, created_at,"
        " invoice_id) VALUES (1, 'implementation', ?, ?, 1, 0, 2)",
        [_at(hours=-1), _at()],
    )
    assert found(db) == {
        "billed_time": [
            "invoice 2026-0002 bills 7200 s on ticket #1; its locked entries hold 10800 s"
        ]
    }


def test_time_billed_on_an_invoice_without_its_ticket(db: Path) -> None:
    conn = raw(db)
    conn.execute("DROP TRIGGER time_entries_billed_update")
    conn.execute("UPDATE time_entries SET invoice_id = 4 WHERE id = 1")  # HD-0001 onto 2026-0004
    assert "time entry #1 is billed on 2026-0004, a credit note" in found(db)["billed_time"]
    conn.execute("UPDATE time_entries SET invoice_id = 3 WHERE id = 1")  # onto HD-0003's invoice
    assert (
        "time entry #1 is billed on 2026-0003, which has no line for its ticket"
        in found(db)["billed_time"]
    )


def test_overlapping_entries(db: Path) -> None:
    conn = raw(db)
    at = int((T0 - timedelta(days=2)).timestamp())
    for start, end in ((at, at + 3600), (at + 1800, at + 5400), (at + 5400, at + 6000)):
        conn.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable,"
            " created_at) VALUES (4, 'investigation', ?, ?, 0, 0)",
            [start, end],
        )
    assert found(db) == {"overlaps": ["time entry #6 overlaps entry #5"]}


def test_half_open_intervals_touch_without_overlapping() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE time_entries (id INTEGER PRIMARY KEY, start_at, end_at)")
    rows = [(0, 10), (10, 20), (20, 20), (20, None), (5, 5)]
    conn.executemany("INSERT INTO time_entries (start_at, end_at) VALUES (?, ?)", rows)
    assert overlaps(conn) == []
    conn.execute("INSERT INTO time_entries (start_at, end_at) VALUES (30, 40)")  # in the running
    assert overlaps(conn) == ["time entry #6 overlaps entry #4"]


def test_two_running_timers(db: Path) -> None:
    conn = raw(db)
    conn.execute("DROP INDEX time_entries_one_running")
    at = int((T0 + timedelta(days=1)).timestamp())
    conn.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, created_at)"
        " VALUES (4, 'investigation', ?, NULL, 0, 0)",
        [at],
    )
    result = found(db)
    assert result["running"] == ["2 timers are running (entries #4, #5)"]
    assert result["overlaps"] == ["time entry #5 overlaps entry #4"]


def test_entries_of_a_missing_ticket(db: Path) -> None:
    conn = raw(db)
    conn.execute(
        "INSERT INTO entries (ticket_id, kind, author, body, created_at)"
        " VALUES (99, 'note', 'consultant', 'lost', 0)"
    )
    result = found(db)
    assert result["thread"] == [
        f"thread entry #{_last(conn, 'entries')} belongs to a missing ticket (id 99)"
    ]
    assert result["foreign_keys"] == [
        f"entries row {_last(conn, 'entries')} points at a missing tickets row"
    ]


def _last(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]


def test_a_damaged_file_fails_the_integrity_check(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[3 * 4096 : 4 * 4096] = b"\x05" * 4096
    db.write_bytes(bytes(data))
    result = found(db)
    assert "integrity" in result


def test_problems_are_one_line_each(db: Path) -> None:
    conn = raw(db)
    _invoice(conn, 2026, 9, 1, [2])
    listed = problems(conn)
    assert listed[0].startswith("invoice_numbers: ")
    assert all("\n" not in line for line in listed)


def test_check_command(cli, db: Path) -> None:
    done = cli.run("--db", db, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All 10 checks passed." in done.stdout
    conn = raw(db)
    _invoice(conn, 2026, 9, 1, [2])
    conn.close()
    done = cli.run("--db", db, "check")
    assert done.returncode == 1
    assert "FAIL  invoice numbers are gapless per year" in done.stdout
    assert "      invoices 2026: number 5 to 8 missing" in done.stdout
    assert "2 problems found." in done.stdout
    document = json.loads(cli.run("--db", db, "check", "--json").stdout)
    assert document["ok"] is False
    assert document["schema"] >= 4
    by_name = {c["name"]: c for c in document["checks"]}
    assert by_name["invoice_totals"]["problems"] == [
        "invoice 2026-0009: total 1 cents, its lines 2"
    ]
    assert by_name["integrity"] == {
        "name": "integrity",
        "title": "SQLite quick check (--full: the integrity check)",
        "ok": True,
        "problems": [],
    }


def test_check_of_a_missing_database(cli, tmp_path: Path) -> None:
    done = cli.run("--db", tmp_path / "nothing.db", "check")
    assert done.returncode == 1
    assert "There is no database" in done.stderr
    assert not (tmp_path / "nothing.db").exists()


def _index_out_of_step(path: Path) -> None:
    """Every page and row stays readable, but an index no longer matches its table."""
    conn = raw(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX time_entries_start ON time_entries(note)'"
        " WHERE name = 'time_entries_start'"
    )
    conn.execute("PRAGMA writable_schema = OFF")
    conn.close()


def test_the_quick_check_by_default_the_integrity_check_with_full(cli, db: Path) -> None:
    conn = raw(db)
    said: list[str] = []
    conn.set_trace_callback(said.append)
    run_checks(conn)
    run_checks(conn, full=True)
    conn.close()
    assert [s for s in said if s in ("PRAGMA quick_check", "PRAGMA integrity_check")] == [
        "PRAGMA quick_check",
        "PRAGMA integrity_check",
    ]

    _index_out_of_step(db)
    done = cli.run("--db", db, "check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok    SQLite quick check (--full: the integrity check)" in done.stdout
    done = cli.run("--db", db, "check", "--full")
    assert done.returncode == 1
    assert "FAIL  SQLite integrity check" in done.stdout
    assert "time_entries_start" in done.stdout


def test_time_billed_on_a_missing_invoice_and_while_running(db: Path) -> None:
    conn = raw(db)
    conn.execute("DROP INDEX time_entries_one_running")
    conn.execute("DROP TRIGGER time_entries_no_backdating")
    conn.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, created_at,"
        " invoice_id) VALUES (1, 'implementation', ?, NULL, 1, 0, 2)",
        [_at(days=3)],
    )
    conn.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, created_at,"
        " invoice_id) VALUES (2, 'implementation', ?, ?, 1, 0, 77)",
        [_at(days=-5), _at(days=-5, hours=1)],
    )
    result = found(db)
    assert result["billed_time"] == [
        "time entry #5 is billed on 2026-0002 while it is still running",
        "time entry #6 is billed on a missing invoice #77",
    ]
    assert result["foreign_keys"] == ["time_entries row 6 points at a missing invoices row"]


def test_a_line_whose_ticket_has_no_billed_time(db: Path) -> None:
    conn = raw(db)
    conn.execute("DROP TRIGGER time_entries_billed_update")
    conn.execute("UPDATE time_entries SET invoice_id = NULL WHERE id = 3")  # HD-0003's time
    assert found(db) == {
        "billed_time": ["invoice 2026-0003 bills 7200 s on ticket #3; its locked entries hold 0 s"]
    }


def test_a_key_of_several_columns_is_checked_by_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        """CREATE TABLE tickets (id INTEGER PRIMARY KEY, number INTEGER);
        CREATE TABLE pairs (a INTEGER, b INTEGER, PRIMARY KEY (a, b));
        CREATE TABLE links (x INTEGER, y INTEGER, ticket_number INTEGER
            REFERENCES tickets(number), FOREIGN KEY (x, y) REFERENCES pairs(a, b));
        CREATE UNIQUE INDEX tickets_number ON tickets(number);
        INSERT INTO tickets (number) VALUES (1);
        INSERT INTO pairs VALUES (1, 2);
        INSERT INTO links VALUES (1, 2, 1), (2, 1, 1), (1, 2, 5);"""
    )
    assert foreign_keys(conn) == [
        "links row 2 points at a missing pairs row",
        "links row 3 points at a missing tickets row",
    ]


def test_a_row_that_breaks_a_check_constraint(db: Path) -> None:
    conn = raw(db)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("DROP TRIGGER time_entries_billed_update")
    conn.execute("UPDATE time_entries SET category = 'lunch', billable = 2 WHERE id = 2")
    conn.execute("PRAGMA ignore_check_constraints = OFF")
    assert found(db) == {"integrity": ["CHECK constraint failed in time_entries (row 2)"]}
    conn.execute("PRAGMA ignore_check_constraints = ON")  # as the check found it
    run_checks(conn)
    assert conn.execute("PRAGMA ignore_check_constraints").fetchone() == (1,)
    conn.execute("PRAGMA ignore_check_constraints = OFF")
    assert "CHECK constraint failed in time_entries" in problems(conn)[0]  # the full check too
    full = run_checks(conn, full=True)[0].problems
    assert full == ["CHECK constraint failed in time_entries"]


def test_check_expressions_skip_strings_comments_and_names() -> None:
    sql = """CREATE TABLE t (a TEXT CHECK (a IN ('x)', "y")), -- CHECK (no)
        b INTEGER /* check(1) */ CHECK(b > 0 AND (b < 10)), [check] INT, checked INT,
        CONSTRAINT c CHECK ((a = 'x') = (b IS NULL)))"""
    assert check_expressions(sql) == [
        "a IN ('x)', \"y\")",
        "b > 0 AND (b < 10)",
        "(a = 'x') = (b IS NULL)",
    ]
