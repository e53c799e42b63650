"""What an invoice line tells a client: the same time everywhere (thread, CLI, PDF), the
quantity in decimal hours that multiplies by the rate to the amount, the days of the work,
the completion summary and the approved estimate it bills."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import Desk, build_desk
from tests.builders import ready_settings

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.usefixtures("utc")


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = ready_settings({"exports_dir": str(tmp_path / "exports")})
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    yield desk
    desk.close()


def log(desk: Desk, ref: str, seconds: int) -> None:
    start = desk.clock.now()
    desk.clock.advance(seconds=seconds)
    desk.timer.log(ref, start=start, seconds=seconds)


def test_one_time_format_and_lines_that_multiply_out(desk, cli, tmp_path) -> None:
    client = desk.clients.add(name="Harbor Dental", emails="o@harbor.example", rate="97.35")
    short = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help.")
    long = desk.tickets.new(client_id=client.id, subject="Mail migration", body="Help.")
    for t in (short, long):
        desk.estimates.send(t.ref, hours="5")
        desk.estimates.approve(t.ref, text="Yes, go ahead.")
    desk.estimates.send(long.ref, hours="8")  # revised: v2, approved again
    desk.estimates.approve(long.ref, text="Fine, the bigger estimate too.")
    log(desk, short.ref, 351)
    desk.clock.advance(days=2)
    log(desk, long.ref, 3000)
    desk.clock.advance(days=3)
    log(desk, long.ref, 2399)
    desk.clock.advance(hours=1)
    desk.completion.resolve(short.ref, "Reinstalled the driver.\nTested a page.")
    desk.completion.resolve(long.ref, 'Moved 12 <b>mailboxes</b> & "{{ 7*7 }}" to <img src=x>.')
    invoice = desk.invoicing.issue(client.id)
    doc = desk.invoicing.document(invoice)

    first, second = doc.lines
    assert str(first.hours) == "0.0975" and str(second.hours) == "1.4997"
    assert (first.amount_cents, second.amount_cents) == (949, 14600)  # 9.491625, 145.995795
    assert (first.estimate_version, second.estimate_version) == (1, 2)
    assert str(second.first_day) == "2026-03-04" and str(second.last_day) == "2026-03-07"
    assert first.summary == "Reinstalled the driver."

    thread = " ".join(e.body for e in desk.tickets.thread(short.id))
    assert "0h05m = 0.0975 h" in thread and "0h06m" not in thread
    shown = cli.run("--db", tmp_path / "t.db", "invoice", "show", invoice.number)
    assert "1h29m =   1.4997 h" in shown.stdout, shown
    assert "1h30m" not in shown.stdout

    path = desk.invoicing.pdf(invoice.number)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(path).pages))
    for expected in (
        "0.0975",
        "0h05m",
        "1.4997",
        "1h29m",
        "$97.35/h",
        "$9.49",
        "$146.00",
        "Reinstalled the driver.",
        'Moved 12 <b>mailboxes</b> & "{{ 7*7 }}" to <img src=x>.',  # literally
        "Work: Mar 4, 2026 – Mar 7, 2026 · approved estimate v2",
        "Work: Mar 2, 2026 · approved estimate v1",
    ):
        assert expected in text, expected
    assert "Tested a page" not in text and "0h06m" not in text and "1h30m" not in text
