"""The running timer, on every screen: ticket, elapsed, category, share of the estimate."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

from hourdesk.app.core.durations import format_clock
from hourdesk.app.desk.billing.block_records import Standing
from hourdesk.screens.widgets.prepaid import prepaid_text
from hourdesk.storage.categories import CATEGORY_WORDS


class TimerBar(Static):
    """Redraws every second from the stored start and the clock, so it never drifts."""

    DEFAULT_CSS = """
    TimerBar { height: 1; padding: 0 1; background: $boost; color: $text-muted; }
    TimerBar.-running { background: $success-darken-2; color: $text; text-style: bold; }
    """

    def on_mount(self) -> None:
        self._booked: tuple[object, int] | None = None  # (the budget it was read for, seconds)
        self._prepaid: tuple[object, Standing | None, str] | None = None  # see prepaid()
        self._shown: Text | None = None
        self.tick()
        self.set_interval(1.0, self.tick)
        # The app refreshes the bindings whenever the timer changes (T and k depend on it):
        # redraw then too, instead of up to a second later.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _screen_changed(self, screen) -> None:
        if screen is self.screen:  # shown again: the time it missed while hidden
            self.tick()

    def _bindings_changed(self, screen) -> None:
        self.tick()

    def tick(self) -> None:
        if not self.screen.is_current and self._shown is not None:
            return  # a place in the background: drawn again when it is shown
        self.set_class(self.app.running is not None, "-running")
        text = self.text()
        if text != self._shown:  # an idle bar costs nothing
            self._shown = text
            self.update(text, layout=False)  # one line of a fixed size: the screen stays laid out

    def offers_timer(self) -> bool:
        """Whether ``t`` starts a timer where this bar is (the inbox and a ticket do)."""
        return any(
            isinstance(b, Binding) and b.action == "timer" for b in type(self.screen).BINDINGS
        )

    def text(self) -> Text:
        entry, budget = self.app.running, self.app.running_budget
        if not self.app.desk_open:  # whether a timer runs is read with the desk
            return Text("⏱")
        if entry is None:
            hint = " · t starts one on the selected ticket" if self.offers_timer() else ""
            return Text(f"⏱ no timer running{hint}")
        elapsed = self.app.desk.timer.elapsed(entry)
        text = Text(f"⏱ {entry.ref}  {format_clock(elapsed)}  {CATEGORY_WORDS[entry.category]}")
        if not entry.billable:
            text.append("  not billable")
        elif budget is not None and (share := self.share(entry, budget, elapsed)) is not None:
            text.append(f"  {share}% of estimate", style="red" if share >= 100 else "")
        if entry.billable and (prepaid := self.prepaid(entry, budget, elapsed)):
            text.append("  ").append_text(prepaid_text(prepaid))
        return text

    def prepaid(self, entry, budget, elapsed: int) -> Standing | None:
        """The client's prepaid hours less this run so far, read once per budget (when the
        timer changes); the user is told once per run as each mark (80 %, 100 % used) is
        passed, whichever bar is on screen (``app.prepaid_said``)."""
        if self._prepaid is None or self._prepaid[0] is not budget:
            ticket = self.app.desk.tickets.by_id(entry.ticket_id)
            before = self.app.desk.blocks.standing(ticket.client_id)  # the run is not in it
            self._prepaid = (budget, before, ticket.client_name)
        _, before, client = self._prepaid
        if before is None:
            return None
        now = before.passed(elapsed)
        said = self.app.prepaid_said
        if now.mark > said.get(entry.id, 0):
            said[entry.id] = now.mark
            self.app.notify(now.notice(client), severity="warning")
        return now

    def share(self, entry, budget, elapsed: int) -> int | None:
        """Billable time booked before this run, plus this run so far, against the estimate.

        The app's budget was summed when the timer last changed; taken as it was, the share
        stood still while the timer ran. What was booked before this run is read once per
        budget (at one instant with the run's elapsed time); each tick adds the elapsed time.
        """
        estimate = budget.estimate
        if estimate is None or not estimate.billable or not estimate.seconds:
            return None
        if self._booked is None or self._booked[0] is not budget:
            now = self.app.desk.timer.elapsed(entry)
            fresh = self.app.desk.estimates.budget(entry.ticket_id)
            self._booked = (budget, fresh.used_seconds - now)
        return (self._booked[1] + elapsed) * 100 // estimate.seconds
