"""Pilot against a real Secret Service: closing a ticket from its screen deletes its grants,
and while the TUI runs the periodic purge deletes a grant within moments of its expiry."""

from __future__ import annotations

import pytest
from keyring.backends import SecretService

from hourdesk.app import tui
from hourdesk.app.desk.facade import Desk
from hourdesk.screens.ticket import TicketScreen
from hourdesk.storage.vault import SERVICE, KeyringVault
from tests.ui.test_timer_ui import choose

SIZE = (120, 40)
SECRET = "ssh-pass-Vq93xLmP0wR7t"


def in_keyring(key: str) -> bool:
    return SecretService.Keyring().get_password(SERVICE, key) is not None


@pytest.fixture
def real_keyring(secret_service, desk: Desk) -> Desk:
    desk.vault = KeyringVault(SecretService.Keyring())
    return desk


@pytest.mark.keyring
async def test_closing_from_the_ticket_screen_deletes_its_grants(app, real_keyring, clock):
    desk = real_keyring
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Server move", billable=False)
    grant = desk.grants.add(ticket.ref, "server root", SECRET)
    assert in_keyring(grant.key_name)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(TicketScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await choose(pilot, "closed")
    assert desk.tickets.get(ticket.ref).status == "closed"
    assert desk.grants.get(grant.id).removed_why == "ticket closed"
    assert not in_keyring(grant.key_name)


async def until(pilot, done, seconds: float = 10.0) -> None:
    """Let the app run until ``done()``, for at most ``seconds`` (a loaded machine is slow)."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return
        await pilot.pause(0.05)


@pytest.mark.keyring
async def test_the_running_tui_purges_expired_grants(app, real_keyring, clock, monkeypatch):
    monkeypatch.setattr(tui, "GRANT_PURGE_SECONDS", 0.2)
    desk = real_keyring
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Server move")
    soon = desk.grants.add(ticket.ref, "temporary VPN", SECRET, "5m")
    later = desk.grants.add(ticket.ref, "server root", SECRET, "2d")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.5)
            assert in_keyring(soon.key_name)  # live: the purges so far left it

            clock.advance(minutes=5)
            await until(pilot, lambda: not in_keyring(soon.key_name))

            assert not in_keyring(soon.key_name)
            assert desk.grants.get(soon.id).removed_why == "expired"
            assert in_keyring(later.key_name)
            assert any("expired access grant" in n.message for n in app._notifications)
    finally:
        desk.grants.revoke(later.id)


async def test_without_a_keyring_the_tui_warns_once(app, desk: Desk, clock, monkeypatch):
    monkeypatch.setattr(tui, "GRANT_PURGE_SECONDS", 0.1)
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Server move")
    desk.grants.add(ticket.ref, "temporary VPN", SECRET, "5m")
    desk.vault = None
    clock.advance(minutes=5)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: any("were not deleted" in n.message for n in app._notifications))
        await pilot.pause(0.3)  # a second purge in that time warns no more
        warnings = [n for n in app._notifications if "were not deleted" in n.message]
        assert len(warnings) == 1 and "PYTHON_KEYRING_BACKEND" in warnings[0].message
    assert desk.grants.list()[0].state(clock.now()) == "expired"  # listed until it can go


async def test_a_busy_database_skips_a_purge_and_the_tui_runs_on(app, monkeypatch):
    import sqlite3

    from hourdesk.app.desk.grants import Grants

    monkeypatch.setattr(tui, "GRANT_PURGE_SECONDS", 0.1)
    calls = []

    def busy(self):
        calls.append(1)
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Grants, "purge", busy)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: len(calls) >= 3)  # after the first paint, every 0.1 s
        assert len(calls) >= 3 and app.is_running
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HelpScreen"
