"""Time reports: per ticket, client, category or period; billable, not billable, unbilled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

from hourdesk.app.core.errors import Invalid

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

    from hourdesk.app.desk.facade import Desk

LOCAL = "'unixepoch', 'localtime'"
SECONDS = "(coalesce(end_at, max(:now, start_at)) - start_at)"
SUMS = f"""sum(CASE WHEN billable THEN {SECONDS} ELSE 0 END) AS billable,
       sum(CASE WHEN billable THEN 0 ELSE {SECONDS} END) AS non_billable,
       sum(CASE WHEN billable AND end_at IS NOT NULL AND invoice_id IS NULL
                THEN {SECONDS} ELSE 0 END) AS unbilled"""
# Sum the entries of each ticket first, then look up the (far fewer) tickets: joining every
# entry to its ticket and client cost 100 ms for a year of 500,000 entries, this 30 ms.
PER_TICKET = f"SELECT ticket_id, {SUMS} FROM time_entries WHERE {{where}} GROUP BY ticket_id"
PERIODS = {
    "category": "category",
    "day": f"date(start_at, {LOCAL})",
    "week": f"date(start_at, {LOCAL}, 'weekday 0', '-6 days')",
    "month": f"strftime('%Y-%m', start_at, {LOCAL})",
}
QUERIES = {
    "ticket": "SELECT t.number, t.subject, x.billable, x.non_billable, x.unbilled"
    f" FROM ({PER_TICKET}) x JOIN tickets t ON t.id = x.ticket_id ORDER BY t.number",
    "client": "SELECT c.name, sum(x.billable), sum(x.non_billable), sum(x.unbilled)"
    f" FROM ({PER_TICKET}) x JOIN tickets t ON t.id = x.ticket_id"
    " JOIN clients c ON c.id = t.client_id GROUP BY c.id ORDER BY c.id",
    **{
        by: f"SELECT {key} AS k, {SUMS} FROM time_entries WHERE {{where}} GROUP BY k ORDER BY k"
        for by, key in PERIODS.items()
    },
}
GROUPS = tuple(QUERIES)


@dataclass(frozen=True)
class Line:
    label: str
    billable: int = 0
    non_billable: int = 0
    unbilled: int = 0

    @property
    def total(self) -> int:
        return self.billable + self.non_billable


@dataclass(frozen=True)
class Report:
    by: str
    start: date | None
    end: date | None
    lines: list[Line]

    @property
    def totals(self) -> Line:
        return Line(
            "total",
            sum(x.billable for x in self.lines),
            sum(x.non_billable for x in self.lines),
            sum(x.unbilled for x in self.lines),
        )


def local_midnight(day: date, *, after: bool = False) -> int:
    """When a local day starts (``after``: when it ends). Days at the calendar's edges, whose
    midnights no instant can hold, clamp to the first or last instant: from the start, to
    the end."""
    try:
        return int(datetime.combine(day + timedelta(days=after), time()).astimezone().timestamp())
    except (OverflowError, ValueError):
        edge = datetime.min if day.year == 1 else datetime.max
        return int(edge.replace(tzinfo=UTC).timestamp())


def report(
    desk: Desk,
    *,
    start: date | None = None,
    end: date | None = None,
    client_id: int | None = None,
    by: str = "ticket",
) -> Report:
    """Time whose entries start between ``start`` and ``end`` (both days included, local)."""
    return run(
        desk.db.conn,
        now=desk.clock.timestamp(),
        start=start,
        end=end,
        client_id=client_id,
        by=by,
        ref=desk.ref,
    )


def run(
    conn: sqlite3.Connection,
    *,
    now: int,
    start: date | None = None,
    end: date | None = None,
    client_id: int | None = None,
    by: str = "ticket",
    ref: Callable[[int], str],
) -> Report:
    """The report from a plain sqlite3 connection (the desk's, or a read-only one)."""
    if by not in QUERIES:
        raise Invalid("by", f"{by!r} is not a grouping.", f"Use one of {', '.join(GROUPS)}.")
    if start and end and end < start:
        raise Invalid("to", "The end date is before the start date.")
    where, args = ["1"], {"now": now}
    if start:
        where.append("start_at >= :start")
        args["start"] = local_midnight(start)
    if end:
        where.append("start_at < :end")
        args["end"] = local_midnight(end, after=True)
    if client_id is not None:
        where.append("ticket_id IN (SELECT id FROM tickets WHERE client_id = :client)")
        args["client"] = client_id
    rows = conn.execute(QUERIES[by].format(where=" AND ".join(where)), args).fetchall()
    lines = [
        Line(f"{ref(row[0])} {row[1]}" if by == "ticket" else str(row[0]), *row[-3:])
        for row in rows
    ]
    return Report(by, start, end, lines)


# ``hourdesk report`` without click, pydantic or sqlite-utils (app/cli/launch.py dispatches here)


def table(result: Report) -> list[str]:
    """The report as the CLI prints it: one line per group, then the totals."""
    from hourdesk.app.core.durations import format_duration

    lines = [f"{result.by:<46} {'billable':>9} {'not bill.':>9} {'unbilled':>9} {'total':>9}"]
    for x in [*result.lines, result.totals]:
        lines.append(
            f"{x.label[:46]:<46} {format_duration(x.billable):>9} "
            f"{format_duration(x.non_billable):>9} {format_duration(x.unbilled):>9} "
            f"{format_duration(x.total):>9}"
        )
    return lines


def document(result: Report) -> dict:
    """The report as ``--json`` prints it."""
    totals = result.totals
    return {
        "by": result.by,
        "from": result.start.isoformat() if result.start else None,
        "to": result.end.isoformat() if result.end else None,
        "lines": [
            {
                "label": x.label,
                "billable_seconds": x.billable,
                "non_billable_seconds": x.non_billable,
                "unbilled_seconds": x.unbilled,
                "total_seconds": x.total,
            }
            for x in result.lines
        ],
        "total_seconds": totals.total,
        "billable_seconds": totals.billable,
        "non_billable_seconds": totals.non_billable,
        "unbilled_seconds": totals.unbilled,
    }


def _options(args: list[str]) -> dict | None:
    """``[--db P] report [--from D] [--to D] [--client C] [--by B] [--json] [--db P]``."""
    found: dict = {"db": None, "from": None, "to": None, "client": None, "by": "ticket"}
    found["json"] = False
    words = iter(args)
    seen = False
    for arg in words:
        name, equals, value = arg.partition("=")
        if arg == "report" and not seen:
            seen = True
        elif name == "--db" or (seen and name in ("--from", "--to", "--client", "--by")):
            if not equals:
                value = next(words, None)
            if not value:
                return None
            found[name[2:]] = value
        elif seen and arg == "--json":
            found["json"] = True
        else:
            return None  # --demo, --help, a typo: the full CLI answers
    if not seen or found["by"] not in QUERIES:
        return None
    for key in ("from", "to"):
        if found[key] is not None:
            try:
                found[key] = datetime.strptime(found[key], "%Y-%m-%d").date()
            except ValueError:
                return None
    return found


def _client_id(conn: sqlite3.Connection, text: str) -> int | None:
    """``Clients.find``: an email, an exact name, or the unique start of a name."""
    text = text.strip()
    row = conn.execute("SELECT client_id FROM client_emails WHERE email = ?", [text]).fetchone()
    if row:
        return row[0]
    like = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    for where, arg in (("name = ? COLLATE NOCASE", text), ("name LIKE ? ESCAPE '\\'", like)):
        rows = conn.execute(f"SELECT id FROM clients WHERE {where} LIMIT 2", [arg]).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if rows:
            return None
    return None


def main(args: list[str]) -> int | None:
    """Answer ``hourdesk report`` from a read-only connection, in a few tens of milliseconds.

    Returns None (the full CLI then answers, with its messages) for anything unusual: other
    options, a missing database or one at another schema version, an unknown client, a
    refusal. ``tests/unit/test_status_cli.py`` checks that both print the same.
    """
    import os
    import sqlite3

    from hourdesk.app.cli import quick_status as status
    from hourdesk.storage.probe import DatabaseRefused, fast_connection
    from hourdesk.storage.schema import SCHEMA_VERSION

    options = _options(args)
    if options is None:
        return None
    path = status.database(options["db"])
    if not os.path.isfile(path):
        return None
    try:
        conn = fast_connection(path, timeout_ms=10_000)
    except (DatabaseRefused, sqlite3.Error):
        return None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return None
        client_id = None
        if options["client"] is not None:
            client_id = _client_id(conn, options["client"])
            if client_id is None:
                return None
        prefix = status.prefix()
        result = run(
            conn,
            now=status.now(),
            start=options["from"],
            end=options["to"],
            client_id=client_id,
            by=options["by"],
            ref=lambda number: f"{prefix}-{number:04d}",
        )
    except (sqlite3.Error, ValueError, Invalid):
        return None
    finally:
        conn.close()
    if options["json"]:
        import json

        print(json.dumps(document(result), indent=2, ensure_ascii=False))
    else:
        print("\n".join(table(result)))
    return 0
