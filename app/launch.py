"""The ``hourdesk`` script. ``status`` (for prompts and status lines) and ``report`` load only
what they need: the standard library and a read-only connection, no click, pydantic,
sqlite-utils or Textual. ``report`` hands anything unusual back to the full CLI."""

from __future__ import annotations

import sys


def command(args: list[str]) -> str | None:
    """The first word that is not a group option."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    args = sys.argv[1:]
    word = command(args)
    if word == "status":
        from app.status import main as status

        sys.exit(status(args))
    if word == "report":
        from app.reports import main as report

        code = report(args)
        if code is not None:
            sys.exit(code)
    from app.cli import main as cli

    cli()
