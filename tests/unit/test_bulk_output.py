"""The bulk outputs (CSV and JSON exports, ``ticket list --json``) stay byte for byte what
they were, and are written from a cursor as the rows arrive, never from a list of them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.clock import FixedClock
from app.desk import Desk, build_desk
from app.exporting import export
from app.settings import Settings

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
    settings = Settings.model_validate({"payment": {"bank_details": "Bank 1234"}})
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
