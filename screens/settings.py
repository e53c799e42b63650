"""The settings form: business details, defaults, payment instructions, timer rules, the
SMTP server (its password lives in the keyring: `hourdesk smtp-password`) and the hold policy."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual.widgets import Input, Select, TextArea

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.settings import Settings, overridden
from hourdesk.screens.widgets.form import FormScreen

ROUNDING = [
    ("No rounding", "none"),
    ("Up to 6 minutes", "up6"),
    ("Up to 15 minutes", "up15"),
    ("Nearest 6 minutes", "nearest6"),
    ("Nearest 15 minutes", "nearest15"),
]
SECURITY = [
    ("STARTTLS (usually port 587)", "starttls"),
    ("SSL (usually port 465)", "ssl"),
    ("None", "none"),
]
REFERENCE = [("The invoice number", "number"), ("An RF creditor reference (ISO 11649)", "rf")]
BANK_CSV = [
    ("Columns mapped under [statements.csv] in config.toml", ""),
    ("Chase", "chase"),
    ("Bank of America", "bofa"),
    ("Wells Fargo", "wellsfargo"),
    ("Capital One 360", "capitalone"),
]
HOLD_POLICY = [
    ("Pause new work for clients with an overdue invoice", "pause"),
    ("Only warn", "warn"),
]


class SettingsScreen(FormScreen):
    """Saves to the config file and applies at once."""

    title_text = "Settings"

    def fields(self):
        s = self.app.desk.settings
        return [
            ("business__name", "Business name", Input(s.business.name)),
            ("business__address", "Business address", TextArea(s.business.address)),
            ("business__email", "Business email", Input(s.business.email)),
            ("business__phone", "Business phone", Input(s.business.phone)),
            ("default_rate", "Default hourly rate (USD)", Input(str(s.default_rate))),
            (
                "default_terms_days",
                "Default payment terms (days)",
                Input(str(s.default_terms_days)),
            ),
            ("locale", "Locale for amounts and dates", Input(s.locale)),
            ("ticket_prefix", "Ticket prefix", Input(s.ticket_prefix)),
            ("payment__bank_details", "Bank transfer details", TextArea(s.payment.bank_details)),
            ("payment__paypal_address", "PayPal address", Input(s.payment.paypal_address)),
            (
                "payment__paypal_me",
                "PayPal.me name (clients paying by PayPal get a link and QR code)",
                Input(s.payment.paypal_me),
            ),
            (
                "payment__reference",
                "Payment reference clients quote",
                Select(REFERENCE, value=s.payment.reference, allow_blank=False),
            ),
            (
                "payment__bank_qr",
                "Bank QR code text: {amount}, {reference}, {number} (empty: none)",
                TextArea(s.payment.bank_qr),
            ),
            (
                "statements__bank_csv",
                "Your bank's CSV export",
                Select(BANK_CSV, value=s.statements.bank_csv, allow_blank=False),
            ),
            (
                "timer__max_hours",
                "Ask about a timer running longer than (hours)",
                Input(str(s.timer.max_hours)),
            ),
            (
                "timer__idle_minutes",
                "Offer to drop idle time after (minutes, 0 = never)",
                Input(str(s.timer.idle_minutes)),
            ),
            (
                "timer__rounding",
                "Rounding on invoice lines",
                Select(ROUNDING, value=s.timer.rounding, allow_blank=False),
            ),
            ("exports_dir", "Exports folder (empty: Documents/hourdesk)", Input(s.exports_dir)),
            (
                "hold_policy",
                "When a client has an overdue invoice",
                Select(HOLD_POLICY, value=s.hold_policy, allow_blank=False),
            ),
            ("smtp__host", "SMTP server (empty: write .eml drafts)", Input(s.smtp.host)),
            ("smtp__port", "SMTP port", Input(str(s.smtp.port))),
            (
                "smtp__user",
                "SMTP user (the password goes in the keyring: hourdesk smtp-password)",
                Input(s.smtp.user),
            ),
            (
                "smtp__security",
                "SMTP security",
                Select(SECURITY, value=s.smtp.security, allow_blank=False),
            ),
        ]

    def values(self) -> dict[str, Any]:
        """Field names use ``__`` for the section dot (widget ids cannot hold dots)."""
        return {k.replace("__", "."): v for k, v in super().values().items()}

    def submit(self, values: dict[str, Any]) -> Settings:
        data = self.app.desk.settings.model_dump(mode="json")
        for key, value in values.items():
            section, _, name = key.rpartition(".")
            (data[section] if section else data)[name] = value
        try:
            settings = Settings.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first["loc"])
            raise Invalid(field.replace(".", "__"), f"{field}: {first['msg']}") from None
        self.app.desk.save_settings(settings)
        if names := overridden(settings):
            self.app.notify(
                f"Saved, but {', '.join(names)} in the environment "
                f"{'sets' if len(names) == 1 else 'set'} another value: it wins at the next start.",
                severity="warning",
            )
        return settings
