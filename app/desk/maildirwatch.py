"""Watching a Maildir (the one mbsync or offlineimap fills) for new messages.

A delivery agent writes a message into ``tmp/`` and renames it into ``new/``, so every file
seen in ``new/`` or ``cur/`` is complete. A message keeps the part of its file name before
``:`` when a mail client moves it to ``cur/`` or changes its flags; that part identifies it.
The first scan reports every message (intake counts the ones it holds as duplicates); later
scans report only files not seen before, and only when a folder's modification time moved.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Refused

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.intake import IntakeLine, IntakeSummary

POLL_SECONDS = 2.0


class MaildirWatch:
    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder).expanduser()
        self.known: set[str] = set()
        self.pending: dict[str, Path] = {}
        self._stamps: tuple[int, ...] | None = None

    def check(self) -> None:
        if not ((self.folder / "new").is_dir() and (self.folder / "cur").is_dir()):
            raise Refused(
                f"{self.folder} is not a Maildir (it needs new/ and cur/).",
                "Set mail.maildir to the folder your mail sync fills.",
            )

    def _listing(self) -> dict[str, Path]:
        found = {}
        for sub in ("new", "cur"):
            for entry in (self.folder / sub).iterdir():
                if not entry.name.startswith("."):
                    found[entry.name.partition(":")[0]] = entry
        return found

    def poll(self) -> bool:
        """Look for messages not seen before (cheap when nothing changed); True if any."""
        self.check()
        stamps = tuple((self.folder / sub).stat().st_mtime_ns for sub in ("new", "cur"))
        if stamps != self._stamps:
            self._stamps = stamps
            self.pending = {k: p for k, p in self._listing().items() if k not in self.known}
        return bool(self.pending)

    def take_in(
        self, desk: Desk, on_line: Callable[[IntakeLine], None] | None = None
    ) -> IntakeSummary | None:
        """File the messages found by :meth:`poll` through intake; None when there were none.

        A message renamed by a mail client meanwhile stays unknown, and its folder's changed
        time brings it back on the next poll under its new name.
        """
        paths = [p for p in self.pending.values() if p.exists()]
        if not paths:
            return None
        summary = desk.intake.run(paths, on_line=on_line)
        self.known.update(k for k, p in self.pending.items() if p.exists())
        self.pending = {}
        return summary


def watch(
    desk: Desk,
    folder: Path | str,
    on_line: Callable[[IntakeLine], None],
    stop: Callable[[], bool],
) -> None:
    """Take in new mail until ``stop()`` says so (``hourdesk intake --watch``)."""
    watcher = MaildirWatch(folder)
    while not stop():
        if watcher.poll():
            watcher.take_in(desk, on_line)
        time.sleep(POLL_SECONDS)
