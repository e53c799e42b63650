"""A learned look at passphrases of plain words: "the vault is: purple otter climbs granite".

The token look (``scorer``) leaves plain words alone. Here the candidates are the runs of
three to seven plain words, perhaps a number after them, that end where their clause ends
and start where a value is given: after a colon, a quote or a dash, at a line's start, or
after a word that gives one ("is", "to", "as", "ist", "est" …). A run with a word of
ordinary prose in it ("the", "und", "pour" …) is a sentence, not a phrase of random words,
and is left to the rules. Each is scored by a logistic model over its words, the words
before it, what gives it and what follows; the weights (``phrases.json``) are learned with
the token look's by ``tests/perf/guard_scorer.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from hourdesk.app.core.guard.scorer import (
    CONTEXT,
    WORD,
    cover,
    distance,
    is_covered,
    label_ends,
    weights,
)
from hourdesk.app.core.guard.values import Span

THRESHOLD = 1.0
WEIGHTS = "phrases.json"

# A run of plain words, single spaces between them, perhaps a number of up to 4 digits last
# (a sentence longer than the bound is cut: its rest is another run).
_RUN = re.compile(
    r"(?<![\w@'’./-])[^\W\d_]{1,24}(?:[ ][^\W\d_]{1,24}){2,60}(?:[ ]\d{1,4})?(?![\w@'’/])"
)
_GIVING_MARKS = frozenset(":：\"“„«'‘—–-=>")
_GIVERS = frozenset(
    """
    is are was to as now be became é è es est ist sind war wird lautet är blev er ble var
    je jest to on ir yra ni wordt werd são foi fue era sera será
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# The commonest words of ordinary prose in the languages clients write in.
_PROSE = frozenset(
    """
    a an the and or of to in on at for with from by that this it is are was be as not no
    you your my our we they i he she his her its me us them if but so do does did have has
    der die das den dem des ein eine einen einem und oder mit von zu im am ist nicht ich du
    sie wir es auf für
    le la les un une des et ou du au aux en dans pour avec est je tu il elle nous vous pas
    el los las una unos y o del con por para yo lo se que
    il lo gli di da e è che non
    os as um uma do da em com é não
    de het een van op voor ik je niet
    och att det ett jag og er jeg ikke
    w z na się jest że nie v se je že ne ir ar kad
    """.split()  # noqa: SIM905 - a word list reads best as running text
)


def candidates(text: str) -> list[tuple[int, int]]:
    """The runs of 3 to 7 plain words (a number may follow) where a value is given, without
    a word of prose; in order."""
    out = []
    for run in _RUN.finditer(text):
        start, end = run.span()
        words = text[start:end].split(" ")
        if words[-1].isdigit():
            words.pop()
        if any(word.lower() in _PROSE for word in words[-3:]):
            continue  # every candidate holds the last three words
        # The last word that gives a value: three to seven words must follow it.
        first = next(
            (
                i
                for i in range(len(words) - 1, max(len(words) - 8, 0), -1)
                if words[i - 1].lower() in _GIVERS
            ),
            None,
        )
        if first is None:
            at = start - 1
            while at >= 0 and text[at] in " \t":
                at -= 1
            if at >= 0 and text[at] not in _GIVING_MARKS and text[at] != "\n":
                continue
            first = 0
        if not 3 <= len(words) - first <= 7:
            continue
        if any(word.lower() in _PROSE for word in words[first:]):
            continue
        out.append((start + sum(len(word) + 1 for word in words[:first]), end))
    return out


def featurizer(text: str, low: str) -> Callable[[int, int], list[str]]:
    """``(start, end) -> features`` of the run there, in ``text`` (``low`` lowercased)."""
    labels, codes = label_ends(low)

    def features(start: int, end: int) -> list[str]:
        words = WORD.findall(low, start, end)
        number = text[end - 1].isdigit()
        out = ["b", f"n={len(words)}", f"num={number:d}"]
        cases = "".join(
            "U" if w.isupper() else "T" if w[0].isupper() else "l"
            for w in WORD.findall(text, start, end)
        )
        out.append("caps=" + ("l" if cases == "l" * len(cases) else cases[:4]))
        out += ["in=" + word for word in words]
        out += ["first=" + words[0], "last=" + words[-1]]
        out.append(f"near={distance(labels, text, start)},{distance(codes, text, start)}")
        reach = max(start - CONTEXT, 0)
        line_start = text.rfind("\n", reach, start) + 1 or reach
        stripped = text[line_start:start].rstrip()
        out.append("pre=" + (stripped[-1] if stripped else "^"))
        for back, word in enumerate(reversed(WORD.findall(low, reach, start)[-6:])):
            if back < 3:
                out.append(f"p{back + 1}={word}")
            out += ["pb=" + word, "pbs=" + word[:5]]
        after = text[end : end + 2]
        out.append("end=" + (after[:1] if after[:1] not in ("", "\n") else "$"))
        if (following := WORD.search(low, end, end + 40)) is not None:
            out.append("n1=" + following.group())
        return out

    return features


def learned_phrases(text: str, low: str, found: list[tuple[int, int]]) -> Iterator[Span]:
    """The runs the model scores over ``THRESHOLD`` that no span of ``found`` holds; a
    sentence's full stop or mark after one goes with it."""
    runs = candidates(text)
    if not runs:
        return
    covered = cover(found, text)
    weight = weights(WEIGHTS).get
    features = featurizer(text, low)
    for start, end in runs:
        if is_covered(covered, start, end):
            continue
        if sum(weight(f, 0.0) for f in features(start, end)) > THRESHOLD:
            end += text[end : end + 1] in (".", "!")
            yield start, end, "password", "learned-phrase"
