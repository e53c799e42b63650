"""The footer: the keys that fit, each whole. Help first, then this screen's keys, then the
app's places; what does not fit is one ``?`` away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(show_command_palette=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.recompose)

    def rank(self, node, action: str) -> int:
        """Help, this screen's keys, the running timer's stop, the places, the rest."""
        if action == "help":
            return 0
        if node is not self.app:
            return 1
        return 2 if action.startswith("stop_timer") else 3 if action.startswith("go(") else 4

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown: dict[str, tuple] = {}
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (node, binding, enabled, tooltip)
        order = sorted(shown.values(), key=lambda row: self.rank(row[0], row[1].action))
        room, keys = max(self.size.width or self.app.size.width, 20) - 1, []
        for _node, binding, enabled, tooltip in order:
            display = self.app.get_key_display(binding)
            need = len(display) + len(binding.description) + 3
            if need > room:
                continue  # a shorter one further on may still fit
            room -= need
            keys.append((binding, display, enabled, tooltip))
        self.styles.grid_size_columns = len(keys)
        for binding, display, enabled, tooltip in keys:
            yield FooterKey(
                binding.key,
                display,
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
