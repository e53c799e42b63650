"""A value in quotes a few words after a password label: "the password word for them is
'pineapple'", "lösenfrasen för valvet i Bitwarden är "blå traktor simmar långsamt"", "the
master password we agreed is" and the phrase in quotes on the next line."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.labels import PHRASE_LABELS, label_end, quoted_label, says_where
from hourdesk.app.core.guard.values import Span, looks_like_password

# The words after the label, no sentence's end nor a quote among them, then what gives a
# value ("is", "it's", "to them", a colon or a dash) and the opening quote, or the quote
# opening the next line; the value to the closing quote.
_QUOTED = re.compile(
    r"(?P<gap>[^\n.!?\"“”„«»]{0,60}?)"
    r"(?:(?<!\w)(?:is|are|was|ist|est|es|är|er|é|è|sind|lautet|jetzt|now|nu|it['’]s|them|dem"
    r"|nekik|ni|sem|e)(?:[ \t]+(?:bien|really|now|still))?[ \t]*:?[ \t]*"
    r"|[ \t]*[:—–][ \t]*|[?:]?[ \t]*\r?\n[ \t]*)"
    r"(?<!\w)(?P<q>[\"“„«'‘])(?P<v>[^\n\"“”«»]{2,64}?)[\"”»'’](?!\w)"
)
# What is said of a password, not the password: "zu kurz", "too weak", "not ok".
_OPINION = re.compile(
    r"(?i:too|zu|trop|demasiado|troppo|te|för|very|sehr|très|muy|molto|heel|not|nicht|pas|no"
    r"|kein|weak|strong|schwach|stark|faible|fort|débil|fuerte|debole|forte|zwak|sterk|long"
    r"|lang|short|kurz|court|corto|wrong|falsch|faux|ok|okay|fine)(?!\w)"
)
# What may follow a quoted value alone on its line: the line's end, an aside.
_ALONE = re.compile(r"[ \t]*(?:[.,!]?[ \t]*(?:\r?\n|\Z)|\(|[-–—][ \t])")
# Words that make the quoted text something else: what a screen, a log or a rule says, an
# account's name.
_NOT_THE_VALUE = re.compile(
    r"(?<!\w)(?:says?|said|shows?|showed|message|error|failed|incorrect|invalid|denied|wrong"
    r"|policy|rule|hint|field|prompt|reads|like|example|called|named|marked|labell?ed|button"
    r"|menu|option|subject|title|text|user(?:name)?|login|account|database|db|role|host"
    r"|server|name)(?!\w)"
)


def quoted_values(text: str, low: str, labels: list[int]) -> Iterator[Span]:
    """The quoted value a few words after each password label (``labels``: where they
    start) and a word that gives it, when the words between say it is no message, rule or
    account's name."""
    done = 0
    for label in sorted(labels):
        pos = label_end(low, label)
        if pos < done or (m := _QUOTED.match(text, pos)) is None:
            continue
        gap = low[m.start("gap") : m.end("gap")]
        if _NOT_THE_VALUE.search(gap) or quoted_label(text, label, m.start("q")):
            continue  # a message or a rule; read -p "Passwort: " PW, a prompt
        if "\n" in text[m.end("gap") : m.start("v")] and _ALONE.match(text, m.end()) is None:
            continue  # on the next line, the quoted value is all there is ('"integrity": …')
        value = m.group("v").strip()
        if m.group("q") in "'‘" and " " in value and not low.startswith(PHRASE_LABELS, label):
            continue  # single quotes hold one word: more is an aside ('… it's 'only' for …')
        if _OPINION.match(value) is not None:
            continue  # 'das Passwort, das wir wollten, ist "zu kurz"'
        if says_where(value):
            continue  # 'le mot de passe est « dans le cahier bleu »': where it is

        start = m.start("v") + m.group("v").index(value)
        end = start + len(value)
        if looks_like_password(value, True, False, text, end):
            done = end
            yield start, end, "password", "label-quoted"
