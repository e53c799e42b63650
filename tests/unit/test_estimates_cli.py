"""``hourdesk estimate``, ``approve``, ``decline`` and ``ticket show --json``, run as the real
installed script with a fixed clock and private HOME/XDG folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import build_desk

HOURDESK = Path(sys.executable).parent / "hourdesk"
NOW = "2026-03-05T09:00:00Z"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Acme (rate 150) with two billable tickets; HD-0002 already has estimate v1 sent."""
    path = tmp_path / "cli.db"
    desk = build_desk(
        path, clock=FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)), settings=Settings()
    )
    try:
        acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
        desk.tickets.new(client_id=acme.id, subject="Printer offline", body="It is offline.")
        second = desk.tickets.new(client_id=acme.id, subject="New laptop")
        desk.estimates.send(second.ref, hours="4")
    finally:
        desk.close()
    return path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("HOURDESK_", "XDG_"))}
    environ |= {"HOME": str(home), "HOURDESK_NOW": NOW}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        environ[name] = str(home / name.lower())
    return environ


def run(db: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HOURDESK), "--db", str(db), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def show(db: Path, env: dict[str, str], ref: str) -> dict:
    done = run(db, env, "ticket", "show", ref, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_estimate_then_approve_shows_in_the_json(db: Path, env: dict[str, str]) -> None:
    sent = run(db, env, "estimate", "HD-0001", "--hours", "2.5", "--note", "Driver reinstall.")
    assert (sent.returncode, sent.stdout, sent.stderr) == (0, "1\n", "")

    absurd = run(db, env, "estimate", "HD-0001", "--hours", "10000")
    assert absurd.returncode == 1
    assert absurd.stdout == ""
    assert absurd.stderr.count("\n") == 1
    assert absurd.stderr.startswith("hourdesk: hours: '10000' is more than 1,000 hours.")

    words = "Yes, go ahead.\nThanks — Zoë"
    approved = run(db, env, "approve", "HD-0001", "--text", words)
    assert (approved.returncode, approved.stderr) == (0, "")

    doc = show(db, env, "HD-0001")
    assert (doc["status"], doc["hold_reason"]) == ("approved", None)
    [estimate] = doc["estimates"]  # the refused 10,000 hours left no version behind
    assert estimate | {"decision": None} == {
        "version": 1,
        "billable": True,
        "seconds": 9000,
        "hours": "2h30m",
        "rate": "150.00",
        "amount": "375.00",
        "scope": "Driver reinstall.",
        "sent_at": NOW,
        "decision": None,
    }
    approval = {
        "outcome": "approved",
        "text": words,
        "source_entry_id": None,
        "received_at": NOW,
        "recorded_at": NOW,
    }
    assert estimate["decision"] == approval
    assert doc["approval"] == approval
    assert doc["budget"] == {
        "used_seconds": 0,
        "estimate_seconds": 9000,
        "approved_seconds": 9000,
        "share": 0,
        "text": "0h00m / 2h30m 0%",
    }
    kinds = [e["kind"] for e in doc["thread"]]
    assert kinds.count("estimate") == 1 and kinds.count("approval") == 1
    assert "Estimated total: $375.00" in next(
        e["body"] for e in doc["thread"] if e["kind"] == "estimate"
    )


def test_decline_holds_the_ticket_and_leaves_no_approval(db: Path, env: dict[str, str]) -> None:
    declined = run(db, env, "decline", "HD-0002", "--text", "Too much for now.")
    assert (declined.returncode, declined.stderr) == (0, "")
    again = run(db, env, "approve", "HD-0001", "--text", "OK")  # no estimate yet
    assert again.returncode == 1
    assert again.stderr.startswith("hourdesk: HD-0001 has no estimate to approve.")
    assert again.stderr.count("\n") == 1

    doc = show(db, env, "HD-0002")
    assert (doc["status"], doc["hold_reason"]) == ("on_hold", "declined")
    assert doc["approval"] is None
    [estimate] = doc["estimates"]
    assert estimate["decision"]["outcome"] == "declined"
    assert estimate["decision"]["text"] == "Too much for now."
    assert estimate["decision"]["recorded_at"] == NOW
    assert doc["budget"]["text"] == "0h00m / 4h00m 0% (v1 declined)"
