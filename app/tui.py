"""The Textual application. The only module under app/ that imports Textual."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from app.desk import Desk


class HourdeskApp(App):
    """hourdesk's TUI: the inbox first; every screen gets the desk from here."""

    TITLE = "hourdesk"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk

    def on_mount(self) -> None:
        from screens.inbox import InboxScreen

        self.push_screen(InboxScreen())

    def action_help(self) -> None:
        from screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers every key that works on the current screen, and the basics."""
        seen = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or not active.enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            yield SystemCommand(
                binding.description,
                f"key: {binding.key_display or key}",
                partial(self.run_action, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications carry client text: never parse them as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
