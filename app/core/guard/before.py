"""A value before the label that names it: quoted, ``"ocean-breeze-lighthouse-42" is the
passphrase now``, ``«Nebel Berg Hütte Ofen» ist die Passphrase für den Tresor``, with an
arrow pointing from it, ``Kx7!mPq2wR   <-- that's the admin password``, a word with a
number first in its sentence, ``Blackbird77 is the password for the laptop``, or one set as
the password, ``j'ai mis Patate2026 comme mot de passe``."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.labels import label_end
from hourdesk.app.core.guard.values import Span, is_word, looks_like_password, names_a_thing

# The quote that closes the value, "is" and up to two words before the label ("the new
# admin"); matched backwards from the label, so the pattern ends where the label starts.
_NAMED_AFTER = re.compile(
    r"(?P<close>[\"'”»“])[ \t]*,?[ \t]*(?:is|ist|est|es|è|é|är|er|je|jest|was|war|wird|will[ \t]be"
    r"|as|als|comme|como|come)"  # '… uses "blue scooter eats cold lasagna" as passphrase'
    r"[ \t]+(?:(?:the|die|das|der|le|la|el|il|lo|het|de|den|our|my|unser\w{0,2}|notre|nuestra"
    r"|nostra|onze)[ \t]+)?(?:[^\W\d]{2,15}[ \t]+){0,2}\Z"
)
# The arrow, "that's" and up to two words before the label, matched backwards as above.
_POINTED = re.compile(
    r"(?<!\S)(?P<v>\S{6,64})[ \t]*(?:<-{1,3}|←|<={1,2})[ \t]*"
    r"(?:(?:that['’]?s|thats|this[ \t]is|is|=)[ \t]+)?"
    r"(?:(?:the|my|our|die|das|der|le|la|el)[ \t]+)?(?:[^\W\d]{2,15}[ \t]+){0,2}\Z"
)
# A word with a number or a symbol first in its sentence, then "is the password".
_FIRST_NAMED = re.compile(
    r"(?:^|(?<=[.!?][ \t])|(?<=[.!?][ \t][ \t]))[ \t]*(?P<v>(?=\S{0,39}\d)[^\W\d_]\S{5,39})"
    r"[ \t]+(?:is|was|ist|est|es|är|er)[ \t]+(?:(?:the|my|our|die|das|der|le|la|el)[ \t]+)?"
    r"(?:new[ \t]+|old[ \t]+)?\Z",
    re.MULTILINE,
)
# A value with a digit set "as" the password: "j'ai mis Patate2026 comme mot de passe".
_AS_NAMED = re.compile(
    r"(?<!\S)(?P<v>(?=\S{0,39}\d)\S{6,40})[ \t]+(?:as|comme|como|come|als)[ \t]+"
    r"(?:(?:the|my|our|a|le|la|mon|ma|notre|el|mi|il|das|mein|meine|den|het)[ \t]+)?"
    r"(?:(?:new|nouveau|nouvel|nuevo|nueva|neues|neue)[ \t]+)?\Z"
)
_DIGIT = re.compile(r"\d")
_OPENERS = {'"': '"“„', "'": "'‘", "”": '“"', "»": "«", "“": "„"}
_CLOSER = re.compile("[" + "".join(_OPENERS) + "]")
# The label ends the clause or says what for: "is the passphrase now", "ist die Passphrase
# für den Tresor", not "is the default password policy name".
_LABEL_ENDS = re.compile(
    r"[ \t]*(?:$|[\r\n.,;:!?()—–-]|(?:for|für|fürs|pour|para|voor|per|of|von|vom|du|del|de|now"
    r"|jetzt|maintenant|ahora|too|auch|again|here|there|and|und|et|y|e|please|bitte)(?!\w))",
    re.MULTILINE,
)
# How far before a label the closing quote may be, and how long the value.
_REACH = 60
_LONGEST = 128


def values_before_labels(text: str, low: str, labels: list[int]) -> Iterator[Span]:
    """The quoted value right before "is the password" (one of ``labels``, where password
    labels start): a phrase of words or a password's shape, not a single plain word."""
    for label in labels:
        window = max(0, label - _REACH)
        if low.find("<", window, label) != -1 or low.find("←", window, label) != -1:
            yield from _pointed(text, low, window, label)
        if _DIGIT.search(text, window, label) is not None:
            first = _FIRST_NAMED.search(text, window, label)
            if first is None or _LABEL_ENDS.match(low, label_end(low, label)) is None:
                first = _AS_NAMED.search(low, window, label)  # "put …2026 as the password"
            if first is not None:
                start, end = first.span("v")
                value = text[start:end]
                if looks_like_password(value, False, True, text, end) and not names_a_thing(value):
                    yield start, end, "password", "value-before-label"
        if _CLOSER.search(low, window, label) is None:
            continue
        named = _NAMED_AFTER.search(low, window, label)
        if named is None or _LABEL_ENDS.match(low, label_end(low, label)) is None:
            continue
        close = named.start("close")
        line_start = text.rfind("\n", max(0, close - _LONGEST), close) + 1
        opener = max(text.rfind(q, line_start, close) for q in _OPENERS[named.group("close")])
        if opener == -1 or close - opener < 4:
            continue
        start, end = opener + 1, close
        value = text[start:end].strip()
        if value != text[start:end] or (is_word(value) and " " not in value):
            continue
        if " " in value or looks_like_password(value, False, True, text, end):
            yield start, end, "password", "value-before-label"


def _pointed(text: str, low: str, window: int, label: int) -> Iterator[Span]:
    """The value an arrow points from to the label that starts at ``label``."""
    pointed = _POINTED.search(low, window, label)
    if pointed is None or _LABEL_ENDS.match(low, label_end(low, label)) is None:
        return
    start, end = pointed.span("v")
    if looks_like_password(text[start:end], False, True, text, end):
        yield start, end, "password", "value-before-label"
