"""The desk: the one facade the TUI and the CLI share. Built by :func:`build_desk`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from hourdesk.app.core import guard
from hourdesk.app.core.clock import Clock
from hourdesk.app.core.errors import Refused
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.context import Context
from hourdesk.app.desk.text import typed_settings
from hourdesk.storage.db import connect_again, open_database

if TYPE_CHECKING:
    from hourdesk.storage.vault import Vault


class Desk:
    """The areas of the policy, built once on one :class:`Context` (database, vault, clock,
    settings); each area gets the context and the sibling areas it uses, nothing more."""

    def __init__(
        self,
        db: Database,
        vault: Vault | None,
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

        self.ctx = ctx = Context(db, vault, clock, settings, settings_path)
        self.notices: list[tuple[str, str]] = []  # (text, severity) for the user, from the start
        self.backup_due: Path | None = None  # the TUI makes the daily backup after its first paint
        self.settings_locked: str | None = None  # why settings may not be saved now
        guard.set_allow_list(settings.guard_allow)
        self.clients = Clients(ctx)
        self.tickets = Tickets(ctx, clients=self.clients)
        self.grants = Grants(ctx, tickets=self.tickets)
        self.estimates = Estimates(ctx, clients=self.clients, tickets=self.tickets)
        self.payments = Payments(ctx, clients=self.clients, tickets=self.tickets)
        self.invoicing = Invoicing(
            ctx,
            clients=self.clients,
            estimates=self.estimates,
            payments=self.payments,
            tickets=self.tickets,
        )
        self.blocks = Blocks(
            ctx,
            clients=self.clients,
            invoicing=self.invoicing,
            payments=self.payments,
            tickets=self.tickets,
        )
        self.estimates.connect(blocks=self.blocks)
        self.invoicing.connect(blocks=self.blocks)
        self.tickets.connect(
            estimates=self.estimates,
            grants=self.grants,
            invoicing=self.invoicing,
            payments=self.payments,
        )
        self.payments.connect(invoicing=self.invoicing)
        self.timer = Timer(
            ctx, estimates=self.estimates, payments=self.payments, tickets=self.tickets
        )
        self.completion = Completion(
            ctx, clients=self.clients, tickets=self.tickets, timer=self.timer
        )
        self.outbox = Outbox(ctx, tickets=self.tickets)
        self.replies = Replies(
            ctx,
            clients=self.clients,
            estimates=self.estimates,
            outbox=self.outbox,
            tickets=self.tickets,
        )
        self.mailer = Mailer(
            ctx,
            clients=self.clients,
            invoicing=self.invoicing,
            outbox=self.outbox,
            payments=self.payments,
            tickets=self.tickets,
        )
        self.inbox = Inbox(
            ctx,
            estimates=self.estimates,
            payments=self.payments,
            tickets=self.tickets,
            timer=self.timer,
        )
        self.intake = Intake(
            ctx,
            clients=self.clients,
            mailer=self.mailer,
            tickets=self.tickets,
            separate=self.separate,
        )
        self.statements = Statements(ctx, clients=self.clients, payments=self.payments)

    # the context, for the faces (TUI, CLI) and tests

    @property
    def db(self) -> Database:
        return self.ctx.db

    @property
    def vault(self) -> Vault | None:
        return self.ctx.vault

    @vault.setter
    def vault(self, vault: Vault | None) -> None:
        self.ctx.vault = vault

    @property
    def clock(self) -> Clock:
        return self.ctx.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self.ctx.clock = clock

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self.ctx.settings = settings

    @property
    def settings_path(self) -> Path | None:
        return self.ctx.settings_path

    def ref(self, number: int) -> str:
        return self.ctx.ref(number)

    def parse_ref(self, text: str) -> int:
        return self.ctx.parse_ref(text)

    def exports_dir(self) -> Path:
        return self.ctx.exports_dir()

    def template_dir(self) -> Path | None:
        return self.ctx.template_dir()

    def save_settings(self, settings: Settings) -> None:
        """Apply new settings and write them where they were read from."""
        from hourdesk.app.core.settings import save_settings

        if self.settings_locked:
            raise Refused(
                "Settings are not saved while the settings file has a mistake.",
                self.settings_locked,
            )
        typed_settings(settings)
        save_settings(settings, self.settings_path)
        self.settings = settings
        guard.set_allow_list(settings.guard_allow)

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
    vault: Vault | None = None,
    clock: Clock | None = None,
    settings: Settings | None = None,
    settings_path: Path | None = None,
) -> Desk:
    """The factory: a path is opened (and migrated); tests pass their own parts."""
    if not isinstance(db, Database):
        db = open_database(Path(db))
    return Desk(db, vault, clock or Clock(), settings or Settings(), settings_path)
