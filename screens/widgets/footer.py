"""The footer: the keys that fit, each whole. Help first, then this screen's keys, then the
app's places; what does not fit is one ``?`` away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

# Shorter words where the footer is crowded (help and the palette keep the full ones).
SHORT = {
    "inbox.start_stop_timer": "Timer",
    "ticket.start_stop_timer": "Timer",
    "inbox.prev_page": "Prev",
    "inbox.next_page": "Next",
    "app.mail_intake": "Intake",
}


def label(binding) -> str:
    return SHORT.get(binding.id, binding.description)


class KeysFooter(Footer):
    """Rebuilt only when the keys it shows change; a key that becomes unavailable is dimmed
    in place (rebuilding the footer costs more than the rest of a screen switch)."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=False)
        self._shown: list[tuple] = []  # compact, then (key, display, label, action) of each key

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

    def fitting(self) -> tuple[list[tuple], bool]:
        """``(binding, display, enabled, tooltip)`` of the keys that fit, in order, and whether
        they are spaced compactly (one space apart instead of two, when that fits more)."""
        shown: dict[str, tuple] = {}
        for node, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in shown:
                shown[binding.action] = (node, binding, enabled, tooltip)
        order = sorted(shown.values(), key=lambda row: self.rank(row[0], row[1].action))
        width = max(self.size.width or self.app.size.width, 20) - 1
        for compact in (False, True):
            room, keys = width, []
            for _node, binding, enabled, tooltip in order:
                display = self.app.get_key_display(binding)
                need = len(display) + len(label(binding)) + (2 if compact else 3)
                if need > room:
                    continue  # a shorter one further on may still fit
                room -= need
                keys.append((binding, display, enabled, tooltip))
            if len(keys) == len(order):
                break
        return keys, compact

    def shape(self, keys: list[tuple], compact: bool) -> list[tuple]:
        return [compact] + [(b.key, d, label(b), b.action) for b, d, _, _ in keys]

    async def update_keys(self) -> None:
        if not self.is_attached:
            return
        (keys, compact), widgets = self.fitting(), list(self.query(FooterKey))
        if self.shape(keys, compact) != self._shown or len(widgets) != len(keys):
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
        keys, compact = self.fitting()
        self._shown = self.shape(keys, compact)
        self.set_reactive(Footer.compact, compact)
        self.set_class(compact, "-compact")
        for binding, display, enabled, tooltip in keys:
            yield FooterKey(
                binding.key,
                display,
                label(binding),
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            ).data_bind(compact=Footer.compact)
