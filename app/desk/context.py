"""What every area of the desk needs, and nothing more: the database, the keyring vault, the
clock, the settings, and the ticket refs. Each area gets this and the sibling areas it uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.numbering import ticket_ref
from hourdesk.storage.vault import FIX, VaultUnavailable

if TYPE_CHECKING:
    from sqlite_utils import Database

    from hourdesk.app.core.clock import Clock
    from hourdesk.app.core.settings import Settings
    from hourdesk.storage.vault import Vault

NO_VAULT = f"No OS keyring is set up for this desk. {FIX}"


class Context:
    """Shared by the areas of one desk. ``settings`` changes when the consultant saves them, so
    areas read it each time instead of keeping a copy."""

    def __init__(
        self,
        db: Database,
        vault: Vault | None,
        clock: Clock,
        settings: Settings,
        settings_path: Path | None = None,
    ) -> None:
        self.db = db
        self.vault = vault
        self.clock = clock
        self.settings = settings
        self.settings_path = settings_path

    def secret(self, key: str) -> str | None:
        """The secret kept under ``key``; :class:`VaultUnavailable` when none can be read."""
        if self.vault is None:
            raise VaultUnavailable(NO_VAULT)
        return self.vault.get(key)

    def ref(self, number: int) -> str:
        return ticket_ref(self.settings.ticket_prefix, number)

    def parse_ref(self, text: str) -> int:
        """Ticket number from ``HD-0042``, ``hd-42``, ``#42`` or ``42``."""
        match = re.fullmatch(r"\s*(?:[A-Za-z]{1,6}-|#)?0*(\d{1,9})\s*", str(text))
        if not match or int(match[1]) == 0:
            raise Invalid("ref", f"{text!r} is not a ticket ref.", "Refs look like HD-0042.")
        return int(match[1])

    def exports_dir(self) -> Path:
        """Where PDFs, drafts and exports are written (Settings, else Documents/hourdesk)."""
        from hourdesk.app.core.paths import default_exports_dir

        folder = self.settings.exports_dir
        return Path(folder).expanduser() if folder else default_exports_dir()

    def template_dir(self) -> Path | None:
        """The consultant's own templates (invoice.html, ...) beside the config file."""
        from hourdesk.app.core.paths import config_file

        folder = (self.settings_path or config_file()).parent / "templates"
        return folder if folder.is_dir() else None
