"""The screens a consultant waits on, measured in the real app (Pilot) with CPU time beside
wall time: a long thread opening (1,000 and 5,000 entries) and its memory, the idle cost with
it open, an entry written by another process appearing, a burst of typing to the final table,
the timer key to the bar repainted, and the first page against the last.

    uv run python tests/perf/bench.py --quick --only views
    uv run python tests/perf/bench_views.py --places DB   # only the place switches, on a copy
    uv run python tests/perf/bench_views.py --bursts DB   # only the bursts of typing, on a copy

Runs on a copy of the benchmark database with two long-threaded tickets added to it.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

THREADS = (1_000, 5_000)
PLACE_ROWS = tuple(
    f"{name}{screen}"
    for name in ("switch (first)", "switch")
    for screen in ("", " InvoicesScreen", " ReceivablesScreen", " InboxScreen")
)
BURSTS = ["vendor", "printer", "harbor", "backup"]
SIZE = (160, 50)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def add_long_threads(desk) -> dict[int, str]:
    """A ticket per size in ``THREADS`` whose thread holds that many entries."""
    from hourdesk.storage.db import transaction

    client = desk.clients.list()[0]
    refs = {}
    at = int(desk.clock.now().timestamp())
    for size in THREADS:
        ticket = desk.tickets.new(client_id=client.id, subject=f"Long thread ({size:,})")
        bodies = [
            f"Entry {n}: " + "The backup job ran again and the vendor replied. " * (1 + n % 6)
            for n in range(size)
        ]
        with transaction(desk.db):
            desk.db.conn.executemany(
                "INSERT INTO entries (ticket_id, kind, author, body, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (ticket.id, *(("message", "client"), ("note", "consultant"))[n % 2], b, at)
                    for n, b in enumerate(bodies)
                ],
            )
        refs[size] = ticket.ref
    return refs


class Timer:
    """Wall and CPU milliseconds of a stretch of the run."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = (time.process_time() - self.cpu) * 1000

    def into(self, out: dict[str, list], name: str) -> None:
        """Keep this stretch's wall and CPU time in ``out`` under ``name``."""
        out.setdefault(name, []).append(self.wall)
        out.setdefault(f"{name} cpu", []).append(self.cpu)


async def until(check, timeout: float = 30.0, step: float = 0.001) -> float:
    """Wait for ``check``; returns when it was last seen false (the paint that shows the
    change comes after that)."""
    deadline = time.perf_counter() + timeout
    unseen = time.perf_counter()
    while not check():
        if unseen > deadline:
            raise TimeoutError("the condition never held")
        await asyncio.sleep(step)
        unseen = time.perf_counter()
    return unseen


