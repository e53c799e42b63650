"""The ``[keys]`` table of the settings: binding id → key(s), checked before it is applied.

Every binding of hourdesk has an id (``inbox.new_ticket``, ``app.stop_timer``, ...); ``?``
lists the keys as they are. An unknown id, or a key that another binding of the same place
(or of the app) already uses, is reported and that line is left out.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding


def _keys(text: str) -> list[str]:
    return [k.strip() for k in text.split(",") if k.strip()]


def binding_table(app_class: type) -> dict[str, list[tuple[str, Binding]]]:
    """Every class with bindings (the App's and every screen's), by scope:
    ``{"app": [(id, binding), ...], "inbox": ...}``."""
    from hourdesk import screens

    classes = [app_class]
    for info in pkgutil.walk_packages(screens.__path__, "hourdesk.screens."):
        module = importlib.import_module(info.name)
        classes += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if c.__module__ == module.__name__ and "BINDINGS" in vars(c)
        ]
    table: dict[str, list[tuple[str, Binding]]] = {}
    for cls in classes:
        for binding in vars(cls)["BINDINGS"]:
            if isinstance(binding, Binding) and binding.id:
                table.setdefault(binding.id.split(".")[0], []).append((binding.id, binding))
    return table


def check_keymap(wanted: dict[str, str], app_class: type) -> tuple[dict[str, str], list[str]]:
    """The lines of ``wanted`` that can be applied, and a sentence for each that cannot."""
    table = binding_table(app_class)
    known = {ident: binding for rows in table.values() for ident, binding in rows}
    problems = []
    good = {}
    for ident, keys in wanted.items():
        if ident not in known:
            problems.append(f"[keys] {ident}: there is no such binding (? lists them).")
            continue
        scope = ident.split(".")[0]
        taken = {}
        for other_scope in {scope, "app"}:
            for other, binding in table.get(other_scope, []):
                if other != ident:
                    for key in _keys(wanted.get(other, binding.key)):
                        taken[key] = (other, binding.description)
        clash = next((k for k in _keys(keys) if k in taken), None)
        if clash is not None:
            other, description = taken[clash]
            problems.append(
                f"[keys] {ident} = {keys!r}: {clash} is already {description!r} ({other}); "
                "choose another key."
            )
            continue
        good[ident] = keys
    return good, problems
