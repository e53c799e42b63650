"""A data table that keeps its drawn cells while its look stays the same."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable


class SteadyTable(DataTable):
    """Textual restyles every widget of a screen that comes back, and a ``DataTable`` then
    throws away every cell it has drawn, so a place switch redrew each visible cell. Here a
    restyle only repaints; the cells are drawn again when the styles they are drawn with
    (the table's own and its cursor, header and row styles) have changed.

    A one-line ``Text`` cell that fits its column is drawn straight into its segments
    (the same ones Rich's padding, wrapping and cropping give it, at a fraction of the
    cost: a new page of tickets redraws every visible cell)."""

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

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        if row_index < self.fixed_rows or column_index < self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        if key not in self._cell_render_cache:
            cell = self._get_row_renderables(row_index).cells[column_index]
            lines = self._plain_cell(cell, row_key, row_index, column_index, width)
            if lines is None:
                return super()._render_cell(
                    row_index, column_index, base_style, width, cursor, hover
                )
            component, post = self._get_styles_to_render_cell(
                False,
                False,
                False,
                hover,
                cursor,
                self.show_cursor,
                self._show_hover_cursor,
                self.cursor_foreground_priority == "css",
                self.cursor_background_priority == "css",
            )
            pre = base_style + Style.from_meta({"row": row_index, "column": column_index})
            self._cell_render_cache[key] = [list(Segment.apply_style(lines, pre + component, post))]
        return self._cell_render_cache[key]

    def _plain_cell(
        self, cell: object, row_key, row_index: int, column_index: int, width: int
    ) -> list[Segment] | None:
        """The segments of a one-line ``Text`` cell that fits, before the table's styles;
        ``None`` for any other cell (drawn the general way)."""
        pad = self.cell_padding
        room = width - 2 * pad
        if (
            type(cell) is not Text
            or self.rows[row_key].height != 1
            or cell.justify not in (None, "default", "left")
            or "\n" in cell.plain
            or "\t" in cell.plain
            or cell.cell_len > room
        ):
            return None
        spans = [Span(0, len(cell), cell.style), *cell.spans] if cell.style else cell.spans
        return [
            Segment(" " * pad),
            *Text(cell.plain, spans=spans).render(self.app.console),
            Segment(" " * (room - cell.cell_len + pad)),
        ]
