"""Ask for a local date and time (for example where a forgotten timer should stop)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from hourdesk.app.core.timefmt import local, parse_local
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.storage.models import TimeEntry


class TimePrompt(FormScreen):
    """Returns an aware datetime."""

    def __init__(self, title: str, entry: TimeEntry) -> None:
        super().__init__()
        self.title_text = title
        self.entry = entry

    def fields(self):
        return [
            (
                "at",
                f"Local time (the timer started {local(self.entry.start_at)})",
                Input(local(self.entry.start_at)),
            )
        ]

    def submit(self, values: dict[str, Any]):
        return parse_local(values["at"], "at")
