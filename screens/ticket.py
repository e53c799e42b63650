"""One ticket: its facts and its whole thread, with keys to add to it and move it on."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.money import format_usd
from hourdesk.app.core.timefmt import local
from hourdesk.app.desk.rules import DONE, WARN_SHARE
from hourdesk.app.desk.text import typed
from hourdesk.app.desk.tickets import HOLD_WORDS, MESSAGE_KINDS, status_text
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.prepaid import prepaid_text
from hourdesk.screens.widgets.text import clean
from hourdesk.screens.widgets.thread_view import ThreadView
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.models import Ticket
from hourdesk.storage.statuses import STATUS_WORDS

PAGE = 60  # thread entries loaded at a time: more than a screenful


def estimate_facts(desk, ticket: Ticket) -> Text:
    """The current estimate, its approval and the budget, as the ticket header shows them."""
    versions = desk.estimates.versions(ticket.id)
    if not versions:
        hint = "" if not ticket.billable else " · no estimate yet: press e"
        return Text(hint, style="yellow")
    e = versions[-1]
    locale = desk.settings.locale
    text = Text(f"\nestimate v{e.version}: ")
    if e.billable:
        text.append(
            f"{format_duration(e.seconds)} at {format_usd(e.rate_cents, locale)}/h = "
            f"{format_usd(desk.estimates.amount(e), locale)}"
        )
    else:
        text.append("not billable")
    if e.decision is None:
        text.append(f" · sent {local(e.sent_at)}, waiting for written approval", style="yellow")
    else:
        style = "green" if e.approved else "red"
        text.append(f" · {e.decision.outcome} {local(e.decision.received_at)}", style=style)
    budget = desk.estimates.budget(ticket.id)
    share = budget.share or 0
    if e.billable:
        style = "bold red" if share >= 100 else "yellow" if share >= WARN_SHARE else ""
        text.append("\nbudget ").append(budget.text(), style=style)
    return text


class TicketScreen(Screen):
    CSS_PATH = "ticket.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="ticket.back"),
        Binding("t", "timer", "Start/stop timer", id="ticket.start_stop_timer"),
        Binding("l", "entries", "Time entries", id="ticket.time_entries"),
        Binding("a", "write('note')", "Note", id="ticket.note"),
        Binding("m", "write('message')", "Client message", id="ticket.client_message"),
        Binding("r", "write('reply')", "Reply", id="ticket.reply"),
        Binding(
            "S",
            "send_ready",
            "Mail estimate/secure-access request",
            id="ticket.mail_estimate_secure_access_request",
        ),
        Binding("s", "status", "Status", id="ticket.status"),
        Binding("p", "priority", "Priority", id="ticket.priority"),
        Binding("e", "estimate", "Estimate", id="ticket.estimate"),
        Binding("A", "approve", "Approve", id="ticket.approve"),
        Binding("D", "decline", "Declined", id="ticket.declined"),
        Binding("x", "resolve", "Resolve", id="ticket.resolve"),
        Binding("X", "completion", "Export completion", id="ticket.export_completion"),
        Binding("g", "grants", "Access grants", id="ticket.access_grants"),
    ]

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.ticket: Ticket | None = None

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="facts")
        yield ThreadView(id="thread")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show_facts()
        thread = self.query_one(ThreadView)
        newest = self.desk.tickets.thread_before(self.ticket.id, None, PAGE)
        thread.show(newest, more_before=len(newest) == PAGE)
        self.set_focus(thread, scroll_visible=False)

    def refresh_data(self) -> None:
        """The facts again, and the thread's new entries appended."""
        self.show_facts()
        thread = self.query_one(ThreadView)
        thread.append(self.desk.tickets.thread_after(self.ticket.id, thread.last_id))

    def on_thread_view_older(self, event: ThreadView.Older) -> None:
        older = self.desk.tickets.thread_before(self.ticket.id, event.before, PAGE)
        event.view.prepend(older, more_before=len(older) == PAGE)

    def show_facts(self) -> None:
        self.ticket = ticket = self.desk.tickets.get(self.ref)
        facts = Text()
        facts.append(f"{ticket.ref}  ", style="bold")
        facts.append(clean(ticket.subject, one_line=True), style="bold")
        facts.append("\nclient ").append(clean(ticket.client_name, one_line=True), style="cyan")
        facts.append(
            f" · {status_text(ticket.status, ticket.hold_reason)} · {ticket.priority}"
            f" · {'billable' if ticket.billable else 'not billable'} · via {ticket.channel}"
        )
        if ticket.referred_by:
            facts.append(" · referred by ").append(clean(ticket.referred_by, one_line=True))
        if prepaid := prepaid_text(self.desk.blocks.standing(ticket.client_id)):
            facts.append(" · ").append_text(prepaid)
        facts.append(
            f"\nopened {local(ticket.created_at)} · updated {local(ticket.updated_at)}", style="dim"
        )
        facts.append_text(estimate_facts(self.desk, ticket))
        if ticket.flagged:
            facts.append(
                "\n⚠ credentials were removed from this ticket: ask for secure access",
                style="bold yellow",
            )
        self.query_one("#facts", Static).update(facts)
        self.refresh_bindings()

    def action_write(self, kind: str) -> None:
        from hourdesk.screens.text_prompt import TextPrompt

        titles = {
            "note": "Internal note",
            "message": "Client's message (pasted)",
            "reply": "Reply to the client",
        }

        def written(text: str | None) -> None:
            if kind == "reply":
                self.send_reply(text)
                return
            entry = text and self.app.act(self.desk.tickets.message, self.ref, text, kind=kind)
            if entry and entry.data.get("credentials_removed"):
                self.notify(
                    "Credentials were removed before storing. A ready reply asking "
                    "for secure access is in the thread.",
                    severity="warning",
                    timeout=10,
                )

        check = partial(typed, field="text") if MESSAGE_KINDS[kind] == "consultant" else None
        self.app.push_screen(TextPrompt(f"{titles[kind]} · {self.ref}", check=check), written)

    def send_reply(self, text: str | None, how: str = "reply") -> None:
        """Record the reply in the thread, then send or draft it in the background."""
        from hourdesk.screens.mailjobs import send_outbox

        args = (text,) if how == "reply" else ()
        item = text and self.app.act(getattr(self.desk.replies, how), self.ref, *args)
        if item:
            send_outbox(self.app, [item])

    def action_send_ready(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen

        options = [
            ("The current estimate", "estimate"),
            ("Please share access by a secure, time-limited method", "secure_access"),
        ]

        def chosen(choice) -> None:
            if choice is not None:
                self.send_reply("ready", choice[1])

        self.app.push_screen(ChoiceScreen(f"Mail to the client of {self.ref}", options), chosen)

    def action_status(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen

        options = [
            (STATUS_WORDS[s], (s, None)) for s in ("new", "in_progress", "approved", "closed")
        ]
        options.insert(3, ("resolved (with a summary of what was done)…", ("resolved", None)))
        options[2:2] = [
            (f"on hold ({words})", ("on_hold", reason))
            for reason, words in HOLD_WORDS.items()
            if reason != "declined"
        ]

        def chosen(choice) -> None:
            if choice is None:
                return
            status, reason = choice[1]
            if status == "resolved":
                self.action_resolve()
            else:
                self.app.act(self.desk.tickets.set_status, self.ref, status, reason)

        self.app.push_screen(ChoiceScreen(f"Move {self.ref} to", options), chosen)

    def action_resolve(self) -> None:
        self.app.resolve(self.ref)

    @work(thread=True, exclusive=True, group="completion")
    def action_completion(self) -> None:
        """Write the completion record as Markdown and PDF, off the UI thread."""
        try:
            paths = [self.desk.completion.export(self.ref, fmt) for fmt in ("md", "pdf")]
        except Refused as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.app.call_from_thread(
            self.notify, "Completion record written: " + ", ".join(map(str, paths)), timeout=10
        )

    def action_priority(self) -> None:
        other = "normal" if self.ticket.priority == "urgent" else "urgent"
        if self.app.act(self.desk.tickets.set_priority, self.ref, other):
            self.notify(f"{self.ref} is now {other}.")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.ticket is None:
            return True
        closed = self.ticket.status in DONE
        if action in ("estimate", "resolve"):
            return not closed
        if action == "completion":
            return self.ticket.status in DONE
        if action in ("approve", "decline"):
            current = self.desk.estimates.current(self.ticket.id)
            if closed:
                return False
            if action == "approve":
                return current.decision is None if current else not self.ticket.billable
            return current is not None and current.decision is None
        return True

    def on_screen_resume(self) -> None:
        if self.ticket is not None:
            self.refresh_data()

    def action_timer(self) -> None:
        self.app.toggle_timer(self.ref)

    def action_grants(self) -> None:
        from hourdesk.screens.grants import GrantsScreen

        self.app.push_screen(GrantsScreen(self.ref))

    def action_entries(self) -> None:
        from hourdesk.screens.entries import EntriesScreen

        self.app.push_screen(EntriesScreen(self.ref))

    def action_estimate(self) -> None:
        from hourdesk.screens.estimate import EstimateScreen

        def sent(estimate) -> None:
            if estimate is not None:
                self.refresh_data()
                self.notify(
                    f"Estimate v{estimate.version} recorded; {self.ref} is on hold "
                    "until the client approves it in writing."
                )

        self.app.push_screen(EstimateScreen(self.ref), sent)

    def action_approve(self) -> None:
        from hourdesk.screens.approval import ApprovalScreen

        def approved(estimate) -> None:
            if estimate is not None:
                self.refresh_data()
                self.notify(f"{self.ref} is approved: work can start.")

        self.app.push_screen(ApprovalScreen(self.ref), approved)

    def action_decline(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen
        from hourdesk.screens.text_prompt import TextPrompt

        def chosen(choice) -> None:
            if choice is None:
                return

            def written(text: str | None) -> None:
                if text is not None:
                    self.app.act(self.desk.estimates.decline, self.ref, text=text, close=choice[1])

            self.app.push_screen(TextPrompt(f"What the client wrote · {self.ref}"), written)

        options = [
            ("Keep the ticket on hold (estimate declined)", False),
            ("Close the ticket", True),
        ]
        self.app.push_screen(ChoiceScreen("The client declined the estimate", options), chosen)
