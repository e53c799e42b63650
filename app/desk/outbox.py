"""The outbox: every message hourdesk writes leaves through here, once.

A message is built whole, guarded and stored with its Message-ID before any attempt to
deliver it. Delivery is by SMTP or as an .eml draft for the consultant's mail client.

Never twice. A sender claims one queued message at a time inside a write transaction
(``BEGIN IMMEDIATE``), so two processes never hold the same one. Just before the server
receives the text (SMTP DATA) the claim records ``phase = 'data'``; the server's acceptance
is the commit, and it is recorded as ``sent`` at once. A sender that dies (killed, power
cut) leaves its claim behind; the next run looks at it:

- died before DATA: the server never had the text, so the message is queued again;
- died during DATA or before recording the acceptance: the server may or may not have it.
  Such a message is marked ``unknown`` and never resent on its own: the consultant checks
  the Sent folder (or asks the client) and then resends it or marks it sent.

So delivery is at most once, and what may be lost is never lost silently: the one window
where a message can be in doubt (the DATA exchange) is narrow and every message in it is
listed. A connection lost during DATA is in doubt the same way; a server's explicit refusal
is not (the message stays queued with the reason, and is retried).
"""

from __future__ import annotations

import contextlib
import glob
import os
import smtplib
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hourdesk.app.core import guard
from hourdesk.app.core.errors import Invalid, NotFound, Refused
from hourdesk.app.desk.text import received
from hourdesk.app.desk.writing import new_id
from hourdesk.storage.db import transaction

if TYPE_CHECKING:
    from email.message import EmailMessage

    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.tickets import Tickets
    from hourdesk.exports.email import SmtpConfig

SMTP_PASSWORD_KEY = "smtp-password"
_LISTED = (  # every column but the message itself
    "o.id, o.message_id, o.kind, o.recipient, o.subject, o.channel, o.state, o.attempts,"
    " o.last_error, o.detail, o.created_at, o.done_at"
)
_LEASE_SECONDS = 3600  # a claim from another machine counts as abandoned after this
IN_DOUBT = (
    "the sender stopped while the server was receiving it, so it may have been sent: "
    "check your Sent folder, then resend it or mark it sent"
)
REQUEUED = "the sender stopped before the server received it; queued again"


@dataclass(frozen=True)
class Item:
    """One message in the outbox, as listed."""

    id: int
    message_id: str
    kind: str
    ref: str
    recipient: str
    subject: str
    channel: str  # smtp or draft
    state: str
    attempts: int
    last_error: str
    detail: str
    created_at: datetime
    done_at: datetime | None


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt did."""

    item_id: int
    ref: str
    state: str  # sent, drafted, queued (failed, will be retried), unknown (in doubt)
    text: str

    @property
    def delivered(self) -> bool:
        return self.state in ("sent", "drafted")

    def __str__(self) -> str:
        return f"#{self.item_id:<5} {self.ref or '-':<8} {self.state:<8} {self.text}"


def claimant() -> str:
    """This process, as written into a claim: host, pid and the pid's start time."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_time(pid)}"


