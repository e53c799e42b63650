"""A data table that keeps its drawn cells while its look stays the same."""

from __future__ import annotations

from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable


class SteadyTable(DataTable):
    """Textual restyles every widget of a screen that comes back, and a ``DataTable`` then
    throws away every cell it has drawn, so a place switch redrew each visible cell. Here a
    restyle only repaints; the cells are drawn again when the styles they are drawn with
    (the table's own and its cursor, header and row styles) have changed."""

    _look: tuple | None = None

    def notify_style_update(self) -> None:
        Widget.notify_style_update(self)
        self.refresh()

    def look(self) -> tuple:
        """The styles the cells are drawn with."""
        return (
            self.rich_style,
            self.background_colors,
            *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)),
        )

    def render_lines(self, crop) -> list[Strip]:
        look = self.look()
        if look != self._look:
            self._look = look
            super().notify_style_update()
        return super().render_lines(crop)