async def session(db: Path, runs: int) -> dict[str, list]:
    from textual.widgets import DataTable

    from hourdesk.app.desk.facade import build_desk
    from hourdesk.app.desk.inbox import InboxQuery
    from hourdesk.app.tui import HourdeskApp
    from hourdesk.screens.inbox import InboxScreen
    from hourdesk.screens.ticket import TicketScreen
    from hourdesk.screens.widgets.thread_view import ThreadView
    from hourdesk.screens.widgets.timer_bar import TimerBar
    from hourdesk.storage.vault import MemoryVault

    desk = build_desk(db, vault=MemoryVault())
    refs = add_long_threads(desk)
    app = HourdeskApp(desk)
    out: dict[str, list] = {}

    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        inbox = app.screen
        painted: list[float] = []  # screen refreshes that showed what was waited for
        goal = [lambda: False]

        def watch_paints(screen) -> None:
            refresh = screen._compositor_refresh

            def refreshed() -> None:
                refresh()
                if goal[0]():
                    painted.append(time.perf_counter())

            screen._compositor_refresh = refreshed

        async def shown(check, *keys: str) -> float:
            """Press ``keys``; wait for the first screen refresh after which ``check`` holds,
            and return its time."""
            painted.clear()
            goal[0] = check
            await pilot.press(*keys)
            await until(lambda: painted, 10)
            goal[0] = lambda: False
            return painted[0]

        watch_paints(inbox)
        # a long thread: open it, to its newest entries painted; the memory it took
        for size, ref in refs.items():
            for _ in range(runs):
                gc.collect()
                before = rss_mb()
                with Timer() as timer:
                    screen = TicketScreen(ref)
                    watch_paints(screen)
                    app.push_screen(screen)
                    await until(lambda s=screen: s.is_mounted and s.query(ThreadView))
                    view = screen.query_one(ThreadView)
                    await shown(lambda v=view: v.lines and v.scroll_y == v.max_scroll_y > 0)
                timer.into(out, f"thread {size}")
                out.setdefault(f"thread {size} memory", []).append(rss_mb() - before)
                out.setdefault(f"thread {size} widgets", []).append(
                    len(list(screen.walk_children(with_self=True)))
                )
                if size == THREADS[-1] and _ == runs - 1:
                    break
                app.pop_screen()
                await pilot.pause()
        # idle with the longest thread open: CPU per second of wall time
        await pilot.pause(1.0)
        for _ in range(runs):
            with Timer() as timer:
                await asyncio.sleep(3.0)
            out.setdefault("idle cpu per s", []).append(timer.cpu / (timer.wall / 1000))
        # another process writes: the new entry appended (the app looks once a second)
        view = app.screen.query_one(ThreadView)
        hourdesk = str(Path(sys.executable).parent / "hourdesk")
        for n in range(runs):
            count = len(view.entries)
            subprocess.run(
                [hourdesk, "--db", str(db), "ticket", "note", refs[THREADS[-1]], f"elsewhere {n}"],
                check=True,
                capture_output=True,
            )
            with Timer() as timer:
                await until(lambda v=view, c=count: len(v.entries) == c + 1, 5)
            out.setdefault("written elsewhere to appended", []).append(timer.wall)
            with Timer() as timer:
                app.changed()  # what that look costs once a change is seen
            timer.into(out, "refresh with the thread open")
        assert app.screen.query_one(ThreadView) is view
        app.pop_screen()
        await pilot.pause()
        await bursts(app, pilot, runs, out)
        inbox.query_one(DataTable).focus()
        # the timer key: to the bar repainted
        bar = inbox.query_one(TimerBar)
        for _ in range(runs):
            for i, row in enumerate(inbox.page.rows):
                try:
                    desk.timer.check_start(row.ticket, row.ticket.billable)
                except Exception:
                    continue
                inbox.query_one(DataTable).move_cursor(row=i, animate=False)
                break
            await pilot.pause()
            ref = inbox.selected
            for then in (
                lambda r=ref: r in str(bar.render()),
                lambda: "no timer" in str(bar.render()),
            ):
                with Timer() as timer:
                    began = time.perf_counter()
                    at = await shown(then, "t")
                timer.wall = (at - began) * 1000
                timer.into(out, "timer key to bar")
            await pilot.pause(0.2)
        # paging: ] to the next page, early pages and the last one
        inbox.inbox_query = InboxQuery(status="all")
        await pilot.pause()
        for _ in range(runs):
            for _page in range(3):
                offset = inbox.page.query.offset + inbox.page.query.limit
                with Timer() as timer:
                    await pilot.press("right_square_bracket")
                    await until(lambda o=offset: inbox.page.query.offset == o, 5)
                timer.into(out, "next page (early)")
            total, limit = inbox.page.total, inbox.page.query.limit
            last = (total - 1) // limit * limit
            inbox.inbox_query = inbox.inbox_query.page(last - limit)
            await pilot.pause()
            with Timer() as timer:
                await pilot.press("right_square_bracket")
                await until(lambda o=last: inbox.page.query.offset == o, 5)
            timer.into(out, "next page (into the last)")
            inbox.inbox_query = inbox.inbox_query.page(0)
            await pilot.pause()
        await places(app, pilot, runs, out)
        await pilot.press("ctrl+q")
    out["finder pages"] = finder_pages(desk)
    desk.close()
    return out


