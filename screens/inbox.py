"""The inbox: a page of tickets with filter, incremental search, sorting and paging."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from app.estimates import WARN_SHARE, Budget
from app.inbox import FILTERS, SORTS, InboxPage, InboxQuery
from app.tickets import STATUS_WORDS
from app.timefmt import age
from screens.widgets.text import literal
from screens.widgets.timer_bar import TimerBar

# label, sort key, width (None: the rest of the screen)
COLUMNS = [
    ("Ref", "ref", 7),
    ("Client", "client", 18),
    ("Subject", "subject", None),
    ("Status", "status", 17),
    ("Pri", "priority", 6),
    ("Age", "age", 4),
    ("Budget", "budget", 17),
    ("⏱", "timer", 1),
]
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


class InboxScreen(Screen):
    """The main screen. Enter opens the selected ticket."""

    CSS_PATH = "inbox.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", show=False),
        Binding("n", "new_ticket", "New ticket"),
        Binding("t", "timer", "Start/stop timer"),
        Binding("e", "estimate", "Estimate"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("f", "cycle_filter", "Filter"),
        Binding("C", "client_filter", "Client"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("S", "reverse_sort", "Reverse", show=False),
        Binding("left_square_bracket", "page(-1)", "Prev page", key_display="["),
        Binding("right_square_bracket", "page(1)", "Next page", key_display="]"),
        Binding("c", "clients", "Clients"),
        Binding("comma", "settings", "Settings", key_display=","),
        Binding("escape", "clear_search", "Clear search", show=False),
    ]

    inbox_query: reactive[InboxQuery] = reactive(InboxQuery, always_update=True, init=False)
    selected: reactive[str | None] = reactive(None)

    def __init__(self) -> None:
        super().__init__()
        self.page: InboxPage | None = None
        self.client_name = ""
        self.ref_width = COLUMNS[0][2]  # grows for refs past HD-9999; never shrinks

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="bar"):
            yield Input(placeholder="Search ref, subject, client, thread…  (/)", id="search")
            yield Static(id="filter")
        yield DataTable(id="tickets", cursor_type="row", zebra_stripes=True)
        yield Static(id="pager")
        yield TimerBar()
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key, width in COLUMNS:
            table.add_column(label, key=key, width=width or self._subject_width())
        self.inbox_query = InboxQuery()
        table.focus()

    def _subject_width(self) -> int:
        fixed = sum(width or 0 for *_, width in COLUMNS) + 2 * len(COLUMNS) + 2
        fixed += self.ref_width - COLUMNS[0][2]
        return max(12, self.app.size.width - fixed)

    def _fit_refs(self, page: InboxPage) -> None:
        """Widen the Ref column when a ref is longer than it (HD-10000 and on)."""
        widest = max((len(row.ticket.ref) for row in page.rows), default=0)
        if widest > self.ref_width:
            self.ref_width = widest
            table = self.query_one(DataTable)
            table.columns["ref"].width = widest
            table.columns["subject"].width = self._subject_width()

    def on_resize(self) -> None:
        table = self.query_one(DataTable)
        table.columns["subject"].width = self._subject_width()
        table.refresh()

    def watch_inbox_query(self, query: InboxQuery) -> None:
        self.load(query)

    def load(self, query: InboxQuery | None = None) -> None:
        """Fetch one page for the query and show it, keeping the cursor on its ticket."""
        query = query or self.inbox_query
        self.page = page = self.desk.inbox.page(query)
        table = self.query_one(DataTable)
        keep = self.selected
        table.clear()
        self._fit_refs(page)
        now = self.desk.clock.now()
        for row in page.rows:
            t = row.ticket
            urgent = t.priority == "urgent"
            status = STATUS_WORDS[t.status] + (
                f": {SHORT_HOLD[t.hold_reason]}" if t.hold_reason else ""
            )
            table.add_row(
                Text(t.ref, style="bold" if urgent else ""),
                client_cell(t.client_name, row.overdue),
                literal(("⚠ " if t.flagged else "") + t.subject),
                Text(status, style=STATUS_STYLES[t.status]),
                Text("urgent", style="bold red") if urgent else Text("normal", style="dim"),
                Text(age(t.created_at, now)),
                budget_cell(row.budget),
                Text("●", style="bold green") if row.timing else Text(""),
                key=t.ref,
            )
        refs = [r.ticket.ref for r in page.rows]
        if keep in refs:
            table.move_cursor(row=refs.index(keep), animate=False)
        self.selected = refs[table.cursor_row] if refs else None
        self._describe(page)
        self.refresh_bindings()

    def _describe(self, page: InboxPage) -> None:
        q = page.query
        shown = f"{q.offset + 1}–{q.offset + len(page.rows)}" if page.rows else "0"
        what = (
            "open tickets"
            if q.status == "open"
            else "tickets"
            if q.status == "all"
            else (f"{STATUS_WORDS[q.status]} tickets")
        )
        arrow = "↓" if q.descending else "↑"
        self.query_one("#pager", Static).update(
            f"{shown} of {page.total:,} {what} · sort {q.sort} {arrow} · page "
            f"{q.offset // q.limit + 1} of {max(1, -(-page.total // q.limit))}"
        )
        client = f" · client: {self.client_name}" if q.client_id is not None else ""
        self.query_one("#filter", Static).update(literal(f"filter: {q.status}{client}"))

    def refresh_data(self) -> None:
        """Called by the app when the database changed."""
        self.load()

    def on_screen_resume(self) -> None:
        if self.page is not None:
            self.load()

    # selection

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.selected = event.row_key.value if event.row_key else None

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.selected = event.row_key.value
        self.action_open()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        if key in SORTS:
            same = self.inbox_query.sort == key
            self.inbox_query = replace(
                self.inbox_query,
                sort=key,
                offset=0,
                descending=not self.inbox_query.descending
                if same
                else key in ("updated", "age", "ref"),
            )

    # search

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self.inbox_query = replace(self.inbox_query, text=event.value, offset=0)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one(DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        self.query_one(DataTable).focus()

    # actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page" and self.page is not None:
            step = parameters[0]
            q = self.page.query
            return q.offset > 0 if step < 0 else q.offset + q.limit < self.page.total
        if action in ("open", "estimate", "timer"):
            return self.selected is not None
        return True

    def action_page(self, step: int) -> None:
        self.inbox_query = self.inbox_query.page(
            self.inbox_query.offset + step * self.inbox_query.limit
        )

    def action_cycle_filter(self) -> None:
        following = FILTERS[(FILTERS.index(self.inbox_query.status) + 1) % len(FILTERS)]
        self.inbox_query = replace(self.inbox_query, status=following, offset=0)

    def action_cycle_sort(self) -> None:
        following = SORT_ORDER[(SORT_ORDER.index(self.inbox_query.sort) + 1) % len(SORT_ORDER)]
        self.inbox_query = replace(
            self.inbox_query,
            sort=following,
            offset=0,
            descending=following in ("updated", "age", "ref"),
        )

    def action_reverse_sort(self) -> None:
        self.inbox_query = replace(
            self.inbox_query, descending=not self.inbox_query.descending, offset=0
        )

    def action_client_filter(self) -> None:
        from screens.choice import ChoiceScreen

        options = [("All clients", None)] + [(c.name, c.id) for c in self.desk.clients.list()]

        def chosen(choice: tuple[str, int | None] | None) -> None:
            if choice is not None:
                self.client_name = choice[0]
                self.inbox_query = replace(self.inbox_query, client_id=choice[1], offset=0)

        self.app.push_screen(ChoiceScreen("Show tickets of", options), chosen)

    def action_open(self) -> None:
        from screens.ticket import TicketScreen

        if self.selected:
            self.app.push_screen(TicketScreen(self.selected))

    def action_new_ticket(self) -> None:
        from screens.ticket_form import TicketForm

        def created(ref: str | None) -> None:
            if ref:
                self.selected = ref
                self.inbox_query = replace(self.inbox_query, text="", offset=0)
                self.query_one("#search", Input).value = ""
                self.notify(f"{ref} created.")

        self.app.push_screen(TicketForm(), created)

    def action_clients(self) -> None:
        from screens.clients import ClientsScreen

        self.app.push_screen(ClientsScreen())

    def action_settings(self) -> None:
        from screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen())

    def action_timer(self) -> None:
        if self.selected:
            self.app.toggle_timer(self.selected)

    def action_estimate(self) -> None:
        from screens.estimate import EstimateScreen

        def sent(estimate) -> None:
            if estimate is not None:
                self.load()
                self.notify(
                    f"Estimate v{estimate.version} of {self.selected} recorded; "
                    "on hold until the client approves it in writing."
                )

        if self.selected:
            self.app.push_screen(EstimateScreen(self.selected), sent)
