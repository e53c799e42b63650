"""``hourdesk intake``, ``hourdesk guard`` and ``hourdesk grant``: mail in, credentials out.

``guard`` is meant for a mail client's send hook: it imports the guard and nothing else of
the desk, and never prints what it found, only where.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import cli, desk_command, emit, utf8_text

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk

# intake


@desk_command(cli, "intake")
@click.argument(
    "paths",
    nargs=-1,
    type=click.Path(exists=True, allow_dash=True, path_type=Path),
    metavar="PATH...",
)
@click.option(
    "--ack-drafts",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write an acknowledgement (.eml draft) for each new ticket into this folder.",
)
@click.option("--ack-send", is_flag=True, help="Send the acknowledgements by SMTP.")
@click.option(
    "--quarantine",
    "quarantine_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where unreadable messages are set aside (default: quarantine/ beside the database).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Keep taking in new mail from the Maildir PATH (default: mail.maildir) until stopped.",
)
def intake(desk: Desk, paths, ack_drafts, ack_send, quarantine_dir, watch) -> None:
    """Turn a Maildir, an mbox, .eml files or a web-form .json export into tickets.

    A message whose subject carries a ticket's ref ([HD-0042]) or that replies to a message
    of a ticket goes to that ticket; the others open new tickets. Running it again adds
    nothing: messages already stored count as duplicates. PATH - reads one message from
    standard input (aerc: `:pipe -m hourdesk intake -`; mutt: `<pipe-message>`).
    """
    import tempfile

    from hourdesk.app.cli.mail import read_stdin_message, watch_maildir

    if watch:
        watch_maildir(desk, paths)
        return
    if not paths:
        raise click.UsageError("Give at least one PATH (or - for standard input).")
    if ack_drafts is not None and ack_send:
        raise click.UsageError("Give --ack-drafts DIR or --ack-send, not both.")
    if [str(p) for p in paths].count("-") > 1:
        raise click.UsageError("Standard input (-) holds one message: give - once.")
    with tempfile.TemporaryDirectory(prefix="hourdesk-") as spool:
        paths = [read_stdin_message(Path(spool)) if str(p) == "-" else p for p in paths]
        _intake(desk, paths, ack_drafts, ack_send, quarantine_dir)


def _intake(desk: Desk, paths, ack_drafts, ack_send, quarantine_dir) -> None:
    summary = desk.intake.run(
        paths,
        quarantine_dir=quarantine_dir,
        ack_drafts=ack_drafts,
        ack_send=ack_send,
        on_line=lambda line: click.echo(str(line)),
    )
    click.echo(summary.total())
    if summary.quarantined:
        click.echo(f"Quarantine: {summary.quarantine_dir}")


# the credential guard


@cli.command("guard")
@click.argument("file", required=False, default="-", metavar="[FILE|-]")
@click.option(
    "--explain", is_flag=True, help="Also the span (line:column-line:column) and the rule."
)
def guard_command(file: str, explain: bool) -> None:
    """Scan text for credentials: one line per finding (kind line:column), never the secret.

    Exits 1 when something was found, 0 when nothing was, 2 when the text cannot be read
    (or is not UTF-8: it is scanned all the same, and said so). The ``guard_allow`` setting
    lists patterns of benign text never to flag.
    """
    from hourdesk.app.core import guard
    from hourdesk.app.core.errors import Invalid
    from hourdesk.app.core.paths import config_file

    if config_file().exists():
        from hourdesk.app.core.settings import SettingsError, load_settings

        try:
            guard.set_allow_list(load_settings().guard_allow)
        except SettingsError as exc:
            click.echo(f"hourdesk: {exc}", err=True)
            sys.exit(2)
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    except OSError as exc:
        click.echo(f"hourdesk: cannot read {file}: {exc.strerror or exc}", err=True)
        sys.exit(2)
    try:
        text, problem = utf8_text(data, "stdin" if file == "-" else file), None
    except Invalid as exc:  # scanned all the same, with the bad bytes replaced
        text, problem = data.decode("utf-8", "replace"), exc
    if explain:
        lines = guard.explain(text)
    else:
        lines = [f"{f.kind} {f.line}:{f.column}" for f in guard.scan(text)]
    for line in lines:
        click.echo(line)
    if problem is not None:
        click.echo(f"hourdesk: {problem}", err=True)
    sys.exit(1 if lines else 2 if problem else 0)


# access grants


@cli.group()
def grant() -> None:
    """Time-limited access shared by clients, kept in the OS keyring only."""


def _read_secret(max_chars: int) -> str:
    """The secret from stdin when it is not a terminal, else from a hidden prompt."""
    stdin = sys.stdin
    if stdin.isatty():
        return click.prompt("Secret (not shown)", hide_input=True, prompt_suffix=": ")
    secret = stdin.read(max_chars + 1)
    if secret.endswith("\n"):
        secret = secret[:-1]
        secret = secret.removesuffix("\r")
    return secret


@desk_command(grant, "add")
@click.argument("ref")
@click.option("--label", required=True, help="What it opens, like 'staging server SSH'.")
@click.option(
    "--expires", default="7d", show_default=True, help="How long it lasts: 7d, 48h, 90m, 1d12h."
)
def grant_add(desk: Desk, ref, label, expires) -> None:
    """Store access for a ticket; the secret is read from stdin or a hidden prompt.

    Prints the grant's id. The secret is never taken from an argument.
    """
    from hourdesk.app.desk.grants import MAX_SECRET_CHARS, parse_expiry

    desk.tickets.get(ref)
    lasts = parse_expiry(expires)
    desk.grants.vault()  # say so before asking for the secret
    added = desk.grants.add(ref, label, _read_secret(MAX_SECRET_CHARS), lasts)
    click.echo(added.id)
    click.echo(
        f"Access grant #{added.id} on {added.ref} expires "
        f"{added.expires_at.astimezone():%Y-%m-%d %H:%M}.",
        err=True,
    )


@desk_command(grant, "list")
@click.option("--ticket", "ref", default=None, help="Only this ticket's grants.")
@click.option("--all", "include_removed", is_flag=True, help="Include revoked and purged ones.")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
def grant_list(desk: Desk, ref, include_removed, as_json) -> None:
    """List access grants with the time they have left (no secret is read)."""
    from hourdesk.app.cli.jsonview import iso
    from hourdesk.app.desk.grants import time_left_text

    now = desk.clock.now()
    grants = desk.grants.list(ref, include_removed=include_removed)
    if as_json:
        emit(
            [
                {
                    "id": g.id,
                    "ref": g.ref,
                    "label": g.label,
                    "state": g.state(now),
                    "expires_at": iso(g.expires_at),
                    "seconds_left": g.seconds_left(now),
                    "created_at": iso(g.created_at),
                    "removed_at": iso(g.removed_at),
                    "removed_why": g.removed_why,
                }
                for g in grants
            ]
        )
        return
    for g in grants:
        left = time_left_text(g.seconds_left(now)) if g.removed_at is None else "-"
        click.echo(
            f"#{g.id:<5} {g.ref:<8} {g.state(now):<16} {left:>8}  "
            f"expires {g.expires_at.astimezone():%Y-%m-%d %H:%M}  {g.label}"
        )


@desk_command(grant, "show")
@click.argument("grant_id", metavar="ID")
def grant_show(desk: Desk, grant_id) -> None:
    """Print a grant's secret: an explicit reveal, recorded in the ticket's thread."""
    click.echo(desk.grants.reveal(grant_id, how="printed by hourdesk grant show"))


@desk_command(grant, "revoke")
@click.argument("grant_id", metavar="ID")
def grant_revoke(desk: Desk, grant_id) -> None:
    """Delete a grant's secret from the keyring now."""
    revoked = desk.grants.revoke(grant_id)
    click.echo(f"Access grant #{revoked.id} on {revoked.ref} revoked; the secret is deleted.")


@desk_command(grant, "purge")
def grant_purge(desk: Desk) -> None:
    """Delete expired grants (and those of resolved tickets) from the keyring."""
    removed = desk.grants.purge()
    for g in removed:
        click.echo(f"#{g.id} {g.ref} {g.removed_why}: {g.label}")
    click.echo(f"Deleted {len(removed)} grant{'' if len(removed) == 1 else 's'} from the keyring.")
