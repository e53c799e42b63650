"""Add or edit a client."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input, Select, TextArea

from hourdesk.app.core.money import plain
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.storage.models import Client


class ClientForm(FormScreen):
    """Returns the saved client."""

    def __init__(self, client: Client | None = None) -> None:
        super().__init__()
        self.client = client
        self.title_text = f"Edit client {client.name}" if client else "New client"

    def fields(self):
        c, settings = self.client, self.app.desk.settings
        rate = plain(c.rate_cents) if c else str(settings.default_rate)
        terms = str(c.terms_days if c else settings.default_terms_days)
        return [
            ("name", "Name", Input(c.name if c else "")),
            (
                "emails",
                "Email addresses (comma separated)",
                Input(", ".join(c.emails) if c else ""),
            ),
            ("company", "Company", Input(c.company if c else "")),
            ("billing_address", "Billing address", TextArea(c.billing_address if c else "")),
            ("rate", "Hourly rate (USD)", Input(rate)),
            ("terms_days", "Payment terms (days)", Input(terms)),
            (
                "payment_method",
                "Preferred payment",
                Select(
                    [("Bank transfer", "bank"), ("PayPal", "paypal")],
                    value=c.payment_method if c else "bank",
                    allow_blank=False,
                ),
            ),
            ("notes", "Notes", TextArea(c.notes if c else "")),
            (
                "prospect",
                "Status",
                Checkbox("Prospect (not yet a client)", value=c.prospect if c else False),
            ),
        ]

    def submit(self, values: dict[str, Any]) -> Client:
        clients = self.app.desk.clients
        return clients.update(self.client.id, **values) if self.client else clients.add(**values)
