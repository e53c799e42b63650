"""A data table that keeps its drawn cells while its look stays the same."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.geometry import Size
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
    cost: a new page of tickets redraws every visible cell), and new rows in columns of
    fixed widths are not measured."""

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

    def _update_dimensions(self, new_rows) -> None:
        rows = [self.rows[key] for key in new_rows if key in self.rows]
        if any(column.auto_width for column in self.columns.values()) or any(
            row.label is not None or row.auto_height for row in rows
        ):
            super()._update_dimensions(new_rows)
            return
        self.virtual_size = Size(  # what the measuring would leave: only the size
            sum(column.get_render_width(self) for column in self.columns.values())
            + self._row_label_column_width,
            self._total_row_height + (self.header_height if self.show_header else 0),
        )

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
            lines = self._plain_cell(cell, row_key, width)
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

    def _plain_cell(self, cell: object, row_key, width: int) -> list[Segment] | None:
        """The segments of a one-line ``Text`` cell that fits, before the table's styles;
        ``None`` for any other cell (drawn the general way)."""
        pad = self.cell_padding
        if type(cell) is not Text or self.rows[row_key].height != 1:
            return None
        plain, length = cell.plain, cell.cell_len
        room = width - 2 * pad
        if (
            cell.justify not in (None, "default", "left")
            or length > room
            or "\n" in plain
            or "\t" in plain
        ):
            return None
        console = self.app.console
        if cell.spans:  # Rich draws the text's own style as a span under the others
            spans = [Span(0, len(plain), cell.style), *cell.spans] if cell.style else cell.spans
            body = list(Text(plain, spans=spans).render(console))
        elif plain:
            style = console.get_style(cell.style, default=Style.null()) if cell.style else None
            body = [Segment(plain, style)]
        else:
            body = []
        return [Segment(" " * pad), *body, Segment(" " * (room - length + pad))]
