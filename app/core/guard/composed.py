"""A value said in its parts, then whole: "girasol seguido de 1990, todo junto girasol1990",
"usa marrone tutto minuscolo e poi 44, quindi marrone44", "Framboise dash 2023 …,
donc Framboise-2023"; or described after a word for a password, then given: "the street
number twice and Sakura, so 4848Sakura", "our company name and the phone code,
TbilisiCarpets995".

A token of letters and digits (one the learned look weighs too) is such a value when the
words and numbers said shortly before it make it up, every part of it, in its order, one of
them a word of four letters or more, and a word that joins them stands right before it ("so",
"todo junto", "quindi", a colon); a dash, a dot or "_" in it only when a word for one was
said too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from heapq import merge

from hourdesk.app.core.guard.cjk import CJK_WORD
from hourdesk.app.core.guard.scorer import candidates, label_ends
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


# What gives a value after its description: "so", "czyli", "tedy", "o sea", "つまり", then
# the value ("that's "Tulum2023$"", "그러니까 hanok0909 입니다").
_THAT_IS = re.compile(
    r"(?:(?<!\w)(?:so|i\.e\.|that'?s|czyli|tedy|tzn\.|o[ \t]sea|es[ \t]decir|ou[ \t]seja"
    r"|quer[ \t]dizer|d\.[ \t]?h\.|sprich|c'est-à-dire|cioè|oftewel|yani|tức[ \t]là|nghĩa[ \t]là"
    r"|dus|donc|quindi|alltså|altså|dvs|azaz|vagyis|тобто|то[ \t]есть|т\.[ \t]?е\.|δηλαδή)"
    r"(?![^\W_])|つまり|그러니까|즉"
    # or only a comma or a dash, after words that say how it is made (below)
    r"|(?P<mark>,(?<=[^\W_],)|[ \t][—–-]|—))"
    r"[ \t,:—–-]{0,4}(?:(?:it'?s|es|é|je|to)[ \t]+)?[(\"'“«「]{0,2}"
    r"(?P<v>[^\s\"'”»」(),;]{6,40})"
    # ending its clause: "so 4848Sakura. dont laugh", "izakaya5512 です", "Burek2019!  Daj"
    r"(?=[ \t]{0,3}(?:[.,;:!?)\"'”»」]|\r?\n|\Z|です|입니다|이에요|예요|[—–]|-[ \t]))"
)
# How a value is made, said in its sentence before a comma or a dash gives it: "our
# company name and the phone code, TbilisiCarpets995"; "… with a hash at the end — Langtang#".
_MADE = re.compile(
    r"(?<!\w)(?:plus|followed[ \t]by|capital|upper[ \t-]?case|lower[ \t-]?case|at[ \t]the[ \t]end"
    r"|without[ \t]spaces|no[ \t]spaces|motto|car[ \t]plate|number[ \t]plate"
    r"|and[ \t]+(?:the[ \t]+|his[ \t]+|her[ \t]+|my[ \t]+|our[ \t]+)?(?:year|\d{1,4}|birth\w*"
    r"|(?:phone|area|post|zip)[ \t]?code|numbers?|digits)"
    r"|with[ \t]+(?:a|an|the)[ \t]+(?:capital|number|digit|symbol|hash|year|\d))(?!\w)|\+"
)
_SENTENCE_END = re.compile(r"[.!?](?:[ \t]|$)|\n", re.MULTILINE)
# Letters with a digit or a symbol within: not a product's name ("GlobalProtect", "Gmail-App").
_VALUE_SHAPE = re.compile(r"(?=.*[^\W\d_])(?=.*[\d#$%&*+=?@^~])")
_DESCRIBED_REACH = 200  # how far before the value its word for a password may be
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_KEY_AFTER = re.compile(r"[\"']?[ \t]*[:=]")


def described_values(text: str, low: str) -> Iterator[Span]:
    """A value after a word that gives it ("so", "czyli", "つまり"), or after a comma or a dash
    where its sentence says how it is made, described in the words before, a word for a
    password among them in its paragraph: a value of letters with a digit or a symbol that
    ends its clause, none of an address, a file, a product or a date."""
    done = 0
    cjk = () if text.isascii() else (m.end() for m in CJK_WORD.finditer(text))
    for label in merge(label_ends(low)[0], cjk):
        start = max(label, done)
        stop = min(label + _DESCRIBED_REACH, len(low))
        if (paragraph := _BLANK_LINE.search(low, label, stop)) is not None:
            stop = paragraph.start()
        pos, end = start, min(stop + 80, len(low))
        while (m := _THAT_IS.search(low, pos, end)) is not None and m.start() < stop:
            value_start, value_end = m.span("v")
            while value_end > value_start and text[value_end - 1] in ".:?":
                value_end -= 1  # a question's mark too, unlike trim_value: "also richtig?"
            value = text[value_start:value_end]
            done = pos = m.end()
            if (
                _KEY_AFTER.match(text, value_end) is None  # '"invalid_token","error_…":'
                and (not m.group("mark") or _made(low, label, m.start()))
                and len(value) >= 6
                and _VALUE_SHAPE.match(value) is not None
                and not (is_lookalike(value) or names_a_thing(value))
            ):
                yield value_start, value_end, "password", "described"
            elif m.group("mark"):
                pos = value_start  # the word after a comma may give the value: ", alltså "…""
        done = max(done, stop)  # each word that gives a value is read once


def _made(low: str, label: int, mark: int) -> bool:
    """Whether the words from a label to a mark that gives a value say how the value is made,
    in one sentence."""
    return (
        _SENTENCE_END.search(low, label, mark) is None
        and _MADE.search(low, label, mark) is not None
    )
