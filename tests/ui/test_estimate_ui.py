"""The estimate editor and the approval form, driven by keys through Textual's Pilot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual import events
from textual.widgets import DataTable, Input, Label, Select, Static, TextArea

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.approval import ApprovalScreen
from hourdesk.screens.estimate import EstimateScreen
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.ticket import TicketScreen

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.delenv("HOURDESK_DB", raising=False)
    monkeypatch.delenv("HOURDESK_NOW", raising=False)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """Acme at $150/h with one billable ticket, HD-0001."""
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=Settings())
    acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
    desk.tickets.new(client_id=acme.id, subject="Printer offline", body="It is offline again.")
    yield desk
    desk.close()


def text_of(widget) -> str:
    return str(widget.render())


def preview(app: HourdeskApp) -> str:
    return text_of(app.screen.query_one("#preview", Label))


async def retype(pilot, text: str) -> None:
    await pilot.press("ctrl+u", *text)
    await pilot.pause()


async def fill(pilot, **fields: str) -> None:
    for name, value in fields.items():
        pilot.app.screen.query_one(f"#field-{name}", Input).value = value
    await pilot.pause()


def figures(text: str) -> tuple[str, str, str] | None:
    """Used, estimated and share from ``2h10m / 3h00m 72%`` (or ``2h10m/3h00m 72%``)."""
    match = re.search(r"(\d+h\d\dm) ?/ ?(\d+h\d\dm) (\d+)%", text)
    return match.groups() if match else None


def row(app: HourdeskApp, ref: str) -> list:
    table = app.screen.query_one(DataTable)
    return table.get_row(ref)


async def test_editor_from_the_inbox_previews_refuses_inline_and_sends(desk: Desk) -> None:
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)
        assert app.focused.id == "field-hours"

        await retype(pilot, "2h30m")
        assert preview(app) == "Estimated total: $375.00 (2h30m at $150.00/h)"

        await retype(pilot, "abc")
        assert preview(app) == (
            "hours: 'abc' is not a duration. Type hours like 2.5, 2h30m, 90m or 1:45."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)  # refused, not sent
        error = app.screen.query_one("#error-hours", Label)
        assert "'abc' is not a duration" in text_of(error)
        assert desk.estimates.versions(1) == []

        # the other refusals, without paying for every keystroke
        for hours, rate, shown in (
            ("10000", "150", "more than 1,000 hours"),
            ("0", "150", "more than zero hours"),
            ("-1", "150", "cannot be negative"),
            ("90m", "150.125", "more than 2 decimals"),
            ("90m", "0", "above zero"),
            ("90m", "140.50", "Estimated total: $210.75 (1h30m at $140.50/h)"),
        ):
            await fill(pilot, hours=hours, rate=rate)
            assert shown in preview(app)
        await fill(pilot, hours="", rate="150")
        await retype(pilot, "2h30m")
        assert "$375.00" in preview(app)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        ticket = desk.tickets.get("HD-0001")
        assert (ticket.status, ticket.hold_reason) == ("on_hold", "awaiting_approval")
        sent = [e for e in desk.tickets.thread(ticket.id) if e.kind == "estimate"]
        assert len(sent) == 1
        assert "Estimated total: $375.00" in sent[0].body
        cells = [str(cell) for cell in row(app, "HD-0001")]
        assert "on hold: approval" in cells
        assert ("0h00m", "2h30m", "0") in [figures(cell) for cell in cells]
        assert any("Estimate v1 of HD-0001 recorded" in n.message for n in app._notifications)


async def test_editor_from_the_ticket_screen_then_approval_with_pasted_words(
    desk: Desk,
) -> None:
    words = "Hi Ana,\nyes — go ahead with the $375.00 estimate.\n[Zoë]"
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "no estimate yet: press e" in text_of(app.screen.query_one("#facts", Static))

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EstimateScreen)
        assert "Estimate v1 · HD-0001 · Printer offline" in text_of(
            app.screen.query_one("#form-title", Label)
        )
        await retype(pilot, "2.5")
        assert "$375.00" in preview(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        facts = text_of(app.screen.query_one("#facts", Static))
        assert "on hold (awaiting approval)" in facts
        assert "estimate v1: 2h30m at $150.00/h = $375.00" in facts
        assert "waiting for written approval" in facts

        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        await pilot.press("ctrl+s")  # neither a message picked nor words pasted
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        assert "Approval needs the client's written words." in text_of(
            app.screen.query_one("#error-text", Label)
        )
        assert desk.estimates.current(1).decision is None

        app.screen.query_one("#field-text", TextArea).focus()
        app.post_message(events.Paste(words))  # as the terminal delivers a paste
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        facts = text_of(app.screen.query_one("#facts", Static))
        assert "· approved ·" in facts
        decision = desk.estimates.current(1).decision
        assert (decision.outcome, decision.text, decision.source_entry_id) == (
            "approved",
            words,
            None,
        )
        assert decision.received_at == decision.recorded_at == START
        assert any("HD-0001 is approved" in n.message for n in app._notifications)


async def test_approval_by_picking_the_clients_message(desk: Desk) -> None:
    desk.estimates.send("HD-0001", hours="2h30m")
    reply = desk.tickets.message("HD-0001", "Approved — go ahead.\nZoë", kind="message")
    desk.tickets.message("HD-0001", "Will start tomorrow.", kind="reply")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "A")
        await pilot.pause()
        assert isinstance(app.screen, ApprovalScreen)
        select = app.screen.query_one("#field-entry_id", Select)
        assert app.focused is app.screen.query_one("#field-text")  # pasting is the usual case
        # the client's messages only, newest first
        assert [value for _, value in select._options[1:]] == [reply.id, 2]
        await pilot.press("shift+tab", "enter", "down", "enter")
        await pilot.pause()
        assert select.value == reply.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        decision = desk.estimates.current(1).decision
        assert (decision.text, decision.source_entry_id) == ("Approved — go ahead.\nZoë", reply.id)
        assert desk.tickets.get("HD-0001").status == "approved"


async def test_budget_figures_agree_between_inbox_and_ticket_screen(desk: Desk) -> None:
    desk.estimates.send("HD-0001", hours="3h")
    desk.estimates.approve("HD-0001", text="OK")
    now = desk.clock.timestamp()
    for start, end, billable in ((now - 9000, now - 3600, 1), (now - 3600, now, 0)):
        desk.db.execute(
            "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
            " created_at) VALUES (1, 'investigation', ?, ?, ?, '', ?)",
            [start, end, billable, now],
        )
    desk.db.execute(
        "INSERT INTO time_entries (ticket_id, category, start_at, end_at, billable, note,"
        " created_at) VALUES (1, 'verification', ?, NULL, 1, '', ?)",
        [now - 600, now],
    )  # running: 10 minutes so far
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for expected, style in (
            (("1h40m", "3h00m", "55"), ""),
            (("2h25m", "3h00m", "80"), "yellow"),
        ):
            assert isinstance(app.screen, InboxScreen)
            cell = next(c for c in row(app, "HD-0001") if figures(str(c)))
            assert figures(str(cell)) == expected
            assert cell.style == style
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TicketScreen)
            facts = app.screen.query_one("#facts", Static).render()
            budget_line = next(line for line in str(facts).splitlines() if figures(line))
            assert budget_line.startswith("budget ")
            assert figures(budget_line) == expected
            assert figures(desk.estimates.budget(1).text()) == expected
            await pilot.press("escape")
            await pilot.pause()
            desk.clock.advance(minutes=45)  # the running timer goes past 80 %
            app.screen.refresh_data()
            await pilot.pause()


async def test_decline_from_the_ticket_screen_keeps_the_ticket_on_hold(desk: Desk) -> None:
    desk.estimates.send("HD-0001", hours="2h30m")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", "D")
        await pilot.pause()
        await pilot.press("enter")  # "Keep the ticket on hold (estimate declined)"
        await pilot.pause()
        app.post_message(events.Paste("Too expensive for now."))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        ticket = desk.tickets.get("HD-0001")
        assert (ticket.status, ticket.hold_reason) == ("on_hold", "declined")
        assert desk.estimates.current(ticket.id).decision.text == "Too expensive for now."
        facts = text_of(app.screen.query_one("#facts", Static))
        assert "on hold (estimate declined)" in facts
        # a declined version takes no approval: A comes back with a revised estimate
        assert not app.screen.check_action("approve", ())
        assert not app.screen.check_action("decline", ())
