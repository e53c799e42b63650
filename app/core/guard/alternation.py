"""Alternations the regular-expression engine searches fast.

Python's engine tries every alternative of a group at each position of the text; grouped
by their first letter (``p(?:ass|wd)|k(?:ey|ennwort)`` for ``pass|pwd|key|kennwort``) it
tries one group and fails on the others at once. The matches are the same: alternatives
with different first letters never match at the same position, and each group keeps the
order of its alternatives.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from functools import wraps
from typing import TypeVar

_QUANTIFIERS = frozenset("?*+{")
_T = TypeVar("_T")


def once_per_text(search: Callable[[str], _T]) -> Callable[[str], _T]:
    """``search`` remembering its last text: the detectors of one scan that read the same
    search of a text search it once. The text is known by identity (the one held cannot be
    freed and its address reused); threads each see a whole pair."""
    last: list[tuple[str, _T]] = []

    @wraps(search)
    def searched(text: str) -> _T:
        if last and (pair := last[-1])[0] is text:
            return pair[1]
        found = search(text)
        last[:] = [(text, found)]
        return found

    return searched


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


_LITERAL = re.compile(r"[A-Za-z0-9_:/~ '’\u00c0-\u024f-]*")


def needle(pattern: re.Pattern[str]) -> str:
    """The text every match of ``pattern`` starts with ("" when it may start anyhow): a
    text that lacks it needs no search for the pattern."""
    return "" if pattern.flags & re.IGNORECASE else _literal(pattern.pattern)


def _literal(source: str) -> str:
    literal = _LITERAL.match(source)
    prefix = literal.group() if literal is not None else ""
    return prefix[:-1] if source[len(prefix) : len(prefix) + 1] in _QUANTIFIERS else prefix


def first_words(source: str) -> tuple[str, ...]:
    """The literal words the alternatives of ``source`` start with, none starting with
    another; empty when an alternative starts with less than three letters of literal
    (those are too common to be looked for one by one)."""
    words = sorted({_literal(alt) for alt in _top_level(source)})
    if any(len(word) < 3 for word in words):
        return ()
    return tuple(w for i, w in enumerate(words) if not any(w.startswith(v) for v in words[:i]))


# Shorter texts are searched by the engine: looking for each word costs more there.
_LONG = 1000


class Rare:
    """A pattern whose matches each start with one of a few rare words (``words``, the
    alternatives before ``rest``): ``str.find`` finds those many times faster than the
    engine tries every position that starts with one of their letters."""

    def __init__(self, words: str, rest: str = "") -> None:
        self.pattern = re.compile(by_first_letter(words) + rest)
        self._firsts = first_words(words)

    def searcher(self, text: str) -> Callable[[int], re.Match[str] | None]:
        """``pos -> self.pattern.search(text, pos)`` for a ``pos`` that never goes back."""
        if not self._firsts or len(text) < _LONG:
            return lambda pos: self.pattern.search(text, pos)
        starts = set()
        for word in self._firsts:
            at = text.find(word)
            while at != -1:
                starts.add(at)
                at = text.find(word, at + 1)
        ordered = sorted(starts)
        tried = 0  # the starts before it failed or lie before ``pos``

        def search(pos: int) -> re.Match[str] | None:
            nonlocal tried
            tried = bisect_left(ordered, pos, tried)
            while tried < len(ordered):
                if (m := self.pattern.match(text, ordered[tried])) is not None:
                    return m
                tried += 1
            return None

        return search

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``self.pattern.finditer(text)`` finds, in the same order."""
        return _every(self.searcher(text))


def _every(search: Callable[[int], re.Match[str] | None]) -> Iterator[re.Match[str]]:
    """Each match ``search`` finds from the start, every one after the one before."""
    pos = 0
    while (m := search(pos)) is not None:
        yield m
        pos = m.end() + (m.end() == m.start())


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


class ByScript:
    """Alternatives searched in two patterns, those that start with a Latin-1 letter and
    the others (Greek, Cyrillic, Arabic, CJK, …): the engine tests each position against
    the set of first letters, several times slower once the set holds a letter past
    Latin-1; the two searches, merged, cost about what the Latin one does alone. No two
    alternatives of different patterns start at the same position. A short text is
    searched with one pattern of them all: there the cost per search counts."""

    def __init__(self, *sources: str, suffix: str = "") -> None:
        alternatives = [alt for source in sources for alt in _top_level(source)]
        latin = [alt for alt in alternatives if alt[0] <= "\xff"]
        other = [alt for alt in alternatives if alt[0] > "\xff"]
        self.patterns = [
            re.compile(by_first_letter(*group) + suffix) for group in (latin, other) if group
        ]
        self.pattern = re.compile(by_first_letter(*alternatives) + suffix)
        self._every = once_per_text(self._all)

    def searcher(self, text: str) -> Callable[[int], re.Match[str] | None]:
        """``pos -> self.pattern.search(text, pos)`` for a ``pos`` that never goes back.

        A long text is searched once for every match, which the detectors of one scan
        share; a ``pos`` inside one of those is searched from there."""
        if len(text) < _LONG:
            return lambda pos: self.pattern.search(text, pos)
        found, starts = self._every(text)

        def search(pos: int) -> re.Match[str] | None:
            i = bisect_left(starts, pos)
            if i and found[i - 1].end() > pos:
                return self.pattern.search(text, pos)
            return found[i] if i < len(found) else None

        return search

    def _all(self, text: str) -> tuple[list[re.Match[str]], list[int]]:
        """Every match in ``text``, merged from the two patterns, and where each starts."""
        found = list(_every(self._merged(text)))
        return found, [m.start() for m in found]

    def _merged(self, text: str) -> Callable[[int], re.Match[str] | None]:
        """``pos -> self.pattern.search(text, pos)``, from the two patterns' searches."""
        ahead: list[re.Match[str] | None] = [None] * len(self.patterns)
        done = [False] * len(self.patterns)

        def search(pos: int) -> re.Match[str] | None:
            first = None
            for i, pattern in enumerate(self.patterns):
                m = ahead[i]
                if not done[i] and (m is None or m.start() < pos):
                    m = ahead[i] = pattern.search(text, pos)
                    done[i] = m is None
                if m is not None and (first is None or m.start() < first.start()):
                    first = m
            return first

        return search

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in ``text``, in order."""
        return _every(self.searcher(text))
