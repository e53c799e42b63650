"""The inbox through Pilot: create a ticket in the form, find it, filter, search, page,
open it, add a note, and the help screen; searches off the UI thread with stale results
dropped, the timer key repainting one row and the bar, and words and columns that fit."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from dataclasses import replace

import pytest
from textual import events
from textual._compositor import Compositor
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, Static, TextArea

from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.inbox import Finder, read_only
from hourdesk.screens.help import HelpScreen
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.text_prompt import TextPrompt
from hourdesk.screens.ticket import TicketScreen
from hourdesk.screens.ticket_form import TicketForm
from hourdesk.screens.widgets.thread_view import ThreadView
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.db import transaction

SIZE = (120, 40)


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#tickets", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def shown_refs(app) -> list[str]:
    return [row[0] for row in table_rows(app)]


async def searched(pilot: Pilot) -> None:
    """A search runs off the UI thread: wait for it, then for its paint."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def footer_keys(app) -> set[str]:
    """The page keys the footer offers."""
    from textual.widgets._footer import FooterKey

    return {
        k.key_display
        for k in app.screen.query(FooterKey)
        if k.key_display in ("[", "]") and not k.has_class("-disabled")
    }


def thread_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen.query_one(ThreadView).lines)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def type_into(pilot: Pilot, selector: str, text: str) -> None:
    await pilot.click(selector)
    await pilot.press(*text)


async def choose(pilot: Pilot, selector: str, label: str) -> None:
    """Open a Select with the keyboard and move down to the option with that label."""
    select = pilot.app.screen.query_one(selector, Select)
    labels = [str(prompt) for prompt, _ in select._options]
    select.focus()
    await pilot.press("enter")
    await pilot.press(*["down"] * labels.index(label), "enter")
    await pilot.pause()


@pytest.fixture
def clients(desk: Desk):
    return [
        desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example"),
        desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example"),
    ]


@pytest.fixture
def tickets(desk: Desk, clients, clock):
    """Five tickets: three open, one resolved, one closed; one with a word only in its thread."""
    harbor, bluebird = clients
    made = []
    for subject, client, status, body in [
        ("Printer offline", harbor, None, "The printer at the front desk is offline."),
        ("Email bouncing", bluebird, None, "Orders bounce back."),
        ("VPN drops", harbor, "on_hold", "Every hour or so."),
        ("Backup failed", bluebird, "resolved", "The zeppelin backup job failed."),
        ("Old laptop", harbor, "closed", "Can it be recycled?"),
    ]:
        clock.advance(hours=5)
        ticket = desk.tickets.new(client_id=client.id, subject=subject, body=body, billable=False)
        if status == "on_hold":
            desk.tickets.set_status(ticket.ref, status, "waiting_on_client")
        elif status:  # finished long ago: how it got there is not what these tests look at
            desk.db.execute("UPDATE tickets SET status = ? WHERE id = ?", [status, ticket.id])
        made.append(ticket)
    clock.advance(days=2)
    return made


