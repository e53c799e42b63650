"""``hourdesk status``: the running timer in one line, fast enough for a shell prompt.

A prompt or a tmux status line runs this every few seconds, so every import counts: only
``os``, ``sqlite3``, ``sys`` and ``time`` are loaded up front (no click, no pydantic, no
Textual, and on Linux not even platformdirs, argparse, pathlib, re or tomllib, which
together cost more than the query). ``tests/perf/bench_timer.py`` measures it.
"""

from __future__ import annotations

import _string  # the parser behind str.format, built in: ``string`` would import ``re``
import os
import sqlite3
import sys
import time
from typing import TYPE_CHECKING

from hourdesk.app.core import environ
from hourdesk.app.core.numbering import ticket_ref
from hourdesk.storage.categories import CATEGORY_WORDS

if TYPE_CHECKING:
    from collections.abc import Callable

QUERY = """
SELECT e.start_at, e.category, e.billable, e.note, t.number, t.subject, c.name,
       (SELECT seconds FROM estimates x WHERE x.ticket_id = t.id ORDER BY version DESC LIMIT 1),
       (SELECT coalesce(sum(coalesce(end_at, :now) - start_at), 0) FROM time_entries u
        WHERE u.ticket_id = t.id AND u.billable = 1)
FROM time_entries e JOIN tickets t ON t.id = e.ticket_id JOIN clients c ON c.id = t.client_id
WHERE e.end_at IS NULL
"""
DEFAULT_FORMAT = "{ref} {elapsed} {category} {share}"
FIELDS = "ref subject client category billable note started_at seconds minutes elapsed share"
MAX_WIDTH = 200  # the widest field a format spec may ask for
# Control characters and bidirectional overrides become spaces (client text in a terminal).
_CONTROLS = dict.fromkeys(
    [*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)],
    " ",
)
APP = "hourdesk"


def now() -> int:
    """Seconds since the epoch, or ``HOURDESK_NOW``; ValueError when that is not an instant."""
    if environ.fixed_now() is None:
        return int(time.time())
    from hourdesk.app.core.clock import env_instant

    instant = env_instant()
    assert instant is not None
    return int(instant.timestamp())


def _user_dir(xdg: str, default: str) -> str | None:
    """platformdirs' user dir on Linux, without importing it (it costs ~30 ms); None elsewhere.

    platformdirs takes ``$XDG_*`` when it is an absolute path, else ``$HOME/<default>``.
    tests/unit/test_status_cli.py checks that both agree.
    """
    if not sys.platform.startswith("linux") or "ANDROID_DATA" in os.environ:
        return None
    value = os.environ.get(xdg, "")
    if value.startswith("/"):
        return os.path.join(value, APP)
    home = os.environ.get("HOME", "")
    return os.path.join(home, default, APP) if home.startswith("/") else None


def data_dir() -> str:
    found = _user_dir("XDG_DATA_HOME", ".local/share")
    if found is None:
        from hourdesk.app.core.paths import data_dir

        found = str(data_dir())
    return found


def config_file() -> str:
    found = _user_dir("XDG_CONFIG_HOME", ".config")
    if found is None:
        from hourdesk.app.core.paths import config_file

        return str(config_file())
    return os.path.join(found, "config.toml")


def database(explicit: str | None, demo: bool = False) -> str:
    """The same choice as ``app.core.paths.database_path``: --db, HOURDESK_DB, the data dir."""
    if explicit:
        return os.path.expanduser(explicit)
    if not demo and (env := environ.database()):
        return os.path.expanduser(env)
    return os.path.join(data_dir(), "demo.db" if demo else "hourdesk.db")


def prefix(path: str | None = None) -> str:
    """``ticket_prefix`` (default HD)."""
    return top_setting("ticket_prefix", path or config_file(), "HD", _is_prefix)


def top_setting(name: str, path: str, default: str, good: Callable[[str], bool]) -> str:
    """A top-level setting from its variable or the settings file at ``path``, read without
    tomllib when simple; ``default`` when it is missing or not ``good``. The settings model
    checks it again when the desk opens."""
    word = environ.setting(name)
    if word is not None and good(word):
        return word
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, ValueError):
        return default
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):  # top-level keys come before the first table
            break
        key, equals, value = line.partition("=")
        if equals and key.strip() == name:
            value = value.strip()
            if len(value) > 2 and value[0] == value[-1] and value[0] in "\"'":
                word = value[1:-1]
                if good(word):
                    return word
            break
    if name not in text:
        return default
    try:  # something unusual (a comment after the value, an escape): ask the TOML parser
        import tomllib

        word = str(tomllib.loads(text).get(name, default))
    except ValueError:
        return default
    return word if good(word) else default


