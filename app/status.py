"""``hourdesk status``: the running timer in one line, fast enough for a shell prompt.

Only the standard library and sqlite3: no click, no pydantic, no Textual.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import sys
import time
from pathlib import Path

QUERY = """
SELECT e.start_at, e.category, e.billable, e.note, t.number, t.subject, c.name,
       (SELECT seconds FROM estimates x WHERE x.ticket_id = t.id ORDER BY version DESC LIMIT 1),
       (SELECT coalesce(sum(coalesce(end_at, :now) - start_at), 0) FROM time_entries u
        WHERE u.ticket_id = t.id AND u.billable = 1)
FROM time_entries e JOIN tickets t ON t.id = e.ticket_id JOIN clients c ON c.id = t.client_id
WHERE e.end_at IS NULL
"""
CATEGORY_WORDS = {
    "investigation": "investigation/analysis",
    "implementation": "implementation/testing",
    "verification": "verification/cleanup",
}
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _now() -> int:
    fixed = os.environ.get("HOURDESK_NOW", "").strip()
    if not fixed:
        return int(time.time())
    from app.clock import parse_instant

    return int(parse_instant(fixed).timestamp())


def _database(explicit: str | None, demo: bool) -> Path:
    from app.paths import database_path

    return database_path(explicit, demo=demo)


def _prefix() -> str:
    from app.paths import config_file

    try:
        import tomllib

        return str(tomllib.loads(config_file().read_text("utf-8")).get("ticket_prefix", "HD"))
    except (OSError, ValueError):
        return "HD"


def fields(row: tuple, now: int) -> dict:
    start, category, billable, note, number, subject, client, estimate, used = row
    elapsed = max(0, now - start)
    share = used * 100 // estimate if billable and estimate else None
    clean = lambda text: _CONTROLS.sub(" ", text)  # noqa: E731
    return {
        "ref": f"{_prefix()}-{number:04d}",
        "subject": clean(subject),
        "client": clean(client),
        "category": CATEGORY_WORDS[category],
        "billable": bool(billable),
        "note": clean(note),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(start)),
        "seconds": elapsed,
        "minutes": elapsed // 60,
        "elapsed": f"{elapsed // 3600}:{elapsed % 3600 // 60:02d}:{elapsed % 60:02d}",
        "share": f"{share}%" if share is not None else "",
    }


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="hourdesk status", description="Print the running timer; exit 1 if none."
    )
    parser.add_argument("word", choices=["status"])
    parser.add_argument("--db", default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--json", action="store_true", help="One JSON object.")
    parser.add_argument(
        "--format",
        default="{ref} {elapsed} {category} {share}",
        help="Fields: ref subject client category billable note started_at "
        "seconds minutes elapsed share.",
    )
    options = parser.parse_args(args)
    path = _database(options.db, options.demo)
    if not path.exists():
        return 1
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        conn.execute("PRAGMA busy_timeout = 2000")
        now = _now()
        row = conn.execute(QUERY, {"now": now}).fetchone()
    except (sqlite3.Error, ValueError) as exc:
        print(f"hourdesk: {path}: {exc}", file=sys.stderr)
        return 2
    if row is None:
        return 1
    values = fields(row, now)
    if options.json:
        print(json.dumps(values, ensure_ascii=False))
        return 0
    try:
        print(options.format.format(**values).strip())
    except (KeyError, IndexError, ValueError) as exc:
        print(f"hourdesk: --format: unknown field or bad format ({exc})", file=sys.stderr)
        return 2
    return 0
