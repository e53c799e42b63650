"""The database folder is deleted while the TUI runs: the next write is refused on screen,
in one clear line, and the app keeps running; nothing is created in the folder's place."""

from __future__ import annotations

import shutil
from pathlib import Path

from hourdesk.app.desk.facade import build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.storage.vault import MemoryVault


async def test_a_write_after_the_folder_is_deleted_is_refused_on_screen(tmp_path: Path, clock):
    path = tmp_path / "data" / "t.db"
    desk = build_desk(path, vault=MemoryVault(), clock=clock)
    client = desk.clients.add(name="Acme", emails="office@acme.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Printer", body="Offline.")
    desk.timer.start(ticket.ref, billable=False)
    app = HourdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shutil.rmtree(path.parent)
            await pilot.press("k")  # the timer's category: a write
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("moved, replaced or deleted" in m for m in messages), messages
            assert any("restart hourdesk" in m for m in messages), messages
            assert app.is_running
        assert desk.timer.running().category == "investigation"
        assert not path.parent.exists()
    finally:
        desk.close()


async def test_starting_the_timer_after_the_folder_is_deleted_is_said_not_a_crash(
    tmp_path: Path, clock
):
    path = tmp_path / "data" / "t.db"
    desk = build_desk(path, vault=MemoryVault(), clock=clock)
    client = desk.clients.add(name="Acme", emails="office@acme.example")
    desk.tickets.new(client_id=client.id, subject="Printer", body="Offline.", billable=False)
    app = HourdeskApp(desk)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            shutil.rmtree(path.parent)
            await pilot.press("t")  # the one key: a write
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("moved, replaced or deleted" in m for m in messages), messages
            assert app.is_running
        assert not path.parent.exists()
    finally:
        desk.close()
