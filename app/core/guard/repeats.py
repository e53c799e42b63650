"""Every occurrence of a secret: once the rules found a value, the same value anywhere else
in the message ("2419 to disarm, 2419 + away") is removed too, when it is long or unusual
enough that it cannot be an ordinary word or number of the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from os.path import commonprefix

from hourdesk.app.core.guard.values import NOT_SECRETS, Span, is_placeholder

# Where a repeat may start and end: not inside a longer word, number or token.
_INSIDE = r"[\w\-/@]"  # the character before
_GOES_ON = r"[\w@]|[\-./:]\w"  # what follows
_CONTINUES = re.compile(_INSIDE)
_CONTINUED = re.compile(_GOES_ON)
# Up to this many values, each is looked for with str.find: compiling one pattern for them
# all costs more than it saves; past it, the pattern of their shared prefixes is faster.
_FIND_AT_MOST = 50


def _follows(value: str) -> bool:
    """Whether a found value is worth looking for again: a PIN of four digits or more, a
    value of five characters or more with a digit or a symbol, or a long word that is not
    plain lower case (``HARBORLIGHT``, not ``summer``); none longer than 128 characters."""
    if not 4 <= len(value) <= 128 or "\n" in value:
        return False
    if value.lower() in NOT_SECRETS or is_placeholder(value):
        return False
    if value.isdigit():
        return True
    if value.isalpha():
        return len(value) >= 8 and not value.islower()
    return len(value) >= 5


def repeats(text: str, spans: list[tuple[int, int, str]]) -> Iterator[Span]:
    """The other occurrences of the values of ``spans`` (start, end, kind) in ``text``:
    every one after the first, found again or not (a repeat names them all)."""
    kinds: dict[str, str] = {}
    first: dict[str, int] = {}
    for start, end, kind in spans:
        value = text[start:end]
        kinds.setdefault(value, kind)
        first[value] = min(start, first.get(value, start))
    kinds = {value: kind for value, kind in kinds.items() if _follows(value)}
    if not kinds:
        return
    for start, end in _occurrences(text, list(kinds)):
        if start != first[text[start:end]]:
            yield start, end, kinds[text[start:end]], "repeat"


def _occurrences(text: str, values: list[str]) -> Iterator[tuple[int, int]]:
    """Where the values occur whole, not inside a longer word, number or token."""
    if len(values) > _FIND_AT_MOST:
        pattern = f"(?<!{_INSIDE})(?:{_alternatives(sorted(values))})(?!{_GOES_ON})"
        for m in re.finditer(pattern, text):
            yield m.span()
        return
    for value in values:
        at = text.find(value)
        while at != -1:
            end = at + len(value)
            if not (at and _CONTINUES.match(text, at - 1)) and not _CONTINUED.match(text, end):
                yield at, end
            at = text.find(value, at + 1)


def _alternatives(values: list[str]) -> str:
    """A regular expression of ``values`` (sorted, unique), sharing their prefixes, so that
    it tries one branch per character and not one per value; the longest value wins."""
    optional = values[0] == ""
    branches = []
    for _first, group in groupby(values[optional:], key=itemgetter(0)):
        members = list(group)
        prefix = commonprefix(members)  # noqa: RUF071 - the characters they share
        rest = [member[len(prefix) :] for member in members]
        branches.append(re.escape(prefix) + (_alternatives(rest) if len(rest) > 1 else ""))
    body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 or optional else branches[0]
    return body + "?" if optional else body
