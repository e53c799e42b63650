"""Pilot: the intake screen reads the varied dozen and the inbox shows the new tickets; the
grants screen of a ticket adds, reveals (masked again) and revokes one (MemoryVault)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from hourdesk.app.desk.facade import Desk
from hourdesk.screens import grants as grants_screen
from hourdesk.screens.choice import ChoiceScreen
from hourdesk.screens.grants import GrantForm, GrantsScreen
from hourdesk.screens.inbox import InboxScreen
from hourdesk.screens.intake import IntakeScreen
from hourdesk.screens.ticket import TicketScreen
from tests.mailfixtures import encoded_text, varied_dozen, write_maildir

SIZE = (120, 40)
COLLISION = Path(__file__).parent.parent / "data" / "mail" / "collision"
SECRET = "ssh-pass-Vq93xLmP0wR7t"


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def table_rows(app, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def read_mail(app, pilot, path: Path) -> list[str]:
    """Read path on the intake screen (key M); the summary's lines as shown."""
    await pilot.pause()
    await pilot.press("M")
    await pilot.pause()
    assert isinstance(app.screen, IntakeScreen)
    app.screen.query_one("#intake-path", Input).value = str(path)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return [str(w.render()) for w in app.screen.query(".intake-line")]


async def test_intake_screen_imports_the_varied_dozen(app, desk: Desk, tmp_path: Path) -> None:
    box = varied_dozen(tmp_path / "Maildir")
    async with app.run_test(size=SIZE) as pilot:
        lines = await read_mail(app, pilot, box)

        assert shown(app, "#intake-status") == (
            "12 messages: 9 imported, 1 appended, 0 duplicates, 2 quarantined"
        )
        assert len(lines) == 12
        assert lines[1].startswith("appended     HD-0001")
        assert str(tmp_path / "quarantine") in shown(app, "#intake-quarantine")

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
        table = app.screen.query_one("#tickets", DataTable)
        refs = {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
        assert refs == {f"HD-{n:04d}" for n in range(1, 10)}

    assert len(desk.tickets.list()) == 9


async def test_intake_screen_reports_reused_ids_and_redacted_quarantine(
    app, desk: Desk, tmp_path: Path
) -> None:
    raws = [p.read_bytes() for p in sorted(COLLISION.glob("*.eml"))]
    hidden = encoded_text("Passwort: Grüße-Kran!2026\n", encoding="quoted-printable", depth=25)
    box = write_maildir(tmp_path / "Maildir", [*raws, hidden])
    async with app.run_test(size=SIZE) as pilot:
        lines = await read_mail(app, pilot, box)

        assert shown(app, "#intake-status") == (
            "5 messages: 2 imported, 1 appended, 1 duplicate, 1 quarantined; "
            "2 kept despite a Message-ID already in use"
        )
        assert sum("is already used in HD-0001 by another message" in line for line in lines) == 2
        assert "the original was not kept, only a redacted rendering" in lines[-1]


async def test_intake_screen_says_what_is_wrong_with_the_path(app, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await pilot.pause()
        app.screen.query_one("#intake-path", Input).value = str(tmp_path / "nothing here")
        await pilot.press("enter")
        await pilot.pause()
        assert "No such file or folder" in shown(app, "#intake-status")
        assert not app.screen.query(".intake-line")


async def test_grants_screen_add_show_copy_revoke(app, desk: Desk, monkeypatch) -> None:
    monkeypatch.setattr(grants_screen, "SHOW_SECONDS", 1.0)
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Server migration")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(TicketScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GrantsScreen)
        assert table_rows(app, "#grants") == []

        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, GrantForm)
        assert app.screen.query_one("#field-secret", Input).password
        app.screen.query_one("#field-label", Input).value = "staging server SSH"
        app.screen.query_one("#field-secret", Input).value = SECRET
        app.screen.query_one("#field-expires", Input).value = "2d"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GrantsScreen)
        ((number, label, _, left, state),) = table_rows(app, "#grants")
        assert (label, left, state) == ("staging server SSH", "2d 0h", "live")
        assert list(desk.vault.secrets.values()) == [SECRET]

        await pilot.press("v")
        await pilot.pause()
        assert SECRET in shown(app, "#grant-secret")
        await pilot.pause(1.2)
        assert SECRET not in shown(app, "#grant-secret")

        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == SECRET

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("enter")  # "Revoke it"
        await pilot.pause()
        assert isinstance(app.screen, GrantsScreen)
        assert table_rows(app, "#grants")[0][4] == "revoked"
        assert not app.screen.check_action("copy", ())

    assert desk.vault.secrets == {}
    bodies = [e.body for e in desk.tickets.thread(ticket.id) if e.kind == "access"]
    assert [b.split(":")[0] for b in bodies] == [
        f"Access grant #{number} added",
        f"Access grant #{number} revealed (shown on screen)",
        f"Access grant #{number} revealed (copied to the clipboard)",
        f"Access grant #{number} revoked",
    ]
    assert not any(SECRET in b for b in bodies)


async def test_grant_form_refuses_without_a_keyring(app, desk: Desk) -> None:
    from keyring.backends import fail

    from hourdesk.storage.vault import KeyringVault

    desk.vault = KeyringVault(fail.Keyring())
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    ticket = desk.tickets.new(client_id=client.id, subject="Server migration")
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(GrantsScreen(ticket.ref))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#field-label", Input).value = "router"
        app.screen.query_one("#field-secret", Input).value = SECRET
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GrantForm)
        assert "PYTHON_KEYRING_BACKEND" in shown(app, "#form-error")
    assert desk.db.execute("SELECT count(*) FROM grants").fetchone() == (0,)
