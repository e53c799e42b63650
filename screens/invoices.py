"""Invoices and credit notes: the list, a new invoice (n), the PDF (p, o), void (v), a credit
note (c), a payment ($), and the invoice itself (enter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Header, Input, Static

from hourdesk.app.core.durations import format_duration
from hourdesk.app.core.money import format_usd
from hourdesk.app.desk.billing.payments import Account, AccountPage
from hourdesk.exports.documents import InvoiceDocument
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.screens.widgets.table import SteadyTable
from hourdesk.screens.widgets.text import clean, literal
from hourdesk.screens.widgets.timer_bar import TimerBar
from hourdesk.storage.models import Invoice

# xdg-open's exit codes, in words.
XDG_OPEN_ERRORS = {
    1: "xdg-open was called wrongly",
    2: "the file was not found",
    3: "no program that opens PDF files is installed",
    4: "the PDF viewer failed to start",
}


def launch_viewer(path: Path) -> str | None:
    """Open ``path`` with the system's PDF viewer; the reason when it cannot, else None."""
    if not path.exists():
        return f"{path} is not there any more: press p to render it again."
    if sys.platform.startswith(("win", "darwin")):
        import click

        code = click.launch(str(path))
        return None if code == 0 else f"the system viewer could not open it (exit {code})"
    opener = shutil.which("xdg-open")
    if opener is None:
        return "no PDF viewer is set up here (xdg-open is not installed)"
    try:
        process = subprocess.Popen(
            [opener, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return f"xdg-open could not run ({exc.strerror or exc})"
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None  # still running: the viewer is up
    return None if code == 0 else XDG_OPEN_ERRORS.get(code, f"xdg-open failed (exit {code})")


STATUS_STYLES = {
    "issued": "",
    "sent": "",
    "partially paid": "yellow",
    "paid": "green",
    "overdue": "bold red",
    "void": "red",
    "credit note": "magenta",
}


def status_cell(account: Account, locale: str) -> Text:
    """The status as the payments see it, with what is left to pay when some is."""
    text = account.status
    if account.status in ("partially paid", "overdue"):
        text += f", {format_usd(account.balance_cents, locale)} left"
    return Text(text, style=STATUS_STYLES.get(account.status, ""))


def kind_word(invoice: Invoice) -> str:
    return "credit note" if invoice.kind == "credit_note" else "invoice"


def document_view(doc: InvoiceDocument, invoice: Invoice) -> Group:
    """The invoice as the client reads it: parties, dates, lines, totals, payment."""
    usd = lambda cents: format_usd(cents, doc.locale)  # noqa: E731
    title = "Credit note" if invoice.kind == "credit_note" else "Invoice"
    head = Text()
    head.append(f"{title} {doc.number}", style="bold")
    head.append(f"  issued {doc.issue_date.isoformat()}  due {doc.due_date.isoformat()}")
    head.append(f" (net {doc.terms_days})" if doc.terms_days else "")
    if doc.is_void:
        head.append(f"\nVOID: {clean(doc.void_reason or '', one_line=True)}", style="bold red")
    head.append("\nto ").append(clean(doc.client.name, one_line=True), style="cyan")
    if doc.client.company:
        head.append(f" ({clean(doc.client.company, one_line=True)})")
    head.append("\nfrom ").append(clean(doc.business.name, one_line=True))
    lines = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False)
    lines.add_column("Ref", no_wrap=True)
    lines.add_column("Description", ratio=1)
    lines.add_column("Time", justify="right", no_wrap=True)
    lines.add_column("Rate", justify="right", no_wrap=True)
    lines.add_column("Amount", justify="right", no_wrap=True)
    for line in doc.lines:
        time, rate = "", ""
        if line.rate_cents:
            time = format_duration(line.billed_seconds)
            rate = f"{usd(line.rate_cents)}/h"
        description = literal(line.subject, one_line=True)
        if line.rate_cents:
            description.append(
                f"\n{format_duration(line.seconds)} worked, rounding {line.rounding}", style="dim"
            )
        lines.add_row(literal(line.ref), description, time, rate, usd(line.amount_cents))
    lines.add_section()
    lines.add_row("", Text("Subtotal", justify="right"), "", "", usd(doc.subtotal_cents))
    lines.add_row(
        "",
        Text(f"Total ({doc.currency})", justify="right", style="bold"),
        "",
        "",
        Text(usd(doc.total_cents), style="bold"),
    )
    pay = Text("Payment: ", style="dim")
    if doc.payment.preferred == "paypal":
        pay.append(f"PayPal {clean(doc.payment.paypal_address or '', one_line=True)}")
    else:
        pay.append("bank transfer, " + clean(doc.payment.bank_details, one_line=True))
        if doc.payment.paypal_address:
            pay.append(" · PayPal available on request")
    parts: list[Any] = [head, lines] if invoice.kind == "credit_note" else [head, lines, pay]
    if doc.notes:
        parts.append(literal(doc.notes, "dim", one_line=False))
    return Group(*parts)


class InvoiceView(ModalScreen[None]):
    """One invoice, read-only; escape closes it."""

    DEFAULT_CSS = """
    InvoiceView { align: center middle; }
    InvoiceView #dialog {
        width: 90%; max-width: 110; height: 80%;
        border: thick $accent; background: $surface; padding: 1 2;
    }
    """
    BINDINGS = [
        Binding("escape,enter,q", "dismiss(None)", "Close", id="invoice_view.close"),
    ]

    def __init__(self, invoice: Invoice, doc: InvoiceDocument) -> None:
        super().__init__()
        self.invoice, self.doc = invoice, doc

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="dialog"):
            yield Static(document_view(self.doc, self.invoice), id="document")
        yield KeysFooter()


