"""The live timer in the TUI, driven by keys through Textual's Pilot, on a fixed clock."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList, Static

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.choice import ChoiceScreen
from hourdesk.screens.entries import EntriesScreen, EntryForm
from hourdesk.screens.reports import ReportsScreen
from hourdesk.screens.stop_prompt import StopPrompt
from hourdesk.screens.ticket import TicketScreen
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.vault import MemoryVault
from tests.builders import approve_back_then

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SIZE = (120, 40)


# Local days and typed times are UTC days and times here.
pytestmark = pytest.mark.usefixtures("utc")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "t.db"


@pytest.fixture
def desk(path: Path, clock: FixedClock) -> Iterator[Desk]:
    """HD-0001 approved (10 h), HD-0002 waiting for approval of its estimate."""
    desk = build_desk(path, vault=MemoryVault(), clock=clock, settings=Settings())
    acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
    first = desk.tickets.new(client_id=acme.id, subject="Printer offline", body="Offline.")
    # approved well before the time the entries tests log
    approve_back_then(desk, first.ref, text="Approved, go ahead.", ago=30 * 86400)
    clock.advance(minutes=1)
    second = desk.tickets.new(client_id=acme.id, subject="VPN drops", body="Drops hourly.")
    desk.estimates.send(second.ref, hours="2")
    clock.advance(minutes=1)
    yield desk
    desk.close()


def bar(app: HourdeskApp) -> str:
    return str(app.screen.query_one(TimerBar).content)


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 3.0) -> float:
    """Let the app run until ``condition`` holds; return how long that took."""
    began = time.monotonic()
    while not condition():
        if time.monotonic() - began > timeout:
            raise AssertionError(f"not within {timeout} s")
        await pilot.pause(0.05)
    return time.monotonic() - began


async def select(pilot, ref: str) -> None:
    """Put the inbox cursor on ``ref``."""
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(ref))
    await pilot.pause()
    assert pilot.app.screen.selected == ref


async def choose(pilot, label: str) -> None:
    """Pick ``label`` in the open ChoiceScreen with the arrow keys and enter."""
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen), screen
    labels = [text for text, _ in screen.options]
    options = screen.query_one(OptionList)
    options.focus()
    await pilot.pause()
    options.highlighted = 0
    await pilot.press(*["down"] * labels.index(label), "enter")
    await pilot.pause()


# the one key, and the bar on every screen


async def test_t_in_the_inbox_starts_and_stops_and_the_bar_follows(desk, clock):
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "no timer running" in bar(app)
        assert app.check_action("stop_timer", ()) is False  # T and k only while timing
        await pilot.press("T", "k", "ctrl+t")
        await pilot.pause()
        assert not isinstance(app.screen, StopPrompt) and desk.timer.running() is None

        await select(pilot, "HD-0001")
        await pilot.press("t")
        await pilot.pause()
        assert app.running is not None and app.running.ref == "HD-0001"
        assert desk.timer.running().ref == "HD-0001"
        assert "HD-0001  0:00:00  investigation/analysis" in bar(app)
        assert str(app.screen.query_one(DataTable).get_row("HD-0001")[-1]) == "●"
        assert app.check_action("stop_timer", ()) is True

        clock.advance(hours=1, minutes=5, seconds=7)  # the bar reads the clock every second
        await wait_for(pilot, lambda: "1:05:07" in bar(app))
        assert "10% of estimate" in bar(app)

        await pilot.press("k")  # the category, one key
        await pilot.pause()
        assert desk.timer.running().category == "implementation"
        assert "implementation/testing" in bar(app)
        await pilot.press("k")
        await pilot.pause()
        assert desk.timer.running().category == "verification"
        assert "verification/cleanup" in bar(app)

        await pilot.press("t")
        await pilot.pause()
        assert app.running is None and desk.timer.running() is None
        (entry,) = desk.timer.entries("HD-0001")
        assert (entry.seconds, entry.category) == (3907, "verification")
        assert "no timer running" in bar(app)


async def test_the_bar_shows_the_share_of_the_estimate_as_time_passes(desk, clock):
    desk.timer.start("HD-0001")
    clock.advance(hours=5)  # half of the approved 10 hours; within the 10-hour limit
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceScreen)  # not a forgotten timer
        assert "HD-0001  5:00:00  investigation/analysis  50% of estimate" in bar(app)
        timer_bar = app.screen.query_one(TimerBar)
        clock.advance(hours=4)  # no database change: the share must still move
        timer_bar.tick()  # what the one-second interval does
        assert "9:00:00  investigation/analysis  90% of estimate" in bar(app)
        clock.advance(hours=2)
        timer_bar.tick()
        assert "11:00:00  investigation/analysis  110% of estimate" in bar(app)


async def test_t_on_a_ticket_waiting_for_approval_offers_not_billable(desk):
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0002")
        await pilot.press("t")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChoiceScreen)
        assert "waiting for approval" in screen.title_text
        assert [label for label, _ in screen.options] == ["Start as not billable", "Cancel"]
        await pilot.press("escape")
        await pilot.pause()
        assert app.running is None

        await pilot.press("t")
        await pilot.pause()
        await choose(pilot, "Start as not billable")
        assert app.running is not None and app.running.ref == "HD-0002"
        assert app.running.billable is False
        assert "not billable" in bar(app)


def notes(app: HourdeskApp) -> list[str]:
    """What the app says (its notifications), collected instead of shown."""
    said: list[str] = []
    app.notify = lambda message, **kwargs: said.append(message)
    return said


async def test_starting_another_ticket_switches_back_to_back_and_says_so(desk, clock):
    third = desk.tickets.new(client_id=1, subject="NAS full", body="Full.")
    desk.estimates.send(third.ref, hours="3")
    desk.estimates.approve(third.ref, text="Yes.")
    app = HourdeskApp(desk)
    said = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("t")
        clock.advance(minutes=20)
        await pilot.pause()
        await select(pilot, "HD-0003")
        await pilot.press("t")
        await pilot.pause()
        (first,) = desk.timer.entries("HD-0001")
        assert first.seconds == 1200
        assert app.running.ref == "HD-0003" and app.running.start_at == first.end_at
        assert said[-1] == "Stopped HD-0001 after 0h20m; started HD-0003."
        assert "HD-0003" in bar(app)


async def test_switching_to_a_not_billable_start_says_which_timer_stopped(desk, clock):
    app = HourdeskApp(desk)
    said = notes(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("t")
        clock.advance(minutes=20)
        await select(pilot, "HD-0002")
        await pilot.press("t")
        await pilot.pause()
        await choose(pilot, "Start as not billable")
        assert app.running.ref == "HD-0002"
        assert "Stopped HD-0001 after 0h20m" in said[-1]


# another process


async def test_a_timer_started_elsewhere_shows_within_two_seconds(desk, path, clock):
    app = HourdeskApp(desk)
    other = build_desk(path, vault=MemoryVault(), clock=clock, settings=Settings())
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            other.timer.start("HD-0001")  # another connection: a CLI, a second TUI
            took = await wait_for(pilot, lambda: app.running is not None, timeout=2.0)
            assert took <= 2.0
            await pilot.pause()
            assert "HD-0001" in bar(app)
            assert str(app.screen.query_one(DataTable).get_row("HD-0001")[-1]) == "●"

            other.timer.stop(note="from the CLI")
            await wait_for(pilot, lambda: app.running is None, timeout=2.0)
            await pilot.pause()
            assert "no timer running" in bar(app)

            # and the other way round: what the TUI starts is committed at once
            await select(pilot, "HD-0001")
            await pilot.press("t")
            await pilot.pause()
            assert other.timer.running() is not None
            assert other.timer.running().ref == "HD-0001"
    finally:
        other.close()


# forgotten and idle timers


async def test_a_forgotten_timer_is_asked_about_on_start(desk, clock):
    entry = desk.timer.start("HD-0001").entry
    clock.advance(hours=11, minutes=30)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChoiceScreen)
        assert "HD-0001 has run for 11h30m, more than 10 hours" in screen.title_text
        await choose(pilot, "Discard the time past 10 hours")
        assert app.running is None
        stopped = desk.timer.entry(entry.id)
        assert stopped.end_at == entry.start_at + timedelta(hours=10)
        assert stopped.seconds == 36000


async def test_a_forgotten_timer_can_stop_at_a_chosen_time(desk, clock):
    entry = desk.timer.start("HD-0001").entry
    clock.advance(hours=14)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await choose(pilot, "Stop it at a time I choose…")
        prompt = app.screen.query_one("#field-at", Input)
        assert prompt.value == "2026-03-02 09:02"  # starts from the timer's start (UTC here)
        prompt.value = "2026-03-02 17:30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.running is None
        assert desk.timer.entry(entry.id).end_at == datetime(2026, 3, 2, 17, 30, tzinfo=UTC)


async def test_idle_time_can_be_dropped(desk, clock):
    desk.settings.timer.idle_minutes = 15
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("t")
        await pilot.pause()
        first = app.running
        clock.advance(minutes=10)
        await pilot.press("k")  # a key at 09:12 …
        await pilot.pause()
        app.last_input -= 16 * 60  # … then nothing for 16 minutes (monotonic time)
        await wait_for(pilot, lambda: app.idle_since is not None)
        assert app.idle_since == clock.now()
        idle_since = clock.now()
        clock.advance(minutes=50)
        await pilot.press("down")  # back at the keyboard
        await pilot.pause()
        assert "No key pressed since" in app.screen.title_text
        await choose(pilot, "Drop the idle time")
        kept = desk.timer.entry(first.id)
        assert kept.end_at == idle_since and kept.seconds == 600
        assert app.running.start_at == clock.now() and app.running.category == "implementation"


# time entries and reports


async def test_T_on_the_ticket_screen_then_the_entries_screen(desk, clock):
    """T stops with a note from the ticket screen; l lists, adds, refuses and deletes."""
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("t")
        await pilot.pause()
        assert "HD-0001" in bar(app)  # the bar is on the ticket screen too
        clock.advance(minutes=45)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, StopPrompt)
        await pilot.press(*"fuser")
        app.screen.query_one(Input).value = "replaced the fuser"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert app.running is None
        (timed,) = desk.timer.entries("HD-0001")
        assert (timed.seconds, timed.note) == (2700, "replaced the fuser")
        assert "no timer running" in bar(app)

        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntriesScreen)
        assert screen.query_one(TimerBar)
        table = screen.query_one(DataTable)
        assert table.row_count == 1

        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryForm)
        form.query_one("#field-start", Input).value = "2026-03-02 07:00"
        form.query_one("#field-end", Input).value = "2026-03-02 07:30"
        form.query_one("#field-note", Input).value = "remote session"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and table.row_count == 2
        entry = next(e for e in desk.timer.entries("HD-0001") if e.id != timed.id)
        assert (entry.seconds, entry.note) == (1800, "remote session")

        # an overlapping entry is refused in the form, naming the other entry
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-start", Input).value = "2026-03-02 07:15"
        form.query_one("#field-duration", Input).value = "30m"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert f"overlaps entry #{entry.id}" in str(form.query_one("#form-error").content)
        await pilot.press("escape")  # typed values: a confirmation first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()

        table.move_cursor(row=0)  # the 07:00 entry comes first
        await pilot.press("d")
        await pilot.pause()
        assert f"Delete entry #{entry.id}?" in app.screen.title_text
        await choose(pilot, "Delete it")
        assert app.screen is screen and table.row_count == 1
        assert [e.id for e in desk.timer.entries("HD-0001")] == [timed.id]


async def test_the_reports_screen_cycles_grouping_with_b(desk, clock):
    desk.timer.log("HD-0001", start=START - timedelta(hours=3), seconds=5400)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportsScreen)
        assert screen.query_one(TimerBar)

        def shown() -> tuple[str, list[str]]:
            table = screen.query_one(DataTable)
            labels = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            return str(screen.query_one("#what", Static).content), labels

        assert shown() == ("by ticket · this month", ["HD-0001 Printer offline", "total"])
        seen = []
        for _ in range(6):
            await pilot.press("b")
            await pilot.pause()
            seen.append(shown())
        assert seen == [
            ("by client · this month", ["Acme Dental", "total"]),
            ("by category · this month", ["implementation", "total"]),
            ("by day · this month", ["2026-03-02", "total"]),
            ("by week · this month", ["2026-03-02", "total"]),
            ("by month · this month", ["2026-03", "total"]),
            ("by ticket · this month", ["HD-0001 Printer offline", "total"]),
        ]
        table = screen.query_one(DataTable)
        assert [str(c) for c in table.get_row_at(table.row_count - 1)][1:] == [
            "1h30m",
            "0h00m",
            "1h30m",
            "1h30m",
        ]


async def test_T_stops_the_timer_at_once_from_any_place(desk, clock):
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("t", "I")
        await pilot.pause()
        clock.advance(minutes=20)
        await pilot.press("T")  # one key, on the invoices screen
        await pilot.pause()
        assert desk.timer.running() is None and app.running is None
        assert [e.seconds for e in desk.timer.entries("HD-0001")] == [1200]
        assert "stop_timer" not in {
            b.binding.action for b in app.screen.active_bindings.values() if b.enabled
        }


async def test_the_budget_is_said_at_80_and_100_percent_and_the_stop_splits_at_the_limit(
    desk, clock
):
    """HD-0001 has an approved 10 h estimate: the TUI says so once at 80%, once at 100%, and
    the stop books 10 h billable and the rest not billable, offering a revised estimate."""
    desk.settings.timer.max_hours = 24  # no question about a forgotten timer here
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await select(pilot, "HD-0001")
        await pilot.press("t")
        await pilot.pause()
        clock.advance(hours=8, minutes=1)
        app.watch_database()
        app.watch_database()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert sum("has used 80% of its approved budget" in m for m in said) == 1
        clock.advance(hours=2)
        app.watch_database()
        app.watch_database()
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert sum("reached its approved budget" in m for m in said) == 1
        clock.advance(hours=1)
        await pilot.press("T")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("Press e to send a revised estimate" in m for m in said)
    entries = desk.timer.entries("HD-0001")
    assert sum(e.seconds for e in entries if e.billable) == 10 * 3600
    assert sum(e.seconds for e in entries if not e.billable) == 3600 + 60
