"""Nothing lost: a process killed with SIGKILL while timing leaves the timer running.

The running timer is a database row from the moment ``start`` commits. A child process
starts it and is killed while it sleeps (or in the middle of switching tickets); a fresh
desk then finds what was committed, with the right start and elapsed, in an intact file.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import build_desk

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# The child: open the desk, start timing, say so once committed, then hang until killed.
# With SWITCH set it starts on ticket 1, then starts ticket 2 and is killed half-way: after
# ticket 1's entry was stopped inside the transaction, before the commit.
CHILD = """
import os, sys, time
from datetime import datetime, timedelta
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import build_desk

clock = FixedClock(datetime.fromisoformat(sys.argv[2]))
desk = build_desk(sys.argv[1], clock=clock)
desk.timer.start(1, category="implementation", note="on site")
print("started", flush=True)
if os.environ.get("SWITCH"):
    clock.advance(minutes=30)

    def hang(*args, **kwargs):
        print("inside", flush=True)
        time.sleep(120)

    desk.timer._record = hang  # called inside start()'s transaction, after the stop
    desk.timer.start(2)
time.sleep(120)
"""


def prepare(path: Path) -> None:
    desk = build_desk(path, clock=FixedClock(T0 - timedelta(days=1)))
    client = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
    for subject in ("Printer offline", "VPN drops"):
        ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Help.")
        desk.estimates.send(ticket.ref, hours="10")
        desk.estimates.approve(ticket.ref, text="Approved, go ahead.")
    desk.close()


def run_and_kill(path: Path, wait_for: str, env: dict[str, str] | None = None) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), T0.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        for line in child.stdout:  # blocks until the child says where it is
            if line.strip() == wait_for:
                break
        else:
            pytest.fail(f"the child ended early: {child.stderr.read()}")
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def test_a_killed_process_leaves_its_timer_running(tmp_path):
    path = tmp_path / "t.db"
    prepare(path)
    run_and_kill(path, "started")
    assert Path(f"{path}-wal").exists()  # the commit sits in the WAL, never checkpointed

    later = FixedClock(T0 + timedelta(hours=2, minutes=15))
    desk = build_desk(path, clock=later)
    try:
        running = desk.timer.running()
        assert running is not None
        assert (running.ref, running.category, running.note) == (
            "HD-0001",
            "implementation",
            "on site",
        )
        assert running.start_at == T0
        assert desk.timer.elapsed(running) == 2 * 3600 + 15 * 60
        stopped = desk.timer.stop()
        assert stopped.seconds == 2 * 3600 + 15 * 60
    finally:
        desk.close()
    assert integrity(path) == ["ok"]


def test_a_process_killed_while_switching_loses_nothing(tmp_path):
    path = tmp_path / "t.db"
    prepare(path)
    run_and_kill(path, "inside", {"SWITCH": "1"})

    desk = build_desk(path, clock=FixedClock(T0 + timedelta(hours=1)))
    try:
        # the switch never committed: ticket 1 is still timing, ticket 2 has nothing
        running = desk.timer.running()
        assert running is not None and running.ref == "HD-0001" and running.start_at == T0
        assert desk.timer.elapsed(running) == 3600
        assert desk.timer.entries("HD-0002") == []
        assert desk.db.execute("SELECT count(*) FROM time_entries").fetchone()[0] == 1
        # and the desk carries on normally
        started = desk.timer.start("HD-0002")
        assert started.stopped.seconds == 3600
    finally:
        desk.close()
    assert integrity(path) == ["ok"]
