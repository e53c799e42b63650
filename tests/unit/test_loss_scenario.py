"""The lost morning: a TUI that holds its connection, a second user of the same file in the
same process, another process that reads and exits, then writes in the TUI and a kill.

Closing any descriptor of the database file drops every POSIX lock the process holds on it;
the next process to close its connection then believes it is the last one, checkpoints and
deletes the WAL under the TUI, and what the TUI writes afterwards goes to a file without a
name: other processes see stale data, and a kill loses it all. The TUI (the real App under
Pilot, in its own process: tests/scenario_child.py) performs each in-process second user
through the code the TUI runs, the real ``hourdesk`` command lists the tickets meanwhile, and
the TUI then records an approval, two time entries and a note through its keys. A fresh
process must see every write before the kill, and the database must hold them after SIGHUP
(the terminal closed) or SIGKILL, pass ``integrity_check`` and every check of ``hourdesk
check``. The last test runs the App on a real pseudo-terminal and closes the terminal.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from hourdesk.app.desk.checks import problems
from hourdesk.storage.db import open_database
from tests import scenario_child as child

SCRIPT = Path(child.__file__)
SIZE = (120, 40)
PATIENCE = 120.0  # seconds for one report of the TUI: generous on a loaded machine
T0 = int(child.NOW.timestamp())
EXPECTED_ENTRIES = [
    [T0, T0 + 40 * 60, child.STOP_NOTE],
    [T0 + 45 * 60, T0 + 65 * 60, ""],
]


class Tui:
    """The TUI process and its two pipes: reports in, go-ahead out. In a terminal, its
    pseudo-terminal is read all along (a full one would stop the App) and closing it is the
    kill."""

    def __init__(
        self, db: Path, user: str, env: dict, maildir: Path, log: Path, terminal: bool = False
    ) -> None:
        report_r, report_w = os.pipe()
        go_r, go_w = os.pipe()
        args = [str(db), user, str(report_w), str(go_r), "--maildir", str(maildir)]
        self.log, self.terminal, self.output, self.process = log, None, b"", None
        if terminal:
            self.pid, self.terminal = pty.fork()
            if self.pid == 0:  # the child: its terminal's size, then the TUI
                try:
                    os.set_inheritable(report_w, True)
                    os.set_inheritable(go_r, True)
                    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE[::-1], 0, 0))
                    argv = [sys.executable, str(SCRIPT), *args, "--terminal"]
                    os.execve(sys.executable, argv, {**env, "TERM": "xterm-256color"})
                finally:
                    os._exit(127)
        else:
            with log.open("wb") as err:
                self.process = subprocess.Popen(
                    [sys.executable, str(SCRIPT), *args],
                    pass_fds=(report_w, go_r),
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                )
            self.pid = self.process.pid
        os.close(report_w)
        os.close(go_r)
        self.reports, self.go_ahead, self.pending, self.status = report_r, go_w, b"", None

    def expect(self, step: str) -> dict:
        """The next report, which must be ``step``; fails with the TUI's own words."""
        deadline = time.monotonic() + PATIENCE
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            watched = [self.reports] + ([self.terminal] if self.terminal is not None else [])
            ready = select.select(watched, [], [], left)[0] if left > 0 else []
            if not ready:
                pytest.fail(f"the TUI did not report {step!r} in {PATIENCE:.0f} s")
            if self.terminal in ready:
                with contextlib.suppress(OSError):
                    self.output = (self.output + os.read(self.terminal, 65536))[-4000:]
            if self.reports in ready:
                chunk = os.read(self.reports, 65536)
                if not chunk:
                    pytest.fail(f"the TUI ended before {step!r}: {self.stderr()}")
                self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        report = json.loads(line)
        if report["step"] != step:
            pytest.fail(f"the TUI failed before {step!r}:\n{report.get('error', report)}")
        return report

    def go(self) -> None:
        os.write(self.go_ahead, b"go\n")

    def kill(self, sig: int) -> int:
        """SIGHUP or SIGKILL; in a terminal SIGHUP is closing the terminal. Returns the
        signal that ended the TUI (0 when it exited)."""
        if self.terminal is not None and sig == signal.SIGHUP:
            os.close(self.terminal)
            self.terminal = None
        else:
            os.kill(self.pid, sig)
        return self.wait()

    def wait(self) -> int:
        """The signal that ended the TUI, 0 when it exited."""
        if self.process is not None:
            code = self.process.wait(timeout=PATIENCE)
            self.status = code
            return -code if code < 0 else 0
        _, self.status = os.waitpid(self.pid, 0)
        return os.WTERMSIG(self.status) if os.WIFSIGNALED(self.status) else 0

    def stderr(self) -> str:
        if self.terminal is not None or not self.log.exists():
            return self.output.decode(errors="replace")
        return self.log.read_text(errors="replace")[-2000:]

    def close(self) -> None:
        if self.status is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self.wait()
        for fd in (self.reports, self.go_ahead, self.terminal):
            if fd is not None:
                os.close(fd)


def fresh_facts(db: Path, env: dict) -> dict:
    """What a new process sees."""
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--facts", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=PATIENCE,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(params=child.USERS)
def user(request: pytest.FixtureRequest) -> str:
    if request.param == "grants":
        request.applymarker(pytest.mark.keyring)
        request.getfixturevalue("secret_service")
    return request.param


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGKILL], ids=["SIGHUP", "SIGKILL"])
def test_tui_writes_after_a_second_user_and_another_process_survive_a_kill(
    user: str, sig: int, cli, tmp_path: Path
) -> None:
    check_scenario(user, sig, cli, tmp_path)


def check_scenario(user: str, sig: int, cli, tmp_path: Path, terminal: bool = False) -> None:
    db = tmp_path / "hourdesk.db"
    child.prepare(db)
    maildir = child.write_mail(tmp_path / "Maildir")
    env = dict(cli.env)
    if user == "grants":
        env["DBUS_SESSION_BUS_ADDRESS"] = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    tui = Tui(db, user, env, maildir, tmp_path / "tui.log", terminal)
    try:
        tui.expect("ready")
        listed = cli.run("--db", db, "ticket", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        tickets = 4 if user == "intake" else 2  # the intake added two requests
        assert len(json.loads(listed.stdout)) == tickets

        tui.go()
        shown = tui.expect("done")["facts"]
        seen = fresh_facts(db, env)
        ended = tui.kill(sig)
    finally:
        tui.close()
    assert ended == sig, tui.stderr()
    after = fresh_facts(db, env)

    assert shown == {
        "approvals": [child.APPROVAL],
        "time_entries": EXPECTED_ENTRIES,
        "notes": [child.NOTE],
        "running": 0,
        "tickets": tickets,
        "grants": 1 if user == "grants" else 0,
    }
    assert_kept(db, shown, seen, after)


def assert_kept(db: Path, shown: dict, seen: dict, after: dict) -> None:
    """What the TUI showed is what another process saw before the kill and finds after it."""
    assert after == shown, "writes the TUI showed were lost when it was killed"
    assert seen == shown, "another process did not see what the TUI showed"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    desk_db = open_database(db)
    try:
        assert problems(desk_db) == []
    finally:
        desk_db.close()


def test_the_tui_in_a_terminal_keeps_its_writes_when_the_terminal_closes(
    cli, tmp_path: Path
) -> None:
    """The issue as reported: the App on a real terminal reads mail, the CLI lists tickets,
    the App records an approval, two time entries and a note, and the terminal window is
    closed (the kernel sends SIGHUP)."""
    check_scenario("intake", signal.SIGHUP, cli, tmp_path, terminal=True)
