"""The running timer, on every screen: ticket, elapsed, category, share of the estimate."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from app.durations import format_clock
from app.timer import CATEGORY_WORDS


class TimerBar(Static):
    """Redraws every second from the stored start and the clock, so it never drifts."""

    DEFAULT_CSS = """
    TimerBar { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    TimerBar.-running { background: $success-darken-2; color: $text; text-style: bold; }
    """

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        entry, budget = self.app.running, self.app.running_budget
        self.set_class(entry is not None, "-running")
        if entry is None:
            self.update(Text("⏱ no timer running · t starts one on the selected ticket"))
            return
        elapsed = self.app.desk.timer.elapsed(entry)
        text = Text(f"⏱ {entry.ref}  {format_clock(elapsed)}  {CATEGORY_WORDS[entry.category]}")
        if not entry.billable:
            text.append("  not billable")
        elif budget is not None and budget.share is not None:
            text.append(
                f"  {budget.share}% of estimate", style="red" if budget.share >= 100 else ""
            )
        self.update(text)
