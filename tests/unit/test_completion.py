"""Resolving tickets: the completion record (summary, confirmation, time per category and in
all), the timer stopped first, closing by hand, and the record exported as Markdown and PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.models import Client, Ticket
from tests.builders import YEARS, approve_back_then

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HOSTILE = '<img src="file:///etc/passwd"> **bold** [link](http://127.0.0.1:9/) # not a heading'


# The client approved long before the time these tests log.


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    settings = Settings.model_validate(
        {"business": {"name": "Rivera IT Consulting", "address": "118 Harbor View Road"}}
    )
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings)
    yield desk
    desk.close()


@pytest.fixture
def client(desk: Desk) -> Client:
    return desk.clients.add(
        name="Zoë Ångström-Müller", emails="zoe@example.com", company="Ångström Photo"
    )


def work(desk: Desk, ref: str, minutes: int, category: str, billable: bool = True) -> None:
    start = desk.clock.now()
    desk.clock.advance(minutes=minutes)
    desk.timer.log(ref, start=start, seconds=minutes * 60, category=category, billable=billable)
    desk.clock.advance(minutes=1)


@pytest.fixture
def approved(desk: Desk, client: Client) -> Ticket:
    t = desk.tickets.new(client_id=client.id, subject="Backup job failing", body="Help")
    approve_back_then(desk, t.ref, hours="3", text="Go ahead.", ago=YEARS)
    return desk.tickets.get(t.ref)


def test_resolving_adds_the_completion_record_with_the_time(desk, approved) -> None:
    work(desk, approved.ref, 30, "investigation")
    work(desk, approved.ref, 75, "implementation")
    work(desk, approved.ref, 15, "verification", billable=False)
    done = desk.completion.resolve(approved.ref, "  Replaced the failing disk.\nTested.  ")
    assert done.stopped is None and done.ticket.status == "resolved"

    totals = desk.completion.totals(approved.id)
    assert totals == {
        "investigation": 1800,
        "implementation": 4500,
        "verification": 900,
        "billable": 6300,
        "non_billable": 900,
        "total": 7200,
    }
    record = [e for e in desk.tickets.thread(approved.id) if e.kind == "completion"][-1]
    assert record.data == {"summary": "Replaced the failing disk.\nTested.", "totals": totals}
    body = record.body
    assert body.startswith(f"Completed: {approved.ref} Backup job failing")
    assert "Replaced the failing disk.\nTested." in body
    assert "Confirmation: the work on this request is complete." in body
    assert "investigation/analysis 0h30m, implementation/testing 1h15m" in body
    assert "verification/cleanup 0h15m" in body
    assert "Total 2h00m (billable 1h45m, not billable 0h15m)" in body


def test_a_running_timer_on_the_ticket_is_stopped_first(desk, approved) -> None:
    desk.timer.start(approved.ref, category="implementation")
    desk.clock.advance(minutes=25)
    done = desk.completion.resolve(approved.ref, "Done.")
    assert done.stopped is not None and done.stopped.seconds == 1500
    assert "(stopped on resolve)" in done.stopped.note
    assert desk.timer.running() is None
    assert desk.completion.totals(approved.id)["total"] == 1500


def test_a_timer_on_another_ticket_keeps_running(desk, client, approved) -> None:
    other = desk.tickets.new(client_id=client.id, subject="Other", billable=False)
    desk.timer.start(other.ref)
    done = desk.completion.resolve(approved.ref, "Nothing to do after all.")
    assert done.stopped is None and desk.timer.running().ref == other.ref
    assert "no time recorded" in desk.tickets.thread(approved.id)[-2].body


def test_resolve_refusals(desk, approved) -> None:
    with pytest.raises(Invalid, match="summary"):
        desk.completion.resolve(approved.ref, "   ")
    with pytest.raises(Refused, match="Resolving needs a summary"):
        desk.tickets.set_status(approved.ref, "resolved")
    desk.completion.resolve(approved.ref, "Done.")
    with pytest.raises(Refused, match="already resolved"):
        desk.completion.resolve(approved.ref, "Again.")
    with pytest.raises(Refused, match="no more time"):
        desk.timer.start(approved.ref)


def test_closing_by_hand_needs_no_unbilled_billable_time(desk, client, approved) -> None:
    work(desk, approved.ref, 30, "implementation")
    desk.completion.resolve(approved.ref, "Done.")
    with pytest.raises(Refused, match="unbilled billable time"):
        desk.tickets.set_status(approved.ref, "closed")
    free = desk.tickets.new(client_id=client.id, subject="Which NAS?", billable=False)
    desk.estimates.approve(free.ref, text="Thanks!")
    work(desk, free.ref, 10, "investigation")
    desk.completion.resolve(free.ref, "Answered by email.")
    assert desk.tickets.set_status(free.ref, "closed").status == "closed"


def test_the_completion_record_exports_as_markdown_with_hostile_text_escaped(
    desk, approved, tmp_path
) -> None:
    with pytest.raises(NotFound, match="no completion record"):
        desk.completion.document(approved.ref)
    work(desk, approved.ref, 90, "implementation")
    desk.completion.resolve(approved.ref, HOSTILE + "\n\n- a real list item")
    doc = desk.completion.document(approved.ref)
    assert (doc.ref, doc.subject, doc.total_seconds) == (approved.ref, "Backup job failing", 5400)
    assert doc.client.name == "Zoë Ångström-Müller" and doc.business.name == "Rivera IT Consulting"
    assert doc.seconds_by_category["implementation/testing"] == 5400

    path = desk.completion.export(approved.ref, "md", tmp_path / "out" / "record.md")
    text = path.read_text(encoding="utf-8")
    assert f"# Work completed: {approved.ref}" in text
    assert "Zoë Ångström-Müller" in text
    assert r'\<img src="file:///etc/passwd"\> \*\*bold\*\* \[link\](http' in text
    assert "\n\\- a real list item" in text  # a list only as text, never markup
    assert "| **Total** | **1h30m** |" in text
    with pytest.raises(Invalid):
        desk.completion.export(approved.ref, "docx")


def test_the_completion_record_exports_as_pdf(desk, approved, tmp_path) -> None:
    work(desk, approved.ref, 90, "implementation")
    desk.completion.resolve(approved.ref, "Replaced the failing disk ≤ 2 TB.")
    desk.settings.exports_dir = str(tmp_path / "exports")
    path = desk.completion.export(approved.ref)  # PDF, in the exports folder
    assert path == tmp_path / "exports" / f"completion-{approved.ref}.pdf"
    text = " ".join((page.extract_text() or "") for page in PdfReader(path).pages)
    for expected in (
        approved.ref,
        "Backup job failing",
        "Zoë Ångström-Müller",
        "Replaced the failing disk ≤ 2 TB.",
        "1h30m",
        "Rivera IT Consulting",
    ):
        assert expected in text


def test_a_completion_record_is_never_signed_with_the_placeholder_name(
    desk, approved, tmp_path
) -> None:
    work(desk, approved.ref, 30, "implementation")
    desk.completion.resolve(approved.ref, "Done.")
    desk.settings = Settings()
    with pytest.raises(Refused, match="placeholder details: set your business name, business"):
        desk.completion.export(approved.ref, "pdf", tmp_path / "c.pdf")
    assert not (tmp_path / "c.pdf").exists()
