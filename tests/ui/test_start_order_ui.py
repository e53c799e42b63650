"""The first page comes first: the keyring's purge of expired grants and the outbox's retry
wait until the inbox has been painted with its rows."""

from __future__ import annotations

from textual.widgets import DataTable

from hourdesk.screens import mailjobs
from hourdesk.screens.inbox import InboxScreen


async def test_the_keyring_and_the_outbox_wait_for_the_first_paint(app, desk, monkeypatch):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    seen: dict[str, int | None] = {}
    painted: list[int] = []  # the rows of the inbox's table at each refresh of its screen
    refresh = InboxScreen._compositor_refresh

    def refreshed(screen: InboxScreen) -> None:
        refresh(screen)
        painted.append(screen.query_one(DataTable).row_count)

    monkeypatch.setattr(InboxScreen, "_compositor_refresh", refreshed)

    def shown() -> int | None:
        """The rows of the inbox on screen so far."""
        return max(painted, default=None)

    def first(name: str, work):
        def noted(*args):
            seen.setdefault(name, shown())
            return work(*args)

        return noted

    monkeypatch.setattr(desk.grants, "purge", first("purge", desk.grants.purge))
    monkeypatch.setattr(mailjobs, "start", first("mail", mailjobs.start))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert seen == {"purge": 1, "mail": 1}
