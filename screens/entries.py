"""A ticket's time entries: list, add, edit, delete."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Header, Input, Select

from hourdesk.app.core.durations import format_duration, parse_duration
from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.timefmt import local, parse_local
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.categories import CATEGORY_WORDS
from hourdesk.storage.models import TimeEntry

CATEGORY_OPTIONS = [(words, key) for key, words in CATEGORY_WORDS.items()]


class EntryForm(FormScreen):
    """Add (``entry`` None) or correct a finished time entry."""

    def __init__(self, ref: str, entry: TimeEntry | None = None) -> None:
        super().__init__()
        self.ref, self.entry = ref, entry
        self.title_text = f"Correct entry #{entry.id}" if entry else f"Log time on {ref}"

    def fields(self):
        e = self.entry
        today = local(self.app.desk.clock.now(), "%Y-%m-%d")
        fields = [
            (
                "start",
                "Start (local time; empty: the duration ends now)",
                Input(local(e.start_at) if e else "", placeholder=f"{today} 09:00"),
            ),
            (
                "end",
                "End (local time; or give the duration)",
                Input(local(e.end_at) if e else "", placeholder=f"{today} 10:30"),
            ),
            ("duration", "Duration (when no end: 45m, 1h30m, 1.5)", Input()),
            (
                "category",
                "Category",
                Select(
                    CATEGORY_OPTIONS, allow_blank=False, value=e.category if e else "implementation"
                ),
            ),
            ("note", "Note", Input(e.note if e else "")),
        ]
        if e is None:
            fields.append(("billable", "Billing", Checkbox("Billable", value=True)))
        return fields

    def submit(self, values: dict[str, Any]) -> TimeEntry:
        timer = self.app.desk.timer
        start = parse_local(values["start"], "start") if values["start"].strip() else None
        end = parse_local(values["end"], "end") if values["end"].strip() else None
        seconds = parse_duration(values["duration"], "duration") if values["duration"] else None
        if self.entry:
            if start is None:
                raise Invalid("start", "Give the start.")
            if end is None and not seconds:
                raise Invalid("end", "Give the end or the duration.")
            if end is None:
                from datetime import timedelta

                end = start + timedelta(seconds=seconds)
            return timer.edit(
                self.entry.id,
                start=start,
                end=end,
                category=values["category"],
                note=values["note"],
            )
        return timer.log(
            self.ref,
            start=start,
            end=end,
            seconds=seconds,
            category=values["category"],
            note=values["note"],
            billable=values["billable"],
        )


class EntriesScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="entries.back"),
        Binding("a", "add", "Log time", id="entries.log_time"),
        Binding("e", "edit", "Correct", id="entries.correct"),
        Binding("d", "delete", "Delete", id="entries.delete"),
    ]
    DEFAULT_CSS = "EntriesScreen DataTable { height: 1fr; }"

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Time entries of {self.ref}"
        self.query_one(DataTable).add_columns(
            "#", "Start", "End", "Time", "Category", "Billing", "Note"
        )
        self.refresh_data()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        timer = self.app.desk.timer
        for e in timer.entries(self.ref):
            table.add_row(
                Text(str(e.id)),
                Text(local(e.start_at)),
                Text(
                    local(e.end_at, "%H:%M") if e.end_at else "running",
                    style="" if e.end_at else "bold green",
                ),
                Text(format_duration(timer.elapsed(e)), justify="right"),
                Text(CATEGORY_WORDS[e.category]),
                Text("billable" if e.billable else "not billable"),
                literal(e.note),
                key=str(e.id),
            )
        self.refresh_bindings()

    def _current(self) -> TimeEntry | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.app.desk.timer.entry(int(key))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "delete") and self.is_mounted:
            return self.query_one(DataTable).row_count > 0
        return True

    def _saved(self, entry) -> None:
        if entry is not None:
            self.app.changed()

    def action_add(self) -> None:
        self.app.push_screen(EntryForm(self.ref), self._saved)

    def action_edit(self) -> None:
        if entry := self._current():
            if entry.end_at is None:
                self.notify("That is the running timer: stop it first (T).", severity="warning")
                return
            self.app.push_screen(EntryForm(self.ref, entry), self._saved)

    def action_delete(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen

        entry = self._current()
        if entry is None:
            return

        def chosen(choice) -> None:
            if choice is not None and choice[1]:
                self.app.act(self.app.desk.timer.delete, entry.id)

        self.app.push_screen(
            ChoiceScreen(f"Delete entry #{entry.id}?", [("Delete it", True), ("Keep it", False)]),
            chosen,
        )
