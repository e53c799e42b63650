"""Intake: inbound mail and web-form submissions become tickets, or messages on tickets.

:func:`app.mailread.read_sources` reads the files; this module decides where each message
goes. A subject carrying a ticket's ref (``[HD-0042]``, with the configured prefix) or an
In-Reply-To/References header naming a message of a ticket's thread appends to that ticket;
anything else opens a new ticket for the client whose address sent it, or for a new client
marked as a prospect. The Message-ID makes intake idempotent: a message already in a thread,
from the same sender with the same text, is counted as a duplicate and adds nothing. A
Message-ID is only what the sender claimed: another message under an ID already in use
(another sender, another text) is filed like any other, under an ID made from its stored
content, and the summary says so. A message without a Message-ID is stored under such an ID
too, never under a hash of its bytes, which could reveal a credential removed from them.

The From address is what the sender claimed. It is used to match a client and to address an
acknowledgement, never to authorise anything: it does not approve estimates, change statuses
or reveal access.

What cannot be read is set aside in a quarantine folder with the reason, and every message
ends up in the summary. The quarantine never keeps a credential: what the guard finds in a
message's decoded text means only a redacted rendering is kept (see :mod:`app.mailscrub`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk import rules
from hourdesk.app.desk.text import received
from hourdesk.storage.db import transaction

if TYPE_CHECKING:  # app.mail is imported when mail is read, not with the desk
    from email.message import EmailMessage

    from hourdesk.app.desk.billing.reminders import Mailer
    from hourdesk.app.desk.clients import Clients
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.tickets import Tickets
    from hourdesk.app.mail import FormRule, Incoming, Limits, Rejected
    from hourdesk.storage.models import Client, Ticket

QUARANTINE_FOLDER = "quarantine"
_SHA_LINE = "sha256: "
_NO_SUBJECT = "(no subject)"
_UNKNOWN_SENDER = "Unknown sender"
_MESSAGE_ID = re.compile(r"<[!-;=?-~]+@[!-;=?-~]+>")
_BATCH_MESSAGES = 100
_BATCH_SECONDS = 0.5
_REMOVED = re.compile(r"\[credential removed: [^\]\n]{1,60}\]")
OUTCOMES = ("imported", "appended", "duplicate", "quarantined")


@dataclass(frozen=True)
class IntakeLine:
    """What happened to one message: a line of the summary."""

    outcome: str  # imported, appended, duplicate, quarantined, acknowledged, not acknowledged
    source: str
    text: str
    ref: str = ""
    notes: tuple[str, ...] = ()
    reused_id: str = ""  # the Message-ID it shares with another stored message

    def __str__(self) -> str:
        line = f"{self.outcome:<12} {self.ref or '-':<8} {self.text}"
        return line + "".join(f"\n{'':<21}· {note}" for note in self.notes)


@dataclass
class IntakeSummary:
    """The run's counts and a line per message (and per acknowledgement)."""

    imported: int = 0
    appended: int = 0
    duplicates: int = 0
    quarantined: int = 0
    acknowledged: int = 0
    not_acknowledged: int = 0
    reused_ids: int = 0
    quarantine_dir: Path | None = None
    items: list[IntakeLine] = field(default_factory=list)
    new_refs: list[str] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return self.imported + self.appended + self.duplicates + self.quarantined

    @property
    def lines(self) -> list[str]:
        return [str(item) for item in self.items]

    def add(self, line: IntakeLine) -> IntakeLine:
        counter = {
            "imported": "imported",
            "appended": "appended",
            "duplicate": "duplicates",
            "quarantined": "quarantined",
            "acknowledged": "acknowledged",
            "not acknowledged": "not_acknowledged",
        }[line.outcome]
        setattr(self, counter, getattr(self, counter) + 1)
        self.reused_ids += bool(line.reused_id)
        self.items.append(line)
        return line

    def total(self) -> str:
        """``12 messages: 8 imported, 1 appended, 0 duplicates, 2 quarantined``."""
        text = (
            f"{self.messages} message{'' if self.messages == 1 else 's'}: "
            f"{self.imported} imported, {self.appended} appended, "
            f"{self.duplicates} duplicate{'' if self.duplicates == 1 else 's'}, "
            f"{self.quarantined} quarantined"
        )
        if self.reused_ids:
            text += f"; {self.reused_ids} kept despite a Message-ID already in use"
        if self.acknowledged or self.not_acknowledged:
            text += f"; {self.acknowledged} acknowledged"
            if self.not_acknowledged:
                text += f", {self.not_acknowledged} not acknowledged"
        return text