def _start_time(pid: int) -> str:
    """The process's start (clock ticks since boot) where /proc tells it, else ''."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    fields = stat.rpartition(")")[2].split()
    return "" if fields[0] == "Z" else fields[19]


def _alive(claim: str, claimed_at: int, now: int) -> bool:
    """Whether the process that wrote ``claim`` may still be delivering."""
    try:
        host, pid_text, start = claim.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname():
        return now - claimed_at < _LEASE_SECONDS
    if Path("/proc/self/stat").exists():
        return start != "" and _start_time(pid) == start
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


def _drafted(folder: Path, stem: str, message_id: str) -> Path | None:
    """The draft of this message already in folder (``stem.eml``, ``stem-2.eml``...), if any."""
    for path in sorted(folder.glob(f"{glob.escape(stem)}*.eml")):
        try:
            with path.open("rb") as file:
                head = file.read(16384)
        except OSError:
            continue
        if f"Message-ID: {message_id}".encode() in head:
            return path
    return None


def text_parts(msg: EmailMessage) -> list[str]:
    """The subject and every text part: what the guard reads before a message leaves."""
    texts = [str(msg["Subject"] or "")]
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and not part.is_attachment():
            texts.append(part.get_content())
    return texts


class Outbox:
    def __init__(self, ctx: Context, *, tickets: Tickets) -> None:
        self.ctx = ctx
        self.db = ctx.db
        self.tickets = tickets

    # what goes in

    def channel(self) -> str:
        """``smtp`` or ``draft``, as the settings choose (drafts while no SMTP server is set)."""
        settings = self.ctx.settings
        return "smtp" if settings.mail.outgoing == "smtp" and settings.smtp.host else "draft"

    def drafts_dir(self) -> Path:
        folder = self.ctx.settings.mail.drafts_dir
        return Path(folder).expanduser() if folder else self.ctx.exports_dir() / "outbox"

    def sender(self) -> tuple[str, str]:
        """The configured business address and name; every message goes out from it."""
        business = self.ctx.settings.business
        if not business.email:
            raise Refused("Your business email is not set.", "Set it in Settings (key ,).")
        return business.email, business.name

    def enqueue(
        self,
        msg: EmailMessage,
        *,
        kind: str,
        channel: str | None = None,
        drafts_dir: Path | None = None,
        draft_stem: str = "",
        ticket_id: int | None = None,
        invoice_id: int | None = None,
    ) -> int:
        """Store a built message for delivery (inside the caller's transaction); its id.

        Refused when a text in it holds a credential (the guard's, or the consultant's own mail
        password), or it is not from the business address.
        """
        from hourdesk.exports.email import to_bytes

        texts = text_parts(msg)
        for text in texts:
            if found := guard.scan(text):
                where = ", ".join(f"{f.kind} at line {f.line}" for f in found[:3])
                raise Refused(
                    f"The message holds a credential ({where}); it was not sent.",
                    "Remove it and share access by a secure, time-limited method.",
                )
        for label, secret in self._own_secrets():
            if any(secret in text for text in texts):
                raise Refused(
                    f"The message holds your own {label} password; it was not sent.",
                    "Remove it (and change that password if it has been shared).",
                )
        sender, _ = self.sender()
        addresses = msg["To"].addresses
        if len(addresses) != 1:
            raise Invalid("to", "An outbox message goes to exactly one recipient.")
        if msg["From"].addresses[0].addr_spec.lower() != sender.lower():
            raise Refused("A message must come from your business email.")
        channel = channel or self.channel()
        folder = drafts_dir or self.drafts_dir()
        if channel == "draft":
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as exc:
                raise Refused(
                    f"Could not save the draft in {folder}: {exc.strerror or exc}",
                    "Choose another drafts folder.",
                ) from None
        with transaction(self.db):
            cur = self.db.execute(
                "INSERT INTO outbox (message_id, kind, ticket_id, invoice_id, recipient, subject,"
                " raw, channel, drafts_dir, draft_stem, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    str(msg["Message-ID"]),
                    kind,
                    ticket_id,
                    invoice_id,
                    addresses[0].addr_spec,
                    str(msg["Subject"]),
                    to_bytes(msg),
                    channel,
                    str(folder) if channel == "draft" else "",
                    draft_stem,
                    self.ctx.clock.timestamp(),
                ],
            )
        return new_id(cur)

    def _own_secrets(self) -> list[tuple[str, str]]:
        """The consultant's mail passwords in the keyring, which no message may carry."""
        from hourdesk.app.desk.imapfetch import IMAP_PASSWORD_KEY
        from hourdesk.storage.vault import VaultUnavailable

        found = []
        for label, key in (("SMTP", SMTP_PASSWORD_KEY), ("IMAP", IMAP_PASSWORD_KEY)):
            try:
                secret = self.ctx.secret(key)
            except VaultUnavailable:  # nothing to compare with; the guard has read the text
                continue
            if secret and len(secret) >= 4:
                found.append((label, secret))
        return found

    # what is in it

    def items(
        self, *, include_done: bool = False, ids: list[int] | None = None, newest: int = -1
    ) -> list[Item]:
        """What waits (and, with ``include_done``, what went: all, or the ``newest`` only)."""
        where = "1" if include_done else "o.state NOT IN ('sent', 'drafted')"
        args: list[object] = []
        if ids is not None:
            where += f" AND o.id IN ({','.join('?' * len(ids))})"
            args += ids
        if include_done and newest >= 0:
            where += (
                " AND (o.state NOT IN ('sent', 'drafted') OR o.id IN (SELECT id FROM outbox"
                " WHERE state IN ('sent', 'drafted') ORDER BY id DESC LIMIT ?))"
            )
            args.append(newest)
        rows = self.db.query(
            f"SELECT {_LISTED}, t.number FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id"
            f" WHERE {where} ORDER BY o.id",
            args,
        )
        return [self._item(r) for r in rows]

    def get(self, item_id: int | str) -> Item:
        try:
            found = self.items(include_done=True, ids=[int(item_id)])
        except ValueError:
            found = []
        if not found:
            raise NotFound(f"There is no outbox message #{item_id}.", "See `hourdesk outbox`.")
        return found[0]

    def _item(self, row: dict[str, Any]) -> Item:
        plain = ("id", "message_id", "kind", "recipient", "subject", "channel", "state")
        return Item(
            **{name: row[name] for name in (*plain, "attempts", "last_error", "detail")},
            ref=self.ctx.ref(row["number"]) if row["number"] else "",
            created_at=datetime.fromtimestamp(row["created_at"], UTC),
            done_at=datetime.fromtimestamp(row["done_at"], UTC) if row["done_at"] else None,
        )

    # the consultant's decisions on a message in doubt

    def resend(self, item_id: int | str) -> Item:
        """Queue a message in doubt again: the consultant found it was not received."""
        return self._decide(item_id, "queued", "queued again by hand")

    def mark_sent(self, item_id: int | str) -> Item:
        """Record a message in doubt as sent: the consultant found it was received."""
        return self._decide(item_id, "sent", "marked sent by hand")

    def _decide(self, item_id: int | str, state: str, why: str) -> Item:
        item = self.get(item_id)
        with transaction(self.db):
            done = self.db.execute(
                "UPDATE outbox SET state = ?, phase = NULL, claimed_by = NULL, detail = ?,"
                " done_at = CASE WHEN ? = 'sent' THEN ? END WHERE id = ? AND state = 'unknown'",
                [state, why, state, self.ctx.clock.timestamp(), item.id],
            ).rowcount
            if not done:
                raise Refused(
                    f"Outbox message #{item.id} is {item.state}, not in doubt.",
                    "Only a message marked unknown can be resent or marked sent.",
                )
            if state == "sent":
                self._thread_note(item.id, why)
        return self.get(item.id)

    # delivery

    def recover(self) -> int:
        """Settle the claims of senders that died; returns how many were found."""
        now = self.ctx.clock.timestamp()
        with transaction(self.db):
            rows = self.db.execute(
                "SELECT id, phase, channel, claimed_by, claimed_at FROM outbox"
                " WHERE state = 'sending'"
            ).fetchall()
            dead = [r for r in rows if not _alive(r[3] or "", r[4] or 0, now)]
            for item_id, *_ in dead:
                self._abandon(item_id, "")
        return len(dead)

    def _abandon(self, item_id: int, why: str) -> None:
        """Settle a claim whose sender stopped: in doubt once DATA began, else queued again."""
        self.db.execute(
            "UPDATE outbox SET state = CASE WHEN phase = 'data' AND channel = 'smtp'"
            " THEN 'unknown' ELSE 'queued' END, last_error = CASE WHEN phase = 'data'"
            " AND channel = 'smtp' THEN ? ELSE ? END, phase = NULL, claimed_by = NULL"
            " WHERE id = ? AND state = 'sending'",
            [f"{why}{IN_DOUBT}", f"{why}{REQUEUED}", item_id],
        )

    def deliver(self, ids: list[int] | None = None) -> list[Attempt]:
        """Try each queued message once (only ``ids`` when given), oldest first."""
        if self.db.conn.in_transaction:
            raise RuntimeError("deliver the outbox after the transaction that queued it")
        self.recover()
        attempts: list[Attempt] = []
        after, me, smtp = 0, claimant(), None
        while (row := self._claim(after, ids, me)) is not None:
            after = row["id"]
            ref = self.ctx.ref(row["number"]) if row["number"] else ""
            try:
                if row["channel"] == "draft":
                    attempt = self._draft(row, ref)
                else:
                    smtp = smtp or self.smtp()
                    attempt = self._send(row, ref, smtp, me)
            except Refused as exc:
                attempt = self._release(row["id"], ref, "queued", str(exc))
            except Exception as exc:  # a bug or a database error: never leave the claim
                with contextlib.suppress(Exception), transaction(self.db):
                    self._abandon(row["id"], f"{type(exc).__name__}: {exc}; ")
                raise
            attempts.append(attempt)
        return attempts

    def deliver_one(self, item_id: int) -> Attempt:
        """Try one message now; when another hourdesk holds it, say where it stands."""
        for attempt in self.deliver([item_id]):
            return attempt
        item = self.get(item_id)
        text = item.detail if item.state in ("sent", "drafted") else item.last_error
        if item.state == "sending":
            text = "another hourdesk is sending it right now"
        return Attempt(item.id, item.ref, item.state, text)

    def _claim(self, after: int, ids: list[int] | None, me: str) -> dict[str, Any] | None:
        only = f" AND o.id IN ({','.join('?' * len(ids))})" if ids is not None else ""
        with transaction(self.db):
            row = next(
                self.db.query(
                    "SELECT o.*, t.number FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id"
                    f" WHERE o.state = 'queued' AND o.id > ?{only} ORDER BY o.id LIMIT 1",
                    [after, *(ids or [])],
                ),
                None,
            )
            if row is not None:
                self.db.execute(
                    "UPDATE outbox SET state = 'sending', phase = 'claimed', claimed_by = ?,"
                    " claimed_at = ?, attempts = attempts + 1 WHERE id = ?",
                    [me, self.ctx.clock.timestamp(), row["id"]],
                )
        return row

    def _send(
        self, row: dict[str, Any], ref: str, smtp: tuple[SmtpConfig, str | None], me: str
    ) -> Attempt:
        from hourdesk.exports.email import EmailError, from_bytes, send

        reached_data = False

        def before_data() -> None:
            nonlocal reached_data
            with transaction(self.db):
                self.db.execute(
                    "UPDATE outbox SET phase = 'data' WHERE id = ? AND claimed_by = ?",
                    [row["id"], me],
                )
            reached_data = True

        msg = from_bytes(row["raw"])
        try:
            send(msg, smtp[0], smtp[1], before_data)
        except EmailError as exc:
            refused = isinstance(exc.__cause__, smtplib.SMTPResponseException)
            if reached_data and not refused:
                return self._release(row["id"], ref, "unknown", f"{exc} ({IN_DOUBT})")
            return self._release(row["id"], ref, "queued", str(exc))
        return self._done(row, ref, "sent", f"sent to {msg['To']}")

    def _draft(self, row: dict[str, Any], ref: str) -> Attempt:
        from hourdesk.exports.email import EmailError, from_bytes, write_draft

        folder = Path(row["drafts_dir"])
        stem = row["draft_stem"] or f"{row['kind']}-{ref or row['id']}"
        path = _drafted(folder, stem, row["message_id"])
        if path is None:  # else a run that died after writing it already did the work
            try:
                path = write_draft(from_bytes(row["raw"]), folder, stem)
            except EmailError as exc:
                return self._release(row["id"], ref, "queued", str(exc))
        return self._done(row, ref, "drafted", str(path))

    def _release(self, item_id: int, ref: str, state: str, reason: str) -> Attempt:
        reason = received(reason)[0]  # the server's words may quote anything
        with transaction(self.db):
            self.db.execute(
                "UPDATE outbox SET state = ?, phase = NULL, claimed_by = NULL, last_error = ?"
                " WHERE id = ?",
                [state, reason, item_id],
            )
        return Attempt(item_id, ref, state, reason)

    def _done(self, row: dict[str, Any], ref: str, state: str, detail: str) -> Attempt:
        with transaction(self.db):
            self.db.execute(
                "UPDATE outbox SET state = ?, phase = NULL, claimed_by = NULL, detail = ?,"
                " last_error = '', done_at = ? WHERE id = ?",
                [state, detail, self.ctx.clock.timestamp(), row["id"]],
            )
            self._thread_note(row["id"], detail if state == "sent" else f"drafted: {detail}")
        return Attempt(row["id"], ref, state, detail)

    def _thread_note(self, item_id: int, detail: str) -> None:
        """Record the delivery in the ticket's thread (inside the caller's transaction)."""
        row = self.db.execute(
            "SELECT ticket_id, kind, subject, message_id, channel FROM outbox WHERE id = ?",
            [item_id],
        ).fetchone()
        if row[0] is None:
            return
        ticket = self.tickets.by_id(row[0])
        self.tickets.add_entry(
            ticket,
            "mail",
            "system",
            f"{row[1].capitalize()} {detail} ({row[2]}).",
            {"outbox": item_id, "message_id": row[3], "channel": row[4]},
        )

    def smtp(self) -> tuple[SmtpConfig, str | None]:
        """The SMTP settings and the password from the keyring, or a refusal saying what lacks."""
        from hourdesk.exports.email import SmtpConfig

        smtp = self.ctx.settings.smtp
        if not smtp.host:
            raise Refused(
                "No SMTP server is set.",
                'Set one in Settings, or write drafts instead (mail.outgoing = "drafts",'
                " or --drafts DIR).",
            )
        password = None
        if smtp.user:
            from hourdesk.storage.vault import VaultUnavailable

            try:
                password = self.ctx.secret(SMTP_PASSWORD_KEY)
            except VaultUnavailable as exc:
                raise Refused(
                    f"The SMTP password is in the OS keyring, which is not usable: {exc}"
                ) from None
            if password is None:
                raise Refused(
                    "The SMTP password is not stored yet.",
                    "Store it with `hourdesk smtp-password` (it goes to the keyring).",
                )
        config = SmtpConfig(
            host=smtp.host,
            port=smtp.port,
            user=smtp.user or None,
            security=smtp.security,
            timeout=smtp.timeout,
        )
        return config, password
