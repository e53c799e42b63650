"""The places built ahead: after the inbox is first painted, the screens of the places with
the most to load are built, laid out and drawn off screen, so that their first visit costs
what a later one does. They read a page of invoices and sums, whatever the desk holds."""

from __future__ import annotations

import gc

from textual.app import App

AHEAD = ("invoices", "receivables")


async def build_ahead(app: App, modes=AHEAD) -> None:
    """Build the places' screens that are not built yet, without showing them."""
    for mode in modes:
        if app._exit or not app.is_running:
            return  # quitting already
        if mode in app._screen_stacks:
            continue
        await app._init_mode(mode)
        screen = app._screen_stacks[mode][0]
        # built with the app's current styles: its first visit need not restyle the app
        screen._css_update_count = app._css_update_count
        screen._refresh_layout(app.size)  # laid out, and its widgets' lines drawn, unseen
        screen._compositor.render_full_update()
    # what the app holds by now (its screens, styles and caches) is left out of the full
    # collections: one of those scanned it all, some 45 ms, in whatever came next
    gc.collect()
    gc.freeze()
    gc.enable()  # off from the start (app.cli.quick_tui) until now


def thaw() -> None:
    """The app is closing: what it held may be collected again."""
    gc.unfreeze()
