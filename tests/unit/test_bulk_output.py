"""The bulk outputs (CSV and JSON exports, ``ticket list --json``) stay byte for byte what
they were, and are written from a cursor as the rows arrive, never from a list of them."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from hourdesk.app.cli.jsonview import ticket_json, ticket_rows, write_tickets_json
from hourdesk.app.cli.main import cli
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.exporting import entry_rows, export
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.exports.tables import entries_csv, write_json
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOLDEN = Path(__file__).parent.parent / "data" / "bulk"
HOSTILE = [
    'Zoë "Quotes" \\ Back',
    "=cmd|' /C calc'!A0",
    "Line\nbreak\ttab\x01ctl \u2028 sep 🙂",
    "+1 207 555 0142",
]


def work(desk: Desk, ref: str, minutes: int, billable: bool | None = None) -> None:
    start = desk.clock.now()
    desk.clock.advance(minutes=minutes)
    desk.timer.log(ref, start=start, seconds=minutes * 60, billable=billable)
    desk.clock.advance(minutes=1)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = ready_settings({"payment": {"bank_details": "Bank 1234"}})
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    for n, name in enumerate(HOSTILE):
        client = desk.clients.add(name=name, emails=f"c{n}@example.com", rate="140")
        for k in range(3):
            priority = "urgent" if k == 2 else "normal"
            t = desk.tickets.new(
                client_id=client.id, subject=f"{name} #{k}", body="Help.", priority=priority
            )
            if k == 0:
                continue
            desk.estimates.send(t.ref, hours="5")
            desk.estimates.approve(t.ref, text="Yes.")
            work(desk, t.ref, 30 + 7 * k)
            work(desk, t.ref, 5, billable=False)
            if k == 1:
                desk.completion.resolve(t.ref, "Done.")
        desk.invoicing.issue(client.id)
        desk.clock.advance(days=1)
    desk.invoicing.credit("2026-0002", "30.00", "Goodwill")
    desk.invoicing.void("2026-0003", "Wrong")
    running = desk.tickets.new(client_id=1, subject="Running", billable=False)
    desk.timer.start(running.ref)
    yield desk
    desk.close()


def outputs(desk: Desk, tmp_path: Path) -> dict[str, bytes]:
    """Every bulk output of ``desk``, by a name of its own."""
    out = tmp_path / "out"
    export(desk, "csv", out / "csv")
    export(desk, "json", out / "all.json")
    export(desk, "json", out / "entries.json", table="entries", start=date(2026, 3, 3))
    export(desk, "json", out / "none.json", start=date(2027, 1, 1))
    export(desk, "csv", out / "late.csv", table="entries", start=date(2026, 3, 4))
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.*"))}
    runner = CliRunner()
    db = str(desk.db.conn.path)
    for name, args in {
        "tickets.json": ["ticket", "list", "--json"],
        "tickets.txt": ["ticket", "list"],
        "on-hold.json": ["ticket", "list", "--json", "--status", "on_hold"],
        "closed.json": ["ticket", "list", "--json", "--status", "closed"],
        "client.json": ["ticket", "list", "--json", "--client", "c2@example.com"],
    }.items():
        done = runner.invoke(cli, ["--db", db, *args], catch_exceptions=False)
        assert done.exit_code == 0, done.output
        found[name] = done.stdout_bytes
    return found


def test_bulk_outputs_are_byte_for_byte_as_before(desk, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("HOURDESK_NOW", START.isoformat())
    found = outputs(desk, tmp_path)
    if os.environ.get("HOURDESK_WRITE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name, data in found.items():
            (GOLDEN / name.replace("/", "-")).write_bytes(data)
    expected = {p.name: p.read_bytes() for p in GOLDEN.iterdir()}
    assert {name.replace("/", "-"): data for name, data in found.items()} == expected


def test_ticket_list_json_is_ticket_json_of_every_ticket(desk) -> None:
    done = CliRunner().invoke(cli, ["--db", str(desk.db.conn.path), "ticket", "list", "--json"])
    assert json.loads(done.stdout) == [ticket_json(t) for t in desk.tickets.list()]


class Counting:
    """An iterator that counts the rows taken from it."""

    def __init__(self, rows: Iterable) -> None:
        self.rows, self.taken = iter(rows), 0

    def __iter__(self) -> Counting:
        return self

    def __next__(self):
        row = next(self.rows)
        self.taken += 1
        return row


class Watching(io.StringIO):
    """Output that notes how many rows had been taken at each write."""

    def __init__(self, rows: Counting) -> None:
        super().__init__()
        self.rows, self.taken_at = rows, []

    def write(self, text: str) -> int:
        self.taken_at.append(self.rows.taken)
        return super().write(text)


@pytest.mark.parametrize(
    "write",
    [
        lambda out, rows: write_json(out, entries=rows),
        entries_csv,
    ],
    ids=["json", "csv"],
)
def test_the_writers_write_each_row_as_it_is_taken(desk, write) -> None:
    n = len(list(entry_rows(desk)))
    rows = entry_rows(desk)
    assert not isinstance(rows, list | tuple)
    counting = Counting(rows)
    out = Watching(counting)
    write(out, counting)
    assert counting.taken == n > 10
    assert set(range(1, n + 1)) <= set(out.taken_at)  # a write after each row, before the next


def test_ticket_rows_come_from_the_cursor(desk) -> None:
    n = len(desk.tickets.list())
    rows = ticket_rows(desk)
    assert not isinstance(rows, list | tuple)
    counting = Counting(rows)
    out = Watching(counting)
    write_tickets_json(out, counting)
    assert counting.taken == n > 10
    assert set(range(1, n + 1)) <= set(out.taken_at)


def _many(desk: Desk, n: int) -> None:
    """``n`` finished time entries and ``n`` tickets more, written directly."""
    t0 = int(START.timestamp())
    conn = desk.db.conn
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO tickets (number, client_id, subject, channel, priority, billable, status,"
        " referred_by, flagged, created_at, updated_at)"
        " VALUES (?, 1, ?, 'email', 'normal', 1, 'new', '', 0, ?, ?)",
        ((100 + i, f"Subject {i} " * 4, t0, t0) for i in range(n)),
    )
    conn.executemany(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
        " created_at) SELECT id, 'implementation', ?, ?, 1, '', ? FROM tickets WHERE number = 100",
        ((t0 - 60 * (i + 1), t0 - 60 * i - 1, t0) for i in range(n)),
    )
    conn.execute("COMMIT")


def test_a_large_export_and_ticket_list_take_little_memory(desk, tmp_path) -> None:
    _many(desk, 5_000)

    def tickets() -> None:
        with (tmp_path / "t.json").open("w", encoding="utf-8") as out:
            write_tickets_json(out, ticket_rows(desk))

    for write in (
        lambda: export(desk, "json", tmp_path / "all.json"),
        lambda: export(desk, "csv", tmp_path / "csv"),
        tickets,
    ):
        tracemalloc.start()
        try:
            write()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 600_000, peak  # the rows in a list would take 2 MB
    assert len(json.loads((tmp_path / "all.json").read_text())["time_entries"]) == 5_000 + 16
    assert len(json.loads((tmp_path / "t.json").read_text())) == 5_000 + 13
