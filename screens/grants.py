"""A ticket's access grants: what the client shared, for how long, and explicit reveals.

The secret is read from the keyring only on ``c`` (copied to the clipboard) or ``v`` (shown
for a few seconds, then masked again); both are recorded in the ticket's thread.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from hourdesk.app.core.errors import Refused
from hourdesk.app.core.timefmt import local
from hourdesk.app.desk.grants import DEFAULT_EXPIRY, Grant, time_left_text
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.form import FormScreen
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar

SHOW_SECONDS = 5.0
MASK = "•" * 12
STATE_STYLES = {"live": "green", "expired": "bold red"}


class GrantForm(FormScreen):
    """Label, secret (never echoed) and expiry; returns the new grant."""

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.title_text = f"Store access for {ref} (kept in the OS keyring only)"

    def fields(self):
        return [
            ("label", "What it opens", Input(placeholder="staging server SSH")),
            ("secret", "Secret (password, key or token: not shown)", Input(password=True)),
            (
                "expires",
                "Expires after (7d, 48h, 90m; at most 90 days)",
                Input(f"{DEFAULT_EXPIRY.days}d"),
            ),
        ]

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#field-label"), scroll_visible=False)

    def submit(self, values: dict[str, Any]) -> Grant:
        return self.app.desk.grants.add(
            self.ref, values["label"], values["secret"], values["expires"] or "7d"
        )


class GrantsScreen(Screen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="grants.back"),
        Binding("a", "add", "Add access", id="grants.add_access"),
        Binding("c", "copy", "Copy secret", id="grants.copy_secret"),
        Binding("v", "view", "Show secret", id="grants.show_secret"),
        Binding("r", "revoke", "Revoke", id="grants.revoke"),
    ]
    DEFAULT_CSS = """
    GrantsScreen DataTable { height: 1fr; }
    GrantsScreen #grant-help { padding: 0 1; color: $text-muted; height: auto; }
    GrantsScreen #grant-secret { padding: 0 1; height: auto; min-height: 1; }
    """

    def __init__(self, ref: str) -> None:
        super().__init__()
        self.ref = ref
        self.grants: list[Grant] = []
        self._mask_timer: Timer | None = None
        self._showing = False

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            "Access the client shared by a secure method. Secrets stay in the OS keyring; "
            "copying or showing one is recorded in the thread. Expired grants are deleted.",
            id="grant-help",
        )
        yield DataTable(cursor_type="row", zebra_stripes=True, id="grants")
        yield Static("", id="grant-secret")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Access grants of {self.ref}"
        self.query_one(DataTable).add_columns("#", "Label", "Expires", "Time left", "State")
        self.purge_quietly()
        self.refresh_data()
        self.set_interval(30, self.tick)

    def tick(self) -> None:
        self.purge_quietly()
        self.refresh_data()

    def purge_quietly(self) -> None:
        """Expired grants go as soon as they expire while the screen is open."""
        try:
            removed = self.desk.grants.purge()
        except Refused:
            return  # said when an action needs the keyring
        if removed:
            self.notify(
                f"{len(removed)} expired access grant{'' if len(removed) == 1 else 's'} "
                "deleted from the keyring."
            )

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        now = self.desk.clock.now()
        self.grants = self.desk.grants.list(self.ref, include_removed=True)
        for g in self.grants:
            state = g.state(now)
            left = time_left_text(g.seconds_left(now)) if g.removed_at is None else "-"
            table.add_row(
                str(g.id),
                literal(g.label),
                local(g.expires_at),
                left,
                Text(state, style=STATE_STYLES.get(state, "dim")),
                key=str(g.id),
            )
        if self.grants:
            table.move_cursor(row=min(row, len(self.grants) - 1))
        self.refresh_bindings()

    def selected(self) -> Grant | None:
        table = self.query_one(DataTable)
        if not self.grants or not 0 <= table.cursor_row < len(self.grants):
            return None
        return self.grants[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("copy", "view", "revoke"):
            grant = self.selected() if self.is_mounted else None
            return grant is not None and grant.state(self.desk.clock.now()) == "live"
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    def action_add(self) -> None:
        def added(grant: Grant | None) -> None:
            if grant is not None:
                self.app.changed()
                self.notify(
                    f"Access grant #{grant.id} stored; it expires {local(grant.expires_at)}."
                )

        self.app.push_screen(GrantForm(self.ref), added)

    def _reveal(self, how: str) -> str | None:
        grant = self.selected()
        if grant is None:
            return None
        return self.app.act(self.desk.grants.reveal, grant.id, how=how)

    def action_copy(self) -> None:
        secret = self._reveal("copied to the clipboard")
        if secret is not None:
            self.app.copy_to_clipboard(secret)
            self.notify("Copied to the clipboard. Clear it when you are done.")

    def action_view(self) -> None:
        grant = self.selected()
        secret = self._reveal("shown on screen")
        if secret is None:
            return
        shown = Text(f"#{grant.id} ", style="bold").append_text(literal(secret, "reverse"))
        self.query_one("#grant-secret", Static).update(
            shown.append(f"   (hidden again in {SHOW_SECONDS:g} s)", style="dim")
        )
        self._showing = True
        if self._mask_timer is not None:
            self._mask_timer.stop()
        self._mask_timer = self.set_timer(SHOW_SECONDS, self.mask)

    def mask(self) -> None:
        """Hide a shown secret again (a mask stays so the place is recognisable)."""
        self._mask_timer = None
        if self._showing and self.is_mounted:
            self._showing = False
            self.query_one("#grant-secret", Static).update(Text(f"{MASK} (hidden)", style="dim"))

    def on_screen_suspend(self) -> None:
        self.mask()

    def action_revoke(self) -> None:
        from hourdesk.screens.choice import ChoiceScreen

        grant = self.selected()
        if grant is None:
            return

        def chosen(choice) -> None:
            if choice is not None and choice[1] and self.app.act(self.desk.grants.revoke, grant.id):
                self.notify(f"Access grant #{grant.id} revoked; the secret is deleted.")

        self.app.push_screen(
            ChoiceScreen(
                f"Revoke “{grant.label}”? The secret is deleted from the keyring now.",
                [("Revoke it", True), ("Keep it", False)],
            ),
            chosen,
        )
