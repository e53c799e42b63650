"""Keys in the order they were typed.

Textual forwards a key to the focused widget and runs its binding only when the key has
bubbled back up to the app, through a message queue per widget. The keys typed meanwhile are
forwarded first, to the widget focused before the binding ran: ``/0033`` typed fast sends the
digits to the table, not to the search box that ``/`` opens. When nothing between the focused
widget and the screen handles keys itself, the binding is all that can take the key, so it
runs at once, before the next key is read.
"""

from __future__ import annotations

from functools import cache

from textual import events
from textual.app import App
from textual.widget import Widget


@cache
def takes_keys(kind: type) -> bool:
    """Whether a widget of this class handles keys itself (an input, a text area)."""
    return (
        kind._on_key is not Widget._on_key
        or hasattr(kind, "on_key")
        or any(name.startswith("key_") for name in dir(kind))
    )


async def bound_at_once(app: App, event: events.Key) -> bool:
    """Run the binding of a freshly typed key now, when only a binding can take it; whether
    one did (else the key goes the usual way)."""
    if event.is_forwarded or app.screen.maximized is not None:
        return False
    focused = app.focused
    chain = focused.ancestors_with_self if focused is not None else [app.screen]
    if any(takes_keys(type(node)) for node in chain if isinstance(node, Widget)):
        return False
    app.app_focus = True
    return await app._check_bindings(event.key, priority=True) or await app._check_bindings(
        event.key
    )
