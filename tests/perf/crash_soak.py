"""The long crash run: thousands of SIGKILLs in the middle of hourdesk's critical operations.

    uv run python tests/perf/crash_soak.py                 # 1,000 kills per scenario, 300 CLI
    uv run python tests/perf/crash_soak.py --kills 5000 --cli-kills 1000 --seed 7
    uv run python tests/perf/crash_soak.py --family shared --kills 200

Three kinds of runs (``--family single`` runs the first two, ``shared`` the third):

- The scenarios of ``tests/unit/test_crash.py`` (timer start/switch/stop, a client message,
  issuing invoices, payments, resolving; a migration from schema 1; intake of a batch of
  mail), each in a forked child killed at a random moment inside a random operation.
- The ``hourdesk`` command itself (``start``, ``stop``, ``ticket note``, ``invoice new``,
  ``pay``, ``resolve``), each started as its own process and killed at a random moment,
  half of the time in its last milliseconds, when it writes.
- ``shared`` (tests/perf/soak_shared.py): several processes and several connections in one:
  a desk process with an intake worker connection, a second desk and backups on the same
  file, ``hourdesk`` commands between and alongside its writes, and SIGKILL or SIGHUP at a
  random point. Every acknowledged write must be in the database afterwards.

After every kill the database must pass ``PRAGMA integrity_check`` and every check of
``hourdesk check``, and hold the state before or after an operation, never one between.
Prints the kills, the failures and where the kills landed; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))
sys.path.insert(0, str(ROOT / "tests" / "perf"))

import soak_shared  # noqa: E402
import test_crash as harness  # noqa: E402

HOURDESK = Path(sys.executable).parent / "hourdesk"
T0 = "2026-03-02T09:00:00Z"
CONFIG = (
    '[business]\nname = "Rivera IT Consulting"\naddress = "118 Harbor View Road"\n'
    '[payment]\nbank_details = "Example Bank, IBAN XX00 0000 0000 0000"\n'
)

# (HOURDESK_NOW, arguments): one hourdesk command per step, on the work scenario's database
COMMANDS = [
    ("2026-03-02T09:00:00Z", ["start", "HD-0001", "--note", "on site"]),
    ("2026-03-02T09:25:00Z", ["start", "HD-0002"]),
    ("2026-03-02T09:35:00Z", ["stop", "--note", "waiting for the client"]),
    ("2026-03-02T09:36:00Z", ["ticket", "note", "HD-0001", "The printer works again."]),
    ("2026-03-02T09:37:00Z", ["invoice", "new", "Harbor Dental Clinic"]),
    ("2026-03-02T09:38:00Z", ["pay", "2026-0001", "--amount", "100.00", "--method", "bank"]),
    ("2026-03-02T09:40:00Z", ["start", "HD-0001", "--category", "verification"]),
    ("2026-03-02T10:10:00Z", ["resolve", "HD-0001", "--summary", "Replaced the fuser."]),
]


def forked(name: str, kills: int, seed: int, folder: Path) -> harness.Outcome:
    scenario = harness.SCENARIOS[name]
    started = time.monotonic()

    shown = set()

    def progress(done: int, outcome: harness.Outcome) -> None:
        if done and (done % 250 == 0 or done == kills) and done not in shown:
            shown.add(done)
            rate = done / (time.monotonic() - started)
            print(
                f"  {name}: {done}/{kills} kills, {len(outcome.failures)} failures ({rate:.0f}/s)",
                flush=True,
            )

    return harness.crash(scenario, folder, kills, seed, progress=progress)


# --- killing the real command -------------------------------------------------------------


def _env(home: Path, now: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOURDESK_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        PYTHONPYCACHEPREFIX=str(home / "pycache"),
        HOURDESK_NOW=now,
        TZ="UTC",
    )
    return env


def _snapshot(db: Path, dest: Path) -> None:
    """A self-contained copy of a closed database (its WAL folded in)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    harness.copy_db(db, dest)


