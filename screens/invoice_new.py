"""The invoice generator: pick a client, untick what should wait, check the preview, issue.

The lines come from the desk's own ``candidates`` (the same figures issuing writes); the
tickets that are not offered are listed with the reason. ctrl+s issues.
"""

from __future__ import annotations

from datetime import timedelta

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.money import format_usd
from hourdesk.app.desk.billing.invoicing import ROUNDING_WORDS, Candidate, Excluded
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import clean, literal
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.models import Client, Invoice


def rounding_note(seconds: int, billed: int, rounding: str) -> str:
    """How the billed time came from the time worked, in words."""
    if rounding == "none":
        return f"{format_duration(seconds)} worked, no rounding"
    return f"{format_duration(seconds)} worked, rounded {rounding}"


class InvoiceNewScreen(Screen):
    """A new invoice for one client's resolved tickets; dismissed with the number issued last
    (or None)."""

    DEFAULT_CSS = """
    InvoiceNewScreen #main { height: 1fr; }
    InvoiceNewScreen #pick { width: 40%; max-width: 50; padding: 0 1; }
    InvoiceNewScreen #pick Label { color: $text-muted; margin-top: 1; }
    InvoiceNewScreen #tickets { height: 1fr; min-height: 4; }
    InvoiceNewScreen #excluded { height: auto; margin-top: 1; color: $text-muted; }
    InvoiceNewScreen #right { width: 1fr; padding: 0 1; border-left: solid $primary; }
    InvoiceNewScreen #heading { margin-top: 1; text-style: bold; }
    InvoiceNewScreen #outcome { margin-top: 1; height: auto; }
    InvoiceNewScreen #outcome.-issued { color: $success; text-style: bold; }
    InvoiceNewScreen #outcome.-refused { color: $error; }
    InvoiceNewScreen #outcome.-warning { color: $warning; }
    """
    BINDINGS = [
        Binding("ctrl+s", "issue", "Issue invoice", priority=True, id="invoice_new.issue_invoice"),
        Binding("escape", "back", "Back", id="invoice_new.back"),
    ]
    SUB_TITLE = "New invoice"

    def __init__(self, client_id: int | None = None) -> None:
        super().__init__()
        self.client: Client | None = None
        self.start_client = client_id
        self.offered: list[Candidate] = []
        self.missing: list[Excluded] = []
        self.unticked: set[str] = set()
        self.issued: Invoice | None = None
        self.first_ready: int | None = None  # the first client with tickets ready to bill

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            with Vertical(id="pick"):
                yield Label("Client")
                yield Select(
                    self._client_options(), prompt="Pick a client", id="client", compact=False
                )
                yield Label("Tickets to bill (space ticks or unticks)")
                yield SelectionList[str](id="tickets")
            with VerticalScroll(id="right"):
                yield Static("Pick a client to see the invoice it would get.", id="heading")
                yield Static(id="preview")
                yield Static(id="outcome")
                yield Static(id="excluded")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        """Start on the given client, else on the first with tickets ready to bill."""
        select = self.query_one("#client", Select)
        start = self.first_ready if self.start_client is None else self.start_client
        if start is not None:
            select.value = start
        self.set_focus(select, scroll_visible=False)

    # choosing

    def _client_options(self) -> list[tuple[Text, int]]:
        """Every client; those with tickets ready to bill first, with how many."""
        ready, rest = [], []
        for client in self.desk.clients.list():
            offered, missing = self.desk.invoicing.candidates(client.id)
            label = literal(client.name)
            if offered or missing:
                label.append("  (")
                label.append(f"{len(offered)} ready", style="green" if offered else "dim")
                if missing:
                    label.append(", ").append(f"{len(missing)} not", style="yellow")
                label.append(")")
            (ready if offered else rest).append((label, client.id))
        self.first_ready = ready[0][1] if ready else None
        return ready + rest

    @on(Select.Changed, "#client")
    def _client_changed(self, event: Select.Changed) -> None:
        client_id = None if event.value is Select.NULL else int(event.value)
        if self.client is None or client_id != self.client.id:
            self.issued = None
            self.unticked = set()
        self.client = self.desk.clients.get(client_id) if client_id is not None else None
        self.load()
        tickets = self.query_one("#tickets", SelectionList)
        if self.offered and self.query_one("#client", Select).has_focus:
            tickets.focus()

    @on(SelectionList.SelectedChanged, "#tickets")
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        ticked = set(event.selection_list.selected)
        self.unticked = {c.ticket.ref for c in self.offered} - ticked
        self.show_preview()

    def ticked(self) -> list[str]:
        return [c.ticket.ref for c in self.offered if c.ticket.ref not in self.unticked]

    def refresh_data(self) -> None:
        """Called by the app when the database changed."""
        select = self.query_one("#client", Select)
        keep = select.value
        with select.prevent(Select.Changed):
            select.set_options(self._client_options())
            if keep is not Select.NULL:
                select.value = keep
        self.load()

    def load(self) -> None:
        """The chosen client's candidates, ticked unless the consultant unticked them."""
        tickets = self.query_one("#tickets", SelectionList)
        if self.client is None:
            self.offered, self.missing = [], []
        else:
            self.offered, self.missing = self.desk.invoicing.candidates(self.client.id)
        highlighted = tickets.highlighted
        with tickets.prevent(SelectionList.SelectedChanged):
            tickets.clear_options()
            tickets.add_options(
                [
                    Selection(
                        literal(f"{c.ticket.ref}  {c.ticket.subject}").append(
                            f"  {format_duration(c.line.seconds)}", style="dim"
                        ),
                        c.ticket.ref,
                        c.ticket.ref not in self.unticked,
                    )
                    for c in self.offered
                ]
            )
        if self.offered:
            tickets.highlighted = min(highlighted or 0, len(self.offered) - 1)
        self.show_excluded()
        self.show_preview()

    # what the invoice would be

    def show_excluded(self) -> None:
        text = Text()
        if self.missing:
            text.append("Not offered:\n", style="bold")
            for m in self.missing:
                text.append(f"• {m.ticket.ref} ", style="bold")
                text.append(clean(m.ticket.subject, one_line=True))
                text.append(f" ({format_duration(m.seconds)} unbilled)\n  ")
                text.append(clean(m.reason, one_line=True) + "\n", style="yellow")
        elif self.client is not None and not self.offered:
            text.append(
                "No resolved tickets with unbilled billable time: nothing to invoice yet.",
                style="dim",
            )
        self.query_one("#excluded", Static).update(text)

    def show_preview(self) -> None:
        heading = self.query_one("#heading", Static)
        preview = self.query_one("#preview", Static)
        if self.client is None:
            heading.update("Pick a client to see the invoice it would get.")
            preview.update("")
            self.say("")
            self.refresh_bindings()
            return
        locale = self.desk.settings.locale
        usd = lambda cents: format_usd(cents, locale)  # noqa: E731
        rule = ROUNDING_WORDS[self.desk.settings.timer.rounding]
        today = self.desk.clock.now().astimezone().date()
        due = today + timedelta(days=self.client.terms_days)
        head = Text("Preview for ").append(clean(self.client.name, one_line=True), style="cyan")
        head.append(
            f"\nissued {today.isoformat()} · due {due.isoformat()} (net {self.client.terms_days})"
            f" · rounding: {rule} (Settings)",
            style="not bold dim",
        )
        heading.update(head)
        refs = set(self.ticked())
        chosen = [c for c in self.offered if c.ticket.ref in refs]
        lines = self.desk.blocks.lines(self.client.id, chosen)  # prepaid hours at $0.00
        table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
        table.add_column("Ticket", ratio=1)
        table.add_column("Time", justify="right", no_wrap=True)
        table.add_column("Rate", justify="right", no_wrap=True)
        table.add_column("Amount", justify="right", no_wrap=True)
        for line in lines:
            ticket = literal(line.ref, "bold").append(" ")
            ticket.append(clean(line.subject, one_line=True)).append("\n")
            ticket.append(
                rounding_note(line.seconds, line.billed_seconds, line.rounding), style="dim"
            )
            table.add_row(
                ticket,
                format_duration(line.billed_seconds),
                f"{usd(line.rate_cents)}/h",
                usd(line.amount_cents),
            )
        table.add_section()
        total = sum(line.amount_cents for line in lines)
        table.add_row(Text("Total (USD)", style="bold"), "", "", Text(usd(total), style="bold"))
        count = Text(f"{len(chosen)} of {len(self.offered)} tickets ticked", style="dim")
        preview.update(Group(table, count) if self.offered else "")
        self.check_issue()
        self.refresh_bindings()

    def check_issue(self) -> None:
        """Say now what issuing would refuse, before the consultant presses ctrl+s."""
        if self.issued is not None:
            self.say(self._issued_text(self.issued), "-issued")
            return
        refs = self.ticked()
        if not self.offered:
            self.say("")
            return
        if not refs:
            self.say("Tick at least one ticket to issue an invoice.", "-warning")
            return
        try:
            self.desk.invoicing.draft(self.client.id, refs)
        except Refused as exc:
            self.say(f"Issuing would be refused: {exc}", "-warning")
            return
        self.say("ctrl+s issues the invoice: it takes the next number and closes the tickets.")

    def say(self, text: str, kind: str = "") -> None:
        outcome = self.query_one("#outcome", Static)
        outcome.update(literal(text, one_line=False))
        for name in ("-issued", "-refused", "-warning"):
            outcome.set_class(name == kind, name)

    def _issued_text(self, invoice: Invoice) -> str:
        locale = self.desk.settings.locale
        return (
            f"Invoice {invoice.number} issued to {clean(invoice.client_name, one_line=True)}:"
            f" {format_usd(invoice.total_cents, locale)}, due {invoice.due_date.isoformat()}."
            " Its tickets are closed. Escape goes back to the invoices (p there saves the PDF)."
        )

    # issuing

    def action_back(self) -> None:
        """Back to where it was opened from, with the number of the last invoice issued."""
        self.dismiss(self.issued.number if self.issued else None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "issue":
            return self.client is not None and bool(self.ticked())
        return True

    def action_issue(self) -> None:
        if self.client is None:
            return
        refs = self.ticked()
        if not refs:
            self.say("Tick at least one ticket to issue an invoice.", "-refused")
            return
        try:
            invoice = self.desk.invoicing.issue(self.client.id, refs)
        except Refused as exc:
            self.say(f"Not issued: {exc}", "-refused")
            self.app.notify(str(exc), severity="error", timeout=10)
            return
        self.issued = invoice
        self.unticked = set()
        self.app.changed()  # reloads this screen: the billed tickets are gone
        self.say(self._issued_text(invoice), "-issued")
        self.app.notify(
            f"Invoice {invoice.number} issued: "
            f"{format_usd(invoice.total_cents, self.desk.settings.locale)}."
        )