def _safe(text: str) -> str:
    """Text with any credential replaced by the guard's marker."""
    return received(text)[0]


def _sender(item: Incoming) -> str:
    name = _safe(item.from_name)
    if "@" in name:  # a display name that looks like an address is shown as a quoted name
        name = f'"{name}"'
    if item.from_addr and name:
        return f"{name} <{item.from_addr}>"
    return item.from_addr or name or "an unknown sender"


def ack_text(ref: str, subject: str, business: str, name: str = "") -> tuple[str, str]:
    """The acknowledgement's subject and body: the new ref, and how the process works."""
    greeting = f"Hello {name}," if name else "Hello,"
    body = (
        f"{greeting}\n\n"
        f"thank you for your message. Your request is now ticket {ref}:\n"
        f"    {subject}\n\n"
        f"Please keep [{ref}] in the subject of every message about this request, "
        "so that it reaches the right ticket.\n\n"
        "How it works from here:\n\n"
        "1. Estimate: I look at the request and send you an estimate: whether it is "
        "billable, the estimated time and the hourly rate.\n"
        "2. Written approval: billable work starts only after you approve the estimate in "
        "writing (a reply saying so is enough). A changed estimate needs a new approval.\n"
        "3. Secure access: if I need access to a system, never send passwords by email, "
        "chat or ticket. Share access by a secure, time-limited method instead (a one-time "
        "secret link, a temporary account, or a password-manager share with an expiry). "
        "I delete it when the work is done.\n"
        "4. Invoicing: when the work is done you receive a completion record, and an "
        "invoice listing the ticket and the time spent.\n\n"
        f"Best regards,\n{business}\n"
    )
    return f"[{ref}] {subject}"[:250], body


