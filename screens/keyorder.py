"""Keys in the order they were typed.

Textual forwards a key to the focused widget and runs its binding only when the key has
bubbled back up to the app, through a message queue per widget. The keys typed meanwhile are
forwarded first, to the widget focused before the binding ran: ``/0033`` typed fast sends the
digits to the table, not to the search box that ``/`` opens. When nothing between the focused
widget and the screen takes the key itself, only a binding can take it, so the binding runs
at once, before the next key is read.
"""

from __future__ import annotations

import asyncio
from functools import cache

from textual import events
from textual.app import App
from textual.widget import Widget
from textual.widgets import Input, TextArea


@cache
def takes_keys(kind: type) -> bool:
    """Whether a widget of this class handles keys itself (an input, a text area)."""
    return (
        kind._on_key is not Widget._on_key
        or hasattr(kind, "on_key")
        or any(name.startswith("key_") for name in dir(kind))
    )


def takes(node: Widget, event: events.Key) -> bool:
    """Whether ``node`` takes this key itself, before any binding sees it: an input takes
    what is typed, a text area also enter (and tab when it indents); an input's tab or
    ctrl+s is a binding's, so the text typed after it goes where the binding moved."""
    if isinstance(node, Input):
        return event.is_printable
    if isinstance(node, TextArea):
        indents = node.tab_behavior == "indent" and event.key in ("tab", "escape")
        return not node.read_only and (event.is_printable or event.key == "enter" or indents)
    return takes_keys(type(node))


def as_typed(app: App, event: events.Key) -> events.Key:
    """An enter typed before hourdesk took the terminal over arrives as a newline (ctrl+j):
    the terminal's line discipline made it one. It is taken as the enter it was."""
    if event.key != "ctrl+j" or event.is_forwarded:
        return event
    enter = events.Key("enter", "\r")
    enter.set_sender(app)
    return enter


async def bound_at_once(app: App, event: events.Key) -> bool:
    """Run the binding of a freshly typed key now, when only a binding can take it; whether
    one did (else the key goes the usual way)."""
    if event.is_forwarded or app.screen.maximized is not None:
        return False
    focused = app.focused
    chain = focused.ancestors_with_self if focused is not None else [app.screen]
    if any(takes(node, event) for node in chain if isinstance(node, Widget)):
        return False
    app.app_focus = True
    await settled(app.screen)  # the keys before it first: a binding must not overtake them
    if await app._check_bindings(event.key, priority=True) or await app._check_bindings(event.key):
        await settled(app.screen)
        return True
    return False


async def settled(screen, rounds: int = 200) -> None:
    """Let the screen handle what was posted to it (an input's enter posts the message on
    which a form moves to the next field) before the next key is read. Bounded: it never
    waits on the app's own queue, which is what runs this."""
    for _ in range(rounds):
        if all(node._message_queue.empty() for node in screen.walk_children(with_self=True)):
            return
        await asyncio.sleep(0)
