"""Crash tests: critical operations killed with SIGKILL at random points leave nothing half done.

A scenario is a run of real desk operations on a prepared database, with a fixed clock so
that it is deterministic. A reference run records the database's state (every table's rows,
the schema, the schema version) after each operation, and after every commit in between.
Then, many times over, a forked child runs the same operations on a fresh copy and is
killed with SIGKILL after a random delay. Afterwards the file must pass
``PRAGMA integrity_check`` and every check of ``hourdesk check``, and its state must be one
of the recorded states at an operation's boundary: each operation is complete or absent.

The suite runs tens of kills; ``tests/perf/crash_soak.py`` runs thousands with the same
harness.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import hourdesk.storage.db
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.db import _statements, open_database
from hourdesk.storage.schema import MIGRATIONS, SCHEMA_VERSION
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SETTINGS = ready_settings({"payment": {"bank_details": "Example Bank, IBAN XX00 0000 0000 0000"}})

Mark = Callable[[str], None]


# --- the state of a database ---------------------------------------------------------------


def state(path: Path) -> str:
    """A digest of everything the database holds: schema, version and every row."""
    conn = sqlite3.connect(path)
    try:
        return _state(conn)
    finally:
        conn.close()


def _state(conn: sqlite3.Connection) -> str:
    digest = hashlib.sha256()
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    digest.update(f"version {version}\n".encode())
    schema = sorted(
        repr(row) for row in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master")
    )
    digest.update(repr(schema).encode())
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
    ]
    for name in tables:
        rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{name}"'))
        digest.update(f"{name} {len(rows)}\n".encode())
        digest.update(repr(rows).encode())
    return digest.hexdigest()[:16]


def integrity(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [row[0] for row in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


# --- recording every commit of the reference run -------------------------------------------


class _Recorder:
    """Watches a database from a second connection: ``data_version`` moves on each commit."""

    def __init__(self) -> None:
        self.observer: sqlite3.Connection | None = None
        self.version = None
        self.commits: list[str] = []

    def watch(self, path: Path) -> None:
        if self.observer is None:
            self.observer = sqlite3.connect(path, isolation_level=None)
            self.version = self._data_version()

    def _data_version(self) -> int:
        return self.observer.execute("PRAGMA data_version").fetchone()[0]

    def after(self, conn: sqlite3.Connection) -> None:
        if self.observer is None or conn.in_transaction:
            return
        version = self._data_version()
        if version != self.version:
            self.version = version
            self.commits.append(_state(self.observer))

    def close(self) -> None:
        if self.observer is not None:
            self.observer.close()


@contextlib.contextmanager
def recording(path: Path) -> Iterator[_Recorder]:
    """Patch ``hourdesk.storage.db._connect`` so the desk's connection reports every statement."""
    recorder = _Recorder()

    class Recording(sqlite3.Connection):
        def execute(self, *args, **kwargs):
            cursor = super().execute(*args, **kwargs)
            recorder.after(self)
            return cursor

        def executemany(self, *args, **kwargs):
            cursor = super().executemany(*args, **kwargs)
            recorder.after(self)
            return cursor

    original = hourdesk.storage.db._connect

    def connect(p: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(p, isolation_level=None, check_same_thread=False, factory=Recording)
        conn.execute(f"PRAGMA busy_timeout = {hourdesk.storage.db.BUSY_TIMEOUT_MS}")
        recorder.watch(p)
        return conn

    hourdesk.storage.db._connect = connect
    try:
        yield recorder
    finally:
        hourdesk.storage.db._connect = original
        recorder.close()


# --- scenarios -----------------------------------------------------------------------------


@dataclass
class Scenario:
    """``prepare`` builds the starting database; ``run`` does the operations, calling
    ``mark`` after each one. With ``each_commit``, every commit is a boundary (a batch
    whose items are atomic one by one, or numbered migrations)."""

    name: str
    prepare: Callable[[Path], None]
    run: Callable[[Path, Mark], None]
    each_commit: bool = False


def _approved(desk, client_id: int, subject: str):
    ticket = desk.tickets.new(client_id=client_id, subject=subject, body="Please help.")
    desk.estimates.send(ticket.ref, hours="10")
    desk.estimates.approve(ticket.ref, text="Approved, go ahead.")
    return ticket


def prepare_work(path: Path) -> None:
    """A client with approved tickets, one not billable, two resolved with unbilled time,
    and an issued invoice waiting for payment."""
    clock = FixedClock(T0 - timedelta(days=2))
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=SETTINGS)
    try:
        client = desk.clients.add(
            name="Harbor Dental Clinic", emails="office@harbordental.example", rate="140.00"
        )
        _approved(desk, client.id, "Printer offline")
        desk.tickets.new(client_id=client.id, subject="Backup question", billable=False)
        done = [_approved(desk, client.id, s) for s in ("VPN drops", "New laptop", "Patching")]
        clock.advance(days=1)  # the work comes after the approvals
        for n, ticket in enumerate(done):
            start = clock.now() - timedelta(hours=10 - 3 * n)
            desk.timer.log(ticket.ref, start=start, end=start + timedelta(minutes=90 + 15 * n))
            desk.completion.resolve(ticket.ref, "Done and verified with the client.")
        desk.invoicing.issue(client.id, [done[-1].ref])  # 2026-0001
    finally:
        desk.close()


