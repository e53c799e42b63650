"""Replies to the client on a ticket: written by the consultant, or ready ones (the current
estimate, the request to share access by a secure method). Each is threaded to the client's
last message, recorded in the thread with its Message-ID, and queued in the outbox.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hourdesk.app.core import guard
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk.text import typed
from hourdesk.storage.db import transaction

if TYPE_CHECKING:
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.estimates import Estimates
    from hourdesk.app.desk.outbox import Outbox
    from hourdesk.app.desk.tickets import Tickets

_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")
_MAX_REFERENCES = 20


class Replies:
    def __init__(
        self,
        ctx: Context,
        *,
        clients: Clients,
        estimates: Estimates,
        outbox: Outbox,
        tickets: Tickets,
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.estimates = estimates
        self.outbox = outbox
        self.tickets = tickets

    def reply(self, ref: str | int, text: str, *, subject: str | None = None) -> int:
        """Queue a reply to the client on a ticket and record it in the thread; its id.

        The subject carries the ref, In-Reply-To and References name the client's last
        message, and the reply's own Message-ID is in the thread, so the answer threads back.
        """
        from hourdesk.exports.email import EmailError, build_message, make_msgid

        text = typed(str(text).replace("\r\n", "\n").strip(), "text")
        if not text:
            raise Invalid("text", "The reply is empty.")
        ticket = self.tickets.get(ref)
        client = self.clients.get(ticket.client_id)
        if not client.emails:
            raise Refused(f"{client.name} has no email address.", "Add one on the clients screen.")
        sender, name = self.outbox.sender()
        thread = self.tickets.thread(ticket.id)
        ids = [
            e.message_id
            for e in thread
            if e.message_id
            and _MESSAGE_ID.fullmatch(e.message_id)
            and not e.message_id.endswith("@hourdesk>")  # made up at intake
        ]
        last = next(
            (e for e in reversed(thread) if e.author == "client" and e.message_id in ids), None
        )
        to = client.emails[0]
        if last is not None:
            claimed = str(last.data.get("from", {}).get("address", "")).lower()
            to = next((e for e in client.emails if e.lower() == claimed), to)
        in_reply_to = last.message_id if last is not None else None
        references = [i for i in ids if i != in_reply_to][-_MAX_REFERENCES + 1 :]
        if in_reply_to:
            references.append(in_reply_to)
        if subject is None:
            subject = f"{'Re: ' if in_reply_to else ''}[{ticket.ref}] {ticket.subject}"
        typed(subject, "subject")
        try:
            msg = build_message(
                sender=sender,
                sender_name=name,
                to=[to],
                to_name=client.name,
                subject=subject,
                body=text,
                date=self.ctx.clock.now(),
                message_id=make_msgid(sender.rpartition("@")[2]),
                in_reply_to=in_reply_to,
                references=references,
            )
        except EmailError as exc:
            raise Refused(str(exc), "Check the client's address and your business email.") from None
        channel = self.outbox.channel()
        with transaction(self.db):
            item_id = self.outbox.enqueue(msg, kind="reply", channel=channel, ticket_id=ticket.id)
            self.tickets.add_entry(
                ticket,
                "reply",
                "consultant",
                text,
                {"outbox": item_id, "to": to, "channel": channel},
                message_id=str(msg["Message-ID"]),
            )
        return item_id

    def estimate(self, ref: str | int) -> int:
        """Queue the ticket's current estimate to the client, as a reply in its thread."""
        ticket = self.tickets.get(ref)
        current = self.estimates.current(ticket.id)
        if current is None:
            raise NotFound(f"{ticket.ref} has no estimate yet.", "Write one first (key e).")
        return self.reply(
            ticket.ref,
            self.estimates.message(ticket, current),
            subject=f"[{ticket.ref}] Estimate v{current.version}: {ticket.subject}",
        )

    def secure_access(self, ref: str | int) -> int:
        """Queue the request to share access by a secure, time-limited method."""
        return self.reply(ref, guard.SECURE_ACCESS_REPLY)
