"""The one way free text reaches the database: who wrote it decides what the guard does.

Text the consultant typed passes :func:`typed`: a credential in it is refused, with the
reason and the way to access grants, and nothing is stored. Text from the client or the
outside (mail, a pasted approval, a statement line) passes :func:`received`: it is kept with
every credential replaced by the guard's marker, and the findings are returned for the
ticket to be flagged. The thread passes everything it keeps through :func:`received` too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, overload

from hourdesk.app.core import guard

if TYPE_CHECKING:
    from hourdesk.app.core.settings import Settings

# The settings sections whose texts print on invoices and completion records.
DOCUMENT_SETTINGS = ("business", "payment")

# Short texts the guard found clean, each with the allow list it was read under. Field names,
# senders and the desk's own sentences come back in entry after entry, and the guard's cost is
# mostly fixed per text (about 30 µs, however short). Only clean texts are kept, so no
# credential stays in memory; the memo is emptied when it is full.
_CLEAN_LONGEST = 300
_CLEAN_MOST = 20_000
_clean: dict[str, tuple[str, ...]] = {}


def typed(text: str, field: str, *, what: str = "This text") -> str:
    """``text`` as given; :class:`~hourdesk.app.core.errors.Invalid` on ``field`` when it
    holds a credential."""
    text = str(text)
    guard.check_consultant_text(text, field, what=what)
    return text


@overload
def received(value: str) -> tuple[str, list[guard.Finding]]: ...


@overload
def received(value: dict[str, Any]) -> tuple[dict[str, Any], list[guard.Finding]]: ...


def received(value: str | dict[str, Any]) -> tuple[Any, list[guard.Finding]]:
    """``value`` (a string, or a JSON-like dict of strings, lists and dicts) with every
    credential replaced, and what the guard removed."""
    found: list[guard.Finding] = []
    allowed = guard.allow_list()

    def one(item: Any) -> Any:
        if isinstance(item, str):
            text, findings = _redact(item, allowed)
            found.extend(findings)
            return text
        if isinstance(item, list | tuple):
            return [one(x) for x in item]
        if isinstance(item, dict):
            return {one(k): one(v) for k, v in item.items()}
        return item

    return one(value), found


def _redact(text: str, allowed: tuple[str, ...]) -> tuple[str, list[guard.Finding]]:
    """:func:`guard.redact`, remembering the short texts found clean under ``allowed``."""
    if _clean.get(text) == allowed:
        return text, []
    redacted, findings = guard.redact(text)
    if not findings and len(text) <= _CLEAN_LONGEST:
        if len(_clean) >= _CLEAN_MOST:
            _clean.clear()
        _clean[text] = allowed
    return redacted, findings


def typed_settings(settings: Settings) -> None:
    """The settings texts that reach documents, as typed: refused when one holds a
    credential, on the field ``section__name`` (as the settings form names it)."""
    for section in DOCUMENT_SETTINGS:
        for name, value in getattr(settings, section):
            if isinstance(value, str):
                typed(value, f"{section}__{name}", what=f"The setting {section}.{name}")
