"""The ``hourdesk`` script. ``status`` (for prompts and status lines) and ``report`` load only
what they need: the standard library and a read-only connection, no click, pydantic,
sqlite-utils or Textual. ``report`` hands anything unusual back to the full CLI. Without a
command, the TUI starts without click (``quick_tui``)."""

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


def not_utf8(args: list[str]) -> str | None:
    """One line naming the first argument that is not UTF-8 text, or None.

    Python keeps such bytes as lone surrogates, which no database, file or terminal takes.
    """
    for index, arg in enumerate(args):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            name, equals, _ = arg.partition("=")
            if arg.startswith("--") and equals:
                what = f"The value of {name}"
            elif index and args[index - 1].startswith("-"):
                what = f"The value of {args[index - 1]}"
            else:
                what = f"Argument {index + 1}"
            text = arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
            return (
                f"{what} ('{shown[:60]}') is not UTF-8 text. Type it again in a UTF-8 "
                "terminal, or put the text in a UTF-8 file."
            )
    return None


def main() -> None:
    args = sys.argv[1:]
    if problem := not_utf8(args):
        print(f"hourdesk: {problem}", file=sys.stderr)
        sys.exit(2)
    word = command(args)
    if word == "status":
        from hourdesk.app.cli.quick_status import main as status

        sys.exit(status(args))
    if word == "report":
        from hourdesk.app.cli.quick_report import main as report

        code = report(args)
        if code is not None:
            sys.exit(code)
    if word is None:
        from hourdesk.app.cli import quick_tui

        if (tui := quick_tui.options(args)) is not None:
            sys.exit(quick_tui.main(**tui))
    from hourdesk.app.cli.main import main as cli

    cli()