def _is_prefix(word: str) -> bool:
    return 1 <= len(word) <= 6 and word.isascii() and word.isalpha() and word.isupper()


def clean(text: str) -> str:
    return text.translate(_CONTROLS)


def fields(row: tuple, now: int, ticket_prefix: str = "HD") -> dict:
    start, category, billable, note, number, subject, client, estimate, used = row
    elapsed = max(0, now - start)
    share = used * 100 // estimate if billable and estimate else None
    return {
        "ref": ticket_ref(ticket_prefix, number),
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


def _quick_options(args: list[str]) -> dict | None:
    """The usual command lines, parsed by hand; None sends the rest to argparse."""
    found = {"db": None, "demo": False, "json": False, "format": DEFAULT_FORMAT}
    words = iter(args)
    seen = False
    for arg in words:
        name, equals, value = arg.partition("=")
        if arg == "status" and not seen:
            seen = True
        elif name in ("--db", "--format"):
            if not equals:
                value = next(words, None)
                if value is None:
                    return None
            found[name[2:]] = value
        elif arg in ("--demo", "--json"):
            found[arg[2:]] = True
        else:
            return None
    return found if seen else None


def _parsed_options(args: list[str]) -> dict:
    """Help, errors and unusual spellings: argparse, imported only for them."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="hourdesk status", description="Print the running timer; exit 1 if none."
    )
    parser.add_argument("word", choices=["status"])
    parser.add_argument("--db", default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--json", action="store_true", help="One JSON object.")
    parser.add_argument("--format", default=DEFAULT_FORMAT, help=f"Fields: {FIELDS}.")
    return vars(parser.parse_args(args))


def main(args: list[str]) -> int:
    options = _quick_options(args) or _parsed_options(args)
    path = database(options["db"], options["demo"])
    if not os.path.exists(path):
        return 1
    from hourdesk.storage.probe import DatabaseRefused, fast_connection, refuse, unreadable

    try:
        instant = now()
    except ValueError as exc:
        print(f"hourdesk: {exc}", file=sys.stderr)
        return 2
    try:
        conn = fast_connection(path, timeout_ms=2000)
        try:
            row = conn.execute(QUERY, {"now": instant}).fetchone()
        finally:
            conn.close()
    except DatabaseRefused as exc:
        print(f"hourdesk: {exc}", file=sys.stderr)
        return 2
    except sqlite3.Error as exc:
        print(f"hourdesk: {refuse(path, unreadable(exc))}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"hourdesk: {path}: {exc}", file=sys.stderr)
        return 2
    if row is None:
        return 1
    values = fields(row, instant, prefix())
    if options["json"]:
        import json

        print(json.dumps(values, ensure_ascii=False))
        return 0
    return render(options["format"], values)


def render(fmt: str, values: dict) -> int:
    """Print ``fmt`` filled in; 2 and one line on stderr when it is not a format we take."""
    problem = format_problem(fmt)
    if not problem:
        try:
            print(fmt.format(**values).strip())
            return 0
        except ValueError as exc:  # a spec that does not suit the field, like {ref:d}
            problem = str(exc)
    print(f"hourdesk: --format: {problem}. Fields: {FIELDS}.", file=sys.stderr)
    return 2


def format_problem(fmt: str) -> str:
    """What is wrong with ``fmt``, or ``''``: only the fields above, each with at most a plain
    spec (fill, align, sign, width up to MAX_WIDTH, precision, type): no attribute or index
    access, no conversion, no nested field."""
    try:
        parts = list(_string.formatter_parser(fmt))
    except ValueError as exc:  # a lone { or }
        return str(exc)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        field = "{" + name[:40] + "}"
        if any(mark in name for mark in ".[]"):
            return f"{field}: attribute and index access is not supported"
        if name not in FIELDS.split():
            return f"unknown field {field}"
        if conversion:
            return f"{field}: conversions (!{conversion}) are not supported"
        if "{" in spec or "}" in spec:
            return f"{field}: nested fields are not supported"
        if max(_numbers(spec), default=0) > MAX_WIDTH:
            return f"{field}: widths and precisions go up to {MAX_WIDTH}"
    return ""


def _numbers(spec: str) -> list[int]:
    """The runs of digits in a format spec (its width and precision)."""
    runs = "".join(c if c.isdigit() else " " for c in spec).split()
    return [int(run) if len(run) < 10 else 10**10 for run in runs]
