"""Record a payment on an invoice."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select

from app.money import plain
from app.timefmt import parse_local
from screens.widgets.form import FormScreen


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
        paid_on = parse_local(values["date"], "date").date()
        return self.app.desk.payments.pay(
            self.number,
            amount=values["amount"],
            method=values["method"],
            paid_on=paid_on,
            reference=values["reference"],
        )
