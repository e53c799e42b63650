"""A ticket's thread as one scrolling view that draws only the lines on screen.

Entries come in pages (the newest first); scrolling to the top asks for the page before,
and new entries are appended by id. However long the thread, it is one widget.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from hourdesk.app.core.timefmt import local
from hourdesk.screens.widgets.text import clean
from hourdesk.storage.models import Entry

KIND_WORDS = {
    "created": "opened",
    "message": "client message",
    "reply": "reply to client",
    "note": "note",
    "status": "status",
    "priority": "priority",
    "credential_notice": "credentials removed",
    "estimate": "estimate sent",
    "approval": "client approval",
    "decline": "estimate declined",
    "completion": "completion record",
    "invoice": "invoice",
    "time": "time",
    "payment": "payment",
    "reminder": "payment reminder",
    "clearance": "payment clearance",
    "access": "access grant",
    "intake": "intake",
    "mail": "mail out",
}
AUTHOR_STYLES = {"client": "bold cyan", "consultant": "bold green", "system": "bold magenta"}
BAR_STYLES = {"client": "cyan", "consultant": "blue", "system": "bright_black"}


def entry_text(entry: Entry) -> Text:
    """When, what and who, then the body exactly as stored (never parsed as markup)."""
    head = Text(f"{local(entry.created_at)}  ", style="dim")
    head.append(
        KIND_WORDS.get(entry.kind, entry.kind.replace("_", " ")), style=AUTHOR_STYLES[entry.author]
    )
    if entry.received_at:
        head.append(f"  (received {local(entry.received_at)})", style="dim")
    if entry.data.get("credentials_removed"):
        head.append("  ⚠ credentials removed", style="bold yellow")
    body = Text(clean(entry.body), style="dim" if entry.author == "system" else "")
    return head.append("\n").append_text(body)


class ThreadView(ScrollView, can_focus=True):
    """The entries, oldest at the top; opens at the newest."""

    DEFAULT_CSS = """
    ThreadView { height: 1fr; padding: 0 1; scrollbar-gutter: stable; }
    """

    class Older(Message):
        """Scrolled to the top while older entries are still unloaded."""

        def __init__(self, view: ThreadView, before: int) -> None:
            super().__init__()
            self.view = view
            self.before = before

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self.lines: list[Strip] = []
        self.more_before = False
        self._width = 0  # the width the lines were wrapped at
        self._asked: int | None = None  # the entry id older entries were asked for

    @property
    def last_id(self) -> int:
        return self.entries[-1].id if self.entries else 0

    def show(self, entries: list[Entry], more_before: bool) -> None:
        """Replace what is shown (a first page) and scroll to the newest."""
        self.entries, self.more_before, self._asked = list(entries), more_before, None
        self._rewrap()
        self._to_end()

    def append(self, entries: list[Entry]) -> None:
        """Add entries newer than the last shown; follows them when the end was in view."""
        entries = [e for e in entries if e.id > self.last_id]
        if not entries:
            return
        following = self.scroll_y >= self.max_scroll_y
        self.entries += entries
        if self._width:
            self.lines += [strip for entry in entries for strip in self._render(entry)]
        self._resize()
        if following:
            self._to_end()

    def prepend(self, entries: list[Entry], more_before: bool) -> None:
        """Put an older page above, keeping the lines in view where they are."""
        first = self.entries[0].id if self.entries else None
        entries = [e for e in entries if first is None or e.id < first]
        self.more_before = more_before
        if not entries:
            return
        added = [strip for entry in entries for strip in self._render(entry)] if self._width else []
        self.entries[:0] = entries
        self.lines[:0] = added
        self._resize()
        self.scroll_to(y=self.scroll_y + len(added), animate=False, force=True)

    def _to_end(self) -> None:
        # Forced: the scrollbars catch up with a new virtual size only at the next layout.
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    def _rewrap(self) -> None:
        """Wrap every loaded entry at the current width (none before the first layout)."""
        self._width = self.scrollable_content_region.width
        entries = self.entries if self._width else []
        self.lines = [strip for entry in entries for strip in self._render(entry)]
        self._resize()

    def _resize(self) -> None:
        self.virtual_size = Size(self._width, len(self.lines))
        self.refresh()
        if self._width and len(self.lines) <= self.scrollable_content_region.height:
            self._ask_older()

    def _render(self, entry: Entry) -> list[Strip]:
        width = max(8, self._width - 2)
        bar = Segment("▌ ", Style.parse(BAR_STYLES[entry.author]))
        console = self.app.console
        rendered = console.render_lines(
            entry_text(entry), console.options.update_width(width), pad=False
        )
        return [Strip([bar, *line]) for line in rendered] + [Strip([])]

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._width:
            at_end = self.scroll_y >= self.max_scroll_y
            self._rewrap()
            if at_end:
                self._to_end()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new <= 0:
            self._ask_older()

    def _ask_older(self) -> None:
        """At the top (or nothing to scroll): ask once for the page before the first entry."""
        if self.more_before and self.entries and self._asked != self.entries[0].id:
            self._asked = self.entries[0].id
            self.post_message(self.Older(self, self.entries[0].id))

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        strip = self.lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return strip.apply_style(self.rich_style)