class CreditForm(FormScreen):
    """A credit note against an issued invoice; returns the credit note."""

    def __init__(self, invoice: Invoice, left_cents: int) -> None:
        super().__init__()
        self.invoice, self.left_cents = invoice, left_cents
        self.title_text = f"Credit note against invoice {invoice.number} ({invoice.client_name})"

    def fields(self):
        left = format_usd(self.left_cents, self.app.desk.settings.locale)
        return [
            ("amount", f"Amount to credit in USD (at most {left})", Input(placeholder="50.00")),
            ("reason", "Reason (printed on the credit note)", Input()),
        ]

    def submit(self, values: dict[str, Any]) -> Invoice:
        return self.app.desk.invoicing.credit(
            self.invoice.number, values["amount"], values["reason"]
        )


class InvoicesScreen(Screen):
    """Invoices and credit notes, newest first, a page at a time. Enter shows the invoice."""

    SUB_TITLE = "Invoices"
    PAGE = 100  # invoices to a page

    DEFAULT_CSS = """
    InvoicesScreen #invoices { height: 1fr; }
    InvoicesScreen #pager { height: 1; padding: 0 1; }
    InvoicesScreen #pdf { height: auto; padding: 0 1; color: $text-muted; }
    InvoicesScreen #pdf.-ready { color: $text; }
    """
    BINDINGS = [
        Binding("escape", "app.home", "Inbox", id="invoices.inbox"),
        Binding("enter", "show", "Show", show=False, id="invoices.show"),
        Binding("n", "new", "New invoice", id="invoices.new_invoice"),
        Binding("p", "pdf", "PDF", id="invoices.pdf"),
        Binding("o", "open_pdf", "Open PDF", id="invoices.open_pdf"),
        Binding("v", "void", "Void", id="invoices.void"),
        Binding("c", "credit", "Credit note", id="invoices.credit_note"),
        Binding(
            "dollar_sign", "pay", "Record payment", key_display="$", id="invoices.record_payment"
        ),
        Binding("m", "send", "Send by mail", id="invoices.send_by_mail"),
        Binding("r", "reminders", "Reminders due", id="invoices.reminders_due"),
        Binding(
            "left_square_bracket", "page(-1)", "Prev page", key_display="[", id="invoices.prev_page"
        ),
        Binding(
            "right_square_bracket", "page(1)", "Next page", key_display="]", id="invoices.next_page"
        ),
    ]

    class PdfDone(Message):
        """The worker finished: the path written, or why not."""

        def __init__(self, number: str, path: Path | None, error: str = "") -> None:
            super().__init__()
            self.number, self.path, self.error = number, path, error

    def __init__(self) -> None:
        super().__init__()
        self.accounts: dict[str, Account] = {}  # the page's, by number
        self.page: AccountPage | None = None
        self.edge: dict[str, str] = {}  # how the page was asked for: after or before a number
        self.last_pdf: Path | None = None
        self.rendering: str | None = None

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        yield SteadyTable(id="invoices", cursor_type="row", zebra_stripes=True)
        yield Static(id="pager")
        yield Static("p renders the selected invoice as PDF.", id="pdf")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.set_columns()
        self.set_focus(self.query_one(DataTable), scroll_visible=False)

    def on_resize(self) -> None:
        if self.columns != self.fitting_columns(self.natural):
            self.set_columns()

    def fitting_columns(self, natural: dict[str, int]) -> list[tuple[str, str, int]]:
        """``(key, label, width)`` for the terminal's width: the kind and the issue date give
        way first, so that the client, the total and the status (each as wide as its longest
        text, in ``natural``) are never cut."""
        width = self.app.size.width
        columns = [("number", "Number", 9)]
        if width >= 120:
            columns.append(("kind", "Kind", 11))
        columns.append(("client", "Client", 0))
        if width >= 100:
            columns.append(("issued", "Issued", 10))
        columns += [("due", "Due", 10)]
        columns += [(key, key.capitalize(), natural[key]) for key in ("total", "status")]
        rest = width - 4 - sum(w + 2 for _, _, w in columns)
        return [(k, label, w or max(12, rest)) for k, label, w in columns]

    def set_columns(self, natural: dict[str, int] | None = None) -> None:
        """The columns for the width; the rows are loaded again unless ``natural`` (the
        widths the rows being loaded need) is given."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        self.natural = natural or self.natural
        self.columns = self.fitting_columns(self.natural)
        for key, label, width in self.columns:
            table.add_column(label, key=key, width=width)
        if natural is None:
            self.refresh_data()

    def on_screen_resume(self) -> None:
        if self.shown != self.app.data_stamp():
            self.refresh_data()

    columns: list[tuple[str, str, int]] = []
    natural = {"total": len("$00,000.00"), "status": len("partially paid")}
    shown: tuple | None = None  # the data stamp of what the table shows
    drawn: tuple | None = None  # the accounts and the locale the rows were drawn from

    def refresh_data(self, select: str | None = None) -> None:
        """Read the page again, keeping the cursor on the same invoice (or on ``select``; on
        the first page when it is not on this one: a new invoice or credit note is the
        newest)."""
        keep = select or self.current_number()
        page = self.desk.payments.page(self.PAGE, **self.edge)
        if select is not None and all(a.invoice.number != select for a in page.accounts):
            self.edge = {}
            page = self.desk.payments.page(self.PAGE)
        self.show(page, keep)

    def show(self, page: AccountPage, keep: str | None) -> None:
        """Draw the page's rows, the cursor on ``keep`` when it is one of them."""
        self.shown = self.app.data_stamp()
        self.page = page
        self.describe(page)
        table = self.query_one(DataTable)
        locale = self.desk.settings.locale
        accounts = {a.invoice.number: a for a in page.accounts}
        if (accounts, locale) == self.drawn and table.row_count == len(accounts):
            if keep in accounts:  # what was written elsewhere left the page as it was
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            self.refresh_bindings()
            return
        self.accounts, self.drawn = accounts, (accounts, locale)
        found = [a.invoice for a in page.accounts]
        statuses = {i.number: status_cell(accounts[i.number], locale) for i in found}
        totals = {i.number: format_usd(i.total_cents, locale) for i in found}
        natural = {
            "total": max([len("Total")] + [len(t) for t in totals.values()]),
            "status": max([len("partially paid")] + [t.cell_len for t in statuses.values()]),
        }
        if natural != self.natural:
            self.set_columns(natural)
        table.clear()
        for i in found:
            void = i.status == "void"
            dim = "dim strike" if void else ""
            cells = {
                "number": Text(
                    i.number,
                    style="magenta" if i.kind == "credit_note" else "bold" if not void else dim,
                ),
                "kind": Text(kind_word(i), style="magenta" if i.kind == "credit_note" else dim),
                "client": literal(i.client_name, dim),
                "issued": Text(i.issue_date.isoformat(), style=dim),
                "due": Text(i.due_date.isoformat(), style=dim),
                "total": Text(totals[i.number], justify="right", style=dim),
                "status": statuses[i.number],
            }
            table.add_row(*(cells[key] for key, _, _ in self.columns), key=i.number)
        if keep in accounts:
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        self.refresh_bindings()

    def describe(self, page: AccountPage) -> None:
        """``51–100 of 10,000 invoices · page 2 of 100`` under the list."""
        counted = f"{page.total:,} invoice{'' if page.total == 1 else 's'}"
        if page.total > self.PAGE:
            shown = f"{page.offset + 1}–{page.offset + len(page.accounts)}"
            pages = -(-page.total // self.PAGE)
            counted = f"{shown} of {counted} · page {page.offset // self.PAGE + 1} of {pages}"
        pager = self.query_one("#pager", Static)
        if str(pager.content) != counted:  # one line of a fixed size: redrawn, not laid out
            pager.update(Text(counted), layout=False)

    def current_number(self) -> str | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current(self) -> Invoice | None:
        number = self.current_number() if self.is_mounted else None
        account = self.accounts.get(number) if number else None
        return account.invoice if account else None

    # keys where they work

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page":
            page = self.page
            if page is None:
                return False
            if parameters[0] < 0:
                return page.offset > 0
            return page.offset + len(page.accounts) < page.total
        if action == "pay":
            invoice = self.current()
            account = self.accounts.get(invoice.number) if invoice else None
            return account is not None and account.balance_cents > 0
        if action in ("show", "pdf", "void", "credit", "send"):
            invoice = self.current()
            if invoice is None:
                return False
            if action == "send":
                return invoice.kind == "invoice" and invoice.status == "issued"
            if action == "void":
                return invoice.status == "issued"
            if action == "credit":
                return invoice.kind == "invoice" and invoice.status == "issued"
            if action == "pdf":
                return None if self.rendering else True
        if action == "open_pdf":
            return self.last_pdf is not None
        return True

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_show()

    # actions

    def action_page(self, step: int) -> None:
        """The page after the last row shown, or before the first (the first page from the
        second: the newest invoices, whatever was issued meanwhile)."""
        page = self.page
        if page is None or not page.accounts:
            return
        if step > 0:
            self.edge = {"after": page.accounts[-1].invoice.number}
        elif page.offset > self.PAGE:
            self.edge = {"before": page.accounts[0].invoice.number}
        else:
            self.edge = {}
        self.refresh_data()
        self.query_one(DataTable).move_cursor(row=0, animate=False)

    def action_send(self) -> None:
        from hourdesk.screens.mailjobs import send_invoice

        invoice = self.current()
        if invoice is not None:
            send_invoice(self.app, invoice.number)

    def action_reminders(self) -> None:
        from hourdesk.screens.outbox import RemindersScreen

        self.app.push_screen(RemindersScreen())

    def action_show(self) -> None:
        invoice = self.current()
        if invoice is not None:
            self.app.push_screen(InvoiceView(invoice, self.desk.invoicing.document(invoice)))

    def action_new(self) -> None:
        from hourdesk.screens.invoice_new import InvoiceNewScreen

        def issued(number: str | None) -> None:
            if number is not None:  # the new invoice, selected and rendered: ready to send
                self.refresh_data(select=number)
                self.action_pdf()

        self.app.push_screen(InvoiceNewScreen(), issued)

    def action_void(self) -> None:
        from hourdesk.app.desk.text import typed
        from hourdesk.screens.text_prompt import TextPrompt

        invoice = self.current()
        if invoice is None or invoice.status != "issued":
            return
        locale = self.desk.settings.locale

        def voided(reason: str | None) -> None:
            if reason is None:
                return
            done = self.app.act(self.desk.invoicing.void, invoice.number, reason)
            if done is not None:
                released = (
                    " Its time is released and its tickets are resolved again, ready to invoice."
                    if invoice.kind == "invoice"
                    else ""
                )
                self.app.notify(
                    f"{kind_word(invoice).capitalize()} {invoice.number} voided.{released}"
                )

        client = clean(invoice.client_name, one_line=True)
        total = format_usd(invoice.total_cents, locale)
        self.app.push_screen(
            TextPrompt(
                f"Void {kind_word(invoice)} {invoice.number} · {client} · {total}",
                help_text=(
                    "The number stays used and the void document keeps it. Why is it void? "
                    "(printed on the void invoice)"
                ),
                check=lambda reason: typed(reason, "reason"),
            ),
            voided,
        )

    def action_credit(self) -> None:
        invoice = self.current()
        if invoice is None or invoice.kind != "invoice" or invoice.status != "issued":
            return

        def credited(note: Invoice | None) -> None:
            if note is not None:
                self.app.changed()
                self.refresh_data(select=note.number)
                self.app.notify(
                    f"Credit note {note.number} issued: "
                    f"{format_usd(note.total_cents, self.desk.settings.locale)}."
                )

        left = invoice.total_cents - self.accounts[invoice.number].credited_cents
        self.app.push_screen(CreditForm(invoice, left), credited)

    def action_pay(self) -> None:
        from hourdesk.screens.payment_form import PaymentForm

        invoice = self.current()
        account = self.accounts.get(invoice.number) if invoice else None
        if account is None or account.balance_cents <= 0:
            return

        def paid(after: Account | None) -> None:
            if after is not None:
                self.app.changed()
                self.app.notify(
                    f"{invoice.number}: {after.status}, balance "
                    f"{format_usd(after.balance_cents, self.desk.settings.locale)}."
                )

        self.app.push_screen(PaymentForm(invoice.number), paid)

    # the PDF, rendered off the UI thread

    def action_pdf(self) -> None:
        invoice = self.current()
        if invoice is None or self.rendering:
            return
        self.rendering = invoice.number
        self._show_pdf(f"Rendering {invoice.number} as PDF…")
        self.refresh_bindings()
        self.render_pdf(self.desk, invoice.number)

    @work(thread=True, exclusive=True, group="invoice-pdf")
    def render_pdf(self, desk, number: str) -> None:
        """In a thread: only the desk and the file system, never a widget."""
        try:
            path = desk.invoicing.pdf(number)
        except Exception as exc:  # a render failure must not take the app down
            self.post_message(self.PdfDone(number, None, str(exc) or type(exc).__name__))
            return
        self.post_message(self.PdfDone(number, path))

    @on(PdfDone)
    def _pdf_done(self, message: PdfDone) -> None:
        self.rendering = None
        if message.path is None:
            self._show_pdf(f"Could not render {message.number}: {message.error}")
            self.app.notify(
                f"Could not render invoice {message.number} as PDF: {message.error}",
                severity="error",
                timeout=10,
            )
        else:
            self.last_pdf = message.path
            self._show_pdf(f"PDF: {message.path}  ·  o opens it", ready=True)
            self.app.notify(f"Invoice {message.number} saved as {message.path}.")
        self.refresh_bindings()

    def _show_pdf(self, text: str, ready: bool = False) -> None:
        label = self.query_one("#pdf", Static)
        label.update(literal(text))
        label.set_class(ready, "-ready")

    def action_open_pdf(self) -> None:
        if self.last_pdf is not None:
            self.open_viewer(self.last_pdf)

    @work(thread=True, exclusive=True, group="invoice-viewer")
    def open_viewer(self, path: Path) -> None:
        error = launch_viewer(path)
        self.app.call_from_thread(self._opened, path, error)

    def _opened(self, path: Path, error: str | None) -> None:
        if error:
            self.app.notify(
                f"Could not open the PDF: {error}. It is saved at {path}.",
                severity="error",
                timeout=15,
            )
        else:
            self.app.notify(f"Opened {path.name} in the PDF viewer.")
