"""Record the client's written approval of the current estimate: their message, or pasted words."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select, TextArea

from hourdesk.app.core.timefmt import local, parse_local
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.screens.widgets.text import clean


class ApprovalScreen(FormScreen):
    """Returns the approved estimate."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref

    def fields(self):
        desk = self.app.desk
        ticket = desk.tickets.get(self.ref)
        current = desk.estimates.current(ticket.id)
        version = f"estimate v{current.version}" if current else "the ticket (not billable)"
        self.title_text = f"Client's written approval of {version} · {ticket.ref}"
        messages = [
            (f"{local(e.received_at or e.created_at)}  {clean(e.body, one_line=True)[:70]}", e.id)
            for e in reversed(desk.tickets.thread(ticket.id))
            if e.author == "client"
        ]
        self.has_messages = bool(messages)
        return [
            (
                "entry_id",
                "The client's message that approves",
                Select(messages, prompt="Pick a message (or paste the words below)"),
            ),
            ("text", "Or paste the client's words", TextArea()),
            ("received", "Received at (local time; empty: the message's time, or now)", Input()),
        ]

    def on_mount(self) -> None:
        """Start on the words to paste (the usual case); shift+tab picks a message instead."""
        self.set_focus(self.query_one("#field-text"), scroll_visible=False)

    def submit(self, values: dict[str, Any]):
        received = values["received"].strip()
        stamp = int(parse_local(received, "received").timestamp()) if received else None
        # An unpicked Select holds Select.NULL (Textual 8), not None: only an int is a pick.
        entry_id = values["entry_id"] if isinstance(values["entry_id"], int) else None
        return self.app.desk.estimates.approve(
            self.ref,
            entry_id=entry_id,
            received_at=stamp,
            text=None if entry_id is not None else values["text"],
        )
