"""Every secret on a line: once a line holds a credential or a password label, each
further value with a password's shape after a separator on it is a credential too
("Email: … | VPN: …", "… und das vom Drucker ist …", "… changed it to …")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from hourdesk.app.guard.labels import PASSWORD_LABEL
from hourdesk.app.guard.values import (
    NOT_SECRETS,
    SYMBOLS,
    Span,
    is_lookalike,
    is_placeholder,
    looks_strong,
    starts_word,
    trim_value,
)

# A separator, then a value: ":", "=", "-", "is", "ist", "to", "and", … (one line only).
_SEPARATED = re.compile(
    r"(?:[:=]|[\s,;|(](?:is|ist|lautet|est|es|é|è|er|är|jest|to|auf|naar|and|und|et|y"
    r"|or|oder|ou|o|[-–—]))[ \t]+[\"'“‘]?"
    r"(?P<v>(?=[^\s\"'”’,;|()]{0,63}\d)[^\s\"'”’,;|()]{6,64})"
)

# A capitalised word inside a value: "Ferry_Dock_88", not a model like "HP-M404dn".
_WORD_PART = re.compile(r"[A-Z][a-zß-ÿ]{2}")


def _password_shape(value: str) -> bool:
    return (
        value.lower() not in NOT_SECRETS
        and looks_strong(value)
        and (bool(SYMBOLS.intersection(value)) or _WORD_PART.search(value) is not None)
    )


def line_siblings(text: str, low: str, starts: Iterable[int]) -> Iterator[Span]:
    """Password-shaped values on each line that holds a finding (one of ``starts``) or a
    password label. Each line is read once, however many triggers it holds."""
    pending = sorted(starts, reverse=True)
    label = _next_label(low, 0)
    pos = 0
    while True:
        while pending and pending[-1] < pos:
            pending.pop()
        if label < pos:
            label = _next_label(low, pos)
        trigger = min(label, pending[-1] if pending else len(text))
        if trigger >= len(text):
            return
        line_start = text.rfind("\n", pos, trigger) + 1 or pos
        line_end = text.find("\n", trigger)
        line_end = len(text) if line_end == -1 else line_end
        for m in _SEPARATED.finditer(text, line_start, line_end):
            start = m.start("v")
            end = trim_value(text, start, m.end("v"))
            value = text[start:end]
            if _password_shape(value) and not is_lookalike(value) and not is_placeholder(value):
                yield start, end, "password", "line-sibling"
        pos = line_end + 1


def _next_label(low: str, pos: int) -> int:
    """Where the next password label starts at or after ``pos``; ``len(low)`` if none."""
    while (m := PASSWORD_LABEL.search(low, pos)) is not None:
        if starts_word(low, m.start(), "/"):
            return m.start()
        pos = m.end()
    return len(low)
