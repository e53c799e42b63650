"""Credential guard: find passwords, keys and tokens in message text and redact them.

Every message entering the desk passes through :func:`redact` before it is stored; text
the consultant types passes :func:`check_consultant_text`, which refuses a credential
instead. Detection is pattern based and runs in linear time: no regex repeats a group that
itself repeats ambiguously, every repetition that could backtrack is bounded, and each
search resumes after the text it has already examined.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.guard.before import values_before_labels
from hourdesk.app.core.guard.cjk import cjk_labelled
from hourdesk.app.core.guard.colons import far_colon_values
from hourdesk.app.core.guard.composed import composed_values, described_values
from hourdesk.app.core.guard.labels import app_passwords, codes, labelled, pairs
from hourdesk.app.core.guard.lines import (
    access_lists,
    block_siblings,
    credential_lists,
    line_siblings,
    row_siblings,
)
from hourdesk.app.core.guard.phrases import learned_phrases
from hourdesk.app.core.guard.quoted import quoted_values
from hourdesk.app.core.guard.recovery import recovery_codes, seed_phrases
from hourdesk.app.core.guard.repeats import repeats
from hourdesk.app.core.guard.scorer import learned_values
from hourdesk.app.core.guard.sentences import (
    answers,
    changed_to_words,
    codes_to_open,
    counted_words,
    done_to_values,
    noted_words,
    sentence_passwords,
    words_below,
)
from hourdesk.app.core.guard.shapes import (
    assignments,
    command_lines,
    markup,
    private_keys,
    shaped_tokens,
    url_passwords,
)
from hourdesk.app.core.guard.spoken import spoken_values
from hourdesk.app.core.guard.tables import table_passwords
from hourdesk.app.core.guard.values import Span


@dataclass(frozen=True)
class Finding:
    """A credential in a text: what it is, where it starts (1-based), the span removed and
    the rule that found it (never the secret itself)."""

    kind: str
    line: int
    column: int
    start: int
    end: int
    rule: str = ""


SECURE_ACCESS_REPLY = (
    "Thank you for your message. For your security we have removed the password or key "
    "you sent from the ticket, so it is not stored with us.\n\n"
    "Please never send passwords by email, chat or ticket. To give us access, use a secure, "
    "time-limited method instead, for example a one-time secret link that expires after "
    "it is opened, a temporary account for us that you can disable afterwards, or a "
    "password manager share with an expiry date.\n\n"
    "Because the password has already travelled by email, please change it as soon as "
    "you can. If you need a hand with any of this, just reply and we will walk you "
    "through it."
)

__all__ = [
    "SECURE_ACCESS_REPLY",
    "Finding",
    "allow_list",
    "check_consultant_text",
    "compile_allow_list",
    "explain",
    "redact",
    "removed",
    "scan",
    "set_allow_list",
]


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Full-width digits, letters and keypad marks as their ASCII forms: CJK keyboards type them,
# and each stands where its ASCII form would (CJK punctuation stays: the rules read it).
_WIDE = re.compile("[０-９Ａ-Ｚａ-ｚ＃＊]")
_NARROW = {code: code - 0xFEE0 for code in map(ord, "＃＊")} | {
    code: code - 0xFEE0
    for first, last in ("０９", "ＡＺ", "ａｚ")
    for code in range(ord(first), ord(last) + 1)
}


def _lower(text: str) -> str:
    """``text`` in lower case, with every character where it was."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_DETECTORS: list[Callable[[str, str], Iterator[Span]]] = [
    private_keys,
    shaped_tokens,
    url_passwords,
    command_lines,
    assignments,
    markup,
    recovery_codes,
    seed_phrases,
    pairs,
    labelled,
    cjk_labelled,
    codes,
    app_passwords,
    credential_lists,
    access_lists,
    table_passwords,
]
_allowed: list[re.Pattern[str]] = []


