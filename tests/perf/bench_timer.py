"""Time ``hourdesk status`` and ``hourdesk report`` as whole processes, the way a shell runs them.

    uv run python tests/perf/scale.py                  # once: the 100,000-ticket database
    .venv/bin/python tests/perf/bench_timer.py         # --small, --db PATH, --runs N

Each command runs through the installed script (``.venv/bin/hourdesk``, not ``uv run``, which
adds its own start-up), with a private HOME and no config, twice to warm the caches and then
``--runs`` times (default 15). The table gives the median, min and max wall time and the median
CPU time of the child (steadier on a busy machine); the JSON goes to tests/perf/out/.
Targets (issue 4): status under 40 ms, a report over one year under 150 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent / "out"
TARGETS = {"status": 40.0, "report, one year": 150.0}


def script() -> Path:
    for candidate in (
        ROOT / ".venv" / "bin" / "hourdesk",
        Path(sys.executable).parent / "hourdesk",
    ):
        if candidate.exists():
            return candidate
    sys.exit("The hourdesk script is not installed: run `uv sync` first.")


def cases(hourdesk: Path, db: Path, runs: int) -> list[tuple[str, list[str], int, str | None]]:
    """(name, argv, runs, target key)."""
    today = date.today()
    year = ["--from", (today - timedelta(days=365)).isoformat(), "--to", today.isoformat()]
    python = str(hourdesk.parent / "python")
    click = [python, "-c", "from hourdesk.app.cli.main import main; main()", "--db", str(db)]
    run = [str(hourdesk), "--db", str(db)]
    status, report, year_report = "status", "report", "report, one year"
    by_client, by_day = ["--by", "client"], ["--by", "day", "--json"]
    return [
        ("python -c pass (interpreter floor)", [python, "-c", "pass"], runs, None),
        ("status", [*run, "status"], runs, status),
        ("status --format '{ref} {elapsed}'", [*run, "status", "--format", "{ref} {elapsed}"],
         runs, status),
        ("status --json", [*run, "status", "--json"], runs, status),
        ("report, one year (by ticket)", [*run, report, *year], runs, year_report),
        ("report, one year --by client", [*run, report, *year, *by_client], runs, year_report),
        ("report, one year --by day --json", [*run, report, *year, *by_day], runs, year_report),
        ("report, all time (by ticket)", [*run, report], runs, None),
        ("report, all time --by client", [*run, report, *by_client], runs, None),
        ("report, one year --by client via click (for comparison)",
         [*click, report, *year, *by_client], min(runs, 5), None),
    ]  # fmt: skip


def measure(argv: list[str], runs: int, env: dict[str, str]) -> dict:
    walls, cpus = [], []
    for i in range(runs + 2):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=300)
        wall = time.perf_counter() - began
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
        if i >= 2:  # two warm-up runs
            walls.append(wall * 1000)
            cpus.append(
                (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
            )
    return {
        "runs": runs,
        "median_ms": round(statistics.median(walls), 1),
        "min_ms": round(min(walls), 1),
        "max_ms": round(max(walls), 1),
        "cpu_median_ms": round(statistics.median(cpus), 1),
        "output_lines": done.stdout.count("\n"),
    }


def describe(db: Path) -> dict:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("clients", "tickets", "entries", "time_entries")
        }
        running = conn.execute("SELECT count(*) FROM time_entries WHERE end_at IS NULL").fetchone()
    finally:
        conn.close()
    return {"path": str(db), "megabytes": round(db.stat().st_size / 1e6, 1), **counts,
            "running_timer": bool(running[0])}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--small", action="store_true", help="Use scale-small.db.")
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args(argv)
    db = options.db or OUT / ("scale-small.db" if options.small else "scale.db")
    if not db.exists():
        flag = " --small" if options.small else ""
        sys.exit(f"{db} does not exist: run `uv run python tests/perf/scale.py{flag}` first.")
    hourdesk = script()
    facts = describe(db)
    if not facts["running_timer"]:
        print("Note: no timer runs in this database; status is measured on its idle path.")

    home = Path(tempfile.mkdtemp(prefix="bench-home-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HOURDESK_", "PYTHON"))}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env |= {"XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache")}

    load_before = os.getloadavg()
    results = []
    print(f"{facts['tickets']:,} tickets, {facts['time_entries']:,} time entries, "
          f"{facts['megabytes']} MB; {options.runs} runs each (after 2 warm-ups)\n")  # fmt: skip
    header = f"{'command':<58} {'median':>8} {'min':>8} {'max':>8} {'cpu':>8}  target"
    print(header)
    print("-" * len(header))
    for name, args, runs, target in cases(hourdesk, db, options.runs):
        figures = measure(args, runs, env)
        limit = TARGETS.get(target) if target else None
        verdict = ""
        if limit is not None:
            verdict = f"< {limit:.0f} ms " + ("ok" if figures["median_ms"] < limit else "MISSED")
        results.append({"command": name, "argv": args, "target_ms": limit, **figures})
        print(
            f"{name:<58} {figures['median_ms']:>6.1f}ms {figures['min_ms']:>6.1f}ms "
            f"{figures['max_ms']:>6.1f}ms {figures['cpu_median_ms']:>6.1f}ms  {verdict}",
            flush=True,
        )
    document = {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "script": str(hourdesk),
        "database": facts,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_before": [round(x, 2) for x in load_before],
            "loadavg_after": [round(x, 2) for x in os.getloadavg()],
            "sqlite": sqlite3.sqlite_version,
        },
        "results": results,
    }
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = OUT / f"bench_timer-{'small' if options.small else db.stem}-{stamp}.json"
    out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"\nWritten {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    missed = [r["command"] for r in results if r["target_ms"] and r["median_ms"] >= r["target_ms"]]
    if missed:
        print("Missed: " + "; ".join(missed))


if __name__ == "__main__":
    main()
