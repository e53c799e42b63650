"""The estimate editor: billable, hours typed freely, rate, scope, and the amount as you type."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.widgets import Checkbox, Input, Label, TextArea

from hourdesk.app.core.durations import format_duration, parse_duration
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.money import amount_for, format_usd, parse_amount, plain
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.screens.widgets.text import literal


class EstimateScreen(FormScreen):
    """Sends a new estimate version for the ticket; returns it."""

    DEFAULT_CSS = """
    EstimateScreen #preview { margin-top: 1; text-style: bold; }
    """

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def fields(self):
        desk = self.app.desk
        ticket = desk.tickets.get(self.ref)
        current = desk.estimates.current(ticket.id)
        client = desk.clients.get(ticket.client_id)
        self.title_text = (
            f"Estimate v{current.version + 1 if current else 1} · {ticket.ref} · {ticket.subject}"
        )
        rate = current.rate_cents if current and current.billable else client.rate_cents
        return [
            ("billable", "Billing", Checkbox("Billable", value=ticket.billable)),
            (
                "hours",
                "Estimated time (2.5, 2h30m, 90m, 1:45)",
                Input(
                    format_duration(current.seconds) if current else "", placeholder="e.g. 2h30m"
                ),
            ),
            (
                "rate",
                f"Hourly rate in USD ({client.name}'s rate: {plain(client.rate_cents)})",
                Input(plain(rate)),
            ),
            ("scope", "Scope and notes for the client", TextArea(current.scope if current else "")),
            ("draft", "Email", Checkbox("Also write an email draft (.eml)")),
        ]

    def on_mount(self) -> None:
        self.query_one("#form-error").update("")
        self.query_one("VerticalScroll").mount(
            Label("", id="preview"), before=self.query_one("#form-error")
        )
        self.set_focus(self.query_one("#field-hours"), scroll_visible=False)
        self.preview()

    @on(Input.Changed)
    @on(Checkbox.Changed)
    def preview(self) -> None:
        """Show the estimated amount, or why the input is not yet acceptable."""
        values = self.values()
        label = self.query_one("#preview", Label)
        if not values["hours"].strip():
            label.update("Type the estimated time to see the amount.")
            return
        try:
            seconds = parse_duration(values["hours"], "hours")
            if not values["billable"]:
                label.update(f"Not billable · {format_duration(seconds)} estimated")
                return
            if seconds <= 0:
                raise Invalid("hours", "A billable estimate needs more than zero hours.")
            cents = parse_amount(values["rate"], "rate")
            if cents <= 0:
                raise Invalid("rate", "A billable estimate needs an hourly rate above zero.")
        except Invalid as exc:
            label.update(literal(str(exc), style="red"))
            return
        locale = self.app.desk.settings.locale
        label.update(
            f"Estimated total: {format_usd(amount_for(seconds, cents), locale)} "
            f"({format_duration(seconds)} at {format_usd(cents, locale)}/h)"
        )

    def submit(self, values: dict[str, Any]):
        desk = self.app.desk
        estimate = desk.estimates.send(
            self.ref,
            hours=values["hours"],
            rate=values["rate"],
            scope=values["scope"],
            billable=values["billable"],
        )
        if values["draft"]:
            try:
                path = desk.estimates.draft(self.ref, desk.exports_dir() / "drafts")
            except Refused as exc:
                self.app.notify(f"Estimate sent, but no draft written: {exc}", severity="warning")
            else:
                self.app.notify(f"Draft written: {path}")
        return estimate
