"""One ticket: its facts and its whole thread, with keys to add to it and move it on."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from app.errors import Refused
from app.tickets import HOLD_WORDS, STATUS_WORDS, status_text
from app.timefmt import local
from screens.widgets.text import clean
from storage.models import Entry, Ticket

KIND_WORDS = {
    "created": "opened",
    "message": "client message",
    "reply": "reply to client",
    "note": "note",
    "status": "status",
    "priority": "priority",
    "credential_notice": "credentials removed",
}
AUTHOR_STYLES = {"client": "bold cyan", "consultant": "bold green", "system": "bold magenta"}


def entry_text(entry: Entry) -> Text:
    head = Text(f"{local(entry.created_at)}  ", style="dim")
    head.append(
        KIND_WORDS.get(entry.kind, entry.kind.replace("_", " ")), style=AUTHOR_STYLES[entry.author]
    )
    if entry.received_at:
        head.append(f"  (received {local(entry.received_at)})", style="dim")
    if entry.data.get("credentials_removed"):
        head.append("  ⚠ credentials removed", style="bold yellow")
    return head.append("\n").append(clean(entry.body))


class TicketScreen(Screen):
    CSS_PATH = "ticket.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("a", "write('note')", "Note"),
        Binding("m", "write('message')", "Client message"),
        Binding("r", "write('reply')", "Reply"),
        Binding("s", "status", "Status"),
        Binding("p", "priority", "Priority"),
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
        yield VerticalScroll(id="thread")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
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
        facts.append(
            f"\nopened {local(ticket.created_at)} · updated {local(ticket.updated_at)}", style="dim"
        )
        if ticket.flagged:
            facts.append(
                "\n⚠ credentials were removed from this ticket: ask for secure access",
                style="bold yellow",
            )
        self.query_one("#facts", Static).update(facts)
        thread = self.query_one("#thread", VerticalScroll)
        thread.remove_children()
        thread.mount_all(
            Static(entry_text(e), classes=f"entry {e.author}")
            for e in self.desk.tickets.thread(ticket.id)
        )
        thread.scroll_end(animate=False)

    def _do(self, action, *args) -> bool:
        """Run a desk action; a refusal is shown, not raised."""
        try:
            action(*args)
        except Refused as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return False
        self.refresh_data()
        return True

    def action_write(self, kind: str) -> None:
        from screens.text_prompt import TextPrompt

        titles = {
            "note": "Internal note",
            "message": "Client's message (pasted)",
            "reply": "Reply to the client",
        }

        def written(text: str | None) -> None:
            if text and self._do(self.desk.tickets.message, self.ref, text, kind=kind):
                entry = self.desk.tickets.thread(self.ticket.id)[-1]
                if entry.kind == "credential_notice":
                    self.notify(
                        "Credentials were removed before storing. A ready reply asking "
                        "for secure access is in the thread.",
                        severity="warning",
                        timeout=10,
                    )

        self.app.push_screen(TextPrompt(f"{titles[kind]} · {self.ref}"), written)

    def action_status(self) -> None:
        from screens.choice import ChoiceScreen

        options = [
            (STATUS_WORDS[s], (s, None))
            for s in ("new", "in_progress", "approved", "resolved", "closed")
        ]
        options[2:2] = [
            (f"on hold ({words})", ("on_hold", reason))
            for reason, words in HOLD_WORDS.items()
            if reason != "declined"
        ]

        def chosen(choice) -> None:
            if choice is not None:
                status, reason = choice[1]
                self._do(self.desk.tickets.set_status, self.ref, status, reason)

        self.app.push_screen(ChoiceScreen(f"Move {self.ref} to", options), chosen)

    def action_priority(self) -> None:
        other = "normal" if self.ticket.priority == "urgent" else "urgent"
        if self._do(self.desk.tickets.set_priority, self.ref, other):
            self.notify(f"{self.ref} is now {other}.")
