"""``hourdesk`` with no command: the TUI, its first page on screen before the desk is open.

The inbox's first page is read with plain SQL on a read-only connection and drawn first; the
desk (pydantic, sqlite-utils, the credential guard, the settings checked) opens right after
it, and its page, with budgets, the timer and payment holds, takes the first one's place.
Keys typed meanwhile wait for it. A missing database, or one this hourdesk must first
migrate, opens the desk before the first page, as the other commands do.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from functools import partial
from typing import TYPE_CHECKING

from hourdesk.app.cli import quick_status
from hourdesk.app.core.numbering import ticket_ref

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.inbox import InboxPage, InboxQuery


def options(args: list[str]) -> dict | None:
    """``--db PATH`` (or ``--db=PATH``) and ``--demo``; None for anything else (click then)."""
    found: dict = {"db": None, "demo": False}
    words = iter(args)
    for arg in words:
        name, equals, value = arg.partition("=")
        if name == "--db":
            found["db"] = value if equals else next(words, None)
            if not found["db"]:
                return None
        elif arg == "--demo":
            found["demo"] = True
        else:
            return None
    return found


def main(db: str | None, demo: bool) -> int:
    # A start allocates much and frees little: no collection until the places are built
    # (screens.places.build_ahead collects once, freezes what the app holds, and turns it on).
    gc.disable()
    from hourdesk.app.core.clock import clock_from_env
    from hourdesk.app.tui import HourdeskApp, Opening

    path = quick_status.database(db, demo)
    settings = os.path.join(quick_status.data_dir(), "demo-config.toml") if demo else None
    conn = _current(path)

    def open_desk() -> Desk:
        from hourdesk.app.cli.base import Session

        if conn is not None:
            conn.close()
        return Session(db, demo, tui=True).desk()

    if conn is None:
        from hourdesk.app.cli.base import refusals

        app = refusals(lambda: HourdeskApp(open_desk()))()
    else:
        ref = partial(ticket_ref, quick_status.prefix(settings))

        def first_page(query: InboxQuery) -> InboxPage:
            from hourdesk.app.desk.inbox import first_page

            return first_page(conn, query, ref)

        theme = quick_status.top_setting(
            "theme", settings or quick_status.config_file(), "", str.isprintable
        )
        app = HourdeskApp(opening=Opening(open_desk, first_page, clock_from_env(), theme))
    app.run()
    if app.failure is not None:
        from hourdesk.app.cli.base import refusals

        def said() -> None:
            raise app.failure  # type: ignore[misc]

        refusals(said)()
    return app.return_code or 0


def _current(path: str) -> sqlite3.Connection | None:
    """A read-only connection to ``path`` when it holds this hourdesk's schema as it is now;
    None when the desk must first create, migrate or refuse it."""
    from hourdesk.storage.probe import connect_readonly
    from hourdesk.storage.schema import SCHEMA_VERSION

    if not os.path.isfile(path) or not os.path.getsize(path):
        return None
    try:
        conn = connect_readonly(path, timeout_ms=2000)
    except sqlite3.Error:
        return None
    try:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error:
        version = None
    if version != SCHEMA_VERSION:
        conn.close()
        return None
    return conn
