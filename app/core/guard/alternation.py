"""Alternations the regular-expression engine searches fast.

Python's engine tries every alternative of a group at each position of the text; grouped
by their first letter (``p(?:ass|wd)|k(?:ey|ennwort)`` for ``pass|pwd|key|kennwort``) it
tries one group and fails on the others at once. The matches are the same: alternatives
with different first letters never match at the same position, and each group keeps the
order of its alternatives.
"""

from __future__ import annotations

import re

_QUANTIFIERS = frozenset("?*+{")


def by_first_letter(*sources: str) -> str:
    """The alternatives of ``sources`` as one non-capturing group, grouped by their first
    letter; left as they are when one of them does not start with a plain letter."""
    alternatives = [alt for source in sources for alt in _top_level(source)]
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not alt[:1].isalnum() or alt[1:2] in _QUANTIFIERS:
            return "(?:" + "|".join(alternatives) + ")"
        groups.setdefault(alt[0], []).append(alt[1:])
    return (
        "(?:"
        + "|".join(
            re.escape(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
            for first, rests in groups.items()
        )
        + ")"
    )


_LITERAL = re.compile(r"[A-Za-z0-9_:/~-]*")


def needle(pattern: re.Pattern[str]) -> str:
    """The text every match of ``pattern`` starts with ("" when it may start anyhow): where
    the text lacks it, a search for the pattern is skipped, far cheaper than a search."""
    if pattern.flags & re.IGNORECASE:
        return ""
    literal = _LITERAL.match(pattern.pattern)
    prefix = literal.group() if literal is not None else ""
    return prefix[:-1] if pattern.pattern[len(prefix) : len(prefix) + 1] in _QUANTIFIERS else prefix


def _top_level(source: str) -> list[str]:
    """The alternatives of ``source`` split at its ``|`` outside groups and classes."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if source.startswith(("[]", "[^]"), i):
                i += 2 if source[i + 1] == "]" else 3
                continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            out.append(source[start:i])
            start = i + 1
        i += 1
    out.append(source[start:])
    return out