def run_work(path: Path, mark: Mark) -> None:
    """Timer start, switch and stop, a note, two invoices, two payments, a resolve."""
    clock = FixedClock(T0)
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=SETTINGS)
    try:
        desk.timer.start("HD-0001", note="on site")
        mark("timer start")
        clock.advance(minutes=25)
        desk.timer.start("HD-0002")
        mark("timer switch")
        clock.advance(minutes=10)
        desk.timer.stop(note="waiting for the client")
        mark("timer stop")
        desk.tickets.message("HD-0001", "The printer works again, thanks!", kind="message")
        mark("client message")
        issued = desk.invoicing.issue(1)
        mark("issue invoice")
        desk.payments.pay("2026-0001", amount="100.00", method="bank", reference="TX-1")
        mark("payment")
        desk.payments.pay(issued.number, amount="50.00", method="paypal")
        mark("second payment")
        clock.advance(minutes=5)
        desk.timer.start("HD-0001", category="verification")
        mark("timer start again")
        clock.advance(minutes=30)
        desk.completion.resolve("HD-0001", "Replaced the fuser; the test page prints.")
        mark("resolve (stops the timer)")
        desk.invoicing.issue(1)
        mark("issue second invoice")
        desk.payments.pay("2026-0001", amount="180.00", method="bank")
        mark("payment in full")
    finally:
        desk.close()


OLD_VERSION = 1


