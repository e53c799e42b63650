"""The invoices screen and the invoice generator, driven by keys through Textual's Pilot."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.invoice_new import InvoiceNewScreen
from hourdesk.screens.invoices import InvoicesScreen, InvoiceView
from hourdesk.screens.text_prompt import TextPrompt
from tests.builders import copies, ready_settings

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


def settings(tmp_path: Path, bank: str = "First Coastal Bank\nAccount 4401") -> Settings:
    return ready_settings(
        {
            "business": {"name": "Rivera IT Consulting"},
            "payment": {"bank_details": bank},
            "timer": {"rounding": "up6"},
            "exports_dir": str(tmp_path / "exports"),
        }
    )


def work(desk: Desk, ref: str, minutes: int) -> None:
    start = desk.clock.now()
    desk.clock.advance(minutes=minutes)
    desk.timer.log(ref, start=start, seconds=minutes * 60)
    desk.clock.advance(minutes=1)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    """Acme at $150/h: HD-0001 (61 min) and HD-0002 (90 min) resolved, HD-0003 still open;
    Bluebird with nothing to bill."""
    desk = build_desk(tmp_path / "t.db", clock=FixedClock(START), settings=settings(tmp_path))
    acme = desk.clients.add(name="Acme Dental", emails="office@acme.example", rate="150")
    desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
    for subject, minutes, resolve in (
        ("Printer offline", 61, True),
        ("Backup failing", 90, True),
        ("VPN for remote staff", 30, False),
    ):
        t = desk.tickets.new(client_id=acme.id, subject=subject, body="Please help.")
        desk.estimates.send(t.ref, hours="4")
        desk.estimates.approve(t.ref, text="Yes, go ahead.")
        work(desk, t.ref, minutes)
        if resolve:
            desk.completion.resolve(t.ref, "Done.")
    yield desk
    desk.close()


def plain(widget: Static) -> str:
    """What the widget shows, with runs of white space folded to one space."""
    console = Console(width=110, record=True, file=io.StringIO())
    console.print(widget.content)
    return " ".join(console.export_text().split())


def rows(app: HourdeskApp) -> dict[str, list[str]]:
    table = app.screen.query_one(DataTable)
    return {key.value: [str(c) for c in table.get_row(key)] for key in table.rows}


def footer_keys(app: HourdeskApp) -> set[str]:
    return {
        binding.action
        for _, binding, enabled, _ in app.screen.active_bindings.values()
        if enabled and binding.show
    }


async def open_generator(pilot, desk: Desk) -> InvoiceNewScreen:
    await pilot.press("I")
    assert isinstance(pilot.app.screen, InvoicesScreen)
    await pilot.press("n")
    screen = pilot.app.screen
    assert isinstance(screen, InvoiceNewScreen)
    return screen


async def test_the_generator_previews_unticks_and_issues(desk: Desk) -> None:
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_generator(pilot, desk)
        select = screen.query_one("#client", Select)
        labels = [str(prompt) for prompt, _ in select._options[1:]]
        assert labels[0] == "Acme Dental  (2 ready, 1 not)"
        assert labels[1] == "Bluebird Bakery"
        await pilot.pause()  # the first client with tickets ready to bill is chosen already
        assert select.value == desk.clients.find("Acme Dental").id
        tickets = screen.query_one("#tickets", SelectionList)
        assert tickets.has_focus and tickets.selected == ["HD-0001", "HD-0002"]
        preview = plain(screen.query_one("#preview", Static))
        assert "HD-0001" in preview and "Printer offline" in preview
        assert "1h06m" in preview and "1h01m worked" in preview and "rounded up to 6 min" in preview
        assert "$150.00/h" in preview and "$165.00" in preview and "$225.00" in preview
        assert "$390.00" in preview and "2 of 2 tickets ticked" in preview
        heading = plain(screen.query_one("#heading", Static))
        assert "due 2026-03-16 (net 14)" in heading and "rounding: up to 6 min" in heading
        excluded = plain(screen.query_one("#excluded", Static))
        assert "HD-0003" in excluded and "VPN for remote staff" in excluded
        assert "resolve it first" in excluded
        assert "issue" in footer_keys(app)

        await pilot.press("space")  # untick HD-0001 (highlighted first)
        await pilot.pause()
        assert tickets.selected == ["HD-0002"]
        preview = plain(screen.query_one("#preview", Static))
        assert (
            "HD-0001" not in preview and "$225.00" in preview and "1 of 2 tickets ticked" in preview
        )
        assert "$390.00" not in preview

        await pilot.press("ctrl+s")
        await pilot.pause()
        outcome = plain(screen.query_one("#outcome", Static))
        assert "Invoice 2026-0001 issued to Acme Dental: $225.00, due 2026-03-16" in outcome
        assert desk.tickets.get("HD-0002").status == "closed"
        assert desk.tickets.get("HD-0001").status == "resolved"  # it was unticked
        assert tickets.selected == ["HD-0001"]  # still waiting, ticked again for next time

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen)
        listed = rows(app)
        assert list(listed) == ["2026-0001"]
        assert listed["2026-0001"][:3] == ["2026-0001", "invoice", "Acme Dental"]
        assert listed["2026-0001"][5:] == ["$225.00", "issued"]


async def test_a_refusal_shows_its_reason_and_issues_nothing(desk: Desk, tmp_path) -> None:
    desk.settings = settings(tmp_path, bank="")
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_generator(pilot, desk)
        screen.query_one("#client", Select).value = 1
        await pilot.pause()
        outcome = screen.query_one("#outcome", Static)
        assert "Issuing would be refused: A document cannot go out with placeholder details" in (
            plain(outcome)
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = plain(outcome)
        assert text.startswith("Not issued: A document cannot go out with placeholder details")
        assert "Fill them in on the settings screen (,) or in config.toml, then try again." in text
        assert outcome.has_class("-refused")
        assert desk.invoicing.list() == []

        tickets = screen.query_one("#tickets", SelectionList)
        tickets.deselect_all()
        await pilot.pause()
        assert "issue" not in footer_keys(app)
        assert "Tick at least one ticket" in plain(outcome)


async def test_void_from_the_list(desk: Desk) -> None:
    invoice = desk.invoicing.issue(1)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        assert {"void", "credit", "pdf"} <= footer_keys(app)
        assert "open_pdf" not in footer_keys(app)  # no PDF rendered yet
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        app.screen.query_one(TextArea).text = "Billed the wrong\nhourly rate"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen)
        assert rows(app)[invoice.number][-1] == "void"
        voided = desk.invoicing.get(invoice.number)
        assert (voided.status, voided.void_reason) == ("void", "Billed the wrong hourly rate")
        assert desk.tickets.get("HD-0001").status == "resolved"
        assert not {"void", "credit"} & footer_keys(app)  # a void invoice: no more of those

        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InvoiceView)
        shown = plain(app.screen.query_one("#document", Static))
        assert "VOID: Billed the wrong hourly rate" in shown
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("n")  # issue it again: a new number
        await pilot.pause()
        app.screen.query_one("#client", Select).value = 1
        await pilot.pause()
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert list(rows(app)) == ["2026-0002", "2026-0001"]
        assert app.screen.query_one(DataTable).cursor_row == 0  # on the new invoice


async def test_credit_note_and_the_invoice_view(desk: Desk) -> None:
    invoice = desk.invoicing.issue(1)  # $165.00 + $225.00
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I", "enter")
        await pilot.pause()
        shown = plain(app.screen.query_one("#document", Static))
        for expected in (
            "Invoice 2026-0001",
            "due 2026-03-16 (net 14)",
            "HD-0001",
            "Printer offline",
            "1h06m",
            "1h01m worked, rounding up to 6 min",
            "$150.00/h",
            "$165.00",
            "Total (USD)",
            "$390.00",
            "bank transfer, First Coastal Bank Account 4401",
        ):
            assert expected in shown, expected
        await pilot.press("escape", "c")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-amount", Input).value = "400"
        form.query_one("#field-reason", Input).value = "Goodwill"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#form-error").render())
        assert "credits more than invoice 2026-0001 has left ($390.00)" in error
        form.query_one("#field-amount", Input).value = "40.00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen)
        listed = rows(app)
        assert listed["2026-0002"][1:2] == ["credit note"]
        assert listed["2026-0002"][5] == "-$40.00"
        assert app.screen.query_one(DataTable).cursor_row == 0  # on the new credit note
        assert "credit" not in footer_keys(app)  # no credit note of a credit note
        assert desk.invoicing.get(invoice.number).status == "issued"


async def test_the_pdf_is_rendered_in_a_worker_and_opened(
    desk: Desk, tmp_path, monkeypatch
) -> None:
    desk.invoicing.issue(1)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))  # no xdg-open at all
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I", "p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        path = tmp_path / "exports" / "invoice-2026-0001.pdf"
        assert path.read_bytes().startswith(b"%PDF")
        assert f"PDF: {path}" in str(app.screen.query_one("#pdf", Static).render())
        assert "open_pdf" in footer_keys(app)

        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(
            m.startswith("Could not open the PDF: no PDF viewer is set up here") and str(path) in m
            for m in messages
        )

        opener = bin_dir / "xdg-open"
        opener.write_text(f'#!/bin/sh\necho "$1" > {tmp_path / "opened"}\n')
        opener.chmod(opener.stat().st_mode | stat.S_IEXEC)
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}/usr/bin:/bin")
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert (tmp_path / "opened").read_text().strip() == str(path)
        assert "Opened invoice-2026-0001.pdf in the PDF viewer." in [
            n.message for n in app._notifications
        ]


async def test_an_empty_list_offers_only_what_works(desk: Desk) -> None:
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        assert isinstance(app.screen, InvoicesScreen)
        keys = footer_keys(app)
        assert "new" in keys
        assert not {"pdf", "open_pdf", "void", "credit"} & keys
        await pilot.press("p", "v", "c", "o", "enter")  # nothing happens, nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, InvoicesScreen)
        invoices = app.screen
        await pilot.press("I")  # its own key goes home...
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen) and len(app.screen_stack) == 1
        await pilot.press("I")  # ...and back to the same place, not a second copy
        await pilot.pause()
        assert app.screen is invoices and len(app.screen_stack) == 1


async def test_hostile_names_show_literally(desk: Desk) -> None:
    name = "[bold]Evil[/bold] [/] <img src=x> [link=file:///etc/passwd]Co"
    desk.db.conn.execute("UPDATE clients SET name = ? WHERE id = 1", [name])
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_generator(pilot, desk)
        screen.query_one("#client", Select).value = 1
        await pilot.pause()
        assert name in plain(screen.query_one("#heading", Static))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"issued to {name}:" in plain(screen.query_one("#outcome", Static))
        await pilot.press("escape", "enter")
        await pilot.pause()
        assert f"to {name}" in plain(app.screen.query_one("#document", Static))
        await pilot.press("escape", "v")
        await pilot.pause()
        assert name in str(app.screen.query_one("#title").render())
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app)["2026-0001"][2] == name
        assert all(not n.markup for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_totals_and_statuses_are_whole_at_any_width(desk: Desk, size) -> None:
    app = HourdeskApp(desk)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = await open_generator(pilot, desk)
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= size[0]
        keys = [c.key.value for c in table.columns.values()]
        assert {"number", "client", "due", "total", "status"} <= set(keys)
        row = table.get_row_at(0)
        total = str(row[keys.index("total")])
        assert total.endswith(".00") and total.startswith("$")
        status = table.columns[table.coordinate_to_cell_key((0, keys.index("status"))).column_key]
        assert status.get_render_width(table) >= 14
        assert screen is not None


async def test_invoices_come_a_page_at_a_time(desk: Desk, monkeypatch) -> None:
    """260 invoices, 50 to a page: ] and [ page by the edge rows' numbers, the line under the
    list counts, and a row voided on page 2 stays on page 2, selected."""
    monkeypatch.setattr(InvoicesScreen, "PAGE", 50)
    first = desk.invoicing.issue(1).number
    older = copies(desk, first, [(2025, seq) for seq in range(1, 260)])[::-1]
    order = [first, *older]
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InvoicesScreen)
        table = screen.query_one(DataTable)
        pager = screen.query_one("#pager", Static)
        assert list(rows(app)) == order[:50]
        assert plain(pager) == "1–50 of 260 invoices · page 1 of 6"
        assert "page(-1)" not in footer_keys(app) and "page(1)" in footer_keys(app)

        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert list(rows(app)) == order[50:100]
        assert plain(pager) == "51–100 of 260 invoices · page 2 of 6"
        assert table.cursor_row == 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert list(rows(app)) == order[:50]
        await pilot.press(*["right_square_bracket"] * 6)  # one more than there are
        await pilot.pause()
        assert list(rows(app)) == order[250:]
        assert plain(pager) == "251–260 of 260 invoices · page 6 of 6"
        assert "page(1)" not in footer_keys(app) and "page(-1)" in footer_keys(app)

        await pilot.press(*["left_square_bracket"] * 4)
        await pilot.pause()
        assert list(rows(app)) == order[50:100]
        table.move_cursor(row=7)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "Duplicate"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert list(rows(app)) == order[50:100]  # still page 2
        assert table.cursor_row == 7 and rows(app)[order[57]][-1] == "void"
        assert desk.invoicing.get(order[57]).status == "void"
        await pilot.press("enter")  # the invoice itself, read when asked for
        await pilot.pause()
        assert isinstance(app.screen, InvoiceView)
        assert "VOID: Duplicate" in plain(app.screen.query_one("#document", Static))
