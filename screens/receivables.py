"""What is owed: per client and aged, and the open invoices, where payments are recorded."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.money import format_usd
from hourdesk.app.desk.billing.payments import BUCKETS
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.table import SteadyTable
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar


def money(cents: int, locale: str, style: str = "") -> Text:
    return Text(format_usd(cents, locale), justify="right", style=style)


BLOCK_COLUMNS = ("Block", "Client", "Left", "Hours", "Expires", "State")
OPEN_COLUMNS = ("Invoice", "Client", "Due", "Overdue", "Total", "Paid", "Balance", "Status")


class ReceivablesScreen(Screen):
    AUTO_FOCUS = "#open"  # focused before the first paint: the tables are drawn once
    BINDINGS = [
        Binding("escape", "app.home", "Inbox", id="receivables.inbox"),
        Binding(
            "dollar_sign", "pay", "Record payment", key_display="$", id="receivables.record_payment"
        ),
        Binding("s", "statement", "Statement", id="receivables.statement"),
    ]
    DEFAULT_CSS = """
    ReceivablesScreen Label { padding: 1 1 0 1; text-style: bold; }
    ReceivablesScreen #aged { height: auto; max-height: 40%; }
    ReceivablesScreen #open { height: 1fr; }
    ReceivablesScreen #blocks { height: auto; max-height: 30%; }
    """

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Owed, by days overdue")
        yield SteadyTable(id="aged", cursor_type="row", zebra_stripes=True)
        yield Label("Open invoices ($ records a payment)")
        yield SteadyTable(id="open", cursor_type="row", zebra_stripes=True)
        yield Label("Prepaid blocks", id="blocks-label")
        yield SteadyTable(id="blocks", cursor_type="row", zebra_stripes=True)
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#aged", DataTable).add_columns("Client", *BUCKETS, "Total")
        # on a narrow terminal the invoice's total and what was paid give way to the balance
        narrow = self.app.size.width < 100
        self.open_columns = [c for c in OPEN_COLUMNS if not (narrow and c in ("Total", "Paid"))]
        self.query_one("#open", DataTable).add_columns(*self.open_columns)
        self.query_one("#blocks", DataTable).add_columns(*BLOCK_COLUMNS)
        self.refresh_data()

    shown: tuple | None = None  # the data stamp of what the tables show

    def on_screen_resume(self) -> None:
        """Back from another screen (a payment on the invoices screen, say): reload what
        changed meanwhile."""
        if self.is_mounted and self.shown != self.app.data_stamp():
            self.refresh_data()

    def refresh_data(self) -> None:
        self.shown = self.app.data_stamp()
        desk = self.app.desk
        locale = desk.settings.locale
        aged = self.query_one("#aged", DataTable)
        aged.clear()
        owed = desk.payments.receivables()
        rows = [
            [
                literal(r.client_name),
                *(
                    money(r.buckets[b], locale, "red" if b != "current" and r.buckets[b] else "")
                    for b in BUCKETS
                ),
                money(r.total, locale, "bold"),
            ]
            for r in owed
        ]
        rows.append(
            [
                Text("total", style="bold"),
                *(money(sum(r.buckets[b] for r in owed), locale, "bold") for b in BUCKETS),
                money(sum(r.total for r in owed), locale, "bold"),
            ]
        )
        # the amounts whole: on a narrow terminal the client's name gives way
        labels = ["Client", *BUCKETS, "Total"]
        amounts = sum(
            max(len(label), *(row[n].cell_len for row in rows)) + 2
            for n, label in enumerate(labels)
            if n
        )
        room = max(len("Client"), self.app.size.width - amounts - 2 - 2)
        for row in rows:
            row[0].truncate(room, overflow="ellipsis")
            aged.add_row(*row)
        table = self.query_one("#open", DataTable)
        table.clear()
        for a in desk.payments.accounts(open_only=True):
            i = a.invoice
            cells = {
                "Invoice": Text(i.number),
                "Client": literal(i.client_name),
                "Due": Text(i.due_date.isoformat()),
                "Overdue": Text(f"{a.days_overdue} d" if a.days_overdue else "", style="red"),
                "Total": money(i.total_cents, locale),
                "Paid": money(a.paid_cents, locale),
                "Balance": money(a.balance_cents, locale, "bold"),
                "Status": Text(a.status, style="bold red" if a.status == "overdue" else ""),
            }
            table.add_row(*(cells[c] for c in self.open_columns), key=i.number)
        self.show_blocks()
        self.refresh_bindings()

    def show_blocks(self) -> None:
        """Blocks with their balance and expiry; the section shows once a block is sold."""
        for said in self.app.desk.blocks.settle():  # expiries are recorded, and said
            self.notify(said)
        table = self.query_one("#blocks", DataTable)
        table.clear()
        for b in self.app.desk.blocks.list():
            table.add_row(
                Text(b.number),
                literal(b.client_name),
                Text(format_duration(b.balance), justify="right", style="bold"),
                Text(format_duration(b.seconds), justify="right"),
                Text(b.expires_on.isoformat() if b.expires_on else "none"),
                Text(b.state, style="green" if b.usable else "dim"),
            )
        for widget in (table, self.query_one("#blocks-label")):
            widget.display = table.row_count > 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pay" and self.is_mounted:
            return self.query_one("#open", DataTable).row_count > 0
        return True

    def action_statement(self) -> None:
        from hourdesk.screens.statement import StatementScreen

        self.app.push_screen(StatementScreen())

    def action_pay(self) -> None:
        from hourdesk.screens.payment_form import PaymentForm

        table = self.query_one("#open", DataTable)
        if not table.row_count:
            return
        number = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

        def paid(account) -> None:
            if account is not None:
                self.app.changed()
                self.notify(
                    f"{number}: {account.status}, balance "
                    f"{format_usd(account.balance_cents, self.app.desk.settings.locale)}."
                )

        self.app.push_screen(PaymentForm(number), paid)
