"""The inbox: one page of tickets at a time, filtered, searched and sorted in SQL."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from hourdesk.app.desk.rules import Budget
from hourdesk.storage.statuses import OPEN_STATUSES, STATUSES

if TYPE_CHECKING:
    from hourdesk.app.desk.billing.payments import Payments
    from hourdesk.app.desk.context import Context
    from hourdesk.app.desk.estimates import Estimates
    from hourdesk.app.desk.tickets import Tickets
    from hourdesk.app.desk.timer import Timer
    from hourdesk.storage.models import Ticket

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
THREAD_WORD = 3
MANY_HITS = 2000  # search hits beyond which tickets are read in index order, not the hits


Key = tuple[object, int]  # (the sort column's value, the ticket number) of a row: a page's edge


@dataclass(frozen=True)
class InboxQuery:
    status: str = "open"  # "open", "all" or one status
    client_id: int | None = None
    text: str = ""
    sort: str = "updated"
    descending: bool = True
    offset: int = 0  # rows before this page
    limit: int = PAGE
    after: Key | None = None  # the page starts after this row (keyset paging)
    before: Key | None = None  # the page ends before this row

    def page(self, offset: int) -> InboxQuery:
        """A jump to any offset (counted rows: slower the further it goes)."""
        return replace(self, offset=max(0, offset), after=None, before=None)

    def following(self, page: InboxPage) -> InboxQuery:
        """The page after ``page``, found by its last row's key: every page equally fast."""
        if not page.rows:
            return self.page(self.offset + self.limit)
        return replace(self, offset=self.offset + self.limit, after=page.last, before=None)

    def previous(self, page: InboxPage) -> InboxQuery:
        offset = max(0, self.offset - self.limit)
        if not offset or not page.rows:
            return self.page(offset)
        return replace(self, offset=offset, after=None, before=page.first)


@dataclass(frozen=True)
class Line:
    """What a row of the inbox shows of a ticket, read with plain SQL (:func:`first_page`)."""

    id: int
    ref: str
    client_id: int
    client_name: str
    subject: str
    status: str
    hold_reason: str | None
    priority: str
    flagged: bool
    created_at: datetime


@dataclass(frozen=True)
class InboxRow:
    ticket: Ticket | Line
    budget: Budget
    timing: bool = False
    overdue: bool = False  # the client has an overdue invoice


@dataclass(frozen=True)
class Found:
    """Which tickets a query shows: their ids in order, the total, the page's edge keys."""

    ids: list[int]
    total: int
    first: Key | None = None
    last: Key | None = None


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    total: int
    query: InboxQuery
    first: Key | None = None
    last: Key | None = None
    early: bool = False  # the first page, drawn before the desk opened (:func:`first_page`)


def fts_query(text: str) -> str | None:
    """Each word as a quoted prefix term, all required: ``"pri"* "print"*``."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"*' for w in words) or None


def searches_threads(text: str) -> bool:
    """Thread text is searched once a word has ``THREAD_WORD`` characters: a shorter prefix
    matches most of ten years of messages (``p`` matched 290,000 of 1.45 million), which
    costs a quarter of a second and finds nothing a consultant looks for."""
    return any(len(w) >= THREAD_WORD for w in re.findall(r"\w+", text))


def fold(text: str) -> str:
    """Case and accents folded away (``Ångström`` → ``angstrom``), as the search index does."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def read_only(conn: sqlite3.Connection) -> sqlite3.Connection:
    """A second, read-only connection to the database ``conn`` has open (for a worker)."""
    from hourdesk.storage.probe import connect_readonly

    path = next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")
    return connect_readonly(path, timeout_ms=5000)


State = tuple[int, int]  # (data_version, writes besides the temp table): see Finder._state