class Intake:
    def __init__(
        self,
        ctx: Context,
        *,
        clients: Clients,
        mailer: Mailer,
        tickets: Tickets,
        separate: Callable[[], Desk],
    ) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.clients = clients
        self.mailer = mailer
        self.tickets = tickets
        self.separate = separate

    # where things go

    def database_file(self) -> Path | None:
        """The database's file; None for an in-memory database."""
        rows = self.db.execute("PRAGMA database_list").fetchall()
        main = next((row[2] for row in rows if row[1] == "main"), "")
        return Path(main) if main else None

    def default_quarantine_dir(self) -> Path:
        """``quarantine/`` beside the database (the data dir for an in-memory database)."""
        if (path := self.database_file()) is not None:
            return path.parent / QUARANTINE_FOLDER
        from hourdesk.app.core.paths import data_dir

        return data_dir() / QUARANTINE_FOLDER

    def separate_desk(self) -> Callable[[], Desk]:
        """For a worker thread: a function (call it in the thread) that gives a desk on a
        connection of its own to the same database (:meth:`Desk.separate`), so the thread
        never shares the UI's connection."""
        return self.separate

    def limits(self) -> Limits:
        """Size and time limits: an ``intake`` settings section when there is one, else defaults."""
        from hourdesk.app.mail import Limits

        section = getattr(self.ctx.settings, "intake", None)
        if section is None:
            return Limits()
        names = {f.name for f in dataclasses.fields(Limits)}
        return Limits(**{n: getattr(section, n) for n in names if hasattr(section, n)})

    # the run

    def run(
        self,
        paths: Iterable[Path | str],
        *,
        quarantine_dir: Path | None = None,
        ack_drafts: Path | None = None,
        ack_send: bool = False,
        limits: Limits | None = None,
        form_rule: FormRule | None = None,
        on_line: Callable[[IntakeLine], None] | None = None,
    ) -> IntakeSummary:
        """Read every message under paths; file each one, or quarantine it."""
        from hourdesk.app.mail import FormRule, Rejected, read_sources

        if ack_drafts is not None and ack_send:
            raise Invalid("ack", "Acknowledge by drafts or by SMTP, not both.")
        acknowledging = ack_drafts is not None or ack_send
        if acknowledging:
            self._check_ack_setup(ack_send)
        folder = Path(quarantine_dir) if quarantine_dir else self.default_quarantine_dir()
        summary = IntakeSummary(quarantine_dir=folder)
        known = None

        def report(line: IntakeLine) -> None:
            summary.add(line)
            if on_line is not None:
                on_line(line)

        limits = limits or self.limits()
        items = read_sources(
            [Path(p).expanduser() for p in paths], limits, form_rule=form_rule or FormRule()
        )
        for batch in _batches(items):
            for item, (line, ticket) in zip(batch, self._file_all(batch), strict=True):
                if line.outcome == "quarantined":  # after the commit: files, not the database
                    if known is None:
                        known = _quarantined_hashes(folder)
                    if not isinstance(item, Rejected):
                        item = Rejected(item.source, line.text, None)
                    line = self._quarantine(item, folder, known, limits)
                report(line)
                if line.outcome == "imported":
                    summary.new_refs.append(line.ref)
                    # only for a ticket that is committed (an imported message has both)
                    if acknowledging and ticket is not None and not isinstance(item, Rejected):
                        report(self.acknowledge(ticket, item, ack_drafts))
        return summary

    def _file_all(self, batch: list[Incoming | Rejected]) -> list[tuple[IntakeLine, Ticket | None]]:
        """File a batch in one transaction, each message in a savepoint of its own; what was
        not read comes back as a ``quarantined`` line."""
        from hourdesk.app.mail import Rejected

        def file(item: Incoming | Rejected) -> tuple[IntakeLine, Ticket | None]:
            if isinstance(item, Rejected):
                return IntakeLine("quarantined", item.source, item.reason), None
            return self._file(item)

        if all(isinstance(item, Rejected) for item in batch):
            return [file(item) for item in batch]
        with transaction(self.db):
            return [file(item) for item in batch]

    def _file(self, item: Incoming) -> tuple[IntakeLine, Ticket | None]:
        """Store one message (all of it or nothing); a refusal comes back as a
        ``quarantined`` line with the reason."""
        try:
            with transaction(self.db):
                duplicate, reused_in = self._earlier(item)
                if duplicate is not None:
                    return duplicate, None
                return self._store(item, reused_in)
        except sqlite3.OperationalError:
            raise  # a locked or broken database: stop; running again is safe
        except sqlite3.IntegrityError as exc:
            reason = f"could not be stored ({exc})"
        except Refused as exc:
            reason = f"could not be stored: {exc}"
        except Exception as exc:  # the last guard: one message must not stop the batch
            reason = f"could not be stored ({type(exc).__name__}: {exc})"
        return IntakeLine("quarantined", item.source, _safe(reason)), None

    def _entry_with_id(self, message_id: str) -> tuple[int, str, str] | None:
        """The ticket id, body and data of the entry stored under message_id."""
        row: tuple[int, str, str] | None = self.db.execute(
            "SELECT ticket_id, body, data FROM entries WHERE message_id = ?", [message_id]
        ).fetchone()
        return row

    def _earlier(self, item: Incoming) -> tuple[IntakeLine | None, str]:
        """A ``duplicate`` line when item is stored already; otherwise no line and, when its
        Message-ID is taken by another message, the ref of that message's ticket."""
        earlier = self._entry_with_id(item.message_id)
        if earlier is not None and _same_message(earlier, item):
            return self._duplicate(item, earlier[0]), ""
        if earlier is not None or _named_by_hourdesk(item):  # stored under its content's ID?
            kept = self._entry_with_id(_content_id(item))
            if kept is not None:
                return self._duplicate(item, kept[0]), ""
        return None, self.tickets.by_id(earlier[0]).ref if earlier else ""

    def _duplicate(self, item: Incoming, ticket_id: int) -> IntakeLine:
        ref = self.tickets.by_id(ticket_id).ref
        return IntakeLine("duplicate", item.source, f"already in {ref}: {_safe(item.subject)}", ref)

    def _store(self, item: Incoming, reused_in: str) -> tuple[IntakeLine, Ticket]:
        notes = [f"read with a problem: {_safe(d)}" for d in item.defects]
        if reused_in:
            notes.append(
                f"its Message-ID {_safe(item.message_id)} is already used in {reused_in} by "
                "another message (another sender or text): kept as a message of its own, "
                "not a duplicate"
            )
        ticket, how = self._thread_of(item)
        if ticket is not None:
            client = self.clients.get(ticket.client_id)
            if item.from_addr.lower() not in {e.lower() for e in client.emails}:
                notes.append(f"sent by {_sender(item)}, not an address of {client.name}")
            outcome = "appended"
        else:
            client, created = self._client_for(item)
            if created:
                notes.append(f"new prospect client {client.name}: review it on the clients screen")
            if how:
                notes.append(how)
            ticket = self.tickets.new(
                client_id=client.id,
                subject=_one_line(item.subject) or _NO_SUBJECT,
                channel=item.channel,
            )
            outcome = "imported"
        if item.attachments:
            names = ", ".join(_safe(a) for a in item.attachments)
            notes.append(f"attachments (names only, not stored): {names}")
        if outcome == "appended" and ticket.status in rules.DONE:
            notes.append(f"{ticket.ref} is {ticket.status}: reopen it if the client needs more")
        self._add_message(ticket, item, notes, new=outcome == "imported", reused=bool(reused_in))
        text = ticket.subject if outcome == "imported" else _safe(item.subject)
        line = IntakeLine(
            outcome,
            item.source,
            f"{_sender(item)}: {text}",
            ticket.ref,
            tuple(notes),
            item.message_id if reused_in else "",
        )
        return line, ticket

    def _thread_of(self, item: Incoming) -> tuple[Ticket | None, str]:
        """The ticket a message belongs to, by ref in the subject, then by its headers.

        Returns ``(None, note)`` when a ref named a ticket that does not exist.
        """
        note = ""
        prefix = re.escape(self.ctx.settings.ticket_prefix)
        for match in re.finditer(rf"\[\s*({prefix}-\d{{1,9}})\s*\]", item.subject, re.I):
            try:
                return self.tickets.get(self.ctx.parse_ref(match[1])), ""
            except (NotFound, Invalid):
                note = f"the subject names {match[1].upper()}, which does not exist"
        ids = [*item.in_reply_to, *reversed(item.references)]
        for message_id in ids:
            entry = self._entry_with_id(message_id)
            if entry is not None:
                return self.tickets.by_id(entry[0]), ""
        return None, note

    def _client_for(self, item: Incoming) -> tuple[Client, bool]:
        """The client with the sender's address, or a new prospect (True when created)."""
        if item.from_addr and (client := self.clients.by_email(item.from_addr)):
            return client, False
        name = _one_line(_safe(item.from_name))[:200]
        if not name or "@" in name:  # a display name holding an address is not a name
            name = item.from_addr or name or _UNKNOWN_SENDER
        notes = f"Created by mail intake from {item.source[:300]}; check before any work."
        try:
            emails = [item.from_addr] if item.from_addr else []
            return self.clients.add(name=name, emails=emails, prospect=True, notes=notes), True
        except Invalid:  # an address hourdesk's own check refuses: keep the client, note it
            return self.clients.add(name=name, prospect=True, notes=notes), True

    def _add_message(
        self, ticket: Ticket, item: Incoming, notes: list[str], *, new: bool, reused: bool
    ) -> None:
        data = {
            "via": item.channel,
            "from": {"name": _safe(item.from_name), "address": item.from_addr},
            "subject": _safe(item.subject),
            "source": item.source,
            "attachments": [_safe(a) for a in item.attachments],
            "defects": [_safe(d) for d in item.defects],
        }
        if reused:
            data["reused_message_id"] = item.message_id
        received_at = int(item.date.timestamp()) if item.date else None
        self.tickets.add_entry(
            ticket,
            "message",
            "client",
            _text(item),
            data,
            message_id=_content_id(item) if reused or _named_by_hourdesk(item) else item.message_id,
            received_at=received_at,
        )
        # Tickets.new guarded a new ticket's subject; the rest is guarded here, through the
        # thread, so that the ticket is flagged for what the guard finds in it.
        fields = [("From", item.from_name), *(("Attachment", a) for a in item.attachments)]
        if not new:
            fields.append(("Subject", item.subject))
        found = [(name, text) for name, text in fields if received(text)[1]]
        if notes or found:
            via = "the website's contact form" if item.channel == "web" else "email"
            lines = [f"Received by {via} from {_sender(item)}."]
            lines += [f"{name}: {text}" for name, text in found]
            lines += [f"- {note}" for note in notes]
            self.tickets.add_entry(ticket, "intake", "system", "\n".join(lines), {"notes": notes})

    # quarantine

    def _quarantine(
        self, rejected: Rejected, folder: Path, known: dict[str, str], limits: Limits
    ) -> IntakeLine:
        """Set a message aside, or only its redacted rendering when it holds a credential."""
        from hourdesk.app.mail import Rejected, quarantine
        from hourdesk.app.mail.scrub import scrub

        rejected = scrub(rejected, limits)
        reason = _safe(rejected.reason)
        digest = _digest(rejected)
        if digest in known:
            return IntakeLine(
                "duplicate", rejected.source, f"already in quarantine: {known[digest]} ({reason})"
            )
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        kept = quarantine(
            Rejected(rejected.source, reason, rejected.raw), folder, (f"{_SHA_LINE}{digest}",)
        )
        known[digest] = kept.name
        return IntakeLine("quarantined", rejected.source, f"{reason} → {kept.name}")

    # acknowledgements

    def _check_ack_setup(self, by_smtp: bool) -> None:
        business = self.ctx.settings.business
        if not business.email:
            raise Refused(
                "Acknowledgements need your business email.", "Set it in Settings (key ,)."
            )
        if by_smtp and not self.ctx.settings.smtp.host:
            raise Refused(
                "No SMTP server is set.",
                "Set one in Settings, or write acknowledgement drafts instead (--ack-drafts DIR).",
            )

    def ack_message(self, ticket: Ticket, item: Incoming) -> EmailMessage:
        """The acknowledgement for a new ticket, addressed to the sender of the request."""
        from hourdesk.exports.email import build_message, make_msgid

        business = self.ctx.settings.business
        client = self.clients.get(ticket.client_id)
        subject, body = ack_text(
            ticket.ref, ticket.subject, business.name, "" if client.prospect else client.name
        )
        replied = item.message_id if _MESSAGE_ID.fullmatch(item.message_id) else None
        if replied and replied.endswith("@hourdesk>"):
            replied = None  # made up by hourdesk, not the sender's
        return build_message(
            sender=business.email,
            sender_name=business.name,
            to=[item.from_addr],
            to_name=_safe(item.from_name) or None,
            subject=subject,
            body=body,
            date=self.ctx.clock.now(),
            message_id=make_msgid(business.email.rpartition("@")[2]),
            in_reply_to=replied,
            references=[replied] if replied else [],
        )

    def acknowledge(self, ticket: Ticket, item: Incoming, drafts: Path | None) -> IntakeLine:
        """Write (or send) the acknowledgement and record it in the thread as a reply."""
        from hourdesk.exports.email import EmailError

        if not item.from_addr:
            return IntakeLine(
                "not acknowledged", item.source, "no usable sender address", ticket.ref
            )
        try:
            msg = self.ack_message(ticket, item)
            channel, detail = self.mailer.deliver(
                msg, drafts, f"ack-{ticket.ref}", ticket_id=ticket.id
            )
        except (Refused, EmailError) as exc:
            return IntakeLine("not acknowledged", item.source, _safe(str(exc)), ticket.ref)
        body = msg.get_content()
        with transaction(self.db):
            self.tickets.add_entry(
                ticket,
                "reply",
                "consultant",
                f"Acknowledgement {'sent' if channel == 'smtp' else 'drafted'} ({detail}):\n\n"
                + body,
                {"acknowledgement": True, "channel": channel, "detail": detail},
                message_id=str(msg["Message-ID"]),
            )
        return IntakeLine("acknowledged", item.source, detail, ticket.ref)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _batches(items: Iterable[Incoming | Rejected]) -> Iterator[list[Incoming | Rejected]]:
    """items in batches of up to _BATCH_MESSAGES, each read within about _BATCH_SECONDS.

    A batch is stored in one transaction: one commit (and its fsync) for many messages, while
    the reading, which may take a hostile message's time limit, holds no lock.
    """
    batch: list[Incoming | Rejected] = []
    started = time.monotonic()
    for item in items:
        batch.append(item)
        if len(batch) >= _BATCH_MESSAGES or time.monotonic() - started > _BATCH_SECONDS:
            yield batch
            batch, started = [], time.monotonic()
    if batch:
        yield batch


