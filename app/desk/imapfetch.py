"""``hourdesk fetch``: new messages in an IMAP folder become tickets or replies.

Each batch is downloaded without touching its flags (BODY.PEEK), taken in by intake (which
counts a message it already holds, by Message-ID, as a duplicate), then marked seen or moved
on the server, and only then is the batch's highest UID remembered with the folder's
UIDVALIDITY. A run stopped anywhere (a dropped connection, cron killing it) leaves nothing
half done: the next run fetches from the last remembered UID and intake drops what it holds.
A folder whose UIDVALIDITY changed is read again from its unseen messages.

The password comes from ``imap.password_cmd`` (like mbsync's PassCmd or aerc's
source-cred-cmd, so OAuth helpers work unchanged) or from the OS keyring.
"""

from __future__ import annotations

import contextlib
import shlex
import socket
import ssl
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from hourdesk.app.core.errors import Refused
from hourdesk.storage.db import transaction

if TYPE_CHECKING:
    from hourdesk.app.core.settings import ImapSettings
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.intake import IntakeLine, IntakeSummary

IMAP_PASSWORD_KEY = "imap-password"
BATCH_MESSAGES = 200
BATCH_BYTES = 64 * 1024 * 1024
_PASSWORD_CMD_SECONDS = 60


class Mailbox(Protocol):
    """The calls a fetch makes on its IMAPClient, typed (IMAPClient leaves them untyped)."""

    def select_folder(self, folder: str) -> dict[bytes, Any]: ...
    def search(self, criteria: list[str]) -> list[int]: ...
    def fetch(self, messages: list[int], data: list[str]) -> dict[int, dict[bytes, Any]]: ...
    def add_flags(self, messages: list[int], flags: list[bytes]) -> object: ...
    def has_capability(self, capability: str) -> bool: ...
    def move(self, messages: list[int], folder: str) -> object: ...
    def copy(self, messages: list[int], folder: str) -> object: ...
    def delete_messages(self, messages: list[int]) -> object: ...
    def expunge(self) -> object: ...
    def logout(self) -> object: ...
    def shutdown(self) -> None: ...


@dataclass
class FetchSummary:
    """What one run took in."""

    fetched: int = 0
    totals: dict[str, int] = field(default_factory=dict)

    def add(self, summary: IntakeSummary) -> None:
        self.fetched += summary.messages
        for name in ("imported", "appended", "duplicates", "quarantined"):
            self.totals[name] = self.totals.get(name, 0) + getattr(summary, name)

    def total(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.totals.items())
        return f"{self.fetched} message{'' if self.fetched == 1 else 's'} fetched" + (
            f": {counts}" if counts else ""
        )


