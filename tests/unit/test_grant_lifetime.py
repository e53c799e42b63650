"""Access grants end with the ticket and with their expiry, against a real Secret Service:
closing a ticket by any path deletes its secrets, and every CLI start deletes expired ones."""

from __future__ import annotations

import json
import os

import pytest

from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.facade import Desk
from hourdesk.storage.vault import SERVICE
from tests.unit.test_grants import SECRET, secret_tool

pytestmark = pytest.mark.keyring

NOW = "2026-03-02T09:00:00Z"


def keyring_items() -> list[str]:
    """The key names hourdesk keeps in the keyring."""
    searched = secret_tool("search", "--all", "service", SERVICE)
    found = searched.stdout + searched.stderr  # secret-tool prints attributes on stderr
    return sorted(
        line.split("=", 1)[1].strip()
        for line in found.splitlines()
        if line.startswith("attribute.username") and "grant-" in line
    )


def states(cli, db, env) -> dict[str, str]:
    listed = cli.run("--db", db, "grant", "list", "--all", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    return {g["ref"]: g["state"] for g in json.loads(listed.stdout)}


def test_closing_and_expiry_delete_the_secrets(secret_service, cli, tmp_path) -> None:
    db = tmp_path / "g.db"
    env = {"DBUS_SESSION_BUS_ADDRESS": os.environ["DBUS_SESSION_BUS_ADDRESS"], "HOURDESK_NOW": NOW}
    before = keyring_items()
    cli.run("--db", db, "client", "add", "Acme", "--email", "it@acme.example", env=env)
    for subject in ("VPN", "Backup", "Mail", "Printer"):
        made = cli.run(
            "--db", db, "ticket", "new", "--client", "Acme", "--subject", subject,
            "--no-billable", env=env,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
    lifetimes = {"HD-0001": "7d", "HD-0002": "7d", "HD-0003": "1d", "HD-0004": "7d"}
    for ref, expires in lifetimes.items():
        added = cli.run(
            "--db", db, "grant", "add", ref, "--label", f"access {ref}", "--expires", expires,
            input=SECRET + "\n", env=env,
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
    assert len(keyring_items()) == len(before) + 4

    closed = cli.run("--db", db, "close", "HD-0001", env=env)
    assert closed.returncode == 0, closed.stderr
    moved = cli.run("--db", db, "ticket", "status", "HD-0002", "closed", env=env)
    assert moved.returncode == 0, moved.stderr
    assert len(keyring_items()) == len(before) + 2
    assert states(cli, db, env) == {
        "HD-0001": "ticket closed",
        "HD-0002": "ticket closed",
        "HD-0003": "live",
        "HD-0004": "live",
    }

    # Two days later, any command deletes the expired grant before it runs.
    later = {**env, "HOURDESK_NOW": "2026-03-04T09:00:00Z"}
    listed = cli.run("--db", db, "ticket", "list", env=later)
    assert listed.returncode == 0 and listed.stderr == ""
    assert len(keyring_items()) == len(before) + 1
    assert states(cli, db, later)["HD-0003"] == "expired"
    shown = cli.run("--db", db, "grant", "show", "4", env=later)
    assert shown.stdout == SECRET + "\n"
    cli.run("--db", db, "grant", "revoke", "4", env=later)
    assert keyring_items() == before


def test_declining_with_close_ends_the_access(desk: Desk, client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="Firewall")
    desk.estimates.send(ticket.ref, hours="2")
    grant = desk.grants.add(ticket.ref, "firewall admin", SECRET)
    desk.estimates.decline(ticket.ref, close=True)
    assert desk.vault.secrets == {}
    assert desk.grants.get(grant.id).removed_why == "ticket closed"


def test_closing_without_a_keyring_says_why(desk: Desk, client) -> None:
    ticket = desk.tickets.new(client_id=client.id, subject="Firewall", billable=False)
    desk.grants.add(ticket.ref, "firewall admin", SECRET)
    desk.vault = None
    with pytest.raises(Refused) as refused:
        desk.tickets.set_status(ticket.ref, "closed")
    assert str(refused.value).startswith(f"{ticket.ref} keeps access grants (#1)")
    assert "PYTHON_KEYRING_BACKEND" in str(refused.value)
    assert desk.tickets.get(ticket.ref).status == "new"


CRASH_AFTER_PUT = """
import os, sys
from keyring.backends import SecretService
from hourdesk.app.core.clock import FixedClock
from hourdesk.app.desk.facade import build_desk
from hourdesk.app.core.settings import Settings
from datetime import UTC, datetime
from hourdesk.storage.vault import KeyringVault


class Crashing(KeyringVault):
    def put(self, key, secret):
        super().put(key, secret)
        os._exit(9)  # the power goes out right after the keyring took the secret


desk = build_desk(sys.argv[1], vault=Crashing(SecretService.Keyring()),
                  clock=FixedClock(datetime(2026, 3, 2, 9, tzinfo=UTC)), settings=Settings())
desk.grants.add("HD-0001", "router admin", "s3cret-Router!9")
"""


def test_a_crash_while_adding_leaves_no_secret_the_database_does_not_list(
    secret_service, desk: Desk, client, tmp_path
) -> None:
    """Whatever the keyring holds, the database lists: a crash right after the keyring took
    the secret leaves a grant that can be revoked, never a secret nothing points at."""
    import subprocess
    import sys

    desk.tickets.new(client_id=client.id, subject="Router")
    db = desk.db.execute("PRAGMA database_list").fetchone()[2]
    before = keyring_items()
    script = tmp_path / "crash.py"
    script.write_text(CRASH_AFTER_PUT)
    crashed = subprocess.run([sys.executable, str(script), db], capture_output=True, timeout=60)
    assert crashed.returncode == 9, crashed.stderr

    stored = [k for k in keyring_items() if k not in before]
    listed = [g.key_name for g in desk.grants.list()]
    try:
        assert len(stored) == 1 and stored == listed
    finally:
        from keyring.backends import SecretService

        from hourdesk.storage.vault import KeyringVault

        for key in stored:
            KeyringVault(SecretService.Keyring()).delete(key)


def test_a_secret_the_keyring_refuses_leaves_a_removed_grant(desk: Desk, client) -> None:
    from hourdesk.app.desk.grants import KeyringUnavailable
    from hourdesk.storage.vault import MemoryVault, VaultUnavailable

    class Refusing(MemoryVault):
        def put(self, key: str, secret: str) -> None:
            raise VaultUnavailable("The OS keyring is locked.")

    ticket = desk.tickets.new(client_id=client.id, subject="Router")
    desk.vault = Refusing()
    with pytest.raises(KeyringUnavailable, match="locked"):
        desk.grants.add(ticket.ref, "router admin", SECRET)
    (grant,) = desk.grants.list(include_removed=True)
    assert grant.removed_why == "not stored" and desk.vault.secrets == {}
    assert "did not take its secret" in desk.tickets.thread(ticket.id)[-1].body
    assert desk.grants.list() == []


def test_a_busy_database_delays_the_purge_not_the_command(tmp_path, monkeypatch) -> None:
    import sqlite3

    from click.testing import CliRunner

    import hourdesk.app.cli.main

    def busy(self):
        raise sqlite3.OperationalError("database is locked")

    from hourdesk.storage.db import open_database

    open_database(tmp_path / "b.db").close()  # an existing desk: no "created" notice
    monkeypatch.setattr("hourdesk.app.desk.grants.Grants.purge", busy)
    result = CliRunner().invoke(
        hourdesk.app.cli.main.cli, ["--db", str(tmp_path / "b.db"), "client", "list"]
    )
    assert result.exit_code == 0
    (line,) = result.output.splitlines()
    assert line.startswith("hourdesk: warning: expired access grants were not deleted")
    assert "busy" in line
