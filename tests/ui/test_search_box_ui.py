"""Typing in the inbox's search box redraws the box, not the screen: a layout of a page of
tickets cost 5 ms a key before the search could paint. Long text still scrolls in it."""

from __future__ import annotations

from textual.widget import Widget

from hourdesk.app.tui import HourdeskApp


async def test_typing_a_search_lays_out_nothing_and_long_text_scrolls(desk, monkeypatch):
    laid_out: list[str] = []
    refresh = Widget.refresh

    def spy(self, *regions, layout: bool = False, **kwargs):
        if layout:
            laid_out.append(type(self).__name__)
        return refresh(self, *regions, layout=layout, **kwargs)

    app = HourdeskApp(desk)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        monkeypatch.setattr(Widget, "refresh", spy)
        await pilot.press(*"printer offline after the windows update yesterday morning")
        await pilot.pause()
        box = app.screen.query_one("#search")
        assert box.value.endswith("morning")
        assert box.scroll_x > 0  # the end of the text is in view
        assert laid_out == []
