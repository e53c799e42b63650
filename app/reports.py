"""Time reports: per ticket, client, category or period; billable, not billable, unbilled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from app.errors import Invalid

if TYPE_CHECKING:
    from app.desk import Desk

LOCAL = "'unixepoch', 'localtime'"
GROUPS = {
    "ticket": ("t.number", "t.number, t.subject"),
    "client": ("c.id", "c.name"),
    "category": ("e.category", "e.category"),
    "day": (f"date(e.start_at, {LOCAL})", f"date(e.start_at, {LOCAL})"),
    "week": (
        f"date(e.start_at, {LOCAL}, 'weekday 0', '-6 days')",
        f"date(e.start_at, {LOCAL}, 'weekday 0', '-6 days')",
    ),
    "month": (f"strftime('%Y-%m', e.start_at, {LOCAL})", f"strftime('%Y-%m', e.start_at, {LOCAL})"),
}


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


def local_midnight(day: date) -> int:
    return int(datetime.combine(day, time()).astimezone().timestamp())


def report(
    desk: Desk,
    *,
    start: date | None = None,
    end: date | None = None,
    client_id: int | None = None,
    by: str = "ticket",
) -> Report:
    """Time whose entries start between ``start`` and ``end`` (both days included, local)."""
    if by not in GROUPS:
        raise Invalid("by", f"{by!r} is not a grouping.", f"Use one of {', '.join(GROUPS)}.")
    if start and end and end < start:
        raise Invalid("to", "The end date is before the start date.")
    key, label = GROUPS[by]
    where, args = ["1"], [desk.clock.timestamp()]
    if start:
        where.append("e.start_at >= ?")
        args.append(local_midnight(start))
    if end:
        where.append("e.start_at < ?")
        args.append(local_midnight(end + timedelta(days=1)))
    if client_id is not None:
        where.append("t.client_id = ?")
        args.append(client_id)
    rows = desk.db.execute(
        f"""SELECT {label}, sum(CASE WHEN e.billable THEN s ELSE 0 END),
                   sum(CASE WHEN e.billable THEN 0 ELSE s END),
                   sum(CASE WHEN e.billable AND e.end_at IS NOT NULL AND e.invoice_id IS NULL
                            THEN s ELSE 0 END)
            FROM (SELECT *, coalesce(end_at, max(?, start_at)) - start_at AS s
                  FROM time_entries) e
            JOIN tickets t ON t.id = e.ticket_id JOIN clients c ON c.id = t.client_id
            WHERE {" AND ".join(where)} GROUP BY {key} ORDER BY {key}""",
        args,
    ).fetchall()
    lines = [
        Line(f"{desk.ref(row[0])} {row[1]}" if by == "ticket" else str(row[0]), *row[-3:])
        for row in rows
    ]
    return Report(by, start, end, lines)
