"""The Textual application. The only module under app/ that imports Textual."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from hourdesk.app import daily
from hourdesk.app.core.errors import Refused, speak_keys
from hourdesk.screens.keyorder import as_typed, bound_at_once
from hourdesk.screens.places import build_ahead, thaw

if TYPE_CHECKING:
    from hourdesk.app.core.clock import Clock
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.inbox import InboxPage, InboxQuery
    from hourdesk.app.desk.rules import Budget
    from hourdesk.app.desk.timer import Started
    from hourdesk.storage.models import TimeEntry

GRANT_PURGE_SECONDS = 30.0  # an expired grant leaves the keyring within a minute
EARLY_KEYS_WAIT = 3.0  # seconds keys typed at start wait at most for the inbox


@dataclass
class Opening:
    """A start that draws the inbox's first page before the desk is open (``hourdesk`` with
    no command): the page from plain SQL, and the desk opened once it is on screen."""

    open_desk: Callable[[], Desk]  # raises what the command line says when it cannot
    first_page: Callable[[InboxQuery], InboxPage]
    clock: Clock
    theme: str  # as the settings file says, checked again when the desk opens


def _screen(module: str, name: str) -> Callable[[], Screen]:
    """A mode's screen, imported when the mode is first entered."""

    def make() -> Screen:
        from importlib import import_module

        return getattr(import_module(f"hourdesk.screens.{module}"), name)()

    return make


