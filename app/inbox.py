"""The inbox: one page of tickets at a time, filtered, searched and sorted in SQL."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.estimates import Budget
from storage.models import OPEN_STATUSES, STATUSES, Ticket

if TYPE_CHECKING:
    from app.desk import Desk

SORTS = {
    "ref": "t.number",
    "client": "c.name COLLATE NOCASE",
    "subject": "t.subject COLLATE NOCASE",
    "status": "t.status",
    "priority": "t.priority",
    "age": "t.created_at",
    "updated": "t.updated_at",
}
FILTERS = ("open", "all", *STATUSES)
PAGE = 100


@dataclass(frozen=True)
class InboxQuery:
    status: str = "open"  # "open", "all" or one status
    client_id: int | None = None
    text: str = ""
    sort: str = "updated"
    descending: bool = True
    offset: int = 0
    limit: int = PAGE

    def page(self, offset: int) -> InboxQuery:
        return replace(self, offset=max(0, offset))


@dataclass(frozen=True)
class InboxRow:
    ticket: Ticket
    budget: Budget
    timing: bool = False
    overdue: bool = False  # the client has an overdue invoice


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    total: int
    query: InboxQuery


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: ``"pri"* "print"*``."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words) or None


def fold(text: str | None) -> str | None:
    """Case and accents folded away (``Ångström`` → ``angstrom``), as the search index does."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class Inbox:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.db = desk.db
        self.db.conn.create_function("hd_fold", 1, fold, deterministic=True)

    def _where(self, query: InboxQuery) -> tuple[str, list]:
        where, args = [], []
        if query.status == "open":
            where.append(f"t.status IN ({','.join('?' * len(OPEN_STATUSES))})")
            args += OPEN_STATUSES
        elif query.status != "all":
            where.append("t.status = ?")
            args.append(query.status)
        if query.client_id is not None:
            where.append("t.client_id = ?")
            args.append(query.client_id)
        text = query.text.strip()
        if text:
            folded = fold(text)
            like = "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            found = [
                "t.client_id IN (SELECT id FROM clients WHERE hd_fold(name) LIKE ? ESCAPE '\\'"
                " OR hd_fold(company) LIKE ? ESCAPE '\\')"
            ]
            args += [like, like]
            if match := re.fullmatch(r"(?:[A-Za-z]{1,6}-|#)?0*(\d{1,9})", text):
                found.append("t.number = ?")
                args.append(int(match[1]))
            if fts := fts_query(text):
                found.append(
                    "t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)"
                )
                found.append(
                    "t.id IN (SELECT e.ticket_id FROM entries e WHERE e.id IN"
                    " (SELECT rowid FROM entry_search WHERE entry_search MATCH ?))"
                )
                args += [fts, fts]
            where.append("(" + " OR ".join(found) + ")")
        return (" AND ".join(where) or "1"), args

    def page(self, query: InboxQuery) -> InboxPage:
        where, args = self._where(query)
        (total,) = self.db.execute(
            f"SELECT count(*) FROM tickets t JOIN clients c ON c.id = t.client_id WHERE {where}",
            args,
        ).fetchone()
        order = SORTS[query.sort] + (" DESC" if query.descending else "")
        tickets = self.desk.tickets.rows(
            f"WHERE {where} ORDER BY {order}, t.number DESC LIMIT ? OFFSET ?",
            [*args, query.limit, query.offset],
        )
        budgets = self.desk.estimates.budgets([t.id for t in tickets])
        running = self.desk.timer.running()
        timing = running.ticket_id if running else None
        overdue = self.desk.payments.overdue_clients(list({t.client_id for t in tickets}))
        return InboxPage(
            [InboxRow(t, budgets[t.id], t.id == timing, t.client_id in overdue) for t in tickets],
            total,
            query,
        )
