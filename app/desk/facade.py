"""The desk: the one facade the TUI and the CLI share. Built by :func:`build_desk`."""

from __future__ import annotations

import re
from pathlib import Path

from sqlite_utils import Database

from hourdesk.app.core import guard
from hourdesk.app.core.clock import Clock
from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.core.settings import Settings
from hourdesk.storage.db import connect_again, open_database


class Desk:
    """Holds the database, vault, clock and settings; each policy area hangs off it."""

    def __init__(
        self,
        db: Database,
        vault,
        clock: Clock,
        settings: Settings,
        settings_path: Path | None = None,
    ) -> None:
        from hourdesk.app.desk.billing.blocks import Blocks
        from hourdesk.app.desk.billing.invoicing import Invoicing
        from hourdesk.app.desk.billing.payments import Payments
        from hourdesk.app.desk.billing.reminders import Mailer
        from hourdesk.app.desk.billing.statements import Statements
        from hourdesk.app.desk.clients import Clients
        from hourdesk.app.desk.completion import Completion
        from hourdesk.app.desk.estimates import Estimates
        from hourdesk.app.desk.grants import Grants
        from hourdesk.app.desk.inbox import Inbox
        from hourdesk.app.desk.intake import Intake
        from hourdesk.app.desk.outbox import Outbox
        from hourdesk.app.desk.replies import Replies
        from hourdesk.app.desk.tickets import Tickets
        from hourdesk.app.desk.timer import Timer

        self.db = db
        self.vault = vault
        self.clock = clock
        self.settings = settings
        self.settings_path = settings_path
        self.notices: list[tuple[str, str]] = []  # (text, severity) for the user, from the start
        self.backup_due: Path | None = None  # the TUI makes the daily backup after its first paint
        self.settings_locked: str | None = None  # why settings may not be saved now
        guard.set_allow_list(settings.guard_allow)
        self.clients = Clients(self)
        self.tickets = Tickets(self)
        self.estimates = Estimates(self)
        self.timer = Timer(self)
        self.invoicing = Invoicing(self)
        self.blocks = Blocks(self)
        self.completion = Completion(self)
        self.payments = Payments(self)
        self.outbox = Outbox(self)
        self.replies = Replies(self)
        self.mailer = Mailer(self)
        self.inbox = Inbox(self)
        self.intake = Intake(self)
        self.grants = Grants(self)
        self.statements = Statements(self)

    def ref(self, number: int) -> str:
        return f"{self.settings.ticket_prefix}-{number:04d}"

    def parse_ref(self, text: str) -> int:
        """Ticket number from ``HD-0042``, ``hd-42``, ``#42`` or ``42``."""
        match = re.fullmatch(r"\s*(?:[A-Za-z]{1,6}-|#)?0*(\d{1,9})\s*", str(text))
        if not match or int(match[1]) == 0:
            raise Invalid("ref", f"{text!r} is not a ticket ref.", "Refs look like HD-0042.")
        return int(match[1])

    def exports_dir(self) -> Path:
        """Where PDFs, drafts and exports are written (Settings, else Documents/hourdesk)."""
        from hourdesk.app.core.paths import default_exports_dir

        return (
            Path(self.settings.exports_dir).expanduser()
            if self.settings.exports_dir
            else (default_exports_dir())
        )

    def save_settings(self, settings: Settings) -> None:
        """Apply new settings and write them where they were read from."""
        from hourdesk.app.core.settings import save_settings

        if self.settings_locked:
            raise Refused(
                "Settings are not saved while the settings file has a mistake.",
                self.settings_locked,
            )
        save_settings(settings, self.settings_path)
        self.settings = settings
        guard.set_allow_list(settings.guard_allow)

    def template_dir(self) -> Path | None:
        """The consultant's own templates (invoice.html, ...) beside the config file."""
        from hourdesk.app.core.paths import config_file

        folder = (self.settings_path or config_file()).parent / "templates"
        return folder if folder.is_dir() else None

    def separate(self) -> Desk:
        """This desk on a connection of its own, for a worker thread: a connection shared
        between threads would interleave their transactions. Storage opens it (through
        SQLite, without checks) on the same file; an in-memory database gives this desk."""
        db = connect_again(self.db)
        if db is self.db:
            return self
        return Desk(db, self.vault, self.clock, self.settings, self.settings_path)

    def close(self) -> None:
        self.db.close()


def build_desk(
    db: Database | Path | str,
    *,
    vault=None,
    clock: Clock | None = None,
    settings: Settings | None = None,
    settings_path: Path | None = None,
) -> Desk:
    """The factory: a path is opened (and migrated); tests pass their own parts."""
    if not isinstance(db, Database):
        db = open_database(Path(db))
    return Desk(db, vault, clock or Clock(), settings or Settings(), settings_path)
