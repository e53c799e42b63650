"""The ``shared`` family of the long crash run: several processes, several connections in one.

A desk process (forked) holds its connection and runs a random schedule: notes through its
desk, mail intake on a worker connection opened as the TUI opens it, a second desk on the
same file, the daily backup and online backups, and pauses while the real ``hourdesk``
command writes or reads and exits (or runs alongside). Each write is acknowledged when its
commit returned (a CLI write when the command exited 0). At a random point the desk process
gets SIGKILL or SIGHUP (a running command, now and then, SIGKILL). Afterwards the database
must pass ``integrity_check`` and every check of ``hourdesk check``, and hold every
acknowledged write.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.checks import problems
from hourdesk.app.desk.facade import build_desk
from hourdesk.storage.db import open_database
from hourdesk.storage.vault import MemoryVault
from tests import scenario_child as tui
from tests.mailfixtures import message, write_maildir
from tests.unit.test_crash import copy_db, integrity

STEPS = ("note", "intake", "second desk", "backup", "cli", "cli alongside")
WEIGHTS = (3, 2, 2, 1, 3, 2)
PATIENCE = 60.0
REF = tui.REF


def schedule(rng: random.Random) -> list[str]:
    return rng.choices(STEPS, WEIGHTS, k=rng.randint(3, 8))


# --- the desk process ----------------------------------------------------------------------


def _desk(path: Path):
    return build_desk(
        path,
        vault=MemoryVault(),
        clock=FixedClock(tui.NOW),
        settings=Settings.model_validate(tui.BANK),
    )


def _intake(desk, folder: Path, tag: str) -> str:
    """Mail on a worker thread and connection, as the intake screen reads it."""
    box = write_maildir(
        folder / f"mail-{tag}",
        [message(subject=f"Re: [{REF}] {tag}", message_id=f"<{tag}@soak.example>")],
    )
    open_desk, failed = desk.intake.separate_desk(), []

    def work() -> None:
        try:
            worker = open_desk()
        except BaseException as exc:
            failed.append(exc)
            return
        try:
            summary = worker.intake.run([box])
            if summary.appended != 1:
                failed.append(RuntimeError(f"intake: {summary.total()}"))
        except BaseException as exc:
            failed.append(exc)
        finally:
            worker.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
    return f"<{tag}@soak.example>"


def _backup(desk, path: Path, folder: Path, rng: random.Random, n: int) -> None:
    from hourdesk.storage.backup import backup_database, daily_backup

    kind = rng.randrange(3)
    if kind == 0:
        daily_backup(desk.db.conn, path, now=time.time() + 86400 * (n + 1))
    elif kind == 1:
        backup_database(desk.db.conn, folder / f"online-{n}.db")
    else:
        backup_database(path, folder / f"by-path-{n}.db")  # a connection of its own


def run_desk(path: Path, steps: list[str], seed: int, tell: Callable[[str], None], wait) -> None:
    """The desk process: each step, then an acknowledgement line per committed write."""
    rng = random.Random(seed)
    folder = path.parent / "work"
    folder.mkdir(exist_ok=True)
    desk = _desk(path)
    for n, step in enumerate(steps):
        tag = f"s{seed}-{n}"
        if step == "note":
            desk.tickets.message(REF, f"desk note {tag}")
            tell(f"note desk note {tag}")
        elif step == "intake":
            tell(f"mail {_intake(desk, folder, tag)}")
        elif step == "second desk":
            second = _desk(path)
            try:
                second.tickets.message(REF, f"second note {tag}")
            finally:
                second.close()
            tell(f"note second note {tag}")
        elif step == "backup":
            _backup(desk, path, folder, rng, n)
            tell("backup")
        elif step == "cli":
            tell(f"cli {tag}")
            wait()
        else:
            tell(f"cli& {tag}")
        desk.clock.advance(minutes=1)
    tell("end")
    wait()


def fork_desk(path: Path, steps: list[str], seed: int) -> tuple[int, int, int]:
    """Start the desk process; returns its pid, its report pipe and its go-ahead pipe."""
    report_r, report_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(report_r)
        os.close(go_w)
        status = 0
        try:
            run_desk(
                path,
                steps,
                seed,
                lambda line: os.write(report_w, (line + "\n").encode()),
                lambda: os.read(go_r, 1),
            )
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.write(report_w, f"error {type(exc).__name__}: {exc}\n".encode())
            status = 3
        os._exit(status)
    os.close(report_w)
    os.close(go_r)
    return pid, report_r, go_w


# --- the parent: the commands, the kill, the checks ----------------------------------------


class Lines:
    def __init__(self, fd: int) -> None:
        self.fd, self.pending = fd, b""

    def next(self) -> str | None:
        """The next line; None when the process ended or said nothing for PATIENCE."""
        while b"\n" not in self.pending:
            if not select.select([self.fd], [], [], PATIENCE)[0]:
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return None
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()


def acknowledged(path: Path, acks: list[str]) -> list[str]:
    """The acknowledged writes the database does not hold."""
    conn = sqlite3.connect(path)
    try:
        missing = []
        for ack in acks:
            kind, _, what = ack.partition(" ")
            if kind == "note":
                sql = "SELECT count(*) FROM entries WHERE kind = 'note' AND body = ?"
            else:
                sql = "SELECT count(*) FROM entries WHERE message_id = ?"
            if conn.execute(sql, (what,)).fetchone()[0] != 1:
                missing.append(ack)
        return missing
    finally:
        conn.close()


def check(path: Path, acks: list[str]) -> None:
    """integrity_check, every acknowledged write, and every check of ``hourdesk check``."""
    found = integrity(path)
    assert found == ["ok"], f"integrity_check: {found}"
    missing = acknowledged(path, acks)
    assert not missing, f"{len(missing)} of {len(acks)} acknowledged writes lost: {missing[:3]}"
    bad = rule_problems(path)
    assert not bad, f"hourdesk check: {bad}"


def rule_problems(path: Path) -> list[str]:
    """What ``hourdesk check`` finds, on the database as the next start opens it."""
    db = open_database(path)
    try:
        return problems(db)
    finally:
        db.close()


def _reap(process: subprocess.Popen, acks: list[str], note: str | None) -> None:
    process.wait(timeout=PATIENCE)
    if process.returncode == 0 and note:
        acks.append(f"note {note}")


def one(
    base: Path, work: Path, rng: random.Random, n: int, sig: signal.Signals, command: Callable
) -> str:
    """One schedule ending in ``sig``; returns the step the kill followed. Raises
    RuntimeError when the desk process failed, AssertionError when a check did."""
    copy_db(base, work)
    for leftover in ("work", "backups"):
        shutil.rmtree(work.parent / leftover, ignore_errors=True)
    steps = schedule(rng)
    # after this many reports; late kills more often, when more writes wait to be lost
    kill_at = max(rng.randint(1, len(steps) + 1) for _ in range(2))
    pid, report, go = fork_desk(work, steps, n)
    lines, acks, alongside, where = Lines(report), [], [], "end"
    try:
        for seen in range(1, len(steps) + 2):
            line = lines.next()
            if line is None or line.startswith("error"):
                raise RuntimeError(f"the desk process failed: {line}")
            kind, _, tag = line.partition(" ")
            if kind in ("note", "mail"):
                acks.append(line)
            elif kind in ("cli", "cli&"):
                note = f"cli note {tag}" if rng.random() < 0.7 else None
                args = ["ticket", "note", REF, note] if note else ["ticket", "list"]
                process = command(args)
                if kind == "cli":
                    _reap(process, acks, note)
                    os.write(go, b"g")
                else:
                    alongside.append((process, note))
            if seen == kill_at:
                where = steps[seen - 1] if seen <= len(steps) else "end"
                time.sleep(rng.uniform(0, 0.01))
                break
        os.kill(pid, sig)
        for process, note in alongside:
            if rng.random() < 0.3:
                process.kill()
            _reap(process, acks, note)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(report)
        os.close(go)
        for process, _ in alongside:
            if process.poll() is None:
                process.kill()
                process.wait()
    try:
        check(work, acks)
    except AssertionError as exc:
        raise AssertionError(f"{sig.name} after {where} in {' > '.join(steps)}: {exc}") from None
    return where


def run(kills: int, seed: int, folder: Path, command_factory: Callable, outcome) -> None:
    """``kills`` schedules, each ending in a kill of the desk process; fills ``outcome``."""
    folder.mkdir(parents=True, exist_ok=True)
    base = folder / "base" / "hourdesk.db"
    base.parent.mkdir()
    tui.prepare(base)
    work = folder / "run" / "hourdesk.db"
    work.parent.mkdir()
    command = command_factory(work)
    rng = random.Random(seed)
    signals: Counter = Counter()
    for n in range(kills):
        sig = rng.choice((signal.SIGKILL, signal.SIGHUP))
        try:
            where = one(base, work, rng, n, sig, command)
        except RuntimeError as exc:
            outcome.failures.append(f"schedule {n}: {exc}")
            continue
        except AssertionError as exc:
            kept = folder / f"failure-{n}"
            kept.mkdir()
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{work}{suffix}").exists():
                    shutil.copyfile(f"{work}{suffix}", kept / f"hourdesk.db{suffix}")
            outcome.failures.append(f"schedule {n}: {exc} ({kept})")
        else:
            outcome.landed[f"{sig.name} after {where}"] += 1
        outcome.kills += 1
        signals[sig.name] += 1
        if (n + 1) % 25 == 0 or n + 1 == kills:
            print(
                f"  shared: {n + 1}/{kills} schedules, {len(outcome.failures)} failures "
                f"({', '.join(f'{k} {v}' for k, v in sorted(signals.items()))})",
                flush=True,
            )
