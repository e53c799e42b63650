"""The desk's write transaction: checks and writes in one ``BEGIN IMMEDIATE``, and what the
schema refuses comes back as a refusal in words, never as SQLite's own text."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator

from sqlite_utils import Database

from hourdesk.app.core.errors import Refused
from hourdesk.storage.db import transaction

# What the schema's triggers say (storage/schema.py), as the user is told it.
_TRIGGERS = {
    "billed time is locked": (
        "That time is billed on an issued invoice, so it is locked.",
        "Void the invoice to change it.",
    ),
    "that time falls in a period already invoiced": (
        "That time falls in a period already invoiced.",
        "Record it after the invoiced time, or void the invoice.",
    ),
    "that estimate version is already decided": (
        "The client's decision on that estimate version is already recorded.",
        "Send a revised estimate for a new decision.",
    ),
}


def refusal(exc: sqlite3.IntegrityError) -> Refused:
    """The refusal for a write the schema refused (a trigger, a CHECK, a UNIQUE...)."""
    text = str(exc)
    for said, (reason, hint) in _TRIGGERS.items():
        if text.startswith(said):
            return Refused(reason, hint)
    return Refused(
        "That change conflicts with what is already recorded, so nothing was saved.",
        "Look at the record again and retry; `hourdesk check` tells whether it is intact.",
    )


def new_id(cur: sqlite3.Cursor) -> int:
    """The id of the row the INSERT on ``cur`` wrote."""
    if cur.lastrowid is None:
        raise RuntimeError("the statement inserted no row")
    return cur.lastrowid


@contextlib.contextmanager
def write(db: Database) -> Iterator[Database]:
    """One write transaction: every check that decides the write belongs inside it.

    Within a caller's transaction it is a savepoint, and the caller answers for failures.
    """
    if db.conn.in_transaction:
        with transaction(db):
            yield db
        return
    try:
        with transaction(db):
            yield db
    except sqlite3.IntegrityError as exc:
        from hourdesk.app.core.logs import log_error

        log_error("write refused by the schema", exc)
        raise refusal(exc) from None
