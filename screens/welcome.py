"""The first start on an empty desk: the business that invoices print, then the first client.

Each step can be skipped with escape; both are reachable later (`,` settings, `c` clients).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, TextArea

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.settings import Settings
from hourdesk.screens.settings import SettingsScreen


class WelcomeScreen(SettingsScreen):
    """Saves the business details and payment instructions; returns the settings."""

    title_text = (
        "Welcome to hourdesk. Your business, as invoices print it (escape skips; "
        "change it later with , in the inbox)"
    )

    def fields(self):
        s = self.app.desk.settings
        named = s.business.name != type(s.business)().name
        return [
            (
                "business__name",
                "Business name",
                Input(s.business.name if named else "", placeholder="Ada Lovelace IT Services"),
            ),
            ("business__address", "Business address", TextArea(s.business.address)),
            (
                "business__email",
                "Business email (replies and invoices come from it)",
                Input(s.business.email),
            ),
            (
                "payment__bank_details",
                "Bank transfer details (USD): bank, account name, account and routing numbers",
                TextArea(s.payment.bank_details),
            ),
            (
                "payment__paypal_address",
                "PayPal address (for clients who ask to pay by PayPal; optional)",
                Input(s.payment.paypal_address),
            ),
        ]

    def submit(self, values: dict[str, Any]) -> Settings:
        if not str(values["business.name"]).strip():
            raise Invalid("business__name", "Type the business name (escape skips this step).")
        return super().submit(values)


def is_first_start(desk) -> bool:
    """An empty desk whose settings were never saved."""
    path = desk.settings_path
    if path is None or path.exists():
        return False
    return desk.db.execute("SELECT EXISTS (SELECT 1 FROM clients)").fetchone()[0] == 0