def password(desk: Desk) -> str:
    """The IMAP password: the first line printed by ``imap.password_cmd``, else the keyring."""
    imap = desk.settings.imap
    if imap.password_cmd:
        try:
            done = subprocess.run(
                ["/bin/sh", "-c", imap.password_cmd],
                capture_output=True,
                text=True,
                timeout=_PASSWORD_CMD_SECONDS,
                stdin=subprocess.DEVNULL,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Refused(f"The IMAP password command could not run ({exc}).") from None
        lines = done.stdout.splitlines()
        if done.returncode != 0 or not lines or not lines[0]:
            what = f"exited with status {done.returncode}" if done.returncode else "printed nothing"
            raise Refused(
                f"The IMAP password command ({shlex.split(imap.password_cmd)[0]}) {what}.",
                "Run it by hand to see why; hourdesk uses the first line it prints.",
            )
        return lines[0]
    from hourdesk.storage.vault import VaultUnavailable

    try:
        stored = desk.ctx.secret(IMAP_PASSWORD_KEY)
    except VaultUnavailable as exc:
        raise Refused(
            f"The IMAP password is in the OS keyring, which is not usable: {exc}"
        ) from None
    if stored is None:
        raise Refused(
            "The IMAP password is not stored yet.",
            "Store it with `hourdesk imap-password`, or set imap.password_cmd.",
        )
    return stored


def _where(imap: ImapSettings) -> str:
    return f"{imap.host}:{imap.port}"


def connect(desk: Desk) -> Mailbox:
    """Log in (TLS unless imap.security is none) and return the client."""
    from imapclient import IMAPClient
    from imapclient.exceptions import LoginError

    imap = desk.settings.imap
    if not imap.host or not imap.user:
        raise Refused("No IMAP server is set.", "Set imap.host and imap.user in the config file.")
    secret = password(desk)
    context = ssl.create_default_context()
    try:
        client = IMAPClient(
            imap.host,
            port=imap.port,
            ssl=imap.security == "ssl",
            ssl_context=context,
            timeout=imap.timeout,
        )
        if imap.security == "starttls":
            client.starttls(context)
    except (OSError, ssl.SSLError) as exc:
        raise Refused(_explain(exc, imap)) from None
    try:
        client.login(imap.user, secret)
    except LoginError:
        client.shutdown()
        raise Refused(
            f"IMAP login failed for {imap.user} at {_where(imap)}.",
            "Check the password (keyring or imap.password_cmd) and the user name.",
        ) from None
    return client


def _explain(exc: BaseException, imap: ImapSettings) -> str:
    where = _where(imap)
    match exc:
        case ssl.SSLCertVerificationError():
            return (
                f"The certificate of IMAP server {where} could not be verified "
                f"({exc.verify_message})."
            )
        case ssl.SSLError():
            return (
                f"Secure connection to IMAP server {where} failed ({exc.reason}): "
                "check imap.security and imap.port."
            )
        case TimeoutError():
            return f"IMAP server {where} did not answer within {imap.timeout:g} s."
        case ConnectionRefusedError():
            return f"IMAP server {where} refused the connection: check imap.host and imap.port."
        case socket.gaierror():
            return f"IMAP server name {imap.host} could not be found."
        case OSError():
            return f"Could not reach IMAP server {where} ({exc.strerror or exc})."
    return f"IMAP server {where}: {exc}"


class Fetcher:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.ctx = desk.ctx
        self.db = desk.db
        self.intake = desk.intake
        imap = desk.settings.imap
        self.account = f"{imap.user}@{imap.host}:{imap.port}/{imap.folder}"

    def _state(self) -> tuple[int, int] | None:
        row = self.db.execute(
            "SELECT uidvalidity, last_uid FROM imap_state WHERE account = ?", [self.account]
        ).fetchone()
        return (row[0], row[1]) if row else None

    def _remember(self, uidvalidity: int, last_uid: int) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT INTO imap_state (account, uidvalidity, last_uid) VALUES (?,?,?)"
                " ON CONFLICT(account) DO UPDATE SET uidvalidity = excluded.uidvalidity,"
                " last_uid = max(CASE WHEN uidvalidity = excluded.uidvalidity THEN last_uid"
                " ELSE 0 END, excluded.last_uid)",
                [self.account, uidvalidity, last_uid],
            )

    def run(self, on_line: Callable[[IntakeLine], None] | None = None) -> FetchSummary:
        """Take in what is new in the folder; refused with one line when the server fails."""
        from imapclient.exceptions import IMAPClientError

        imap = self.desk.settings.imap
        summary = FetchSummary()
        client = connect(self.desk)
        try:
            self._fetch(client, imap, summary, on_line)
        except (OSError, ssl.SSLError, IMAPClientError) as exc:
            taken = f" after taking in {summary.fetched}" if summary.fetched else ""
            raise Refused(
                f"The IMAP connection to {_where(imap)} failed{taken} ({_short(exc)}).",
                "Run `hourdesk fetch` again: it goes on where it stopped.",
            ) from None
        finally:
            with contextlib.suppress(Exception):
                client.logout()
            with contextlib.suppress(Exception):
                client.shutdown()
        return summary

    def _fetch(
        self,
        client: Mailbox,
        imap: ImapSettings,
        summary: FetchSummary,
        on_line: Callable[[IntakeLine], None] | None,
    ) -> None:
        from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

        try:
            selected = client.select_folder(imap.folder)
        except IMAPClientAbortError:
            raise
        except IMAPClientError:
            raise Refused(
                f"IMAP folder {imap.folder!r} cannot be opened on {_where(imap)}.",
                "Check imap.folder.",
            ) from None
        uidvalidity = int(selected[b"UIDVALIDITY"])
        state = self._state()
        if state is None or state[0] != uidvalidity:
            uids = client.search(["UNSEEN"])
        else:
            uids = [u for u in client.search(["UID", f"{state[1] + 1}:*"]) if u > state[1]]
        if not uids:
            return
        sizes = client.fetch(sorted(uids), ["RFC822.SIZE"])
        for batch in _batches(sorted(sizes), {u: sizes[u][b"RFC822.SIZE"] for u in sizes}):
            self._take(client, imap, batch, summary, on_line)
            self._remember(uidvalidity, batch[-1])

    def _take(
        self,
        client: Mailbox,
        imap: ImapSettings,
        batch: list[int],
        summary: FetchSummary,
        on_line: Callable[[IntakeLine], None] | None,
    ) -> None:
        fetched = client.fetch(batch, ["BODY.PEEK[]"])
        with tempfile.TemporaryDirectory(prefix="hourdesk-imap-") as spool:
            folder = Path(spool)
            for uid in batch:
                raw = fetched.get(uid, {}).get(b"BODY[]")
                if raw is not None:
                    path = folder / f"imap-{uid:010d}.eml"
                    path.write_bytes(raw)
            if any(folder.iterdir()):
                summary.add(self.desk.intake.run([folder], on_line=on_line))
        if not imap.move_to:
            client.add_flags(batch, [b"\\Seen"])
        elif client.has_capability("MOVE"):
            client.move(batch, imap.move_to)
        else:
            client.copy(batch, imap.move_to)
            client.delete_messages(batch)
            client.expunge()


def _batches(uids: list[int], sizes: dict[int, int]) -> list[list[int]]:
    """UIDs in ascending runs of at most BATCH_MESSAGES messages and BATCH_BYTES bytes."""
    batches: list[list[int]] = [[]]
    total = 0
    for uid in uids:
        if batches[-1] and (len(batches[-1]) >= BATCH_MESSAGES or total + sizes[uid] > BATCH_BYTES):
            batches.append([])
            total = 0
        batches[-1].append(uid)
        total += sizes[uid]
    return [b for b in batches if b]


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
