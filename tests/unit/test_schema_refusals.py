"""What the schema refuses reaches the user as a refusal in words, never as SQLite's text.

The desk checks first, inside the write transaction; the schema's triggers and constraints are
the second line. Where one of them still fires (a clock set back, a record changed by hand),
the user reads what happened and what to do, and the raw message goes to the log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.writing import write
from hourdesk.storage.db import transaction
from tests.builders import ready_settings

RAW = ("constraint", "CHECK", "UNIQUE", "IntegrityError", "sqlite", "Traceback")


def in_words(text: str) -> None:
    assert text.strip() and "\n" not in text.strip()
    for raw in RAW:
        assert raw not in text, text


@pytest.fixture
def approved(desk, client) -> str:
    ticket = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help.")
    desk.estimates.send(ticket.ref, hours="3")
    desk.estimates.approve(ticket.ref, text="Go ahead.")
    return ticket.ref


@pytest.fixture
def invoiced(desk, client, approved) -> str:
    """Two hours on the approved ticket, billed on invoice 2026-0001."""
    desk.settings = ready_settings({"payment": {"bank_details": "Example Bank"}})
    start = desk.clock.now()
    desk.clock.advance(hours=2)
    desk.timer.log(approved, start=start, end=desk.clock.now())
    desk.completion.resolve(approved, "Done.")
    desk.invoicing.issue(client.id)
    return approved


def test_a_second_decision_on_one_version_is_refused_by_the_schema_too(desk, approved) -> None:
    estimate = desk.estimates.current(desk.tickets.get(approved).id)
    insert = (
        "INSERT INTO decisions (estimate_id, outcome, text, received_at, recorded_at)"
        " VALUES (?, 'declined', 'No.', 0, 0)"
    )
    with pytest.raises(sqlite3.IntegrityError, match="already decided"):
        desk.db.execute(insert, [estimate.id])
    with pytest.raises(Refused) as refused, write(desk.db):
        desk.db.execute(insert, [estimate.id])
    assert str(refused.value) == (
        "The client's decision on that estimate version is already recorded. "
        "Send a revised estimate for a new decision."
    )
    with pytest.raises(Refused, match="already approved"):
        desk.estimates.decline(approved)
    assert [v.decision.outcome for v in desk.estimates.versions(estimate.ticket_id)] == ["approved"]


def test_a_declined_version_takes_no_approval(desk, client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="Printer offline", body="Help.")
    desk.estimates.send(ticket.ref, hours="3")
    desk.estimates.decline(ticket.ref, text="Too much.")
    with pytest.raises(Refused, match="already declined") as refused:
        desk.estimates.approve(ticket.ref, text="Oh, fine then.")
    assert "Send a revised estimate" in str(refused.value)
    desk.estimates.send(ticket.ref, hours="2")
    assert desk.estimates.approve(ticket.ref, text="Oh, fine then.").version == 2


def test_locked_time_and_unknown_constraints_are_told_in_words(desk, invoiced) -> None:
    cases = {
        "UPDATE time_entries SET note = 'x' WHERE id = 1": "locked. Void the invoice",
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
        " created_at) VALUES (1, 'investigation', 0, 1, 1, '', 0)": "already invoiced",
        "UPDATE tickets SET status = 'lost' WHERE id = 1": "nothing was saved",
    }
    for sql, said in cases.items():
        with pytest.raises(Refused, match=said) as refused, write(desk.db):
            desk.db.execute(sql)
        in_words(str(refused.value))


def test_a_constraint_inside_a_callers_transaction_stays_the_callers(desk, approved) -> None:
    """Intake and other callers that hold the transaction see SQLite's error, as before."""
    with pytest.raises(sqlite3.IntegrityError), transaction(desk.db), write(desk.db):
        desk.db.execute("UPDATE tickets SET status = 'lost' WHERE id = 1")


def test_a_clock_set_back_behind_the_running_timer_is_refused_in_words(desk, approved) -> None:
    other = desk.tickets.new(client_id=1, subject="Second request", body="Help.", billable=False)
    desk.timer.start(approved)
    desk.clock.advance(minutes=-5)
    with pytest.raises(Refused, match="cannot stop before that") as refused:
        desk.timer.start(other.ref)
    in_words(str(refused.value))
    with pytest.raises(Refused, match="cannot stop before that"):
        desk.completion.resolve(approved, "Done.")
    assert desk.timer.running().ref == approved
    assert desk.tickets.get(approved).status == "in_progress"


def test_starting_inside_an_invoiced_period_is_refused_in_words(desk, invoiced) -> None:
    desk.tickets.set_status(invoiced, "in_progress")
    desk.clock.advance(hours=-1)  # a clock set back into the billed hours
    with pytest.raises(Refused, match="is invoiced up to") as refused:
        desk.timer.start(invoiced)
    in_words(str(refused.value))
    assert desk.timer.running() is None


def test_the_cli_says_it_in_one_line(cli, tmp_path: Path) -> None:
    db = tmp_path / "hourdesk.db"
    now = "2026-03-02T10:00:00Z"
    for args in (
        ("client", "add", "Harbor Dental", "--email", "office@harbor.example", "--rate", "140"),
        ("ticket", "new", "--client", "Harbor Dental", "--subject", "Printer", "--no-billable"),
        ("ticket", "new", "--client", "Harbor Dental", "--subject", "Mail", "--no-billable"),
        ("start", "HD-0001"),
    ):
        done = cli.run("--db", db, *args, env={"HOURDESK_NOW": now})
        assert done.returncode == 0, done.stderr
    earlier = "2026-03-02T09:55:00Z"
    done = cli.run("--db", db, "start", "HD-0002", env={"HOURDESK_NOW": earlier})
    assert done.returncode == 1
    assert "cannot stop before that" in done.stderr
    in_words(done.stderr)