async def bursts(app, pilot, runs: int, out: dict[str, list]) -> None:
    """Each of ``BURSTS`` typed in a burst into the inbox's search box: from the last key to
    the first frame drawn with the table of that word (kept in ``out`` as ``search burst``)."""
    from textual.widgets import Input

    inbox = app.screen
    search = inbox.query_one("#search", Input)
    painted: list[float] = []
    goal = [lambda: False]
    display = app._display  # every frame of every screen passes here

    def displayed(screen, renderable) -> None:
        display(screen, renderable)
        if screen is inbox and goal[0]():
            painted.append(time.perf_counter())

    app._display = displayed
    for _ in range(runs):
        for word in BURSTS:
            search.focus()
            await pilot.press("ctrl+u")
            await until(lambda: inbox.page.query.text == "", 5)
            await pilot.pause(0.3)
            await pilot.press(*word[:-1])
            painted.clear()
            goal[0] = lambda w=word: inbox.page.query.text == w
            with Timer() as timer:
                began = time.perf_counter()
                await pilot.press(word[-1])
                await until(lambda: painted, 10)
            goal[0] = lambda: False
            timer.wall = (painted[0] - began) * 1000
            timer.into(out, "search burst")
    app._display = display
    await pilot.press("ctrl+u")
    await until(lambda: inbox.page.query.text == "", 5)


async def places(app, pilot, runs: int, out: dict[str, list]) -> None:
    """Inbox -> invoices -> receivables -> inbox, first visits and later ones: from the key to
    the first frame drawn of the place (kept in ``out`` as ``switch (first)`` and ``switch``)."""
    from hourdesk.screens.inbox import InboxScreen
    from hourdesk.screens.invoices import InvoicesScreen
    from hourdesk.screens.receivables import ReceivablesScreen

    painted: list[float] = []
    goal = [lambda: False]
    display = app._display  # every frame of every screen passes here

    def displayed(screen, renderable) -> None:
        display(screen, renderable)
        if screen is app.screen and goal[0]():
            painted.append(time.perf_counter())

    app._display = displayed
    for run in range(runs + 1):
        for key, kind in (("I", InvoicesScreen), ("P", ReceivablesScreen), ("escape", None)):
            kind = kind or InboxScreen
            painted.clear()
            # the first frame of the place once it has taken its resume (and reloaded if it had to)
            seen = {id(s): s.stack_updates for stack in app._screen_stacks.values() for s in stack}
            goal[0] = lambda k=kind, seen=seen: (
                isinstance(app.screen, k)
                and (app.screen.stack_updates != seen.get(id(app.screen), -1))
            )
            with Timer() as timer:
                began = time.perf_counter()
                await pilot.press(key)
                await until(lambda: painted, 10)
            goal[0] = lambda: False
            timer.wall = (painted[0] - began) * 1000
            name = "switch (first)" if run == 0 else "switch"
            timer.into(out, name)
            timer.into(out, f"{name} {kind.__name__}")
            await pilot.pause()
    app._display = display


def finder_pages(desk) -> list[float]:
    """Finding each page of all tickets by the key of the one before: ms per page, in order."""
    from hourdesk.app.desk.inbox import InboxQuery

    query = InboxQuery(status="all", sort="client")
    times = []
    page = None
    while page is None or page.query.offset + query.limit < page.total:
        query = query if page is None else page.query.following(page)
        began = time.perf_counter()
        found = desk.inbox.finder.find(query)
        times.append((time.perf_counter() - began) * 1000)
        page = desk.inbox.show(found, query)
    return times