def prepare_old(path: Path) -> None:
    """A database of schema 1 (before invoices) with clients, tickets, thread and time."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        for version, script in enumerate(MIGRATIONS[:OLD_VERSION], 1):
            conn.execute("BEGIN")
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        base = int(T0.timestamp()) - 30 * 86400
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO clients (name, rate_cents, created_at) VALUES ('Harbor Dental', 14000, ?)",
            [base],
        )
        for n in range(1, 41):
            at = base + n * 3600
            cur = conn.execute(
                "INSERT INTO tickets (number, client_id, subject, channel, created_at, updated_at)"
                " VALUES (?, 1, ?, 'email', ?, ?)",
                [n, f"Request {n}", at, at],
            )
            for i in range(3):
                conn.execute(
                    "INSERT INTO entries (ticket_id, kind, author, body, created_at)"
                    " VALUES (?, 'note', 'consultant', ?, ?)",
                    [cur.lastrowid, f"Note {i} on request {n}: checked the logs.", at],
                )
            conn.execute(
                "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable,"
                " created_at) VALUES (?, 'investigation', ?, ?, 1, ?)",
                [cur.lastrowid, at, at + 1800, at],
            )
        conn.execute("COMMIT")
    finally:
        conn.close()


def run_migration(path: Path, mark: Mark) -> None:
    db = open_database(path)
    db.close()
    mark("migrated")


MESSAGES = (
    ("office@harbordental.example", "[HD-0001] Re: Printer offline", "It jams again."),
    ("office@harbordental.example", "Scanner", "The scanner is slow since Monday."),
    ("nina@newclient.example", "Website form broken", "Our contact form sends nothing."),
    ("office@harbordental.example", "Wi-Fi", "Guest Wi-Fi password is: Sunny-Day-42"),
)


def write_batch(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, (sender, subject, body) in enumerate(MESSAGES, 1):
        raw = (
            f"From: {sender}\r\nTo: help@consultant.example\r\nSubject: {subject}\r\n"
            f"Date: Mon, 02 Mar 2026 08:0{n}:00 +0000\r\n"
            f"Message-ID: <m{n}@mail.example>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"{body}\r\n"
        ).encode()
        (folder / f"{n:02d}.eml").write_bytes(raw)


def prepare_intake(path: Path) -> None:
    prepare_work(path)
    write_batch(path.parent / "inbox")


def run_intake(path: Path, mark: Mark) -> None:
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(T0), settings=SETTINGS)
    try:
        desk.intake.run(
            [path.parent / "inbox"],
            quarantine_dir=path.parent / "quarantine",
            on_line=lambda line: mark(line.outcome),
        )
    finally:
        desk.close()


def intake_available() -> bool:
    try:
        from hourdesk.app.desk.intake import Intake
    except ImportError:
        return False
    return hasattr(Intake, "run")


SCENARIOS = {
    "work": Scenario("work", prepare_work, run_work),
    "migration": Scenario("migration", prepare_old, run_migration, each_commit=True),
    "intake": Scenario("intake", prepare_intake, run_intake, each_commit=True),
}


# --- the harness ---------------------------------------------------------------------------


@dataclass
class Reference:
    """The states a scenario passes through: at each boundary, and at each commit."""

    boundaries: list[tuple[str, str]]  # (after what, state), the first is the start
    commits: list[list[str]]  # the commits of each operation, in order
    ends: list[float]  # seconds from the fork to each operation's end, kill-free

    def delay(self, rng: random.Random) -> float:
        """A moment inside a random operation (each as likely), or just after the last."""
        op = rng.randrange(len(self.ends) + 1)
        if op == len(self.ends):
            return self.ends[-1] * rng.uniform(1.0, 1.2)
        return rng.uniform(self.ends[op - 1] if op else 0.0, self.ends[op])

    def allowed(self, each_commit: bool) -> dict[str, str]:
        states = {s: name for name, s in self.boundaries}
        if each_commit:
            for op, commits in enumerate(self.commits, 1):
                for s in commits:
                    states.setdefault(s, f"within {self.boundaries[op][0]}")
        return states


def reference(scenario: Scenario, base: Path, work: Path) -> Reference:
    """Run the scenario once, recording every state; time a forked, kill-free run."""
    copy_db(base, work)
    boundaries = [("start", state(work))]
    commits: list[list[str]] = []
    with recording(work) as recorder:

        def mark(name: str) -> None:
            commits.append(recorder.commits[:])
            recorder.commits.clear()
            boundaries.append((name, state(work)))

        scenario.run(work, mark)
    final = boundaries[-1][1]
    timings = []
    for _ in range(3):
        copy_db(base, work)
        status, offsets = run_child(scenario, work, None)
        assert status == 0, f"the kill-free child failed (status {status})"
        assert state(work) == final, "the scenario is not deterministic"
        timings.append(offsets)
    # the fastest run's time to each operation's end
    ends = [min(column) for column in zip(*timings, strict=True)]
    return Reference(boundaries, commits, ends)


def copy_db(base: Path, dest: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        target = Path(f"{dest}{suffix}")
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
    shutil.copyfile(base, dest)
    for extra in ("inbox",):
        source = base.parent / extra
        if source.is_dir():
            shutil.rmtree(dest.parent / extra, ignore_errors=True)
            shutil.copytree(source, dest.parent / extra)
    shutil.rmtree(dest.parent / "quarantine", ignore_errors=True)


def run_child(scenario: Scenario, path: Path, delay: float | None) -> tuple[int, list[float]]:
    """Fork a child that runs the scenario; SIGKILL it after ``delay`` seconds (if given).

    Returns the exit status (-9 when the kill landed) and, for a run without a kill, the
    seconds from the fork to each operation's end.
    """
    read, write = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: run, and leave without any cleanup of the parent's state
        os.close(read)
        status = 0
        try:
            scenario.run(path, lambda name: os.write(write, f"{time.monotonic()}\n".encode()))
        except BaseException:
            status = 3
        os._exit(status)
    os.close(write)
    if delay is not None:
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    with os.fdopen(read, "rb") as marks:
        offsets = [float(line) - started for line in marks.read().split()]
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status), offsets
    return os.WEXITSTATUS(status), offsets


@dataclass
class Outcome:
    kills: int = 0
    finished: int = 0  # the child ended before the kill
    failures: list[str] = field(default_factory=list)
    landed: Counter = field(default_factory=Counter)  # which state the kill left


def verify(path: Path, scenario: Scenario, allowed: dict[str, str], final: str) -> str:
    """The checks after a kill; returns the state's name, raises AssertionError otherwise."""
    found = integrity(path)
    assert found == ["ok"], f"integrity_check: {found}"
    now = state(path)
    assert now in allowed, "the database is in a state between two operations"
    db = open_database(path)  # what the next start does (a migration resumes here)
    try:
        bad = problems(db)
    finally:
        db.close()
    assert not bad, f"hourdesk check: {bad}"
    if scenario.each_commit and scenario.name == "migration":
        assert state(path) == final, "the migration did not finish on the next start"
    return allowed[now]


