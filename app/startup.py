"""What every start does first, for the TUI and the CLI alike: the log file, leftovers of a
killed backup removed, the daily backup started, a settings file with a mistake kept, and the
notices the user should see."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hourdesk.app.core.settings import Settings
    from hourdesk.app.desk.facade import Desk

SEVERE = "error"


def settings_or_defaults(path: Path, *, tui: bool) -> tuple[Settings, str | None]:
    """The settings; for the TUI, a broken file or a wrong ``HOURDESK_*`` variable gives the
    defaults and says why.

    The CLI refuses instead (``SettingsError`` names the file or the variable, and the setting).
    """
    from hourdesk.app.core.settings import SettingsError, defaults, load_settings

    try:
        return load_settings(path), None
    except SettingsError as exc:
        if not tui:
            raise
        return defaults(path), str(exc)


def session_started(
    desk: Desk, db_path: Path, settings_problem: str | None = None, *, tui: bool
) -> None:
    """Set up the log file, start the daily backup, and collect what the user should know.

    The backup never delays the start: a command leaves it to a process of its own, the TUI
    to a worker after its first paint (``desk.backup_due``). The notices go on
    ``desk.notices``: the TUI shows them when it mounts; a CLI command prints them on stderr.
    """
    from hourdesk.app import daily
    from hourdesk.app.core.logs import setup_logging

    setup_logging()
    remove_leftovers(db_path)
    if getattr(desk.db.conn, "created", False):
        desk.notices.append((f"Created a new database at {db_path}.", "information"))
    if settings_problem:
        desk.notices.append(_keep_settings_file(desk, settings_problem))
    failed = daily.last_failure(db_path)
    if failed:
        desk.notices.append((f"{failed} (the last attempt; another one runs now)", "warning"))
    if daily.due(desk, db_path):
        if tui:
            desk.backup_due = db_path
        else:
            daily.spawn(db_path, desk.settings)


def remove_leftovers(db_path: Path) -> None:
    """Remove the temporary copies a killed backup or restore left beside the database."""
    from hourdesk.storage.backup import backups_dir
    from hourdesk.storage.backup import remove_leftovers as remove

    for folder in (Path(db_path).expanduser().absolute().parent, backups_dir(db_path)):
        remove(folder)


def _keep_settings_file(desk: Desk, problem: str) -> tuple[str, str]:
    """Run on the defaults without ever writing over the consultant's broken file."""
    from hourdesk.app.core.logs import log_warning

    log_warning("settings file refused", problem=problem)
    desk.settings_locked = f"Fix it first: {problem}"
    said = (
        f"The settings have a mistake: {problem}. hourdesk runs with the default settings "
        "and saves no settings until it is fixed."
    )
    return said, SEVERE
