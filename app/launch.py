"""The ``hourdesk`` script. ``status`` (for prompts and status lines) loads only what it needs."""

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
    if command(args) == "status":
        from app.status import main as status

        sys.exit(status(args))
    from app.cli import main as cli

    cli()