def _text(item: Incoming) -> str:
    """The text a message is stored with (the thread redacts it)."""
    return item.body or "(no text)"


def _same_message(entry: tuple[int, str, str], item: Incoming) -> bool:
    """Whether a stored entry is item: the same sender and the same text."""
    _, body, data = entry
    sender = json.loads(data).get("from") or {}
    return sender.get("address") == item.from_addr and _same_text(body, _text(item))


def _same_text(stored: str, text: str) -> bool:
    """Whether stored is text as a thread keeps it: the same but for credentials removed, by
    this guard or an earlier one (whose spans may differ), each removal matching any text."""
    first, *pieces = _REMOVED.split(stored)
    if not pieces:
        return stored == text
    *middle, last = pieces
    end = len(text) - len(last)
    if not (text.startswith(first) and text.endswith(last)) or end < len(first):
        return False
    position = len(first)
    for piece in middle:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _named_by_hourdesk(item: Incoming) -> bool:
    """Whether item's ID was made from its bytes when read (it had none of its own)."""
    return item.message_id.endswith("@hourdesk>")


def _content_id(item: Incoming) -> str:
    """The ID a message is stored under when its Message-ID is taken, or when it had none.

    It is made from what the thread keeps (sender, date, subject and text, redacted), so the
    same message read again finds it. A hash of the bytes as read would let anyone holding the
    database test guesses at a credential removed from them.
    """
    date = item.date.isoformat() if item.date else ""
    content = "\0".join((item.from_addr, date, _safe(item.subject), _safe(_text(item))))
    return f"<{hashlib.sha256(content.encode()).hexdigest()}.content@hourdesk>"


def _digest(rejected: Rejected) -> str:
    if rejected.raw is not None:
        return hashlib.sha256(rejected.raw).hexdigest()
    return hashlib.sha256(f"{rejected.source}\n{rejected.reason}".encode()).hexdigest()


def _quarantined_hashes(folder: Path) -> dict[str, str]:
    """What the quarantine folder holds already: digest → its reason file's name."""
    known: dict[str, str] = {}
    if not folder.is_dir():
        return known
    for reason_file in folder.glob("*.reason.txt"):
        try:
            lines = reason_file.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith(_SHA_LINE):
                known[line[len(_SHA_LINE) :].strip()] = reason_file.name
    return known
