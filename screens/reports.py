"""Time reports: by ticket, client, category, day, week or month, over a chosen range."""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from hourdesk.app.core.durations import format_duration
from hourdesk.app.desk.reports import GROUPS, report
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar

RANGES = ["this week", "this month", "this year", "last 12 months", "all time"]


def date_range(name: str, today: date) -> tuple[date | None, date | None]:
    if name == "this week":
        return today - timedelta(days=today.weekday()), today
    if name == "this month":
        return today.replace(day=1), today
    if name == "this year":
        return today.replace(month=1, day=1), today
    if name == "last 12 months":
        return today - timedelta(days=365), today
    return None, None


class ReportsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.home", "Inbox", id="reports.inbox"),
        Binding("b", "group", "Group by", id="reports.group_by"),
        Binding("r", "range", "Range", id="reports.range"),
    ]
    DEFAULT_CSS = """
    ReportsScreen #what { padding: 0 1; height: 1; color: $text-muted; }
    ReportsScreen DataTable { height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.by, self.range = "ticket", "this month"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="what")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns("", "Billable", "Not billable", "Unbilled", "Total")
        self.refresh_data()

    def refresh_data(self) -> None:
        desk = self.app.desk
        start, end = date_range(self.range, desk.clock.now().astimezone().date())
        result = report(desk, start=start, end=end, by=self.by)
        self.query_one("#what", Static).update(f"by {self.by} · {self.range}")
        table = self.query_one(DataTable)
        table.clear()
        totals = result.totals
        for line in [*result.lines, totals]:
            style = "bold" if line is totals else ""
            table.add_row(
                literal(line.label, style),
                *(
                    Text(format_duration(v), justify="right", style=style)
                    for v in (line.billable, line.non_billable, line.unbilled, line.total)
                ),
            )

    def action_group(self) -> None:
        keys = list(GROUPS)
        self.by = keys[(keys.index(self.by) + 1) % len(keys)]
        self.refresh_data()

    def action_range(self) -> None:
        self.range = RANGES[(RANGES.index(self.range) + 1) % len(RANGES)]
        self.refresh_data()