def compile_allow_list(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    """Compile allow-list patterns; a bad one raises ``ValueError`` naming it."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern))
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a regular expression ({exc})") from None
    return compiled


def set_allow_list(patterns: Iterable[str]) -> None:
    """Benign patterns the guard must never flag (the ``guard_allow`` setting).

    A finding is dropped when a match of one of them covers it.
    """
    _allowed[:] = compile_allow_list(patterns)


def allow_list() -> tuple[str, ...]:
    """The allow-list patterns in effect, for what depends on them."""
    return tuple(pattern.pattern for pattern in _allowed)


def _is_allowed(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return any(
        m.start() <= start and end <= m.end()
        for pattern in _allowed
        for m in pattern.finditer(text, line_start, line_end)
    )


def scan(text: str) -> list[Finding]:
    """Find credentials in ``text``; findings are sorted by start and never overlap.

    Overlapping detections merge into one span that keeps the kind and rule of the most
    specific detector (a private key over a token shape over a labelled password).
    """
    if _WIDE.search(text) is not None:
        text = text.translate(_NARROW)  # "暗証番号　５８２０": full-width, one for one
    low = _lower(text)
    found: list[tuple[int, int, int, str, str]] = []
    labels: list[int] = []  # where password labels start: a detector's empty spans

    def keep(rank: int, spans: Iterable[Span]) -> None:
        for start, end, kind, rule in spans:
            if end == start:
                labels.append(start)
            elif not (_allowed and _is_allowed(text, start, end)):
                found.append((start, -end, rank, kind, rule))

    for rank, detector in enumerate(_DETECTORS):
        keep(rank, detector(text, low))
    keep(len(_DETECTORS), values_before_labels(text, low, labels))
    spans = sorted((start, -neg_end) for start, neg_end, *_ in found)
    keep(len(_DETECTORS) + 2, sentence_passwords(text, low, labels, spans))
    keep(len(_DETECTORS) + 2, far_colon_values(text, low, labels))
    keep(len(_DETECTORS) + 2, quoted_values(text, low, labels))
    keep(len(_DETECTORS) + 2, answers(text, low, labels))
    keep(len(_DETECTORS) + 2, changed_to_words(text, low))
    secrets = sorted(start for start, *_ in found)  # with what the sentences found
    keep(len(_DETECTORS) + 2, done_to_values(text, low, labels, secrets))
    keep(len(_DETECTORS) + 2, counted_words(text, low))
    keep(len(_DETECTORS) + 2, noted_words(text, low))
    keep(len(_DETECTORS) + 2, words_below(text, low))
    keep(len(_DETECTORS) + 2, spoken_values(text, low))
    keep(len(_DETECTORS) + 2, codes_to_open(text, low))
    keep(len(_DETECTORS) + 2, composed_values(text, low))
    covered = sorted((start, -neg_end) for start, neg_end, *_ in found)
    keep(len(_DETECTORS) + 3, learned_values(text, low, covered))
    keep(len(_DETECTORS) + 3, learned_phrases(text, low, covered))
    keep(len(_DETECTORS) + 4, described_values(text, low))  # the others name theirs first
    keep(len(_DETECTORS), line_siblings(text, [f[0] for f in found], labels))
    keep(len(_DETECTORS), row_siblings(text, [(f[0], -f[1]) for f in found]))
    keep(len(_DETECTORS), block_siblings(text, [(f[0], -f[1], f[3]) for f in found]))
    keep(len(_DETECTORS) + 1, repeats(text, [(f[0], -f[1], f[3]) for f in found]))
    candidates = sorted(found)
    merged: list[tuple[int, int, int, str, str]] = []
    for start, neg_end, rank, kind, rule in candidates:
        end = -neg_end
        if merged and start < merged[-1][1]:
            last_start, last_end, last_rank, last_kind, last_rule = merged[-1]
            if rank < last_rank:
                last_rank, last_kind, last_rule = rank, kind, rule
            merged[-1] = (last_start, max(last_end, end), last_rank, last_kind, last_rule)
        else:
            merged.append((start, end, rank, kind, rule))
    findings = []
    line, counted, line_start = 1, 0, 0  # the line of ``counted``; findings come in order
    nexts = [*(start for start, *_ in merged[1:]), len(text)]
    end = 0  # a keypad mark goes with a code only where no other finding has it
    for (code_start, code_end, _rank, kind, rule), before in zip(merged, nexts, strict=False):
        start, marked_end = _with_keypad_marks(text, code_start, code_end)
        start, end = max(start, end), min(marked_end, before)
        if newlines := text.count("\n", counted, start):
            line += newlines
            line_start = text.rfind("\n", counted, start) + 1
        counted = start
        findings.append(Finding(kind, line, start - line_start + 1, start, end, rule))
    return findings


def _with_keypad_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A code's span with the ``*`` or ``#`` keyed in with it ("*5529#", "1180*"); a value's
    with the mark said to end it ("… an exclamation mark at the end … IV274HT!")."""
    if _NUMBER.fullmatch(text, start, end) is None:
        if _END_MARK.match(text, end) and _END_MARK_SAID.search(text, max(0, start - 160), start):
            end += 1
        return start, end
    if (before := _MARKS_BEFORE.search(text, max(start - 3, 0), start)) is not None:
        start = before.start()  # "*4471", "**7788" (a terminal's admin code)
    if (after := _MARK_AFTER.match(text, end)) is not None:
        end = after.end()  # "1180*", "1 9 7 9 #"
    elif (said := _MARK_SAID.match(text, end)) is not None:
        end = said.end()  # "8 2 4 6 étoile", "1 9 7 4 star"
    return start, end


_NUMBER = re.compile(r"[*#]?\d[\d -]*\d-?[*#]?")  # "5-5-8-0-*": a dash before the mark
# A mark typed right after a value, and a word for it said before the value.
_END_MARK = re.compile(r"[!#$](?!\S)")
_END_MARK_SAID = re.compile(
    r"(?i:(?<![^\W\d_])(?:exclamation|bang|ausrufezeichen|exclamación|exclamação|esclamativo"
    r"|wykrzyknik(?:iem)?|hash|dièse|almohadilla|cancelletto|dollar)(?![^\W\d_]))"
)
_MARKS_BEFORE = re.compile(r"(?<![^\W_])[*#]{1,2}\Z")
_MARK_AFTER = re.compile(r" ?[*#](?![^\W_])")
_MARK_SAID = re.compile(
    r"[ \t]+(?i:star|hash|pound|étoile|dièse|estrella|almohadilla|stern|raute|stjerne)(?!\w)"
)


def removed(kind: str) -> str:
    """What stands in a redacted text where a credential of ``kind`` was."""
    return f"[credential removed: {kind}]"


def redact(text: str) -> tuple[str, list[Finding]]:
    """Replace every credential by ``[credential removed: <kind>]``; return text and findings."""
    findings = scan(text)
    parts = []
    pos = 0
    for f in findings:
        parts += [text[pos : f.start], removed(f.kind)]
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), findings