def run(results, db: Path, runs: int) -> None:
    """Measure on ``db`` (a copy the caller made) and add the rows to ``results``."""
    f = asyncio.run(session(db, runs))
    add = results.add
    for size in THREADS:
        add("views", f"open a {size:,}-entry thread to painted", f[f"thread {size}"],
            cpu=f[f"thread {size} cpu"], target=150.0)  # fmt: skip
        add("views", f"  memory growth ({size:,} entries)", f[f"thread {size} memory"],
            unit="MB", target=10.0)  # fmt: skip
        add("views", f"  widgets on the screen ({size:,} entries)", f[f"thread {size} widgets"],
            unit="")  # fmt: skip
    add("views", "idle with the 5,000-entry thread open (CPU ms per s)", f["idle cpu per s"],
        target=20.0)  # fmt: skip
    add("views", "written by another process to appended (1 s polling)",
        f["written elsewhere to appended"])  # fmt: skip
    add("views", "  the refresh itself", f["refresh with the thread open"],
        cpu=f["refresh with the thread open cpu"])  # fmt: skip
    add("views", "burst typing: last key to the final table painted", f["search burst"],
        cpu=f["search burst cpu"], target=100.0, on="p95")  # fmt: skip
    add("views", "t to the timer bar repainted", f["timer key to bar"],
        cpu=f["timer key to bar cpu"], target=50.0)  # fmt: skip
    add("views", "] next page, pages 2-4", f["next page (early)"], cpu=f["next page (early) cpu"])
    add("views", "] next page into the last page", f["next page (into the last)"],
        cpu=f["next page (into the last) cpu"])  # fmt: skip
    add("views", "place switch (inbox, invoices, receivables), first visit", f["switch (first)"],
        cpu=f["switch (first) cpu"], target=150.0)  # fmt: skip
    add("views", "place switch, later visits", f["switch"], cpu=f["switch cpu"], target=150.0)
    pages = f["finder pages"]
    add("views", f"finding page 1 of {len(pages)} (sorted by client)", pages[:1])
    add("views", f"finding page {len(pages)} of {len(pages)} (by the key)", pages[-1:])
    add("views", "finding any page, all of them", pages)
    results.notes["views_median_page_ms"] = statistics.median(pages)


async def alone(db: Path, runs: int, part, profile: Path | None = None) -> dict[str, list]:
    """``part`` (:func:`places` or :func:`bursts`) alone, in the real app on ``db``, a few
    seconds after it started; with ``profile``, cProfile of the UI thread meanwhile."""
    import cProfile

    from hourdesk.app.desk.facade import build_desk
    from hourdesk.app.tui import HourdeskApp
    from hourdesk.screens.inbox import InboxScreen
    from hourdesk.storage.vault import MemoryVault

    desk = build_desk(db, vault=MemoryVault())
    app = HourdeskApp(desk)
    out: dict[str, list] = {}

    async with app.run_test(size=SIZE) as pilot:
        await until(lambda: isinstance(app.screen, InboxScreen) and app.screen.page is not None)
        await pilot.pause(2.0)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        await part(app, pilot, runs, out)
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        await pilot.press("ctrl+q")
    desk.close()
    return out


if __name__ == "__main__":
    import argparse
    import os
    import resource
    import shutil
    import tempfile

    parser = argparse.ArgumentParser(description="Only the place switches or the bursts.")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--places", type=Path, metavar="DB", help="the place switches on DB")
    which.add_argument("--bursts", type=Path, metavar="DB", help="the bursts of typing on DB")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the UI thread here")
    options = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    db, part, names = (
        (options.places, places, PLACE_ROWS)
        if options.places
        else (options.bursts, bursts, ("search burst",))
    )
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "views.db"
        shutil.copy(db, copy)
        found = asyncio.run(alone(copy, options.runs, part, options.profile))
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    for name in names:
        wall, cpu = sorted(found[name]), found[f"{name} cpu"]
        p95 = wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))]
        print(
            f"{name}: wall median {statistics.median(wall):.0f} ms, p95 {p95:.0f} ms"
            f" (max {max(wall):.0f}), cpu median {statistics.median(cpu):.0f} ms,"
            f" {len(wall)} runs, load {load:.2f} -> {os.getloadavg()[0]:.2f}"
        )