def by_cli(kills: int, seed: int, folder: Path) -> harness.Outcome:
    home = folder / "home"
    (home / "config" / "hourdesk").mkdir(parents=True)
    (home / "config" / "hourdesk" / "config.toml").write_text(CONFIG)
    work = folder / "run" / "hourdesk.db"
    work.parent.mkdir(parents=True)
    harness.prepare_work(work)
    starts, states, seconds = [], [harness.state(work)], []
    for n, (now, args) in enumerate(COMMANDS):
        start = folder / f"step-{n}" / "hourdesk.db"
        start.parent.mkdir()
        _snapshot(work, start)
        starts.append(start)
        began = time.monotonic()
        done = subprocess.run(
            [str(HOURDESK), "--db", str(work), *args],
            env=_env(home, now),
            capture_output=True,
            text=True,
        )
        seconds.append(time.monotonic() - began)
        if done.returncode != 0:
            raise SystemExit(f"hourdesk {' '.join(args)} failed: {done.stderr}")
        states.append(harness.state(work))
    rng = random.Random(seed)
    outcome = harness.Outcome()
    for k in range(kills):
        step = rng.randrange(len(COMMANDS))
        now, args = COMMANDS[step]
        harness.copy_db(starts[step], work)
        took = seconds[step]
        delay = rng.uniform(0, took) if rng.random() < 0.5 else took - rng.uniform(-0.005, 0.04)
        child = subprocess.Popen(
            [str(HOURDESK), "--db", str(work), *args],
            env=_env(home, now),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(max(0.0, delay))
        child.send_signal(signal.SIGKILL)
        _, err = child.communicate()
        if child.returncode == -signal.SIGKILL:
            outcome.kills += 1
        elif child.returncode == 0:
            outcome.finished += 1
        else:
            outcome.failures.append(f"{' '.join(args)}: exit {child.returncode}: {err[-300:]}")
            continue
        try:
            assert harness.integrity(work) == ["ok"], "integrity_check"
            now_state = harness.state(work)
            assert now_state in (states[step], states[step + 1]), "a state between two commands"
            bad = soak_shared.rule_problems(work)
            assert not bad, f"hourdesk check: {bad}"
            outcome.landed[
                f"{args[0]} {'done' if now_state == states[step + 1] else 'absent'}"
            ] += 1
        except AssertionError as exc:
            kept = folder / f"failure-{k}.db"
            shutil.copyfile(work, kept)
            outcome.failures.append(f"{' '.join(args)} after {delay * 1000:.0f} ms: {exc}")
        if (k + 1) % 100 == 0 or k + 1 == kills:
            print(f"  cli: {k + 1}/{kills} runs, {len(outcome.failures)} failures", flush=True)
    return outcome


def shared(kills: int, seed: int, folder: Path) -> harness.Outcome:
    home = folder / "home"
    (home / "config" / "hourdesk").mkdir(parents=True)
    (home / "config" / "hourdesk" / "config.toml").write_text(CONFIG)

    def commands(work: Path):
        def command(args: list[str]) -> subprocess.Popen:
            return subprocess.Popen(
                [str(HOURDESK), "--db", str(work), *args],
                env=_env(home, T0),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

        return command

    outcome = harness.Outcome()
    soak_shared.run(kills, seed, folder, commands, outcome)
    return outcome


FAMILIES = {"single": ["work", "migration", "intake", "cli"], "shared": ["shared"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kills", type=int, default=1000, help="kills per forked scenario, and shared schedules"
    )
    parser.add_argument("--cli-kills", type=int, default=300, help="runs of the hourdesk command")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--family", choices=[*FAMILIES, "all"], default="all", help="which kind of runs"
    )
    parser.add_argument("--only", nargs="*", help="which runs (work migration intake cli shared)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    options = parser.parse_args()
    if options.only is None:
        families = FAMILIES if options.family == "all" else {options.family: ()}
        options.only = [name for family in families for name in FAMILIES[family]]
    folder = Path(tempfile.mkdtemp(prefix="hourdesk-soak-"))
    results: dict[str, harness.Outcome] = {}
    started = time.monotonic()
    try:
        for name in options.only:
            if name == "intake" and not harness.intake_available():
                print("intake: skipped (app/desk/intake.py is not there)")
                continue
            print(f"{name}:", flush=True)
            if name == "cli":
                results[name] = by_cli(options.cli_kills, options.seed, folder / name)
            elif name == "shared":
                results[name] = shared(options.kills, options.seed, folder / name)
            else:
                results[name] = forked(name, options.kills, options.seed, folder / name)
    finally:
        if not options.keep and not any(r.failures for r in results.values()):
            shutil.rmtree(folder, ignore_errors=True)
    print()
    total = Counter()
    for name, outcome in results.items():
        runs = outcome.kills + outcome.finished + len(outcome.failures)
        total.update(runs=runs, kills=outcome.kills, failures=len(outcome.failures))
        print(
            f"{name:<10} runs {runs:>6}  kills {outcome.kills:>6}  finished first "
            f"{outcome.finished:>5}  failures {len(outcome.failures)}"
        )
        landed = ", ".join(f"{k} {v}" for k, v in sorted(outcome.landed.items()))
        print(f"{'':<10} left the database at: {landed}")
        for failure in outcome.failures[:10]:
            print(f"{'':<10} FAIL {failure}")
    minutes = (time.monotonic() - started) / 60
    print(
        f"\ntotal: {total['runs']} runs, {total['kills']} kills, {total['failures']} failures "
        f"({minutes:.1f} min)"
    )
    if any(r.failures for r in results.values()):
        print(f"failing databases kept in {folder}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
