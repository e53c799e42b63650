"""The desk's connection in sqlite-utils' Database, reading without a savepoint."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from typing import Any

from sqlite_utils import Database as _Database
from sqlite_utils.utils import dedupe_keys


class Database(_Database):
    """sqlite-utils' Database whose ``query`` runs a SELECT as a plain statement.

    sqlite-utils opens a SAVEPOINT around every query (to undo a statement that turns out to
    return no rows). Inside a write transaction each one makes FTS5 write out its pending
    terms, so every thread entry filed became an index segment of its own, merged later.
    """

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Generator[dict[str, Any], None, None]:
        """Run ``sql`` now; its rows as dicts, fetched as they are read."""
        if sql.lstrip()[:6].upper() != "SELECT":
            return super().query(sql, params)
        cursor = self.conn.execute(sql, () if params is None else params)
        keys = dedupe_keys(column[0] for column in cursor.description)
        return (dict(zip(keys, row, strict=True)) for row in cursor)
