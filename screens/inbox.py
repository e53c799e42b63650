"""The inbox: a page of tickets with filter, incremental search, sorting and paging."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from hourdesk.app.core.timefmt import age
from hourdesk.app.desk.inbox import (
    FILTERS,
    SORTS,
    Finder,
    Found,
    InboxPage,
    InboxQuery,
    InboxRow,
    read_only,
)
from hourdesk.app.desk.rules import WARN_SHARE, Budget
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.prepaid import prepaid_text
from hourdesk.screens.widgets.search_box import SearchBox
from hourdesk.screens.widgets.table import SteadyTable
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.statuses import STATUS_WORDS

# label, sort key; the essential columns first, then what is shown as the width allows
COLUMNS = {
    "ref": "Ref",
    "client": "Client",
    "subject": "Subject",
    "status": "Status",
    "priority": "Pri",
    "age": "Age",
    "budget": "Budget",
    "timer": "⏱",
}
ESSENTIAL = ("ref", "client", "subject", "status", "timer")
OPTIONAL = ("priority", "age", "budget")  # dropped from the end when the screen is narrow
SUBJECT_MIN = 20
SUBJECT_NARROW = 10  # the least it is squeezed to
CLIENT_MAX = 30
CLIENT_MIN = 12
SHARED = ("client", "subject")  # the columns that share what the others leave
GATHER = 0.005  # seconds: keys that come together (one read of the terminal) search once
SHORT_HOLD = {
    "awaiting_approval": "approval",
    "payment": "payment",
    "waiting_on_client": "client",
    "declined": "declined",
}
STATUS_STYLES = {
    "new": "bold cyan",
    "on_hold": "yellow",
    "approved": "green",
    "in_progress": "bold green",
    "resolved": "blue",
    "closed": "dim",
}
SORT_ORDER = ["updated", "ref", "client", "subject", "status", "priority", "age"]


def budget_cell(budget: Budget) -> Text:
    """``2h10m / 3h00m 72%``; yellow from 80 %, red from 100 %."""
    share = budget.share or 0
    style = "bold red" if share >= 100 else "yellow" if share >= WARN_SHARE else ""
    return Text(budget.short(), style=style)


def client_cell(name: str, overdue: bool) -> Text:
    """The client's name; ``$!`` in red when it has an overdue invoice (payment hold)."""
    if not overdue:
        return literal(name)
    return Text("$! ", style="bold red").append_text(literal(name))


def row_cells(row: InboxRow, now) -> dict[str, Text]:
    """The cells of one ticket's row, by column key."""
    t = row.ticket
    urgent = t.priority == "urgent"
    status = STATUS_WORDS[t.status] + (f": {SHORT_HOLD[t.hold_reason]}" if t.hold_reason else "")
    return {
        "ref": Text(t.ref, style="bold" if urgent else ""),
        "client": client_cell(t.client_name, row.overdue),
        "subject": literal(("⚠ " if t.flagged else "") + t.subject),
        "status": Text(status, style=STATUS_STYLES[t.status]),
        "priority": Text("urgent", style="bold red") if urgent else Text("normal", style="dim"),
        "age": Text(age(t.created_at, now)),
        "budget": budget_cell(row.budget),
        "timer": Text("●", style="bold green") if row.timing else Text(""),
    }


