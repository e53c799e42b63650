"""Your data: ``hourdesk backup``, ``restore`` and ``check``."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from hourdesk.app.cli.base import Session, cli, db_option, desk_command, emit, fail, refusals

if TYPE_CHECKING:
    from hourdesk.app.desk.facade import Desk


def database_file(desk: Desk) -> Path:
    """The file the desk has open."""
    for _, name, file in desk.db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    raise click.UsageError("The database is not a file.")


@desk_command(cli, "backup")
@click.argument("path", required=False, type=click.Path(dir_okay=True))
def backup(desk: Desk, path: str | None) -> None:
    """Copy the database safely, even while hourdesk runs; prints the copy's path.

    Without PATH the copy goes to backups/ beside the database, with the time in its name.
    PATH may be a folder.
    """
    from hourdesk.app.core.logs import explain
    from hourdesk.storage.backup import BackupError, backup_database, default_backup_path

    source = database_file(desk)
    dest = Path(path).expanduser() if path else default_backup_path(source)
    try:
        made = backup_database(desk.db.conn, dest)
    except BackupError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"No backup was made. {explain(exc)}")
    click.echo(str(made))


def _plain_command(name: str):
    """A subcommand that must not open the database first (it may be damaged)."""

    def decorate(func):
        @db_option("db_path")
        @click.pass_obj
        @refusals
        @functools.wraps(func)
        def command(session: Session, db_path: str | None, **kwargs):
            from hourdesk.app.core.paths import database_path
            from hourdesk.app.startup import remove_leftovers

            if db_path:
                session.db = db_path
            target = database_path(session.db, demo=session.demo)
            remove_leftovers(target)
            return func(session, target, **kwargs)

        return cli.command(name)(command)

    return decorate


@_plain_command("restore")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace the current database (it is kept beside).")
def restore(session: Session, target: Path, path: str, force: bool) -> None:
    """Put a backup in place of the database, after checking it.

    The backup must pass SQLite's integrity check, be an hourdesk database and not come from
    a newer hourdesk. An existing database is replaced only with --force and is kept beside
    it as hourdesk.db.replaced-<time>.
    """
    from hourdesk.app.core.logs import explain
    from hourdesk.app.desk.checks import problems
    from hourdesk.storage.backup import BackupError, restore_database
    from hourdesk.storage.db import open_database

    try:
        done = restore_database(Path(path), target, force=force)
    except BackupError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"Nothing was restored. {explain(exc)}")
    db = open_database(target)  # brings an older backup up to this hourdesk's schema
    try:
        found = problems(db)
    finally:
        db.close()
    counts = ", ".join(f"{n} {table.replace('_', ' ')}" for table, n in done.source.counts.items())
    click.echo(f"Restored {done.source.path} into {target} ({counts}).")
    if done.replaced:
        click.echo(f"The replaced database is kept as {done.replaced}.")
    for line in found:
        click.echo(f"hourdesk: warning: {line}", err=True)
    if found:
        click.echo("hourdesk: `hourdesk check` lists these problems again.", err=True)


@_plain_command("check")
@click.option("--json", "as_json", is_flag=True, help="One JSON document.")
@click.option("--full", is_flag=True, help="SQLite's full integrity check (slower).")
def check(session: Session, target: Path, as_json: bool, full: bool) -> None:
    """Check the database: SQLite's quick check (--full: its integrity check, which also
    compares every index with its table) and hourdesk's rules. Exit 1 on a problem."""
    from hourdesk.app.desk.checks import run_checks
    from hourdesk.storage.db import DatabaseRefused, open_connection
    from hourdesk.storage.schema import SCHEMA_VERSION

    if not target.exists():
        fail(f"There is no database at {target}.")
    try:
        db = open_connection(target)
    except DatabaseRefused as exc:
        if as_json:
            emit({"database": str(target), "ok": False, "refused": str(exc), "checks": []})
            sys.exit(1)
        fail(str(exc))
    try:
        checks = run_checks(db, full=full)
    finally:
        db.close()
    ok = all(c.ok for c in checks)
    if as_json:
        emit(
            {
                "database": str(target),
                "schema": SCHEMA_VERSION,
                "ok": ok,
                "checks": [
                    {"name": c.name, "title": c.title, "ok": c.ok, "problems": c.problems}
                    for c in checks
                ],
            }
        )
    else:
        click.echo(f"{target} (schema {SCHEMA_VERSION})")
        for c in checks:
            click.echo(f"{'ok' if c.ok else 'FAIL':<5} {c.title}")
            for problem in c.problems:
                click.echo(f"      {problem}")
        found = sum(len(c.problems) for c in checks)
        if ok:
            click.echo(f"All {len(checks)} checks passed.")
        else:
            click.echo(f"{found} problem{'s' if found != 1 else ''} found.")
    if not ok:
        sys.exit(1)