class HourdeskApp(App):
    """hourdesk's TUI: the inbox first; every screen gets the desk from here."""

    TITLE = "hourdesk"
    ENABLE_COMMAND_PALETTE = True
    # The places of the day: one key reaches each from anywhere, and the same key or escape
    # goes home to the inbox. A ticket opens over the inbox.
    MODES = {
        "inbox": _screen("inbox", "InboxScreen"),
        "invoices": _screen("invoices", "InvoicesScreen"),
        "receivables": _screen("receivables", "ReceivablesScreen"),
        "reports": _screen("reports", "ReportsScreen"),
        "intake": _screen("intake", "IntakeScreen"),
        "outbox": _screen("outbox", "OutboxScreen"),
    }
    DEFAULT_MODE = "inbox"
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help"),
        Binding("T", "stop_timer", "Stop timer", id="app.stop_timer"),
        Binding(
            "ctrl+t",
            "stop_timer_with_note",
            "Stop timer with a note",
            show=False,  # in help and the palette; the footer has T
            id="app.stop_timer_with_a_note",
        ),
        Binding("k", "next_category", "Category", id="app.category"),
        Binding("R", "go('reports')", "Reports", id="app.reports"),
        Binding("I", "go('invoices')", "Invoices", id="app.invoices"),
        Binding("P", "go('receivables')", "Receivables", id="app.receivables"),
        Binding("M", "go('intake')", "Mail intake", id="app.mail_intake"),
        Binding("O", "go('outbox')", "Outbox", id="app.outbox"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit"),
    ]

    def __init__(self, desk: Desk | None = None, *, opening: Opening | None = None) -> None:
        super().__init__()
        assert (desk is None) != (opening is None), "a desk or an opening"
        self._desk = desk
        self.opening = opening
        self.failure: Exception | None = None  # why the desk did not open: said after the app
        theme = desk.settings.theme if desk is not None else opening.theme if opening else ""
        if theme in self.available_themes:  # before any widget is styled
            self.theme = theme
        self.running: TimeEntry | None = None
        self.running_budget: Budget | None = None
        self.data_version = 0
        self.last_input = time.monotonic()
        self.last_input_at: datetime = self.clock.now()
        self.idle_since: datetime | None = None
        self.asked_forgotten: int | None = None  # the entry id already asked about
        self.budget_said: dict[int, int] = {}  # entry id: the budget share (80, 100) said
        self.prepaid_said: dict[int, int] = {}  # entry id: the prepaid mark (80, 100) said
        self.warned_keyring = False
        self.early_keys: list[events.Key] | None = []  # typed before the inbox was shown

    @property
    def desk(self) -> Desk:
        if self._desk is None:  # asked before the first page was drawn: opened now
            self.open_desk()
        assert self._desk is not None, "the desk did not open; the app is closing"
        return self._desk

    @property
    def desk_open(self) -> bool:
        return self._desk is not None

    @property
    def clock(self) -> Clock:
        if self._desk is not None:
            return self._desk.clock
        assert self.opening is not None
        return self.opening.clock

    def on_mount(self) -> None:
        speak_keys(True)
        if self._desk is not None:
            self.start_session()
        self.set_timer(EARLY_KEYS_WAIT, self.keys_ready)  # should the inbox never say so

    def on_ready(self) -> None:
        """The first frame is on screen, the inbox's first page from plain SQL: the desk
        opens, and the inbox's page with budgets, the timer and payment holds replaces it."""
        if self._desk is None:
            self.call_after_refresh(self.open_desk)

    def open_desk(self) -> bool:
        """Open the desk and start the session; whether it is open. When it cannot open (a
        damaged or newer database, a restore under way), the app closes and the terminal
        is told why, as by any command."""
        if self._desk is not None or self.failure is not None:
            return self._desk is not None
        assert self.opening is not None
        try:
            self._desk = self.opening.open_desk()
        except Exception as exc:
            self.failure = exc
            self.exit(return_code=1)
            return False
        theme = self._desk.settings.theme
        if theme != self.opening.theme and theme in self.available_themes:
            self.theme = theme
        self.start_session()
        self.changed()
        return True

    def start_session(self) -> None:
        """What needs the desk: the keymap, the timer, the watch on the database, grants,
        mail, notices, the daily backup, the first-start welcome, the places built ahead."""
        from hourdesk.screens import mailjobs

        self.apply_keymap()
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        self.refresh_timer()
        self.call_later(self.refresh_bindings)  # not before the app counts as mounted
        self.data_version = self._data_version()
        self.set_interval(1.0, self.watch_database)
        if self.desk.timer.overdue():
            self.ask_forgotten()
        self.purge_grants()
        self.set_interval(GRANT_PURGE_SECONDS, self.purge_grants)
        mailjobs.start(self)
        for text, severity in self.desk.notices:
            self.notify(text, severity=severity, timeout=30)
        daily.in_app(self)
        self.welcome()
        self.call_after_refresh(build_ahead, self)  # after the first paint

    def keys_ready(self) -> None:
        """The inbox shows its first page: the keys typed before it go to it, in order."""
        early, self.early_keys = self.early_keys, None
        for event in early or ():
            again = events.Key(event.key, event.character)
            again.set_sender(self)
            self.post_message(again)

    def welcome(self) -> None:
        """On an empty desk's first start: the business details, then the first client."""
        from hourdesk.screens.welcome import WelcomeScreen, is_first_start

        if not is_first_start(self.desk):
            return

        def business_done(saved) -> None:
            from hourdesk.screens.client_form import ClientForm

            if saved is None:  # skipped: the defaults are saved, so it is not asked again
                self.act(self.desk.save_settings, self.desk.settings)

            form = ClientForm()
            form.title_text = "Your first client (escape skips; c in the inbox adds clients)"
            self.push_screen(form, lambda client: client and self.changed())

        self.push_screen(WelcomeScreen(), business_done)

    # the running timer and changes made elsewhere

    def _data_version(self) -> int:
        return self.desk.db.execute("PRAGMA data_version").fetchone()[0]

    def data_stamp(self) -> tuple:
        """Changes whenever what a screen shows may have: a commit by any connection, and the
        day (what is overdue). A screen coming back reloads only when it differs."""
        conn = self.desk.db.conn
        return (self._data_version(), conn.total_changes, self.desk.clock.now().date())

    def refresh_timer(self) -> None:
        self.running = self.desk.timer.running()
        self.running_budget = (
            self.desk.estimates.budget(self.running.ticket_id) if self.running else None
        )
        self.refresh_bindings()

    def changed(self) -> None:
        """Something was written: refresh the timer and the shown screen's data. A screen
        still mounting reads the data when it mounts; a closing app (its screens' widgets
        going, its stacks emptied last) reloads nothing."""
        stack = self.screen_stack
        if not self.is_running or not stack:
            return
        self.refresh_timer()
        refresh = getattr(stack[-1], "refresh_data", None)
        if refresh is not None and stack[-1].is_mounted:
            refresh()

    def watch_database(self) -> None:
        """Pick up what another hourdesk (a CLI command, a second TUI) committed."""
        if not self.is_running or not self.screen_stack:  # closing: the timer ticks on
            return
        version = self._data_version()
        if version != self.data_version:
            self.data_version = version
            self.changed()
        idle = self.desk.settings.timer.idle_minutes
        if (
            self.running
            and idle
            and self.idle_since is None
            and time.monotonic() - self.last_input > idle * 60
        ):
            self.idle_since = self.last_input_at
        self.warn_budget()
        overdue = self.desk.timer.overdue() if self.running else None
        if overdue is not None and overdue.id != self.asked_forgotten:
            self.ask_forgotten()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.last_input, self.last_input_at = time.monotonic(), self.clock.now()
            if self.idle_since is not None and self.running is not None:
                since, self.idle_since = self.idle_since, None
                self.ask_idle(since)
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self.early_keys is not None:  # the inbox is not shown yet: kept for it
                self.early_keys.append(as_typed(self, event))
                return
            event = as_typed(self, event)
            if await bound_at_once(self, event):
                return
        await super().on_event(event)

    def ask_idle(self, since: datetime) -> None:
        from hourdesk.app.core.durations import format_duration
        from hourdesk.app.core.timefmt import local
        from hourdesk.screens.choice import ChoiceScreen

        gap = int((self.desk.clock.now() - since).total_seconds())

        def chosen(choice) -> None:
            if choice is not None and choice[1] == "drop":
                self.act(self.desk.timer.drop_idle, since)

        self.push_screen(
            ChoiceScreen(
                f"No key pressed since {local(since, '%H:%M')} ({format_duration(gap)}) while the "
                f"timer ran on {self.running.ref}.",
                [("Keep the idle time", "keep"), ("Drop the idle time", "drop")],
            ),
            chosen,
        )

    def ask_forgotten(self) -> None:
        from hourdesk.app.core.durations import format_duration
        from hourdesk.screens.choice import ChoiceScreen
        from hourdesk.screens.time_prompt import TimePrompt

        entry = self.desk.timer.running()
        self.asked_forgotten = entry.id
        limit = self.desk.settings.timer.max_hours
        elapsed = format_duration(self.desk.timer.elapsed(entry))

        def chosen(choice) -> None:
            if choice is None or choice[1] == "keep":
                return
            if choice[1] == "limit":
                from datetime import timedelta

                self.act(
                    self.desk.timer.stop,
                    at=entry.start_at + timedelta(hours=limit),
                    note="(stopped at the limit)",
                )
            else:
                self.push_screen(
                    TimePrompt(f"Stop the timer on {entry.ref} at", entry),
                    lambda at: at and self.act(self.desk.timer.stop, at=at),
                )

        self.push_screen(
            ChoiceScreen(
                f"The timer on {entry.ref} has run for {elapsed}, more than {limit} hours.",
                [
                    ("Keep it", "keep"),
                    (f"Discard the time past {limit} hours", "limit"),
                    ("Stop it at a time I choose…", "choose"),
                ],
            ),
            chosen,
        )

    def timer_changed(self, *refs: str) -> None:
        """The timer started or stopped on these tickets: the bar, and the screen's rows of
        them where it has a hook for that (else its data)."""
        self.refresh_timer()
        hook = getattr(self.screen, "timer_changed", None)
        if hook is not None:
            hook([ref for ref in refs if ref])
        elif (refresh := getattr(self.screen, "refresh_data", None)) is not None:
            refresh()

    def act(self, action, *args, refresh: Callable[[], None] | None = None, **kwargs):
        """Run a desk action; show a refusal instead of raising it. Returns the result or None.

        Afterwards ``refresh`` runs, or (by default) the timer and the screen's data reload."""
        try:
            result = action(*args, **kwargs)
        except Refused as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return None
        except (sqlite3.OperationalError, OSError) as exc:  # a full disk, a read-only file
            self.storage_failed(exc)
            return None
        (refresh or self.changed)()
        return result

    def storage_failed(self, exc: Exception) -> None:
        """A full disk, a read-only or vanished database: said in words, logged."""
        from hourdesk.app.core.logs import explain, log_error

        log_error("storage error in the TUI", exc)
        self.notify(explain(exc), severity="error", timeout=30)

    def toggle_timer(self, ref: str) -> None:
        """The one key: stop the timer on ``ref``, or start it there (stopping any other)."""

        if self.running is not None and self.running.ref == ref:
            self.tell_stopped(
                self.act(self.desk.timer.stop, refresh=partial(self.timer_changed, ref))
            )
            return
        try:
            started = self.desk.timer.start(ref)
        except Refused as exc:
            self.offer_non_billable(ref, exc)
            return
        except (sqlite3.OperationalError, OSError) as exc:
            self.storage_failed(exc)
            return
        self.timer_changed(ref, started.stopped.ref if started.stopped else "")
        self.tell_started(started)

    def resolve(self, ref: str) -> None:
        """Ask for the summary of what was done, then resolve ``ref`` with it."""
        from hourdesk.app.core.durations import format_duration
        from hourdesk.app.desk.text import typed
        from hourdesk.screens.text_prompt import TextPrompt

        def written(summary: str | None) -> None:
            done = summary and self.act(self.desk.completion.resolve, ref, summary)
            if done:
                stopped = done.stopped and (
                    f" The timer was stopped after {format_duration(done.stopped.seconds)}."
                )
                self.notify(
                    f"{ref} resolved; the completion record is in the thread.{stopped or ''}"
                )

        self.push_screen(
            TextPrompt(
                f"Resolve {ref}: what was done?",
                help_text="The summary goes into the completion record with the time spent; "
                "it is the delivery confirmation for the client.",
                check=lambda summary: typed(summary, "summary"),
            ),
            written,
        )

    def tell_started(self, started: Started) -> None:
        """Say what a start did, naming the timer it stopped."""
        from hourdesk.app.core.durations import format_duration

        entry = started.entry
        said = f"Started {entry.ref}{'' if entry.billable else ' as not billable'}."
        if started.stopped:
            said = (
                f"Stopped {started.stopped.ref} after "
                f"{format_duration(started.stopped.seconds)}; {said[0].lower()}{said[1:]}"
            )
        self.notify(
            f"{said} {started.warning}".strip(),
            severity="warning" if started.warning else "information",
        )

    def offer_non_billable(self, ref: str, refusal: Refused) -> None:
        """Billable time was refused: offer non-billable time where the rules allow it."""
        from hourdesk.screens.choice import ChoiceScreen

        ticket = self.desk.tickets.get(ref)
        try:
            self.desk.timer.check_start(ticket, billable=False)
        except Refused:
            ticket = None
        if ticket is None or not ticket.billable:
            self.notify(str(refusal), severity="error", timeout=10)
            return

        def chosen(choice) -> None:
            if choice is not None and choice[1]:
                started = self.act(self.desk.timer.start, ref, billable=False)
                if started:
                    self.tell_started(started)

        self.push_screen(
            ChoiceScreen(
                f"Billable time is refused: {refusal}",
                [("Start as not billable", True), ("Cancel", False)],
            ),
            chosen,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("stop_timer", "stop_timer_with_note", "next_category"):
            return self.running is not None
        return True

    def action_stop_timer(self, note: str = "") -> None:
        """One key, from any screen: the running timer stops now."""
        self.tell_stopped(self.act(self.desk.timer.stop, note=note))

    def tell_stopped(self, entry: TimeEntry | None) -> None:
        """Say what a stop booked, and when it used up the approved budget."""
        from hourdesk.app.core.durations import format_duration

        if entry is None:
            return
        self.notify(f"Stopped {entry.ref} after {format_duration(entry.seconds)}.")
        budget = self.desk.estimates.budget(entry.ticket_id)
        if entry.billable and budget.reached:
            self.notify(
                f"{entry.ref} has used its approved budget ({budget.text()}); time past it was "
                "recorded as not billable. Press e to send a revised estimate.",
                severity="warning",
                timeout=15,
            )

    def warn_budget(self) -> None:
        """While a billable timer runs: say once at 80% and once at 100% of the budget."""
        entry = self.running
        if entry is None or not entry.billable:
            return
        budget = self.desk.estimates.budget(entry.ticket_id)
        approved = budget.approved_seconds
        if not approved:
            return
        share = budget.used_seconds * 100 // approved
        level = 100 if share >= 100 else 80 if share >= 80 else 0
        if level <= self.budget_said.get(entry.id, 0):
            return
        self.budget_said[entry.id] = level
        if level == 100:
            self.notify(
                f"{entry.ref} has reached its approved budget ({budget.text()}): from now on "
                "the time is recorded as not billable. Press e to send a revised estimate.",
                severity="warning",
                timeout=15,
            )
        else:
            self.notify(f"{entry.ref} has used {share}% of its approved budget.")

    def action_stop_timer_with_note(self) -> None:
        from hourdesk.screens.stop_prompt import StopPrompt

        self.push_screen(
            StopPrompt(self.running.ref),
            lambda note: note is not None and self.action_stop_timer(note),
        )

    def action_next_category(self) -> None:
        from hourdesk.app.desk.timer import CATEGORY_WORDS

        entry = self.act(self.desk.timer.next_category)
        if entry:
            self.notify(f"Category: {CATEGORY_WORDS[entry.category]}.")

    def apply_keymap(self) -> None:
        """The settings' ``[keys]`` remap bindings by id; a line that cannot apply is said."""
        if not self.desk.settings.keys:
            return
        from hourdesk.screens.keymap import check_keymap

        good, problems = check_keymap(self.desk.settings.keys, type(self))
        self.set_keymap(good)
        for problem in problems:
            self.notify(problem, severity="warning", timeout=30)

    def on_unmount(self) -> None:
        speak_keys(False)
        thaw()

    def remember_theme(self, theme) -> None:
        """The theme chosen in the palette is the one the next start opens with."""
        settings = self.desk.settings
        if theme.name == settings.theme:
            return
        try:
            self.desk.save_settings(settings.model_copy(update={"theme": theme.name}))
        except OSError as exc:
            self.notify(f"The theme was not saved: {exc.strerror}.", severity="warning")

    def action_go(self, mode: str) -> None:
        """Go to a place; its own key, pressed there, goes home."""
        self.switch_mode("inbox" if mode == self.current_mode else mode)

    def action_home(self) -> None:
        self.switch_mode("inbox")

    def purge_grants(self) -> None:
        """Delete expired access grants from the keyring; without a keyring, say so once.
        A busy database skips one round: the next comes in half a minute."""
        from hourdesk.storage.vault import VaultUnavailable

        try:
            removed = self.desk.grants.purge()
        except VaultUnavailable as exc:
            if not self.warned_keyring:
                self.warned_keyring = True
                self.notify(f"Expired access grants were not deleted: {exc}", severity="warning")
            return
        except sqlite3.OperationalError as exc:
            from hourdesk.app.core.logs import log_error

            log_error("grant purge in the TUI", exc)
            return
        if removed:
            self.notify(f"Deleted {len(removed)} expired access grant(s) from the keyring.")
            self.changed()

    def action_help(self) -> None:
        from hourdesk.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key that works on the current screen, and the basics."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"key: {binding.key_display or key}",
                partial(self.run_action, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry client text: never parse them as markup.

        ``Widget.notify`` passes ``markup=True`` explicitly, so the argument is ignored here.
        """
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)