class InboxScreen(Screen):
    """The main screen. Enter opens the selected ticket."""

    CSS_PATH = "inbox.tcss"
    _resumed = False  # shown before: a resume reads the page again
    _width = 0  # at the last resize: the columns were fitted to it
    BINDINGS = [
        Binding("enter", "open", "Open", show=False, id="inbox.open"),
        Binding("n", "new_ticket", "New ticket", id="inbox.new_ticket"),
        Binding("t", "timer", "Start/stop timer", id="inbox.start_stop_timer"),
        Binding("e", "estimate", "Estimate", id="inbox.estimate"),
        Binding("x", "resolve", "Resolve", id="inbox.resolve"),
        Binding("slash", "search", "Search", key_display="/", id="inbox.search"),
        Binding("f", "cycle_filter", "Filter", id="inbox.filter"),
        Binding("C", "client_filter", "Client", show=False, id="inbox.client"),
        Binding("s", "cycle_sort", "Sort", show=False, id="inbox.sort"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="inbox.reverse"),
        Binding(
            "left_square_bracket", "page(-1)", "Prev page", key_display="[", id="inbox.prev_page"
        ),
        Binding(
            "right_square_bracket", "page(1)", "Next page", key_display="]", id="inbox.next_page"
        ),
        Binding("c", "clients", "Clients", id="inbox.clients"),
        Binding("comma", "settings", "Settings", key_display=",", id="inbox.settings"),
        Binding("escape", "clear_search", "Clear search", show=False, id="inbox.clear_search"),
    ]

    # the widgets they change redraw themselves: the screen as a whole is not repainted
    inbox_query: reactive[InboxQuery] = reactive(
        InboxQuery, always_update=True, init=False, repaint=False
    )
    selected: reactive[str | None] = reactive(None, repaint=False)

    class Searched(Message):
        """A search's tickets, found off the UI thread; ``token`` says which load asked."""

        def __init__(self, token: int, query: InboxQuery, found: Found) -> None:
            super().__init__()
            self.token, self.query, self.found = token, query, found

    def __init__(self) -> None:
        super().__init__()
        self.page: InboxPage | None = None
        self._standings: tuple[tuple, dict] | None = None  # (data stamp, prepaid by client)
        self.client_name = ""
        self._token = 0  # the latest load; results of earlier ones are stale
        self._painted = 0  # the load whose page the table shows
        self._waiting: list[str] = []  # row actions typed before the latest page was shown
        self._finder: Finder | None = None  # the search worker's, on a read-only connection
        self._reading = threading.Lock()
        self._offered: tuple | None = None  # what the footer's page and ticket keys were for
        self._typing = None  # the timer that gathers keys typed together into one search

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield SearchBox(placeholder="Search ref, subject, client, thread…  (/)", id="search")
            yield Static(id="filter")
        yield SteadyTable(id="tickets", cursor_type="row", zebra_stripes=True)
        yield Static(id="pager")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_focus(self.query_one(DataTable))  # now: keys typed at start follow it
        self.inbox_query = InboxQuery()

    def on_unmount(self) -> None:
        self._token += 1  # whatever is still being found is stale now
        if self._finder is not None:
            self._finder.conn.interrupt()
            with self._reading:
                self._finder.conn.close()

    def on_resize(self) -> None:
        """Repaint when the columns' widths change: a resize to the same width (as at the
        start) keeps the table and the lines it has drawn."""
        if self.page is None or self.size.width == self._width:
            return
        self._width = self.size.width
        now = self.app.clock.now()
        widths = self._widths([row_cells(row, now) for row in self.page.rows])
        if widths != {k.value: c.width for k, c in self.query_one(DataTable).columns.items()}:
            self._paint(self.page, latest=False)

    def watch_inbox_query(self, query: InboxQuery) -> None:
        self.load(query)

    def load(self, query: InboxQuery | None = None) -> None:
        """Show the page for the query: a search is found off the UI thread, the rest here."""
        query = query or self.inbox_query
        self._token += 1
        if self._finder is not None:
            self._finder.conn.interrupt()  # a newer load makes the running search moot
        if query.text.strip():
            self._find(query, self._token)
        elif not self.app.desk_open and (page := self._first_page(query)) is not None:
            self._paint(page)
        elif self.app.desk_open or self.app.open_desk():
            self._paint(self.desk.inbox.page(query))

    def _first_page(self, query: InboxQuery) -> InboxPage | None:
        """The page from plain SQL, drawn before the desk opens; None when it cannot be read
        (the desk then opens first, and says why)."""
        try:
            return self.app.opening.first_page(query)
        except sqlite3.Error:
            return None

    @work(thread=True, exclusive=True, group="search")
    def _find(self, query: InboxQuery, token: int) -> None:
        with self._reading:
            while token == self._token:
                try:
                    if self._finder is None:
                        self._finder = Finder(read_only(self.desk.db.conn))
                    found = self._finder.find(query)
                except sqlite3.Error as exc:
                    if "interrupt" in str(exc):  # by a newer load: asked again unless stale
                        continue
                    from hourdesk.app.core.logs import explain, log_error

                    log_error("search in the inbox", exc)
                    self.app.call_from_thread(self.notify, explain(exc), severity="error")
                    return
                self.post_message(self.Searched(token, query, found))
                return

    def on_inbox_screen_searched(self, message: Searched) -> None:
        """Paint the answer unless it is stale: a later load was asked for, or the search
        box already holds other text (its change, and the load for it, are on their way)."""
        typed = self.query_one("#search", Input).value
        if message.token == self._token and message.query.text == typed:
            self._paint(self.desk.inbox.show(message.found, message.query))

    def _paint(self, page: InboxPage, latest: bool = True) -> None:
        """Fill the table with the page, keeping the cursor on its ticket. ``latest``: the
        page of the latest load (not a repaint of the one shown while a search runs)."""
        if not page.early and (self.page is None or self.page.early):
            # the desk's first page: keys typed at start may come now
            self.call_after_refresh(getattr(self.app, "keys_ready", lambda: None))
        self.page = page
        if latest:
            self._painted = self._token
        table = self.query_one(DataTable)
        keep = self.selected
        now = self.app.clock.now()
        cells = [row_cells(row, now) for row in page.rows]
        widths = self._widths(cells)
        refs = [r.ticket.ref for r in page.rows]
        if {k.value: c.width for k, c in table.columns.items()} == widths and [
            k.value for k in table.rows
        ] == refs:  # the same tickets in the same columns (a longer word often finds them)
            self._redraw_changed(dict(zip(refs, cells, strict=True)))
        else:
            self._fill(table, widths, refs, cells)
            if keep in refs:
                table.move_cursor(row=refs.index(keep), animate=False)
        self.selected = refs[table.cursor_row] if refs else None
        self._describe(page)
        q = page.query
        offered = (q.offset > 0, q.offset + q.limit < page.total, self.selected is not None)
        if offered != self._offered:  # the footer is rebuilt only when its keys change
            self._offered = offered
            self.refresh_bindings()
        waiting, self._waiting = (self._waiting, []) if latest else ([], self._waiting)
        for action in waiting:
            getattr(self, f"action_{action}")()

    @staticmethod
    def _fill(table: DataTable, widths: dict[str, int], refs: list[str], cells: list) -> None:
        """The table emptied and filled with these rows, in columns of these widths."""
        if list(table.columns) != list(widths):
            table.clear(columns=True)
            for key, width in widths.items():
                table.add_column(COLUMNS[key], key=key, width=width)
        else:
            table.clear()
            for key, width in widths.items():
                table.columns[key].width = width
        for ref, shown in zip(refs, cells, strict=True):
            table.add_row(*(shown[key] for key in widths), key=ref)

    def _redraw_changed(self, cells: dict[str, dict[str, Text]]) -> None:
        """Only the cells of these rows (by ref) whose text or look changed."""
        table = self.query_one(DataTable)
        for ref, shown in cells.items():
            if ref not in table.rows:
                continue
            for key in table.columns:
                old, new = table.get_cell(ref, key), shown[key.value]
                if (old.plain, old.style, old.spans) != (new.plain, new.style, new.spans):
                    table.update_cell(ref, key, new)

    def _widths(self, cells: list[dict[str, Text]]) -> dict[str, int]:
        """Each column as wide as its content; Subject takes the rest. On a narrow screen the
        optional columns go (budget first), then the client's name is shortened, and only
        then is the subject squeezed: the status is never cut."""
        natural = {
            key: max([len(COLUMNS[key])] + [c[key].cell_len for c in cells]) for key in COLUMNS
        }
        natural["client"] = min(natural["client"], CLIENT_MAX)
        available = self.size.width or self.app.size.width
        keys = list(ESSENTIAL)
        for key in OPTIONAL:
            used = sum(natural[k] + 2 for k in keys if k != "subject") + 2 + 2  # + scrollbar
            if available - used - natural[key] - 2 >= SUBJECT_MIN:
                keys.append(key)
        keys.sort(key=list(COLUMNS).index)
        widths = {key: natural[key] for key in keys}
        # what the client's column and its gap, and the subject, share (+ its gap, scrollbar)
        rest = available - sum(w + 2 for k, w in widths.items() if k not in SHARED) - 2 - 2
        widths["client"] = min(natural["client"], max(CLIENT_MIN, rest - 2 - SUBJECT_MIN))
        widths["subject"] = max(SUBJECT_NARROW, rest - 2 - widths["client"])
        return widths

    def _describe(self, page: InboxPage) -> None:
        q = page.query
        what = (
            "open ticket"
            if q.status == "open"
            else "ticket"
            if q.status == "all"
            else f"{STATUS_WORDS[q.status]} ticket"
        )
        counted = f"{page.total:,} {what}{'' if page.total == 1 else 's'}"
        arrow = "↓" if q.descending else "↑"
        if page.total > q.limit:
            shown = f"{q.offset + 1}–{q.offset + len(page.rows)}" if page.rows else "0"
            words = (
                f"{shown} of {counted} · sort {q.sort} {arrow} · page "
                f"{q.offset // q.limit + 1} of {-(-page.total // q.limit)}"
            )
        elif page.total or q.text.strip() or q.client_id is not None or q.status != "open":
            words = f"{counted} · sort {q.sort} {arrow}"
        else:
            words = f"{counted} · n new ticket · M mail intake"
        # one line of a fixed size: redrawn, not laid out (a layout redraws the whole screen)
        self.query_one("#pager", Static).update(
            Text(words).append_text(self._prepaid()), layout=False
        )
        client = f" · client: {self.client_name}" if q.client_id is not None else ""
        shown = self.query_one("#filter", Static)
        if str(shown.content) != (words := f"filter: {q.status}{client}"):  # sized by its words
            shown.update(literal(words))

    def standings(self) -> dict:
        """The clients' prepaid hours, read again only when the data changed (not for every
        keystroke of a search)."""
        stamp = self.app.data_stamp()
        if self._standings is None or self._standings[0] != stamp:
            self._standings = (stamp, self.desk.blocks.standings())
        return self._standings[1]

    def _prepaid(self) -> Text:
        """`` · <client>: prepaid 6h00m left`` for the selected ticket's client."""
        if self.page.early:  # read with the desk, a moment later
            return Text()
        row = next((r for r in self.page.rows if r.ticket.ref == self.selected), None)
        standing = self.standings().get(row.ticket.client_id) if row else None
        if standing is None:
            return Text()
        return Text(f" · {row.ticket.client_name}: ").append_text(prepaid_text(standing))

    def watch_selected(self) -> None:
        if self.page is not None:
            self._describe(self.page)

    def refresh_data(self) -> None:
        """Called by the app when the database changed: repaint only when the page did."""
        if self.page is None or self.inbox_query.text.strip():
            self.load()
            return
        page = self.desk.inbox.page(self.page.query)
        if page != self.page:  # the same tickets: only the cells that moved on are redrawn
            self._paint(page)

    def timer_changed(self, refs: list[str]) -> None:
        """The timer started or stopped on these tickets: their rows, not the page; after the
        bar has been drawn (redrawing the table costs more than the bar)."""
        if self.page is None:
            return
        shown = {row.ticket.ref: i for i, row in enumerate(self.page.rows)}
        ids = [self.page.rows[shown[ref]].ticket.id for ref in refs if ref in shown]
        fresh = self.desk.inbox.show(Found(ids, self.page.total), self.page.query).rows
        rows = list(self.page.rows)
        for row in fresh:
            rows[shown[row.ticket.ref]] = row
        self.page = replace(self.page, rows=rows)
        self.call_after_refresh(self._update_rows, fresh)

    def _update_rows(self, fresh: list[InboxRow]) -> None:
        now = self.app.clock.now()
        self._redraw_changed({row.ticket.ref: row_cells(row, now) for row in fresh})

    def on_screen_resume(self) -> None:
        """Back on screen: the page again where it changed; not at the start, whose mount
        has just read it."""
        if self.page is not None and self._resumed:
            self.refresh_data()
        self._resumed = True

    # selection

    def current(self) -> str | None:
        """The ticket under the cursor now (``selected`` follows it a message later, so a
        key typed right after a cursor key would act on the row before)."""
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def showing_latest(self, action: str) -> bool:
        """Whether the table shows the latest query; if not, ``action`` waits for it, so
        that a key typed during a search acts on a row of the page found."""
        if self._painted == self._token:
            return True
        self._waiting.append(action)
        return False

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected = event.row_key.value if event.row_key else None

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        if key in SORTS:
            same = self.inbox_query.sort == key
            self.inbox_query = replace(
                self.inbox_query,
                sort=key,
                descending=not self.inbox_query.descending
                if same
                else key in ("updated", "age", "ref"),
            ).page(0)

    # search

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        """Search as keys come: the text so far, once the keys that came with this one are in
        (a few ms); a newer search stops the one still running."""
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(GATHER, self._typed)

    def _typed(self) -> None:
        self._typing = None
        text = self.query_one("#search", Input).value
        if text != self.inbox_query.text:
            self.inbox_query = replace(self.inbox_query, text=text).page(0)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        if self.focused is self.query_one(DataTable):  # a second enter, typed before the
            self.action_open()  # first had left the search box
        else:
            self._end_search()

    def _end_search(self) -> None:
        """Search for what is typed now, and go to the table (at once: the next key is its)."""
        if self._typing is not None:
            self._typing.stop()
        self._typed()
        self.set_focus(self.query_one(DataTable))

    def action_search(self) -> None:
        self.set_focus(self.query_one("#search", Input))  # at once: the next key is typed there

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self._end_search()

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page" and self.page is not None:
            step = parameters[0]
            q = self.page.query
            return q.offset > 0 if step < 0 else q.offset + q.limit < self.page.total
        if action in ("open", "estimate", "timer", "resolve"):
            return self.selected is not None or self._painted != self._token
        return True

    def action_page(self, step: int) -> None:
        q, page = self.inbox_query, self.page
        self.inbox_query = q.following(page) if step > 0 else q.previous(page)

    def action_cycle_filter(self) -> None:
        following = FILTERS[(FILTERS.index(self.inbox_query.status) + 1) % len(FILTERS)]
        self.inbox_query = replace(self.inbox_query, status=following).page(0)

    def action_cycle_sort(self) -> None:
        following = SORT_ORDER[(SORT_ORDER.index(self.inbox_query.sort) + 1) % len(SORT_ORDER)]
        self.inbox_query = replace(
            self.inbox_query, sort=following, descending=following in ("updated", "age", "ref")
        ).page(0)

    def action_reverse_sort(self) -> None:
        self.inbox_query = replace(
            self.inbox_query, descending=not self.inbox_query.descending
        ).page(0)

    def action_client_filter(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen

        options = [("All clients", None)] + [(c.name, c.id) for c in self.desk.clients.list()]

        def chosen(choice: tuple[str, int | None] | None) -> None:
            if choice is not None:
                self.client_name = choice[0]
                self.inbox_query = replace(self.inbox_query, client_id=choice[1]).page(0)

        self.app.push_screen(ChoiceScreen("Show tickets of", options), chosen)

    def action_open(self) -> None:
        from hourdesk.screens.ticket import TicketScreen

        if self.showing_latest("open") and (ref := self.current()):
            self.app.push_screen(TicketScreen(ref))

    def action_new_ticket(self) -> None:
        from hourdesk.screens.ticket_form import TicketForm

        def created(ref: str | None) -> None:
            if ref:
                self.selected = ref
                self.inbox_query = replace(self.inbox_query, text="").page(0)
                self.query_one("#search", Input).value = ""
                self.notify(f"{ref} created.")

        client = self.desk.tickets.get(self.selected).client_id if self.selected else None
        self.app.push_screen(TicketForm(client), created)

    def action_clients(self) -> None:
        from hourdesk.screens.clients import ClientsScreen

        self.app.push_screen(ClientsScreen())

    def action_settings(self) -> None:
        from hourdesk.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_timer(self) -> None:
        if self.showing_latest("timer") and (ref := self.current()):
            self.app.toggle_timer(ref)

    def action_resolve(self) -> None:
        if self.showing_latest("resolve") and (ref := self.current()):
            self.app.resolve(ref)

    def action_estimate(self) -> None:
        from hourdesk.screens.estimate import EstimateScreen

        ref = self.current() if self.showing_latest("estimate") else None

        def sent(estimate) -> None:
            if estimate is not None:
                self.refresh_data()
                self.notify(
                    f"Estimate v{estimate.version} of {ref} recorded; "
                    "on hold until the client approves it in writing."
                )

        if ref:
            self.app.push_screen(EstimateScreen(ref), sent)
