"""The places built ahead: after the inbox is first painted, the screens of the places with
the most to load are built, laid out and drawn off screen, so that their first visit costs
what a later one does. Not on a desk with years of invoices: those screens hold every
invoice, and building them unasked would cost seconds and hundreds of megabytes."""

from __future__ import annotations

from textual.app import App

AHEAD = ("invoices", "receivables")
AHEAD_INVOICES = 1000  # at most this many invoices: more and the places are built when asked


async def build_ahead(app: App, modes=AHEAD) -> None:
    """Build the places' screens that are not built yet, without showing them."""
    if app.desk.invoicing.count() > AHEAD_INVOICES:
        return
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