async def test_create_a_ticket_in_the_form_and_find_it(app, desk: Desk, clients) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        assert table_rows(app) == []
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TicketForm)
        await choose(pilot, "#field-client_id", "Harbor Dental Clinic")
        await type_into(pilot, "#field-subject", "Scan [b]")
        await type_into(pilot, "#field-body", "Monday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        rows = table_rows(app)
        assert len(rows) == 1
        assert rows[0][:4] == ["HD-0001", "Harbor Dental Clinic", "Scan [b]", "new"]
        assert app.screen.selected == "HD-0001"
    (ticket,) = desk.tickets.list()
    assert (ticket.ref, ticket.client_name) == ("HD-0001", "Harbor Dental Clinic")
    assert ticket.subject == "Scan [b]"
    assert (ticket.channel, ticket.billable, ticket.priority) == ("email", True, "normal")
    thread = desk.tickets.thread(ticket.id)
    assert thread[-1].body == "Monday"
    assert thread[-1].author == "client"


async def test_the_form_says_what_is_missing(app, desk: Desk, clients) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # nothing filled in
        await pilot.pause()
        assert isinstance(app.screen, TicketForm)
        assert "subject" in text_of(app, "#error-subject") or "client" in text_of(
            app, "#error-client_id"
        )
        app.screen.query_one("#field-subject", Input).value = "Printer"
        await pilot.press("ctrl+s")  # still no client
        await pilot.pause()
        assert isinstance(app.screen, TicketForm)
        assert "Choose the client" in text_of(app, "#error-client_id")
        assert app.screen.focused is app.screen.query_one("#field-client_id")
        await pilot.press("escape")  # something was typed: asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    assert desk.tickets.list() == []


async def test_filter_with_f(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sorted(shown_refs(app)) == ["HD-0001", "HD-0002", "HD-0003"]  # open ones
        assert "filter: open" in text_of(app, "#filter")
        await pilot.press("f")
        await pilot.pause()
        assert "filter: all" in text_of(app, "#filter")
        assert len(shown_refs(app)) == 5
        await pilot.press("f")  # then each status in turn: new
        await pilot.pause()
        assert "filter: new" in text_of(app, "#filter")
        assert sorted(shown_refs(app)) == ["HD-0001", "HD-0002"]
        await pilot.press("f")
        await pilot.pause()
        assert shown_refs(app) == ["HD-0003"]
        assert "on hold" in table_rows(app)[0][3]


async def test_client_filter(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await pilot.pause()
        await pilot.press("down", "down", "enter")  # All clients, Bluebird, Harbor
        await pilot.pause()
        assert "client: Harbor Dental Clinic" in text_of(app, "#filter")
        assert sorted(shown_refs(app)) == ["HD-0001", "HD-0003"]


async def test_search_with_slash(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")  # all tickets
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#search", Input)
        await pilot.press(*"zep")
        await searched(pilot)
        assert shown_refs(app) == ["HD-0004"]  # the word is only in its thread
        await pilot.press("ctrl+u", *"pri")
        await searched(pilot)
        assert shown_refs(app) == ["HD-0001"]
        await pilot.press("ctrl+u", *"blu")
        await searched(pilot)
        assert sorted(shown_refs(app)) == ["HD-0002", "HD-0004"]
        await pilot.press("ctrl+u", *"#5")
        await searched(pilot)
        assert shown_refs(app) == ["HD-0005"]
        await pilot.press("enter")  # back to the table, the search stays
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#tickets", DataTable)
        assert shown_refs(app) == ["HD-0005"]
        await pilot.press("escape")  # clears it
        await searched(pilot)
        assert len(shown_refs(app)) == 5


async def test_sort_keys(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert "sort updated ↓" in text_of(app, "#pager")
        await pilot.press("s")  # ref, newest first
        await pilot.pause()
        assert "sort ref ↓" in text_of(app, "#pager")
        assert shown_refs(app) == ["HD-0005", "HD-0004", "HD-0003", "HD-0002", "HD-0001"]
        await pilot.press("S")
        await pilot.pause()
        assert shown_refs(app) == ["HD-0001", "HD-0002", "HD-0003", "HD-0004", "HD-0005"]
        await pilot.press("s")  # client, A to Z
        await pilot.pause()
        clients = [row[1] for row in table_rows(app)]
        assert clients == sorted(clients)


async def test_pages(app, desk: Desk, clients) -> None:
    with transaction(desk.db):
        for i in range(105):
            desk.tickets.new(client_id=clients[0].id, subject=f"Request {i + 1}")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(shown_refs(app)) == 100
        assert text_of(app, "#pager").startswith("1–100 of 105 open tickets")
        assert footer_keys(app) == {"]"}
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert text_of(app, "#pager").startswith("101–105 of 105")
        assert len(shown_refs(app)) == 5
        assert footer_keys(app) == {"["}
        await pilot.press("right_square_bracket")  # no page after the last: nothing happens
        await pilot.pause()
        assert text_of(app, "#pager").startswith("101–105 of 105")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert text_of(app, "#pager").startswith("1–100 of 105")


async def test_open_a_ticket_and_add_a_note(app, desk: Desk, tickets, clock) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"vpn", "enter")
        await searched(pilot)
        assert shown_refs(app) == ["HD-0003"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert sum(isinstance(s, TicketScreen) for s in app.screen_stack) == 1
        facts = text_of(app, "#facts")
        assert "HD-0003" in facts and "VPN drops" in facts and "Harbor Dental Clinic" in facts
        assert "on hold" in facts
        thread = thread_text(app)
        assert "Every hour or so." in thread
        clock.advance(minutes=30)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Router?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        thread = thread_text(app)
        assert "Router?" in thread
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    entry = desk.tickets.thread(tickets[2].id)[-1]
    assert (entry.kind, entry.author, entry.body) == ("note", "consultant", "Router?")
    assert desk.tickets.get("HD-0003").updated_at == clock.now()


async def test_a_password_in_a_note_is_redacted_and_flagged(app, desk: Desk, tickets) -> None:
    secret = "Xy7#kq9Lmz"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the top row: the most recently updated open ticket
        await pilot.pause()
        ref = app.screen.ref
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        # the client's message is pasted in, as it would be from an email
        app.screen.query_one(TextArea).post_message(events.Paste(f"Hi, password: {secret}"))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        facts = text_of(app, "#facts")
        assert "credentials were removed" in facts
        thread = thread_text(app)
        assert secret not in thread
        assert "credential removed" in thread
    ticket = desk.tickets.get(ref)
    assert ticket.flagged
    assert all(secret not in e.body for e in desk.tickets.thread(ticket.id))


async def test_help_lists_the_keys(app, tickets) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        keys = {
            str(table.get_row_at(i)[0]): str(table.get_row_at(i)[1]) for i in range(table.row_count)
        }
        assert keys["n"] == "New ticket"
        assert keys["/"] == "Search"
        assert keys["f"] == "Filter"
        assert keys["?"] == "Help"
        assert "Quit" in keys.values()
        descriptions = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        palette = [d for d in descriptions if "palette" in d.lower()]
        assert palette == ["Command palette: every action by name"]  # once
        # only hourdesk's keys: none of the table's own cursor and copy bindings
        assert not {"Cursor left", "Page left", "Copy selected text"} & {
            d.capitalize() for d in descriptions
        }
        assert "$!" in keys and "⚠" in keys  # the markers are explained
        assert "Everywhere" in keys and "This screen" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        await pilot.press("enter", "f1")  # on the ticket screen: its own keys
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        actions = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert {"Note", "Client message", "Status", "Priority"} <= actions


async def test_a_ticket_made_elsewhere_shows_up(app, desk: Desk, clients, tmp_path) -> None:
    """Another connection (the CLI, a second TUI) commits: the inbox picks it up."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_refs(app) == []
        other = build_desk(tmp_path / "hourdesk.db", settings=Settings())
        other.tickets.new(client_id=clients[1].id, subject="Made by the CLI")
        other.close()
        app.watch_database()  # what the app's one-second interval calls
        await pilot.pause()
        assert shown_refs(app) == ["HD-0001"]
        assert table_rows(app)[0][2] == "Made by the CLI"


# --- repaints, words and columns ------------------------------------------------------


async def test_a_slow_search_answering_after_a_newer_one_is_dropped(
    app, desk: Desk, tickets
) -> None:
    painted: list[str] = []

    class SlowFinder(Finder):
        def find(self, query):
            if query.text == "ze":
                time.sleep(0.4)  # the newer search is typed meanwhile
            return super().find(query)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        screen._finder = SlowFinder(read_only(desk.db.conn))
        paint = screen._paint
        screen._paint = lambda page: (painted.append(page.query.text), paint(page))
        await pilot.press("f", "slash", "z", "e")
        await pilot.pause(0.2)  # "ze" is being searched
        await pilot.press("p")
        await searched(pilot)
        await pilot.pause(0.5)
        assert shown_refs(app) == ["HD-0004"]
        assert "ze" not in painted and painted[-1] == "zep"


async def test_each_key_searches_without_waiting_for_typing_to_pause(
    app, desk: Desk, tickets
) -> None:
    """A key starts the search for the text so far once the keys that came with it are in
    (a few ms); a newer key stops the one running. Nothing waits for a pause in typing,
    which is what the last key of a burst waited on."""
    asked: list[str] = []

    class Noting(Finder):
        def find(self, query):
            asked.append(query.text)
            return super().find(query)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "slash")
        await pilot.pause()
        app.screen._finder = Noting(read_only(desk.db.conn))
        for key in "zep":  # a fast typist: far less than a pause in typing between keys
            app._driver.send_message(events.Key(key, key))
            await asyncio.sleep(0.02)
            await app.workers.wait_for_complete()
        await pilot.pause()
        assert asked == ["z", "ze", "zep"]
        assert shown_refs(app) == ["HD-0004"]


async def test_an_answer_for_other_text_than_the_box_holds_is_not_painted(
    app, desk: Desk, tickets
) -> None:
    """A key typed while an answer was on its way: that answer is stale, even when the
    box's change has not reached the screen yet."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        screen = app.screen
        before = shown_refs(app)
        query = replace(screen.inbox_query, text="zep")
        found = read_only_finder(desk).find(query)
        screen.query_one("#search", Input).value = "zepx"  # typed meanwhile: no ticket
        screen.on_inbox_screen_searched(InboxScreen.Searched(screen._token, query, found))
        await pilot.pause()
        assert screen.page.query.text != "zep"
        await searched(pilot)
        assert shown_refs(app) == [] and before


async def test_a_search_showing_the_same_tickets_redraws_only_what_changed(
    app, desk: Desk, tickets
) -> None:
    """A longer word often finds the same tickets: their rows stay, and only cells that
    changed (in text or in look) are redrawn, not the table."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "slash", *"zep")
        await searched(pilot)
        table = app.screen.query_one(DataTable)
        assert shown_refs(app) == ["HD-0004"]
        drawn = table._update_count
        await pilot.press("p")
        await searched(pilot)
        assert app.screen.page.query.text == "zepp" and shown_refs(app) == ["HD-0004"]
        assert table._update_count == drawn  # nothing in the table changed
        desk.db.execute("UPDATE tickets SET priority = 'urgent' WHERE number = 4")
        await pilot.press("e")
        await searched(pilot)
        assert table.get_cell("HD-0004", "priority").plain == "urgent"
        assert table.get_cell("HD-0004", "ref").style == "bold"  # the same text, bold now


async def test_painting_the_same_tickets_lays_out_nothing(
    app, desk: Desk, tickets, monkeypatch
) -> None:
    """The count line and the filter line keep their size: a keystroke that finds the same
    tickets redraws them without laying out the screen again (a layout redraws it whole)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "slash", *"zep")
        await searched(pilot)
        screen, painting, layouts = app.screen, [False], []
        refresh, paint = Widget.refresh, screen._paint

        def noted(widget, *args, layout: bool = False, **kwargs):
            if layout and painting[0]:
                layouts.append(widget)
            return refresh(widget, *args, layout=layout, **kwargs)

        def painted(page, latest=True) -> None:
            painting[0] = True
            paint(page, latest)
            painting[0] = False

        monkeypatch.setattr(Widget, "refresh", noted)
        screen._paint = painted
        await pilot.press("p")
        await searched(pilot)
        assert screen.page.query.text == "zepp" and layouts == []
        assert "1 ticket" in text_of(app, "#pager") and "filter: all" in text_of(app, "#filter")


async def test_clearing_the_search_stops_the_one_still_running(app, desk: Desk, tickets) -> None:
    class Endless(Finder):
        def find(self, query):
            if query.text == "ze":  # runs until it is interrupted
                self.conn.execute(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    " SELECT count(*) FROM n"
                ).fetchone()
            return super().find(query)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        app.screen._finder = Endless(read_only(desk.db.conn))
        await pilot.press("slash", "z", "e")
        await pilot.pause(0.1)
        await pilot.press("escape")
        await asyncio.wait_for(app.workers.wait_for_complete(), 5)
        await pilot.pause()
        assert len(shown_refs(app)) == 5


async def test_a_search_never_redraws_the_whole_screen(
    app, desk: Desk, tickets, monkeypatch
) -> None:
    """The search box, the table and the count line redraw themselves; the screen as a
    whole is not redrawn (in a terminal that rewrites every line of it)."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f", "slash", *"zep")
        await searched(pilot)
        whole = []
        full = Compositor.render_full_update
        monkeypatch.setattr(
            Compositor, "render_full_update", lambda *a, **k: (whole.append(1), full(*a, **k))[1]
        )
        await pilot.press("p")
        await searched(pilot)
        await pilot.press("down")  # the cursor moves: the selected ticket changes
        await pilot.pause()
        assert app.screen.page.query.text == "zepp" and whole == []


def read_only_finder(desk: Desk) -> Finder:
    return Finder(read_only(desk.db.conn))


async def test_a_search_the_database_refuses_says_so_in_words(app, desk: Desk, tickets) -> None:
    class BrokenFinder(Finder):
        def find(self, query):
            raise sqlite3.OperationalError("disk I/O error")

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen._finder = BrokenFinder(read_only(desk.db.conn))
        await pilot.press("slash", *"zep")
        await searched(pilot)
        assert app.is_running and isinstance(app.screen, InboxScreen)
        said = [n.message for n in app._notifications]
        assert said and "disk I/O error" not in said[-1] and "Traceback" not in said[-1]


async def test_t_repaints_the_row_and_the_bar_without_the_page_query(
    app, desk: Desk, tickets
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        calls = []
        find = desk.inbox.finder.find
        desk.inbox.finder.find = lambda q: (calls.append(q), find(q))[1]
        table = screen.query_one(DataTable)
        ref = screen.selected
        await pilot.press("t")
        await pilot.pause()
        assert calls == []
        assert desk.timer.running().ref == ref
        assert ref in str(screen.query_one(TimerBar).render())
        assert str(table.get_cell(ref, "timer")) == "●"
        await pilot.press("t")
        await pilot.pause()
        assert calls == [] and desk.timer.running() is None
        assert str(table.get_cell(ref, "timer")) == ""
        assert "no timer running" in str(screen.query_one(TimerBar).render())


async def test_the_counts_read_naturally(app, desk: Desk) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert text_of(app, "#pager") == "0 open tickets · n new ticket · M mail intake"
        client = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
        desk.tickets.new(client_id=client.id, subject="Oven clock")
        app.screen.refresh_data()
        await pilot.pause()
        assert text_of(app, "#pager") == "1 open ticket · sort updated ↓"


async def test_at_80x24_the_essential_columns_fit_and_names_are_whole(
    app, desk: Desk, tickets
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        table = app.screen.query_one(DataTable)
        columns = {key.value: column for key, column in table.columns.items()}
        assert {"ref", "client", "subject", "status", "timer"} <= set(columns)
        assert columns["client"].width >= len("Harbor Dental Clinic")
        assert sum(c.width + 2 for c in columns.values()) <= 80
        assert table.max_scroll_x == 0  # nothing hides to the right
        static = app.screen.query_one("#pager", Static)
        assert str(static.render()).startswith("3 open tickets")
