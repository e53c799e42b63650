"""Mail commands: ``reply`` and ``outbox`` (the consultant's side of the conversation),
``fetch`` and ``imap-password`` (IMAP in), and the helpers of ``intake -`` and ``--watch``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import cli, desk_command, emit, fail

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.outbox import Attempt


def _report(attempts: list[Attempt]) -> None:
    """One line per attempt; exit 1 when any message is still waiting."""
    for attempt in attempts:
        click.echo(str(attempt), err=not attempt.delivered)
    if not all(a.delivered for a in attempts):
        sys.exit(1)


@desk_command(cli, "reply")
@click.argument("ref")
@click.argument("text", required=False)
@click.option(
    "--body-file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the reply from this file (- for standard input).",
)
@click.option("--estimate", is_flag=True, help="Send the ticket's current estimate.")
@click.option(
    "--secure-access", is_flag=True, help="Ask the client to share access by a secure method."
)
def reply(desk: Desk, ref, text, body_file, estimate, secure_access) -> None:
    """Reply to the client on a ticket: by SMTP or as a draft, as the settings choose.

    The reply is recorded in the thread with its Message-ID before it is sent; a reply that
    cannot go out now waits in the outbox (exit 1) and is retried by `hourdesk outbox --send`.
    """
    if [text is not None, body_file is not None, estimate, secure_access].count(True) != 1:
        raise click.UsageError(
            "Give one of: the reply TEXT, --body-file FILE, --estimate, --secure-access."
        )
    if estimate:
        item = desk.replies.estimate(ref)
    elif secure_access:
        item = desk.replies.secure_access(ref)
    else:
        item = desk.replies.reply(ref, text if body_file is None else body_file.read())
    _report([desk.outbox.deliver_one(item)])


@desk_command(cli, "outbox")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
@click.option("--all", "include_done", is_flag=True, help="Include sent and drafted messages.")
@click.option("--send", "send_now", is_flag=True, help="Try every waiting message once now.")
@click.option("--resend", "resend_id", default=None, metavar="ID", help="Queue a message in doubt.")
@click.option("--sent", "sent_id", default=None, metavar="ID", help="Mark a message in doubt sent.")
def outbox(desk: Desk, as_json, include_done, send_now, resend_id, sent_id) -> None:
    """List the messages waiting to go out (and why), or send them (safe to run from cron).

    A message marked unknown was being sent when its sender stopped: check your Sent folder,
    then --resend ID or --sent ID. Nothing is ever sent twice on its own.
    """
    from hourdesk.app.cli.jsonview import outbox_json

    if resend_id is not None:
        click.echo(f"#{desk.outbox.resend(resend_id).id} is queued again.")
    if sent_id is not None:
        click.echo(f"#{desk.outbox.mark_sent(sent_id).id} is recorded as sent.")
    if send_now:
        _report(desk.outbox.deliver())
        return
    if resend_id is not None or sent_id is not None:
        return
    items = desk.outbox.items(include_done=include_done)
    if as_json:
        emit([outbox_json(i) for i in items])
        return
    for i in items:
        why = f"  ({i.last_error})" if i.last_error and i.state not in ("sent", "drafted") else ""
        click.echo(
            f"#{i.id:<5} {i.ref or '-':<8} {i.state:<8} {i.kind:<9} {i.recipient}  {i.subject}{why}"
        )
    if not items:
        click.echo("The outbox is empty.", err=True)


@desk_command(cli, "fetch")
def fetch(desk: Desk) -> None:
    """Take in new mail from the IMAP folder in the settings (safe to run from cron).

    Messages become tickets or replies as with `hourdesk intake`, then are marked seen (or
    moved to imap.move_to). Running it again takes in only what arrived since; a run that
    finds nothing new prints nothing.
    """
    from hourdesk.app.desk.imapfetch import Fetcher

    summary = Fetcher(desk).run(on_line=lambda line: click.echo(str(line)))
    if summary.fetched:  # quiet when nothing came, so cron mails only news
        click.echo(summary.total())


@desk_command(cli, "imap-password")
def imap_password(desk: Desk) -> None:
    """Store the IMAP password in the OS keyring (asked without echo)."""
    from hourdesk.app.desk.imapfetch import IMAP_PASSWORD_KEY

    store_password(desk, IMAP_PASSWORD_KEY, "IMAP")


def read_stdin_message(folder: Path) -> Path:
    """Standard input's raw message, saved as ``stdin.eml`` (mode 0600) in folder."""
    data = sys.stdin.buffer.read()
    path = folder / "stdin.eml"
    path.write_bytes(data)
    path.chmod(0o600)
    return path


def watch_maildir(desk: Desk, paths: tuple[Path, ...]) -> None:
    """``intake --watch``: take in what arrives in a Maildir until interrupted."""
    import signal

    from hourdesk.app.desk.maildirwatch import MaildirWatch, watch

    if len(paths) > 1 or (paths and str(paths[0]) == "-"):
        raise click.UsageError("--watch takes one Maildir (or mail.maildir from the settings).")
    folder = paths[0] if paths else desk.settings.mail.maildir
    if not folder:
        raise click.UsageError("Give the Maildir to watch, or set mail.maildir.")
    MaildirWatch(folder).check()
    stopping: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: stopping.append(number))
    click.echo(f"Watching {folder} (ctrl+c stops).", err=True)
    watch(desk, folder, lambda line: click.echo(str(line)), lambda: bool(stopping))


def store_password(desk: Desk, key: str, label: str) -> None:
    """Ask for a password without echo and keep it in the OS keyring under ``key``."""
    from hourdesk.storage.vault import VaultUnavailable

    secret = click.prompt(f"{label} password", hide_input=True)
    try:
        desk.vault.put(key, secret)
    except VaultUnavailable as exc:
        fail(str(exc))
    click.echo("Stored in the OS keyring.")


@desk_command(cli, "smtp-password")
def smtp_password(desk: Desk) -> None:
    """Store the SMTP password in the OS keyring (asked without echo)."""
    from hourdesk.app.desk.outbox import SMTP_PASSWORD_KEY

    store_password(desk, SMTP_PASSWORD_KEY, "SMTP")
