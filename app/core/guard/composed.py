"""A value said in its parts, then whole: "girasol seguido de 1990, todo junto girasol1990",
"usa marrone tutto minuscolo e poi 44, quindi marrone44", "Framboise dash 2023 …,
donc Framboise-2023".

A token of letters and digits (one the learned look weighs too) is such a value when the
words and numbers said shortly before it make it up, every part of it, in its order, one of
them a word of four letters or more, and a word that joins them stands right before it ("so",
"todo junto", "quindi", a colon); a dash, a dot or "_" in it only when a word for one was
said too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.scorer import candidates
from hourdesk.app.core.guard.values import Span, is_lookalike, names_a_thing

# Letters and digits, perhaps parted by a dash, a dot or "_" ("Framboise-2023").
_TOKEN = re.compile(
    r"(?=[\w.-]{0,39}\d)(?=[\d.-]{0,39}[^\W\d_])[^\W_](?:[^\W_]|[-_.](?=[^\W_])){5,39}"
)
_SEPARATORS = str.maketrans("", "", "-_.")
_SEPARATOR_SAID = re.compile(
    r"(?<!\w)(?:dash|hyphen|underscore|dot|tiret|trait d'union|point|guion|guión|punto"
    r"|trattino|bindestrich|unterstrich|punkt|hífen|ponto|myślnik|kropka)(?!\w)"
)
_PART = re.compile(r"(?<![^\W_])(?:[^\W\d_]{3,}|\d{2,})(?![^\W_])")  # a word or a number said
_REACH = 160  # how far back its parts may be said
# What says the parts are joined, right before the value: "todo junto", "quindi", "(so",
# "donc", "also", "czyli", "so that would be", "bez mezer:".
_JOINED = re.compile(
    r"(?:(?<!\w)(?:so|also|thus|together|junto|junta|quindi|dunque|donc|czyli|dus|alltså|altså"
    r"|tehát|ergo|zusammen|dohromady)(?!\w)[^\n.!?]{0,24}|[=:])[ \t(\"'“]*\Z"
)


def composed_values(text: str, low: str) -> Iterator[Span]:
    """Tokens made of the words and numbers said just before them."""
    for start, end in candidates(text):
        if (
            _TOKEN.fullmatch(low, start, end) is None
            or low[start - 1 : start] in ("@", ".", "/", ":", "#", "-")  # an address, a path
            or low[end : end + 1] in ("@", "/", ":", "#", "-")
        ):
            continue
        token, reach = low[start:end].translate(_SEPARATORS), max(0, start - _REACH)
        if len(token) < end - start and _SEPARATOR_SAID.search(low, reach, start) is None:
            continue  # a dash, a dot or "_" in it, and no word for one said
        if low.find(token[:2], reach, start) == -1 or low.find(token, reach, start) != -1:
            continue  # its first part unsaid (a quick test), or the token itself said before
        if _JOINED.search(low, max(0, start - 40), start) is None:
            continue  # nothing says the parts make it: "Chemistry 101 … chemistry101"
        said = [p.group() for p in _PART.finditer(low, reach, start)]
        if _made_of(token, said) and not (is_lookalike(token) or names_a_thing(token)):
            yield start, end, "password", "composed"


def _made_of(token: str, said: list[str]) -> bool:
    """Whether ``token`` is parts of ``said`` in their order, a word of four letters or more
    among them (each part the next said after the one before)."""
    at, worded = 0, False
    for part in said:
        if token.startswith(part, at):
            at += len(part)
            worded = worded or (len(part) >= 4 and part.isalpha())
            if at == len(token):
                return worded
    return False
