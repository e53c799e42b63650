"""Record a payment on an invoice."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.widgets import Input, Select

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.money import plain
from hourdesk.screens.widgets.form import FormScreen


class PaymentForm(FormScreen):
    """Returns the invoice's account after the payment."""

    def __init__(self, number: str) -> None:
        super().__init__()
        self.number = number

    def fields(self):
        desk = self.app.desk
        account = desk.payments.account(self.number)
        client = desk.clients.get(account.invoice.client_id)
        self.title_text = (
            f"Payment on invoice {self.number} · {client.name} · balance "
            f"{plain(account.balance_cents)} USD"
        )
        today = desk.payments.today().isoformat()
        return [
            ("amount", "Amount (USD)", Input(plain(account.balance_cents))),
            (
                "method",
                "Method",
                Select(
                    [("Bank transfer", "bank"), ("PayPal", "paypal")],
                    value=client.payment_method,
                    allow_blank=False,
                ),
            ),
            ("date", "Received on (YYYY-MM-DD)", Input(today)),
            ("reference", "Reference (bank or PayPal)", Input()),
        ]

    def submit(self, values: dict[str, Any]):
        text = values["date"].strip()
        try:
            paid_on = date.fromisoformat(text)
        except ValueError:
            raise Invalid(
                "date", f"{text!r} is not a date.", "Type it like 2026-03-20 (year-month-day)."
            ) from None
        return self.app.desk.payments.pay(
            self.number,
            amount=values["amount"],
            method=values["method"],
            paid_on=paid_on,
            reference=values["reference"],
        )
