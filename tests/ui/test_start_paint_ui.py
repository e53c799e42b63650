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


async def test_the_start_reads_the_first_page_once(app, desk, monkeypatch):
    client = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    desk.tickets.new(client_id=client.id, subject="Printer offline", body="Please help.")
    read: list[object] = []
    page = desk.inbox.page

    def counted(query):
        read.append(query)
        return page(query)

    monkeypatch.setattr(desk.inbox, "page", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert len(read) == 1 and app.screen.query_one(DataTable).row_count == 1
        await pilot.press("enter")  # the ticket, then back: the inbox reads its page again
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen) and len(read) == 2


async def test_the_chosen_theme_styles_the_first_page_with_no_restyle(desk, monkeypatch):
    from textual.app import App
    from textual.color import Color

    from hourdesk.app.tui import HourdeskApp

    desk.settings = desk.settings.model_copy(update={"theme": "nord"})
    applied: list[bool] = []  # at each change of theme (a restyle): was the inbox there?
    apply = App._watch_theme

    def noted(self, name: str) -> None:
        stacks = self._screen_stacks.values()
        applied.append(any(isinstance(s, InboxScreen) for stack in stacks for s in stack))
        apply(self, name)

    monkeypatch.setattr(App, "_watch_theme", noted)
    app = HourdeskApp(desk)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "nord" and isinstance(app.screen, InboxScreen)
        nord = Color.parse(app.get_theme("nord").background)
        assert app.screen.styles.background.rgb == nord.rgb
    assert applied == [False]  # set once, before the inbox was styled
