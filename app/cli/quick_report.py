"""``hourdesk report`` without click, pydantic or sqlite-utils: ``launch`` dispatches here, and
anything unusual goes back to the full CLI."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.numbering import ticket_ref
from hourdesk.app.desk.reports import QUERIES, Report, run


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
            ref=lambda number: ticket_ref(prefix, number),
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
