"""The inbox's search box: a one-line input whose typing redraws the box, not the screen."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class SearchBox(Input):
    """Textual's Input sets its virtual size on every keystroke, and that size lays out the
    whole screen (5 ms with a page of tickets at 160×50, before the search can paint). The
    box has a fixed size, so its virtual size changes only how far its text scrolls."""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
