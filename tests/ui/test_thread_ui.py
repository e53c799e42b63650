"""The ticket's thread: one view however long, pages from the newest, new entries appended."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.ticket import PAGE, TicketScreen
from hourdesk.screens.widgets.thread_view import ThreadView
from hourdesk.storage.db import transaction

SIZE = (100, 30)
HOURDESK = str(Path(sys.executable).parent / "hourdesk")


def long_ticket(desk: Desk, entries: int) -> str:
    """A ticket whose thread holds ``entries`` notes after its opening message."""
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Printer", body="It jams.")
    at = int(desk.clock.now().timestamp())
    with transaction(desk.db):
        desk.db.conn.executemany(
            "INSERT INTO entries (ticket_id, kind, author, body, created_at)"
            " VALUES (?, 'note', 'consultant', ?, ?)",
            [(ticket.id, f"note number {n}", at + n) for n in range(1, entries + 1)],
        )
    return ticket.ref


def thread_text(view: ThreadView) -> str:
    return "\n".join(strip.text for strip in view.lines)


async def open_ticket(app, pilot, ref: str) -> ThreadView:
    app.push_screen(TicketScreen(ref))
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen)
    return app.screen.query_one(ThreadView)


async def test_a_5000_entry_thread_opens_as_one_view_at_its_newest(app, desk: Desk) -> None:
    ref = long_ticket(desk, 5_000)
    async with app.run_test(size=SIZE) as pilot:
        began = time.perf_counter()
        view = await open_ticket(app, pilot, ref)
        opened = time.perf_counter() - began
        nodes = len(list(app.screen.walk_children(with_self=True)))
        assert nodes < 40, nodes
        assert len(view.entries) == PAGE and view.more_before
        assert "note number 5000" in thread_text(view)
        assert view.scroll_y == view.max_scroll_y > 0  # the newest in view
        assert opened < 5.0, opened  # generous: the machine is shared (the bench measures)
        lines = len(view.lines)
        view.scroll_home(animate=False, immediate=True)  # the top asks for the page before
        for _ in range(20):
            await pilot.pause(0.05)
            if len(view.entries) > PAGE:
                break
        assert len(view.entries) == 2 * PAGE
        assert len(view.lines) > lines
        assert view.entries[0].body == f"note number {5000 - 2 * PAGE + 1}"
        assert view.scroll_y > 0  # the lines that were in view stay in view


async def test_another_process_writes_and_only_the_new_entry_is_appended(
    app, desk: Desk, tmp_path: Path
) -> None:
    ref = long_ticket(desk, 300)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_ticket(app, pilot, ref)
        entries, lines, last = len(view.entries), len(view.lines), view.entries[-1]
        subprocess.run(
            [
                HOURDESK,
                "--db",
                str(tmp_path / "hourdesk.db"),
                "ticket",
                "note",
                ref,
                "from elsewhere",
            ],
            check=True,
            capture_output=True,
        )
        app.watch_database()  # what the app's one-second interval calls
        await pilot.pause()
        assert app.screen.query_one(ThreadView) is view  # not remounted
        assert len(view.entries) == entries + 1
        assert view.entries[-2] is last  # the loaded entries stay as they were
        assert view.entries[-1].body == "from elsewhere"
        assert len(view.lines) == lines + 3  # the head, the body, the gap
        assert view.scroll_y == view.max_scroll_y  # the end was in view: it follows


async def test_hostile_text_in_an_entry_is_shown_literally(app, desk: Desk) -> None:
    client = desk.clients.add(name="[b]Evil[/b]", emails="x@evil.example")
    hostile = "[red]not red[/red] [link=http://x]click[/link] \x1b[31m\u202eabc"
    ticket = desk.tickets.new(client_id=client.id, subject="[bold]hi", body=hostile)
    async with app.run_test(size=SIZE) as pilot:
        view = await open_ticket(app, pilot, ticket.ref)
        text = thread_text(view)
        assert "[red]not red[/red] [link=http://x]click[/link]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert "\ufffd[31m\ufffdabc" in text
        assert not any(seg.style and seg.style.link for s in view.lines for seg in s)


async def test_a_page_of_short_entries_that_fits_the_screen_loads_the_one_before(
    app, desk: Desk
) -> None:
    ref = long_ticket(desk, PAGE + 5)
    async with app.run_test(size=(100, 300)) as pilot:
        view = await open_ticket(app, pilot, ref)
        for _ in range(20):
            await pilot.pause(0.05)
            if not view.more_before:
                break
        whole = desk.tickets.thread(desk.tickets.get(ref).id)
        assert [e.id for e in view.entries] == [e.id for e in whole]
        assert len(whole) > PAGE


async def test_a_change_seen_while_a_ticket_is_still_mounting_waits_for_its_mount(
    app, desk: Desk
) -> None:
    ref = long_ticket(desk, 3)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(TicketScreen(ref))  # on the stack, not mounted yet
        app.changed()  # as when another process commits in that moment
        await pilot.pause()
        assert "note number 3" in thread_text(app.screen.query_one(ThreadView))


async def test_a_change_seen_after_the_last_screen_left_is_ignored(app, desk: Desk) -> None:
    async with app.run_test(size=SIZE):
        pass
    app.changed()  # the database watch can tick once more while the app shuts down