def crash(scenario: Scenario, folder: Path, kills: int, seed: int = 0, *, progress=None) -> Outcome:
    """Kill the scenario ``kills`` times at random points; collect what went wrong.

    A child that finished before its kill is checked too but does not count as a kill; the
    runs stop at five times ``kills`` whatever happens.
    """
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base" / "hourdesk.db"
    base.parent.mkdir(exist_ok=True)
    scenario.prepare(base)
    work = folder / "run" / "hourdesk.db"
    work.parent.mkdir(exist_ok=True)
    ref = reference(scenario, base, work)
    allowed = ref.allowed(scenario.each_commit)
    final = ref.boundaries[-1][1]
    rng = random.Random(seed)
    outcome = Outcome()
    scale = 1.0  # follows the child's speed: a run that ended before its kill shrinks it
    n = 0
    while outcome.kills < kills and n < 5 * kills:
        n += 1
        copy_db(base, work)
        delay = ref.delay(rng) * scale
        status, _ = run_child(scenario, work, delay)
        if status == -signal.SIGKILL:
            outcome.kills += 1
            scale = min(2.0, scale * 1.01)
        elif status == 0:
            outcome.finished += 1
            scale *= 0.9
        else:
            outcome.failures.append(f"kill {n}: the child failed with status {status}")
            continue
        try:
            outcome.landed[verify(work, scenario, allowed, final)] += 1
        except AssertionError as exc:
            kept = folder / f"failure-{n}.db"
            shutil.copyfile(work, kept)
            for suffix in ("-wal", "-shm"):
                if Path(f"{work}{suffix}").exists():
                    shutil.copyfile(f"{work}{suffix}", f"{kept}{suffix}")
            outcome.failures.append(f"kill {n} after {delay * 1000:.1f} ms: {exc} ({kept})")
        if progress is not None:
            progress(outcome.kills, outcome)
    return outcome


# --- the tests -----------------------------------------------------------------------------


def test_each_operation_commits_once(tmp_path: Path) -> None:
    """Every operation of the work scenario is a single transaction: complete or absent."""
    base = tmp_path / "base" / "hourdesk.db"
    base.parent.mkdir()
    prepare_work(base)
    ref = reference(SCENARIOS["work"], base, tmp_path / "hourdesk.db")
    counts = {name: len(c) for (name, _), c in zip(ref.boundaries[1:], ref.commits, strict=True)}
    assert all(n == 1 for n in counts.values()), counts
    assert len({s for _, s in ref.boundaries}) == len(ref.boundaries)  # each one changed data


def test_the_migration_is_one_commit_per_version(tmp_path: Path) -> None:
    base = tmp_path / "base" / "hourdesk.db"
    base.parent.mkdir()
    prepare_old(base)
    ref = reference(SCENARIOS["migration"], base, tmp_path / "hourdesk.db")
    (commits,) = ref.commits
    # one commit per migration, then the pragmas set on every open (no data change)
    assert len(commits) >= SCHEMA_VERSION - OLD_VERSION
    conn = sqlite3.connect(tmp_path / "hourdesk.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


@pytest.mark.parametrize(("name", "kills"), [("work", 30), ("migration", 15), ("intake", 15)])
def test_killed_operations_are_complete_or_absent(tmp_path: Path, name: str, kills: int) -> None:
    if name == "intake" and not intake_available():
        pytest.skip("app/desk/intake.py is not there yet")
    outcome = crash(SCENARIOS[name], tmp_path, kills, seed=zlib.crc32(name.encode()))
    assert not outcome.failures, "\n".join(outcome.failures)
    assert outcome.kills == kills
    assert len(outcome.landed) >= 2, outcome.landed  # the kills land at different points
