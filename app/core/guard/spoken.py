"""Values said aloud and typed by voice: "the lock box is four four six nine full stop",
"changed the password to blue tractor seven seven", "… is Caernarfon underscore forty one".

After a word that gives a value ("is", "to", ":") in a sentence about a password or a code,
up to three words and then two to eight number words, perhaps a symbol said at the end, up
to where the clause ends. The words before the numbers may not be words of ordinary prose
("the alarm is set for seven thirty" is a time).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.values import NOT_SECRETS, Span

_NUMBER = (
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|double|triple"
)
_NUMBER_WORD = re.compile(_NUMBER).fullmatch
_SAID = r"hash|star|exclamation[ \t]mark|at[ \t]sign|underscore|dash|hyphen|dot|pound"
_SPOKEN = re.compile(
    r"\b(?:is|to|as|was|be|now)[ \t]*:?[ \t]+"
    rf"(?P<v>(?:[^\W\d_]{{2,20}}[ \t]+){{0,3}}?(?:{_NUMBER})(?:[ \t]+(?:{_NUMBER}|{_SAID})){{1,8}})"
    r"(?=[ \t]*(?:full[ \t]stop|period|[.,;!?)]|\r?\n|\Z|and[ \t]|then[ \t]|thanks|please))"
)
# What the sentence must be about, in the words before the value.
_ABOUT = re.compile(
    r"(?<![^\W\d_])(?:pass(?:word|code|phrase)?|pw|pin|code|combination|lock[ \t-]?box"
    r"|key[ \t-]?safe|keypad|alarm|safe|padlock|login)(?![^\W\d_])"
)
_REACH = 80  # how far back in its sentence the word for a password or a code may stand


def spoken_values(text: str, low: str) -> Iterator[Span]:
    """Passwords and codes said as number words after a word for one."""
    for m in _SPOKEN.finditer(low):
        start, end = m.span("v")
        words = low[start:end].split()
        numbers = next(i for i, word in enumerate(words) if _NUMBER_WORD(word))
        if any(word in NOT_SECRETS for word in words[:numbers]):
            continue
        sentence = max(low.rfind(mark, max(0, m.start() - _REACH), m.start()) for mark in ".!?\n")
        if _ABOUT.search(low, max(sentence + 1, m.start() - _REACH), m.start()) is None:
            continue
        yield start, end, "password" if numbers else "access code", "spoken"
