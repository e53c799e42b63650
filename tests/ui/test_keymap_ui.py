"""Keys you can change: every binding has an id, and ``[keys]`` in the settings remaps it;
unknown ids and clashes are said at start and left out."""

from __future__ import annotations

from hourdesk.app.desk.facade import Desk
from hourdesk.app.tui import HourdeskApp
from hourdesk.screens.keymap import binding_table, check_keymap

SIZE = (120, 40)


def test_every_binding_has_an_id_and_no_id_is_used_twice() -> None:
    ids = [ident for rows in binding_table(HourdeskApp).values() for ident, _ in rows]
    assert len(ids) == len(set(ids))
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding

    from hourdesk import screens

    for info in pkgutil.walk_packages(screens.__path__, "hourdesk.screens."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for binding in vars(cls).get("BINDINGS", ()):
                assert isinstance(binding, Binding) and binding.id, (cls, binding)


def test_unknown_ids_and_clashes_are_refused_with_the_reason() -> None:
    good, problems = check_keymap(
        {"ticket.note": "T", "ticket.reply": "t", "no.such": "z"}, HourdeskApp
    )
    assert good == {}
    assert any("no.such" in p and "no such binding" in p for p in problems)
    assert any("ticket.note" in p and "'Stop timer' (app.stop_timer)" in p for p in problems)
    assert any("ticket.reply" in p and "already" in p for p in problems)
    # a key freed by a remap may be taken by another binding
    good, problems = check_keymap({"app.stop_timer": "ctrl+x", "ticket.note": "T"}, HourdeskApp)
    assert good == {"app.stop_timer": "ctrl+x", "ticket.note": "T"} and problems == []


async def test_a_remapped_key_works_and_the_old_one_does_not(desk: Desk, clock) -> None:
    client = desk.clients.add(name="Harbor", emails="o@harbor.example")
    ticket = desk.tickets.new(client_id=client.id, subject="P", body="x", billable=False)
    desk.settings.keys = {"app.stop_timer": "ctrl+x", "nope.nothing": "z"}
    desk.timer.start(ticket.ref)
    app = HourdeskApp(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("nope.nothing" in m for m in said)
        await pilot.press("T")
        await pilot.pause()
        assert desk.timer.running() is not None
        await pilot.press("ctrl+x")
        await pilot.pause()
        assert desk.timer.running() is None
