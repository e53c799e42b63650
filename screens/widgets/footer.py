"""The footer: the keys that fit, each whole. Help first, then this screen's keys, then the
app's places; what does not fit is one ``?`` away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """Rebuilt only when the keys it shows change; a key that becomes unavailable is dimmed
    in place (rebuilding the footer costs more than the rest of a screen switch)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: list[tuple] = []  # (key, display, description, action) of each key

    def on_resize(self) -> None:
        self.call_after_refresh(self.update_keys)

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if self.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self.update_keys)

    def rank(self, node, action: str) -> int:
        """Help, this screen's keys, the running timer's stop, the places, the rest."""
        if action == "help":
            return 0
        if node is not self.app:
            return 1
        return 2 if action.startswith("stop_timer") else 3 if action.startswith("go(") else 4

    def fitting(self) -> list[tuple]:
        """``(binding, display, enabled, tooltip)`` of the keys that fit, in order."""
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
        return keys

    async def update_keys(self) -> None:
        if not self.is_attached:
            return
        keys, widgets = self.fitting(), list(self.query(FooterKey))
        shape = [(b.key, d, b.description, b.action) for b, d, _, _ in keys]
        if shape != self._shown or len(widgets) != len(keys):
            await self.recompose()
            return
        for widget, (_binding, _display, enabled, tooltip) in zip(widgets, keys, strict=True):
            if widget._disabled == enabled:
                widget._disabled = not enabled
                widget.set_class(not enabled, "-disabled")
            widget.tooltip = tooltip or None

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        keys = self.fitting()
        self._shown = [(b.key, d, b.description, b.action) for b, d, _, _ in keys]
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