class Finder:
    """The tickets a query shows, on one connection. A search is matched once into
    ``temp.inbox_hits`` (ticket ids), then counted, filtered, sorted and paged there; the next
    keystroke, filter, sort or page with the same text and an unchanged database reuses it."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._own_changes = 0  # rows this class wrote to its temp table
        self._hits_for: tuple[str, State] | None = None  # (text, state) in temp.inbox_hits
        # (state, [(id, folded name, folded company)])
        self._clients: tuple[State, list[tuple[int, str, str]]] | None = None
        self._counted: tuple[tuple[str, tuple[object, ...], str], State, int] | None = None

    def _state(self) -> State:
        """Changes whenever anything else was written, by this connection or another."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        return version, self.conn.total_changes - self._own_changes

    def _where(self, query: InboxQuery, hits: bool = False) -> tuple[list[str], list[object]]:
        where: list[str] = []
        args: list[object] = []
        if query.status == "open":
            where.append(f"t.status IN ({','.join('?' * len(OPEN_STATUSES))})")
            args += OPEN_STATUSES
        elif query.status != "all":
            where.append("t.status = ?")
            args.append(query.status)
        if query.client_id is not None:
            where.append("t.client_id = ?")
            args.append(query.client_id)
        if hits:
            # Open tickets are a working set and an index gives the next page in order, while
            # resolved and closed ones grow with the years: with many hits the tickets are read
            # in that index's order and each looked up among the hits ("+" keeps SQLite from
            # reading every hit in the tickets first).
            plus = ""
            if query.sort != "client" and query.status not in ("resolved", "closed"):
                (many,) = self.conn.execute("SELECT count(*) FROM temp.inbox_hits").fetchone()
                plus = "+" if many > MANY_HITS else ""
            where.append(f"{plus}t.id IN (SELECT id FROM temp.inbox_hits)")
        return where, args

    def _client_ids(self, folded: str, state: State) -> list[int]:
        """Clients whose name or company holds ``folded`` (case and accents ignored); one
        character matches only the start of a name or company."""
        if self._clients is None or self._clients[0] != state:
            rows = self.conn.execute("SELECT id, name, company FROM clients").fetchall()
            self._clients = (state, [(i, fold(n), fold(c)) for i, n, c in rows])
        if len(folded) < 2:
            return [
                i for i, n, c in self._clients[1] if n.startswith(folded) or c.startswith(folded)
            ]
        return [i for i, name, company in self._clients[1] if folded in name or folded in company]

    def _match(self, text: str) -> None:
        """Fill ``temp.inbox_hits`` with the tickets whose ref, client, subject or thread
        matches ``text`` (unless it holds them already)."""
        state = self._state()
        if self._hits_for == (text, state):
            return
        parts: list[str] = []
        args: list[object] = []
        clients = self._client_ids(fold(text), state)
        if clients:
            parts.append(
                "SELECT id FROM tickets WHERE client_id IN (SELECT value FROM json_each(?))"
            )
            args.append(json.dumps(clients))
        if match := re.fullmatch(r"(?:[A-Za-z]{1,6}-|#)?0*(\d{1,9})", text):
            parts.append("SELECT id FROM tickets WHERE number = ?")
            args.append(int(match[1]))
        if fts := fts_query(text):
            parts.append("SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?")
            args.append(fts)
            if searches_threads(text):
                parts.append(
                    "SELECT e.ticket_id FROM entries e INDEXED BY entries_thread_ticket"
                    " WHERE e.id IN (SELECT rowid FROM entry_search WHERE entry_search MATCH ?)"
                )
                args.append(fts)
        conn = self.conn
        before = conn.total_changes
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS inbox_hits (id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.inbox_hits")
        if parts:
            conn.execute(
                "INSERT OR IGNORE INTO temp.inbox_hits (id) " + " UNION ALL ".join(parts), args
            )
        self._own_changes += conn.total_changes - before
        # Inside a caller's transaction the rows could still be rolled back: no reuse then.
        self._hits_for = None if conn.in_transaction else (text, state)

    def _count(self, sql: str, args: list[object], text: str) -> int:
        """The page's total; the last one is kept until anything is written, so that turning
        pages (all 200,000 tickets of twenty years, say) counts them once."""
        key, state = (sql, tuple(args), text), self._state()
        if self._counted is not None and self._counted[:2] == (key, state):
            return self._counted[2]
        (total,) = self.conn.execute(sql, args).fetchone()
        # Inside a caller's transaction the rows could still be rolled back: no reuse then.
        self._counted = None if self.conn.in_transaction else (key, state, total)
        return int(total)

    def find(self, query: InboxQuery) -> Found:
        text = query.text.strip()
        if text:
            self._match(text)
        where, args = self._where(query, hits=bool(text))
        if text and query.status == "all" and query.client_id is None:
            count = "SELECT count(*) FROM temp.inbox_hits"
        else:
            count = f"SELECT count(*) FROM tickets t WHERE {' AND '.join(where) or '1'}"
        total = self._count(count, args, text)
        column = SORTS[query.sort]
        # Rows run in the sort's direction, ties newest ticket first; a page before a key is
        # read backwards from it and turned round.
        backwards = query.before is not None
        down = query.descending != backwards
        edge = query.before if backwards else query.after
        if edge is not None:
            step, number = ("<" if down else ">"), (">" if backwards else "<")
            where.append(f"{column} {step}= ? AND ({column} {step} ? OR t.number {number} ?)")
            args += [edge[0], edge[0], edge[1]]
        order = f"{column} {'DESC' if down else 'ASC'}, t.number {'ASC' if backwards else 'DESC'}"
        # The client is joined only to sort by it.
        join = "JOIN clients c ON c.id = t.client_id" if query.sort == "client" else ""
        rows = self.conn.execute(
            f"SELECT t.id, {column.split()[0]}, t.number FROM tickets t {join}"
            f" WHERE {' AND '.join(where) or '1'} ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, query.limit, 0 if edge is not None else query.offset],
        ).fetchall()
        if backwards:
            rows.reverse()
        if not rows:
            return Found([], total)
        return Found(
            [r[0] for r in rows], total, (rows[0][1], rows[0][2]), (rows[-1][1], rows[-1][2])
        )


class Inbox:
    """Pages of tickets: which ones (a :class:`Finder` on the desk's connection, or on a
    worker's), then their rows."""

    def __init__(
        self,
        ctx: Context,
        *,
        estimates: Estimates,
        payments: Payments,
        tickets: Tickets,
        timer: Timer,
    ) -> None:
        self.ctx = ctx
        self.estimates = estimates
        self.payments = payments
        self.tickets = tickets
        self.timer = timer
        self.finder = Finder(ctx.db.conn)
        self._held: tuple[tuple[Any, ...], dict[int, bool]] | None = (
            None  # (state and day, by client)
        )

    def page(self, query: InboxQuery) -> InboxPage:
        return self.show(self.finder.find(query), query)

    def show(self, found: Found, query: InboxQuery) -> InboxPage:
        """The page's rows for tickets already found: each with its budget, timer and hold."""
        ids = found.ids
        tickets = self.by_ids(ids)
        budgets = self.estimates.budgets(ids)
        running = self.timer.running()
        timing = running.ticket_id if running else None
        overdue = self._overdue({t.client_id for t in tickets})
        return InboxPage(
            [InboxRow(t, budgets[t.id], t.id == timing, t.client_id in overdue) for t in tickets],
            found.total,
            query,
            found.first,
            found.last,
        )

    def _overdue(self, clients: set[int]) -> set[int]:
        """The clients on payment hold among ``clients``; what was found for a client holds
        until anything is written or the day changes (a big client has many invoices)."""
        key = (self.finder._state(), self.payments.today())
        if self._held is None or self._held[0] != key:
            self._held = (key, {})
        known = self._held[1]
        if unknown := [c for c in clients if c not in known]:
            overdue = self.payments.overdue_clients(unknown)
            known.update((c, c in overdue) for c in unknown)
        return {c for c in clients if known[c]}

    def by_ids(self, ids: list[int]) -> list[Ticket]:
        """The tickets with these ids, in that order (gone ones left out)."""
        found = {
            t.id: t
            for t in self.tickets.rows(
                "WHERE t.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]
            )
        }
        return [found[i] for i in ids if i in found]


def first_page(conn: sqlite3.Connection, query: InboxQuery, ref: Callable[[int], str]) -> InboxPage:
    """The tickets of ``query``'s page with plain SQL, without budgets, timer or payment holds:
    the TUI draws it before the desk (pydantic, sqlite-utils) is loaded, and the desk's page
    takes its place a moment later."""

    def utc(seconds: int) -> datetime:
        return datetime.fromtimestamp(seconds, UTC)

    found = Finder(conn).find(query)
    lines = {
        i: Line(i, ref(n), c, name, subject, status, hold, priority, bool(flag), utc(created))
        for i, n, c, name, subject, status, hold, priority, flag, created in conn.execute(
            "SELECT t.id, t.number, t.client_id, c.name, t.subject, t.status, t.hold_reason,"
            " t.priority, t.flagged, t.created_at FROM tickets t"
            " JOIN clients c ON c.id = t.client_id WHERE t.id IN (SELECT value FROM json_each(?))",
            [json.dumps(found.ids)],
        )
    }
    rows = [InboxRow(lines[i], Budget()) for i in found.ids if i in lines]
    return InboxPage(rows, found.total, query, found.first, found.last, early=True)
