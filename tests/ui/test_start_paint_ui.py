"""The inbox's first page is drawn once: a resize that keeps the width (as the start sends)
keeps the table and the lines it has drawn; one that changes the columns repaints them."""

from __future__ import annotations

from textual.widgets import DataTable

from hourdesk.screens.inbox import InboxScreen


async def test_a_resize_repaints_the_inbox_only_when_its_columns_change(app, desk, monkeypatch):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    painted: list[int] = []
    paint = InboxScreen._paint

    def counted(screen: InboxScreen, page, latest: bool = True) -> None:
        painted.append(screen.size.width)
        paint(screen, page, latest)

    monkeypatch.setattr(InboxScreen, "_paint", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert painted == [120]  # the first page, drawn once though the start resizes
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        assert painted == [120]  # taller: the same columns
        await pilot.resize_terminal(70, 30)
        await pilot.pause()
        assert painted == [120, 70]
        table = app.screen.query_one(DataTable)
        assert sum(column.width + 2 for column in table.columns.values()) <= 70
