"""Watson and Timewarrior beside hourdesk, on the same time entries (``bench.py --peers``).

Watson (``td-watson`` from PyPI) goes into a temporary venv made with ``uv venv``; Timewarrior
is the Debian package ``timewarrior`` (installed with apt-get when ``timew`` is missing). The
most recent ``ENTRIES`` time entries of the database (all of them when it has fewer) are
written into their own formats: Watson's ``frames`` and ``state`` JSON files in a temporary
WATSON_DIR (project: the client, tags: the ref and the category), Timewarrior's monthly
``data/YYYY-MM.data`` files in a temporary TIMEWARRIORDB (tags: the client, the ref, the
category). The running timer runs in all three.

Then, in one run, the three tools answer in turn, the order rotating each round: the running
timer (``hourdesk status``, ``watson status``, ``timew``), and a report over the last year
(``hourdesk report --from --to``, ``watson report --from --to``, ``timew summary FROM - TO``).
The ratio hourdesk/peer of the medians is printed; below 1, hourdesk is faster.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ENTRIES = 100_000


def _run(
    argv: list[str], env: dict | None = None, check: bool = True
) -> subprocess.CompletedProcess:
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=900)
    if check and done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr[-1500:]}")
    return done


def install_watson(folder: Path) -> Path:
    """td-watson in a venv of its own (``uv venv`` + ``uv pip install``)."""
    venv = folder / "watson-venv"
    uv = shutil.which("uv") or "uv"
    _run([uv, "venv", "--quiet", str(venv)])
    _run([uv, "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"), "td-watson"])
    return venv / "bin" / "watson"


def install_timewarrior() -> Path:
    """``timew`` from Debian's timewarrior package."""
    found = shutil.which("timew")
    if found:
        return Path(found)
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    if _run(["apt-get", "install", "-y", "-q", "timewarrior"], env, check=False).returncode:
        _run(["apt-get", "update", "-q"], env)
        _run(["apt-get", "install", "-y", "-q", "timewarrior"], env)
    return Path(shutil.which("timew") or "/usr/bin/timew")


def entries(db: Path, limit: int) -> tuple[list[tuple], tuple | None]:
    """(start, end, category, ref, client) of the newest finished entries, oldest first, and
    the running one."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        sql = (
            "SELECT e.start_at, e.end_at, e.category, printf('HD-%04d', t.number), c.name"
            " FROM time_entries e JOIN tickets t ON t.id = e.ticket_id"
            " JOIN clients c ON c.id = t.client_id WHERE e.end_at IS {} NULL"
            " ORDER BY e.start_at DESC LIMIT ?"
        )
        done = conn.execute(sql.format("NOT"), [limit]).fetchall()
        running = conn.execute(sql.format(""), [1]).fetchone()
    finally:
        conn.close()
    return done[::-1], running


def write_watson(folder: Path, done: list[tuple], running: tuple | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frames = [
        [start, end, client, uuid.UUID(int=n + 1).hex, [ref, category], end]
        for n, (start, end, category, ref, client) in enumerate(done)
    ]
    (folder / "frames").write_text(json.dumps(frames), encoding="utf-8")
    state = {}
    if running:
        start, _, category, ref, client = running
        state = {"project": client, "start": start, "tags": [ref, category]}
    (folder / "state").write_text(json.dumps(state), encoding="utf-8")
    return folder


def _tw_time(instant: int) -> str:
    return datetime.fromtimestamp(instant, UTC).strftime("%Y%m%dT%H%M%SZ")


def _tw_tags(*tags: str) -> str:
    return " ".join(f'"{t}"' if (" " in t or '"' in t) else t for t in tags)


def write_timewarrior(folder: Path, done: list[tuple], running: tuple | None) -> Path:
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (folder / "timewarrior.cfg").write_text("confirmation = off\n")
    months: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    rows = [(s, e, cat, ref, client) for s, e, cat, ref, client in done]
    if running:
        rows.append(running)
    for start, end, category, ref, client in rows:
        month = datetime.fromtimestamp(start, UTC).strftime("%Y-%m")
        span = _tw_time(start) + (f" - {_tw_time(end)}" if end else "")
        months.setdefault(month, []).append(f"inc {span} # {_tw_tags(client, ref, category)}")
        for tag in (client, ref, category):
            counts[tag] = counts.get(tag, 0) + 1
    for month, lines in months.items():
        (data / f"{month}.data").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tags = {tag: {"count": n} for tag, n in counts.items()}
    (data / "tags.data").write_text(json.dumps(tags), encoding="utf-8")
    return folder


def run(results, hourdesk: Path, db: Path, env: dict, runs: int, limit: int = ENTRIES) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-peers-"))
    try:
        began = time.perf_counter()
        watson = install_watson(folder)
        timew = install_timewarrior()
        version = _run([str(timew), "--version"]).stdout.strip()
        done, running = entries(db, limit)
        watson_dir = write_watson(folder / "watson", done, running)
        timew_dir = write_timewarrior(folder / "timew", done, running)
        print(
            f"  ({len(done):,} entries and the running timer written for Watson and "
            f"Timewarrior {version} in {time.perf_counter() - began:.1f} s, installs included)"
        )
        today = date.today()
        first = today - timedelta(days=365)
        peer_env = env | {"WATSON_DIR": str(watson_dir), "TIMEWARRIORDB": str(timew_dir)}
        commands = {
            "status": {
                "hourdesk": [str(hourdesk), "--db", str(db), "status"],
                "watson": [str(watson), "status"],
                "timewarrior": [str(timew)],
            },
            "report": {
                "hourdesk": [str(hourdesk), "--db", str(db), "report", "--from",
                             first.isoformat(), "--to", today.isoformat()],
                "watson": [str(watson), "report", "--from", first.isoformat(), "--to",
                           today.isoformat()],
                "timewarrior": [str(timew), "summary", first.isoformat(), "-",
                                (today + timedelta(days=1)).isoformat()],
            },
        }  # fmt: skip
        tools = ["hourdesk", "watson", "timewarrior"]
        times: dict[str, dict[str, list[float]]] = {k: {t: [] for t in tools} for k in commands}
        lines: dict[str, dict[str, int]] = {k: {} for k in commands}
        for round_ in range(runs + 1):  # the first round warms the caches
            order = tools[round_ % 3 :] + tools[: round_ % 3]
            for what, argvs in commands.items():
                for tool in order:
                    start = time.perf_counter()
                    out = _run(argvs[tool], peer_env, check=tool != "timewarrior")
                    took = (time.perf_counter() - start) * 1000
                    if out.returncode != 0:
                        raise SystemExit(f"{tool} {what} exited {out.returncode}: {out.stderr}")
                    if round_:
                        times[what][tool].append(took)
                    lines[what][tool] = out.stdout.count("\n")
        summary = {}
        for what in commands:
            medians = {t: statistics.median(times[what][t]) for t in tools}
            for tool in tools:
                results.add("peers", f"{what}: {tool}", times[what][tool],
                            output_lines=lines[what][tool])  # fmt: skip
            for peer in ("watson", "timewarrior"):
                ratio = medians["hourdesk"] / medians[peer]
                summary[f"{what} hourdesk/{peer}"] = round(ratio, 3)
                print(f"  {what}: hourdesk/{peer} = {ratio:.2f}")
        return {
            "entries": len(done),
            "range": [first.isoformat(), today.isoformat()],
            "timewarrior": version,
            "commands": commands,
            "ratios": summary,
            "medians_ms": {
                w: {t: round(statistics.median(v), 1) for t, v in times[w].items()} for w in times
            },
        }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
