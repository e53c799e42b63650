"""How each interactive cost grows with the desk: the same paths on 100,000, 500,000 and
1,000,000 time entries (``bench.py --growth``).

The 100,000- and 1,000,000-entry databases (``scale.py``'s medium and huge sizes: two and
twenty years of work) are built once and cached under ``/tmp/hourdesk-bench/`` (the huge one
takes about six minutes and 1 GB); the 500,000-entry one is the benchmark's large database.
Each path is timed in-process as the app meets it: the first page on a fresh inbox, later
pages on the one the app keeps, a search as its last key (the text one character shorter was
found before); median of ``runs``, CPU beside wall; except ``status``, ``report`` and the
TUI's cold start, which are whole processes. After each path: its CPU on the largest database
over the smallest, and how it should grow (O(1), O(log n), or in what it shows or finds).
"""

from __future__ import annotations

import shutil
import statistics
import time
from functools import partial
from pathlib import Path

GROWTH_CACHE = Path("/tmp/hourdesk-bench")
SIZES = {"medium": "100k", "large": "500k", "huge": "1M"}

# (name, how it should grow); the order of the table
PATHS = [
    ("inbox: first page of open tickets", "O(log n) per row"),
    ("inbox: next page by the key (page 2)", "O(log n) per row"),
    ("inbox: last page of all tickets (by the key)", "O(log n) per row"),
    ("search a ref (4242): first page", "O(log n)"),
    ("search a word (printer): first page", "O(hits)"),
    ("search a rare word (harbor): first page", "O(hits)"),
    ("open the busiest thread: newest 50 entries", "O(log n) per row"),
    ("the running timer", "O(log n)"),
    ("hourdesk status (whole process)", "O(log n)"),
    ("hourdesk report, one year (whole process)", "O(entries in the year)"),
    ("TUI cold start to rows on screen (whole process)", "O(log n) per row"),
]


def database(size: str, large: Path) -> Path:
    """The cached database of that size, built on first use."""
    if size == "large":
        return large
    path = GROWTH_CACHE / f"scale-{size}.db"
    if not path.exists():
        import scale

        print(f"Generating the {size} database (once; cached at {path}) …", flush=True)
        result = scale.generate(path, size, 2000, 42)
        print(f"  done in {result['total_seconds']} s: {result['rows']}", flush=True)
    return path


def _timed(make, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``make()()`` (the setup outside the clock)."""
    walls, cpus = [], []
    for _ in range(runs + 1):
        work = make()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls[1:], cpus[1:]


def in_process(db: Path, runs: int) -> dict[str, tuple[list[float], list[float]]]:
    from hourdesk.app.desk.facade import build_desk
    from hourdesk.app.desk.inbox import Finder, Inbox, InboxQuery
    from hourdesk.storage.vault import MemoryVault

    desk = build_desk(db, vault=MemoryVault())
    out = {}
    try:
        first = InboxQuery()

        def fresh() -> Inbox:  # as the desk builds it, with nothing remembered yet
            return Inbox(
                desk.ctx,
                estimates=desk.estimates,
                payments=desk.payments,
                tickets=desk.tickets,
                timer=desk.timer,
            )

        out[PATHS[0][0]] = _timed(lambda: partial(fresh().page, first), runs)
        inbox = desk.inbox  # the app's, kept from page to page
        page1 = inbox.page(first)
        second = page1.query.following(page1)
        out[PATHS[1][0]] = _timed(lambda: partial(inbox.page, second), runs)
        everything = InboxQuery(status="all")
        (total,) = desk.db.execute("SELECT count(*) FROM tickets").fetchone()
        limit = everything.limit
        before_last = inbox.page(everything.page((total - 1) // limit * limit - limit))
        last = before_last.query.following(before_last)
        out[PATHS[2][0]] = _timed(lambda: partial(inbox.page, last), runs)
        finder = Finder(desk.db.conn)  # the search worker's, kept from key to key
        for name, text in ((PATHS[3][0], "4242"), (PATHS[4][0], "printer"),
                           (PATHS[5][0], "harbor")):  # fmt: skip

            def typed(text=text):
                finder.find(InboxQuery(text=text[:-1]))  # before the last key: matched anew
                return partial(finder.find, InboxQuery(text=text))

            out[name] = _timed(typed, runs)
        (busiest,) = desk.db.execute(
            "SELECT ticket_id FROM entries GROUP BY ticket_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
        out[PATHS[6][0]] = _timed(
            lambda: lambda: desk.tickets.thread_before(busiest, None, 50), runs
        )
        out[PATHS[7][0]] = _timed(lambda: desk.timer.running, runs)
    finally:
        desk.close()
    return out


def _process(argv: list[str], runs: int, env: dict) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each run of a command, after one to warm up."""
    import bench

    walls, cpus = zip(*(bench.process_once(argv, env) for _ in range(runs + 1)), strict=True)
    return list(walls[1:]), list(cpus[1:])


def whole_processes(db: Path, hourdesk: Path, env: dict, runs: int, facts: dict) -> dict:
    import bench
    import bench_timer

    out = {}
    wanted = {"status": PATHS[8][0], "report, one year (by ticket)": PATHS[9][0]}
    for name, argv, _, _ in bench_timer.cases(hourdesk, db, runs):
        if name in wanted:
            out[wanted[name]] = _process(argv, runs, env)
    argv = [str(hourdesk), "--db", str(db)]
    starts = [bench.tui_once(argv, facts["first_refs"][0], env) for _ in range(runs + 1)][1:]
    out[PATHS[10][0]] = (
        [s["seconds"] * 1000 for s in starts],
        [s["cpu_seconds"] * 1000 for s in starts if s["cpu_seconds"] is not None],
    )
    return out


def run(results, large: Path, hourdesk: Path, env: dict, runs: int) -> None:
    """Measure every path on every size; one row per path and size, then the growth."""
    import bench

    found: dict[str, dict] = {}
    for size, label in SIZES.items():
        db = database(size, large)
        facts = bench.prepare(db)
        print(f"  {label}: {facts['tickets']:,} tickets, {facts['time_entries']:,} time entries, "
              f"{facts['megabytes']} MB", flush=True)  # fmt: skip
        found[size] = in_process(db, max(runs, 5)) | whole_processes(db, hourdesk, env, runs, facts)
        shutil.rmtree(db.parent / "backups", ignore_errors=True)  # the TUI's daily backups
    smallest, largest = next(iter(SIZES)), list(SIZES)[-1]
    for name, expected in PATHS:
        medians = {}
        for size, label in SIZES.items():
            walls, cpus = found[size][name]
            medians[size] = statistics.median(cpus) if cpus else statistics.median(walls)
            results.add("growth", f"{name} [{label}]", walls, cpu=cpus)
        grew = medians[largest] / medians[smallest] if medians[smallest] else float("nan")
        results.rows[-1] |= {"growth_cpu": round(grew, 2), "expected": expected}
        print(f"{'':<4}CPU {SIZES[largest]} / {SIZES[smallest]}: {grew:.2f}x; expected {expected}")
