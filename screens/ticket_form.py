"""The new-ticket form."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, Input, Select, TextArea

from hourdesk.app.core.errors import Invalid
from hourdesk.screens.widgets.form import FormScreen

CHANNELS = [
    ("Email", "email"),
    ("Web form", "web"),
    ("Referral", "referral"),
    ("Phone", "phone"),
    ("Other", "other"),
]


class TicketForm(FormScreen):
    """Returns the new ticket's ref. ``client_id`` starts the form on that client (the one
    of the ticket selected in the inbox), with the subject to type first."""

    title_text = "New ticket"

    def __init__(self, client_id: int | None = None) -> None:
        super().__init__()
        self.client_id = client_id

    def fields(self):
        clients = [(c.name, c.id) for c in self.app.desk.clients.list()]
        return [
            (
                "client_id",
                "Client",
                Select(
                    clients,
                    prompt="Choose a client",
                    value=self.client_id
                    if self.client_id in {c for _, c in clients}
                    else Select.NULL,
                ),
            ),
            ("subject", "Subject", Input(placeholder="What is the request about?")),
            ("body", "Request (the client's words)", TextArea()),
            ("channel", "Channel", Select(CHANNELS, value="email", allow_blank=False)),
            ("referred_by", "Referred by (optional)", Input()),
            ("urgent", "Priority", Checkbox("Urgent")),
            ("billable", "Billing", Checkbox("Billable", value=True)),
        ]

    def on_mount(self) -> None:
        if not self.app.desk.clients.list():
            self.show_form_error("Add a client first: press c in the inbox.")
        elif self.query_one("#field-client_id", Select).value is not Select.NULL:
            self.set_focus(self.query_one("#field-subject"), scroll_visible=False)

    def submit(self, values: dict[str, Any]) -> str:
        if values["client_id"] is None:
            raise Invalid("client_id", "Choose the client.")
        ticket = self.app.desk.tickets.new(
            client_id=values["client_id"],
            subject=values["subject"],
            body=values["body"],
            channel=values["channel"],
            referred_by=values["referred_by"],
            priority="urgent" if values["urgent"] else "normal",
            billable=values["billable"],
        )
        return ticket.ref
