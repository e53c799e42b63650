"""hourdesk's bulk paths, measured as whole processes: the first command of the day (and its
daily backup, made beside it), ``export csv``/``export json``, ``ticket list --json``,
``check`` and ``check --full``, intake of a Maildir, and the import time of the start.

    uv run python tests/perf/bench_bulk.py --db tests/perf/out/scale.db
    uv run python tests/perf/bench_bulk.py --db small.db --grow 20   # ~100k tickets, ~400k entries

Each row gives wall time, CPU time (user + system) and peak memory (max RSS) of the child
process (``os.wait4``), the median of ``--runs`` runs, beside a floor measured in the same run:
the venv's interpreter running ``import sqlite3``. ``--grow N`` first copies the database and
multiplies its tickets, their thread and their finished time (shifted so nothing overlaps)
N times, with plain SQL: a large database in a minute where ``scale.py`` takes an hour here.
Everything works on copies under ``--work`` (default ``tests/perf/out/bulk``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOURDESK = ROOT / ".venv" / "bin" / "hourdesk"
PYTHON = ROOT / ".venv" / "bin" / "python"


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MiB of one child process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode()
    child.stderr.close()
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}: {error[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name: str, argv: list[str], env, runs: int, floor: dict | None, rows: list) -> dict:
    samples = [run(argv, env) for _ in range(runs)]
    row = {
        "name": name,
        "wall_s": statistics.median(s[0] for s in samples),
        "cpu_s": statistics.median(s[1] for s in samples),
        "peak_mib": max(s[2] for s in samples),
        "runs": runs,
    }
    if floor:
        row["wall_x_floor"] = row["wall_s"] / floor["wall_s"]
    rows.append(row)
    ratio = f"  ({row['wall_x_floor']:.0f}x floor)" if floor else ""
    print(
        f"{name:<44} wall {row['wall_s']:7.3f} s  cpu {row['cpu_s']:7.3f} s  "
        f"peak {row['peak_mib']:6.1f} MiB{ratio}",
        flush=True,
    )
    return row


# --- a large database from a small one -------------------------------------------------------


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def grow(source: Path, dest: Path, factor: int) -> Path:
    """A copy of ``source`` with its tickets, thread entries and finished time ``factor``
    times over (triggers off while it is written, back on after)."""
    if dest.exists():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    tmp = dest.with_suffix(".growing")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    out = sqlite3.connect(tmp, isolation_level=None)
    src.backup(out)
    src.close()
    triggers = out.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    out.execute("BEGIN")
    for name, _ in triggers:
        out.execute(f"DROP TRIGGER {name}")
    ids = {
        t: out.execute(f"SELECT max(id) FROM {t}").fetchone()[0]
        for t in ("tickets", "entries", "time_entries")
    }
    (numbers,) = out.execute("SELECT max(number) FROM tickets").fetchone()
    (span,) = out.execute(
        "SELECT max(coalesce(end_at, start_at)) - min(start_at) + 1 FROM time_entries"
    ).fetchone()
    ticket = f"ticket_id + {{k}} * {ids['tickets']}"
    for k in range(1, factor):
        for table, shifted, where in (
            (
                "tickets",
                {"id": f"id + {{k}} * {ids['tickets']}", "number": f"number + {{k}} * {numbers}"},
                "1",
            ),
            (
                "entries",
                {"id": f"id + {{k}} * {ids['entries']}", "ticket_id": ticket, "message_id": "NULL"},
                "1",
            ),
            (
                "time_entries",
                {
                    "id": f"id + {{k}} * {ids['time_entries']}",
                    "ticket_id": ticket,
                    "start_at": f"start_at - {{k}} * {span}",
                    "end_at": f"end_at - {{k}} * {span}",
                    "invoice_id": "NULL",
                },
                "end_at IS NOT NULL",
            ),
        ):
            names = _columns(out, table)
            picked = ", ".join(shifted.get(n, n).replace("{k}", str(k)) for n in names)
            out.execute(
                f"INSERT INTO {table} ({', '.join(names)}) SELECT {picked} FROM {table}"
                f" WHERE {where} AND id <= {ids[table]}"
            )
    for _, sql in triggers:
        out.execute(sql)
    out.execute("COMMIT")
    out.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    out.close()
    os.replace(tmp, dest)
    size = dest.stat().st_size / 2**20
    print(
        f"(grew {source.name} x{factor} into {dest} in {time.perf_counter() - began:.0f} s,"
        f" {size:.0f} MiB)"
    )
    return dest


# --- the rows --------------------------------------------------------------------------------


def backing_up(db: Path) -> bool:
    for pid in os.listdir("/proc"):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"hourdesk.app.daily" in args and str(db).encode() in args:
            return True
    return False


def first_start(db: Path, env, floor, rows: list) -> None:
    """The first command of the day returns without waiting for the backup; then the backup
    is timed until its file is there, and a later command of the same day beside it."""
    shutil.rmtree(db.parent / "backups", ignore_errors=True)
    argv = [str(HOURDESK), "--db", str(db), "client", "list", "--json"]
    began = time.perf_counter()
    measure("first command of the day (client list)", argv, env, 1, floor, rows)
    while backing_up(db) or not list((db.parent / "backups").glob("*-daily-*.db")):
        time.sleep(0.05)
        if time.perf_counter() - began > 600:
            raise SystemExit("the daily backup did not end")
    took = time.perf_counter() - began
    rows.append({"name": "daily backup, in the background", "wall_s": took})
    print(f"{'daily backup, in the background':<44} done {took:7.3f} s after the start")
    measure("a later command (client list)", argv, env, 3, floor, rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="A database from scale.py.")
    parser.add_argument("--grow", type=int, default=1, help="Multiply it first (see above).")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "tests/perf/out/bulk")
    parser.add_argument("--intake", type=int, default=0, help="Messages to take in (0: none).")
    parser.add_argument("--only", default="start,export,list,check,imports,intake")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    work = args.work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    db = work / "data" / f"bulk-x{args.grow}.db"
    if args.grow > 1:
        grow(args.db.absolute(), db, args.grow)
    elif not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.db, db)
    env = {
        **os.environ,
        "XDG_STATE_HOME": str(work / "state"),
        "XDG_CONFIG_HOME": str(work / "config"),
        "XDG_DATA_HOME": str(work / "share"),
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),  # bytecode, as an installed copy has it
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    site = subprocess.run(
        [str(PYTHON), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    folders = [str(ROOT / name) for name in ("app", "screens", "storage", "exports")]
    subprocess.run([str(PYTHON), "-m", "compileall", "-q", site, *folders], env=env, check=True)
    rows: list[dict] = []
    floor = measure(
        "floor: python -c 'import sqlite3'",
        [str(PYTHON), "-c", "import sqlite3"],
        env,
        5,
        None,
        rows,
    )
    hd = [str(HOURDESK), "--db", str(db)]
    if "start" in only:
        first_start(db, env, floor, rows)
    if "export" in only:
        measure(
            "export csv (all tables)",
            [*hd, "export", "csv", "-o", str(work / "csv")],
            env,
            args.runs,
            floor,
            rows,
        )
        measure(
            "export json",
            [*hd, "export", "json", "-o", str(work / "all.json")],
            env,
            args.runs,
            floor,
            rows,
        )
    if "list" in only:
        measure(
            "ticket list --json", [*hd, "ticket", "list", "--json"], env, args.runs, floor, rows
        )
        measure("ticket list", [*hd, "ticket", "list"], env, args.runs, floor, rows)
    if "check" in only:
        measure("check", [*hd, "check"], env, args.runs, floor, rows)
        measure("check --full", [*hd, "check", "--full"], env, 1, floor, rows)
    if "imports" in only:
        measure("hourdesk --help", [str(HOURDESK), "--help"], env, 5, floor, rows)
        measure(
            "import hourdesk.app.tui (the TUI's modules)",
            [str(PYTHON), "-c", "import hourdesk.app.tui"],
            env,
            5,
            floor,
            rows,
        )
    if "intake" in only and args.intake:
        sys.path[:0] = [str(ROOT / "tests" / "perf"), str(ROOT / "tests")]
        from bench import maildir

        box = maildir(work / f"maildir-{args.intake}", db, args.intake)
        copy = work / "intake.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(db, copy)
        # the first command of the day on the copy backs it up: done here, outside the figure
        warm = [str(HOURDESK), "--db", str(copy), "client", "list", "--json"]
        subprocess.run(warm, env=env, capture_output=True, check=True)
        while backing_up(copy):
            time.sleep(0.05)
        measure(
            f"intake of {args.intake:,} messages",
            [
                str(HOURDESK),
                "--db",
                str(copy),
                "intake",
                str(box),
                "--quarantine",
                str(work / "quarantine"),
            ],
            env,
            1,
            floor,
            rows,
        )
    out = work / "bench-bulk.json"
    out.write_text(json.dumps({"database": str(db), "rows": rows}, indent=2) + "\n")
    print(f"(written to {out})")


if __name__ == "__main__":
    main()