def explain(text: str) -> list[str]:
    """One line per finding: kind, ``line:column-line:column`` and the rule, never the secret."""
    lines = []
    for f in scan(text):
        last = f.end - 1
        end_line = f.line + text.count("\n", f.start, last)
        newline = text.rfind("\n", f.start, last)
        end_column = last - newline if newline != -1 else f.column + last - f.start
        lines.append(f"{f.kind} {f.line}:{f.column}-{end_line}:{end_column} ({f.rule})")
    return lines


def check_consultant_text(
    text: str, field: str, *, author: str = "consultant", what: str = "This text"
) -> None:
    """Who wrote it decides: a credential the consultant typed is refused, never stored.

    Text by the client passes here; it is redacted where it is stored, and the client is
    asked for a secure method. Raises :class:`Invalid` on ``field`` with the reason, which
    names the text as ``what``.
    """
    if author != "consultant" or not text:
        return
    findings = scan(str(text))
    if findings:
        where = ", ".join(f"{f.kind} at {f.line}:{f.column}" for f in findings[:3])
        raise Invalid(
            field,
            f"{what} holds a credential ({where}); credentials are never stored in a ticket.",
            "Remove it; keep shared access as an access grant (hourdesk grant add REF --label"
            " TEXT), in the keyring with an expiry.",
            keys="Remove it; keep shared access as an access grant (g), in the keyring with an"
            " expiry.",
        )
