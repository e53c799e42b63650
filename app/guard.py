"""Credential guard: find passwords, keys and tokens in message text and redact them.

Every message entering the desk passes through :func:`redact` before it is stored.
Detection is pattern based and runs in linear time: no regex repeats a group that itself
repeats, every repetition that could backtrack is bounded, and each search resumes
after the text it has already examined.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["SECURE_ACCESS_REPLY", "Finding", "redact", "scan"]


@dataclass(frozen=True)
class Finding:
    """A credential in a text: what it is, where it starts (1-based) and the span removed."""

    kind: str
    line: int
    column: int
    start: int
    end: int


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

_Span = tuple[int, int, str]

# --- Private keys -------------------------------------------------------------------

_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_HEADER = re.compile(r"[A-Za-z-]{1,40}: ")
# Base64 plus the backslash of a JSON-escaped key ("...-----\nMIIE...").
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\\")


def _private_keys(text: str) -> Iterator[_Span]:
    """Whole PEM and OpenSSH private key blocks.

    A block cut off before its END line runs to the last line of key material.
    """
    begins = list(_PEM_BEGIN.finditer(text))
    if not begins:
        return
    ends = list(_PEM_END.finditer(text))
    end_starts = [m.start() for m in ends]
    covered = 0
    for i, begin in enumerate(begins):
        if begin.start() < covered:
            continue
        limit = begins[i + 1].start() if i + 1 < len(begins) else len(text)
        j = bisect_left(end_starts, begin.end())
        if j < len(ends) and ends[j].end() <= limit:
            covered = ends[j].end()
        else:
            covered = _key_material_end(text, begin.end())
        yield begin.start(), covered, "private key"


def _key_material_end(text: str, pos: int) -> int:
    """End of the base64 lines (and PEM headers) that follow a BEGIN line at ``pos``."""
    end = pos
    seen_body = False
    while pos <= len(text):
        eol = text.find("\n", pos)
        eol = len(text) if eol == -1 else eol
        line = text[pos:eol].strip().lstrip(">").strip()
        if not line:
            if seen_body:
                break
        elif _PEM_HEADER.match(line):
            end = eol
        elif len(line) >= 16 and _BASE64.issuperset(line):
            end, seen_body = eol, True
        else:
            break
        pos = eol + 1
    return end


# --- Tokens with a known shape ------------------------------------------------------

# Each pattern starts with a literal so the regex engine can skip ahead to it; the
# lookbehind that follows the literal checks that the token starts at a boundary.
_SHAPED: list[tuple[str, re.Pattern[str]]] = [
    ("AWS access key", re.compile(r"A[KS]IA(?<![A-Z0-9]....)[A-Z0-9]{16}(?![A-Z0-9])")),
    (
        "AWS access key",
        re.compile(
            r"(?i:secret[ _]?access[ _]?key)[\"']?"
            r"(?:[ \t]*[:=]|[ \t]+is)[ \t]*[\"']?"
            r"(?P<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
    ),
    (
        "GitHub token",
        re.compile(
            r"g(?<![A-Za-z0-9].)(?:h[pousr]_[A-Za-z0-9]{36,251}|ithub_pat_[A-Za-z0-9_]{59,240})(?!\w)"
        ),
    ),
    ("GitLab token", re.compile(r"glpat-(?<![A-Za-z0-9].{6})[A-Za-z0-9_-]{20,200}(?![\w-])")),
    ("Slack token", re.compile(r"xox(?<![A-Za-z0-9]...)[abposr]-[A-Za-z0-9-]{10,200}(?![\w-])")),
    (
        "Stripe key",
        re.compile(r"(?:sk|rk)_(?<!\w...)(?:live|test)_[A-Za-z0-9]{16,247}(?!\w)"),
    ),
    ("Google API key", re.compile(r"AIza(?<![A-Za-z0-9]....)[A-Za-z0-9_-]{35}(?![\w-])")),
    ("BitLocker recovery key", re.compile(r"(?<![\d-])" + "-".join([r"\d{6}"] * 8) + r"(?![\d-])")),
    (
        "JWT",
        re.compile(
            r"eyJ(?<![A-Za-z0-9]...)[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}"
            r"\.[A-Za-z0-9_-]{16,2000}(?![\w-])"
        ),
    ),
]


def _shaped_tokens(text: str) -> Iterator[_Span]:
    """Cloud and SaaS tokens recognisable by their prefix and length."""
    for kind, pattern in _SHAPED:
        group = "v" if "v" in pattern.groupindex else 0
        for m in pattern.finditer(text):
            yield m.start(group), m.end(group), kind


# --- Passwords in URLs and connection strings ---------------------------------------

_URL_PASSWORD = re.compile(r"://[^\s:/?#@]{0,128}:(?P<v>[^\s/]{1,128})@(?=[\w\[])")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,19}\Z")
_DATABASE_SCHEMES = frozenset(
    {"postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss"}
    | {"amqp", "amqps", "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "couchdb"}
)
_MYSQL_P = re.compile(
    r"-p(?<=[ \t]-p)"
    r"(?:'(?P<q1>[^'\n]{1,128})'|\"(?P<q2>[^\"\n]{1,128})\"|(?P<v>[^\s'\"-][^\s'\"]{0,127}))"
)
_MYSQL_COMMAND = re.compile(r"mysql(?<![\w-].....)(?:dump|admin)?[ \t]")


def _url_passwords(text: str) -> Iterator[_Span]:
    """The password part of ``scheme://user:password@host``; the rest of the URL stays."""
    for m in _URL_PASSWORD.finditer(text):
        if _is_placeholder(m.group("v")):
            continue
        scheme = _SCHEME.search(text, max(0, m.start() - 20), m.start())
        database = scheme is not None and scheme.group().lower() in _DATABASE_SCHEMES
        kind = "connection string password" if database else "password in URL"
        yield m.start("v"), m.end("v"), kind


def _mysql_passwords(text: str) -> Iterator[_Span]:
    """``mysql -p'secret'`` and ``mysqldump -psecret`` on a command line."""
    for m in _MYSQL_P.finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - 200), m.start()) + 1
        if not _MYSQL_COMMAND.search(text, max(line_start, m.start() - 200), m.start()):
            continue
        group = next(g for g in ("q1", "q2", "v") if m.group(g) is not None)
        if not _is_placeholder(m.group(group)):
            yield m.start(group), m.end(group), "connection string password"


# --- Passwords and tokens after a label ---------------------------------------------

_PASSWORD_LABELS = (
    r"pass(?:word|wort|wd|phrase|code)?|pwd?|psw|p/w|kennwort|mot[ \t]de[ \t]passe|mdp"
    r"|contrase[ñn]a|senha|wachtwoord|shared[ \t]secret|pre-?shared[ \t]key|psk"
    r"|(?:wi-?fi|wlan|wpa2?|network)[ \t]key"
)
_TOKEN_LABELS = (
    r"(?:api|access|auth|private|client|secret|bearer)[ _-]?(?:key|token|secret)"
    r"|account[ _]?key|shared[ _]?access[ _]?key|authorization:[ \t]?basic"
    r"|token|secret|key|credentials|bearer"
)
# Labels too common in prose to take a value without a separator ("the key 3AA5C343…").
_NEEDS_SEPARATOR = frozenset({"key", "secret", "credentials"})
# A label starts a word (``DB_PASSWORD`` and ``--password`` count, ``user/password`` is
# left to _PAIR); the lookahead on its first letter lets the engine skip most positions.
_LABEL = re.compile(
    r"(?<![^\W_])(?<!/)(?=[abckmnpstw])"
    rf"(?:(?P<password>{_PASSWORD_LABELS})|(?<!public[ _])(?P<token>{_TOKEN_LABELS}))(?!\w)",
    re.IGNORECASE,
)
# "password for the NAS is …", "credentials for the FTP: …"
_BRIDGE = r"[ \t]+(?:for|to|of|on|at|für|pour|para|de|del|du)[ \t](?:[^\n:=.!?]|[.!?](?=\S)){1,60}?"
# After the label: an optional closing quote (JSON keys), an optional "(admin)" or "for
# the NAS", then a separator; or only spaces, for "username bob password Hunter2".
_AFTER_LABEL = re.compile(
    r"[\"']?(?P<bridge>[ \t]*\([^()\n]{0,40}\)"
    rf"|{_BRIDGE})?"
    r"(?P<sep>[ \t]*(?::=|=>|->|[:=])|[ \t]+[-–—](?=[ \t])"
    r"|[ \t]+(?:is|was|ist|lautet|est|es|era|would[ \t]be|will[ \t]be)(?!\w)"
    r"(?:[ \t]+now(?!\w))?(?:[ \t]*:)?)[ \t]*"
    r"|(?P<space>[ \t]+)",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"(?<![^\W_])(?=[aciluz])(?:log[ -]?in|logon|credentials|creds"
    r"|(?:user(?:name)?|login)[ \t]?/[ \t]?pass(?:word)?|zugangsdaten|anmeldedaten|identifiants)"
    rf"(?:{_BRIDGE})?(?:[ \t]*[:=]|[ \t]+(?:are|is|sind|sont|son))"
    r"[ \t]*[^\s/|:]{1,64}[ \t]*(?:/|\||:(?!//))[ \t]*",
    re.IGNORECASE,
)
_CONTEXT_KINDS = {"url": "password in URL", "ado": "connection string password"}
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’", "«": "»", "„": "“"}
_UNQUOTED = re.compile(r"\S{1,512}")
_ADO_VALUE = re.compile(r"[^;\r\n]{1,512}")
_QUERY_VALUE = re.compile(r"[^&#\s]{1,512}")
_CLAUSE_END = re.compile(
    r"[ \t]*(?:$|[\r\n.,;!?)]|(?:and|but|or|please|thanks|thank|und|et|y)(?!\w))",
    re.IGNORECASE | re.MULTILINE,
)
# Words that follow "password is" / "password:" in ordinary sentences.
_NOT_SECRETS = frozenset(
    """
    a an the my our your his her their its this that these those it you we they he she i
    not no none null nil unknown tbd n/a e.g. i.e. etc. same different blank empty
    missing wrong incorrect invalid valid correct right expired expiring required
    optional too still being now also in on at under with from for to by via over as
    just only here there attached enclosed included below above sent see ask what which
    who whatever saved stored set reset changed unchanged updated locked lost forgotten
    gone old new temporary weak strong simple long short secure case ok okay fine
    working broken ready done known needed visible shown should must will can could
    would may might has have had been was is are were be do does did about pending
    separate separately written printed
    1password bitwarden lastpass keepass keepassxc dashlane keeper
    siehe falsch abgelaufen nicht voir expiré oublié ver incorrecta olvidada
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
_PLACEHOLDER_WORDS = frozenset(
    {"password", "passwort", "pass", "pwd", "pw", "secret", "token", "key", "redacted", "hidden"}
)
_VARIABLE = re.compile(r"\$\{?[A-Z_][A-Z0-9_]{0,60}\}?|%[A-Z_][A-Z0-9_]{0,60}%")
_NUMBERISH = re.compile(r"[$€£]?[\d.,:/+()-]{1,512}[$€£%]?")
_LOOKALIKE = re.compile(
    r"(?-i:[A-Z]{2,6}-\d{1,6})|v\d[\d.]{0,30}|[^@\s]{1,200}@[^@\s]{1,200}\.[A-Za-z]{2,24}"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,19}://\S{0,500}|www\.\S{0,500}|[/~\\]\S{0,500}"
    r"|[A-Za-z]:\\\S{0,500}|(?:SHA256|SHA1|MD5):\S{0,500}",
    re.IGNORECASE,
)


def _labelled(text: str) -> Iterator[_Span]:
    """Values after labels such as ``password:``, ``pw is``, ``API key =``, ``Bearer``.

    The search resumes after each value, so every character is examined a bounded
    number of times however many labels the text repeats.
    """
    pos = 0
    while (m := _LABEL.search(text, pos)) is not None:
        pos = m.end()
        after = _AFTER_LABEL.match(text, pos)
        if after is None:
            continue
        label = m.group().lower()
        is_token = m.group("token") is not None
        no_separator = after.group("space") is not None
        sep = "" if no_separator else after.group("sep").strip(" \t")
        symbol_separator = sep in (":", "=", ":=")
        if no_separator and (label == "pass" or label in _NEEDS_SEPARATOR):
            continue
        # "pass" is an everyday word: only "pass:" and "pass =" introduce a password.
        if label == "pass" and (after.group("bridge") or not symbol_separator):
            continue
        context = _context(text, m.start(), after.end(), sep) if symbol_separator else "prose"
        span = _value_span(text, after.end(), context)
        if span is None:
            continue
        start, end, quoted = span
        # A word right after a bare label may itself be the next label.
        pos = start if no_separator else end
        value = text[start:end]
        if is_token:
            if _looks_random(value):
                yield start, end, "token"
        elif context != "prose":
            if len(value) >= 3 and not _is_placeholder(value):
                yield start, end, _CONTEXT_KINDS[context]
        elif _looks_like_password(value, quoted, no_separator, text, end):
            yield start, end, "password"


def _context(text: str, label_start: int, value_start: int, sep: str) -> str:
    """``url`` for ``?password=``, ``ado`` for ``;Password=...;``, otherwise ``prose``."""
    before = label_start - 1
    if before >= 0 and text[before] in "?&":
        return "url"
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before >= 0 and text[before] == ";":
        return "ado"
    line_end = text.find("\n", value_start, value_start + 512)
    value_line = text[value_start : line_end if line_end != -1 else value_start + 512]
    if sep.endswith("=") and ";" in value_line:
        return "ado"
    return "prose"


def _value_span(text: str, pos: int, context: str) -> tuple[int, int, bool] | None:
    """Span of the value at ``pos`` and whether it was quoted.

    A quoted value is what is inside the quotes; any other runs to whitespace (to ``;``
    in a connection string, ``&`` in a URL) and drops trailing punctuation.
    """
    if pos >= len(text):
        return None
    closer = _QUOTES.get(text[pos])
    if closer is not None:
        close = text.find(closer, pos + 1, pos + 258)
        if close > pos + 1 and text.find("\n", pos + 1, close) == -1:
            return pos + 1, close, True
        pos += 1
    pattern = {"url": _QUERY_VALUE, "ado": _ADO_VALUE}.get(context, _UNQUOTED)
    m = pattern.match(text, pos)
    if m is None:
        return None
    start, end = pos, m.end()
    while end > start and (text[end - 1] in " \t.,;:" or _unmatched_closer(text, start, end)):
        end -= 1
    return (start, end, False) if end > start else None


def _unmatched_closer(text: str, start: int, end: int) -> bool:
    """True if the value ends with a bracket or quote it did not open."""
    last = text[end - 1]
    opener = {")": "(", "]": "[", "}": "{", ">": "<", '"': '"', "'": "'"}.get(last)
    if opener is None:
        return False
    if opener == last:
        return text.count(last, start, end) % 2 == 1
    return text.count(opener, start, end) < text.count(last, start, end)


def _looks_like_password(value: str, quoted: bool, strict: bool, text: str, end: int) -> bool:
    """Tell a password from prose after a password label.

    Quoted values count, and so do values mixing letters with digits or symbols. A plain
    word or an all-digit PIN counts only after a separator, at the end of a clause, and
    when it is not an ordinary word of such sentences. With no separator at all
    (``username bob password Hunter2``) only the mixed shape counts.
    """
    core = value.rstrip("!?").replace("'", "").replace("’", "")
    if _is_placeholder(value) or _is_lookalike(value) or core.lower() in _NOT_SECRETS:
        return False
    if quoted:
        return len(value) >= 3
    mixed = any(c.isalpha() for c in core) and (
        not core.isalpha() or (any(c.isupper() for c in core[1:]) and not core.isupper())
    )
    if strict:
        return len(value) >= 6 and mixed
    if len(value) < 4:
        return False
    if mixed:
        return True
    return (core.isalpha() or value.isdigit()) and _CLAUSE_END.match(text, end) is not None


def _looks_random(value: str) -> bool:
    """A generated token: long, letters and digits, and high character entropy."""
    if len(value) < 16 or _is_placeholder(value) or _is_lookalike(value):
        return False
    if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
        return False
    counts = Counter(value)
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    return entropy >= 3.0


def _is_placeholder(value: str) -> bool:
    """Masked or templated values: ``****``, ``<password>``, ``${DB_PASS}``, ``[redacted]``."""
    lowered = value.lower()
    if lowered in _PLACEHOLDER_WORDS or set(lowered) <= set("*x•.#?_-"):
        return True
    return value[0] in "<[{(" or _VARIABLE.fullmatch(value) is not None


def _is_lookalike(value: str) -> bool:
    """Dates, times, amounts, phone and invoice numbers, versions, refs, emails, URLs, paths."""
    if _NUMBERISH.fullmatch(value) and not value.isdigit():
        return True
    return _LOOKALIKE.fullmatch(value) is not None


def _pairs(text: str) -> Iterator[_Span]:
    """The password half of ``login: bob / Hunter2!`` or ``credentials: bob:Hunter2``."""
    pos = 0
    while (m := _PAIR.search(text, pos)) is not None:
        pos = m.end()
        span = _value_span(text, pos, "prose")
        if span is None:
            continue
        start, pos, quoted = span
        if _looks_like_password(text[start:pos], quoted, False, text, pos):
            yield start, pos, "password"


# --- Scanning -----------------------------------------------------------------------

_DETECTORS: list[Callable[[str], Iterator[_Span]]] = [
    _private_keys,
    _shaped_tokens,
    _url_passwords,
    _mysql_passwords,
    _pairs,
    _labelled,
]


def scan(text: str) -> list[Finding]:
    """Find credentials in ``text``; findings are sorted by start and never overlap.

    Overlapping detections merge into one span that keeps the kind of the most specific
    detector (a private key over a token shape over a labelled password).
    """
    candidates = sorted(
        (start, -end, rank, kind)
        for rank, detector in enumerate(_DETECTORS)
        for start, end, kind in detector(text)
        if end > start
    )
    merged: list[tuple[int, int, int, str]] = []
    for start, neg_end, rank, kind in candidates:
        end = -neg_end
        if merged and start < merged[-1][1]:
            last_start, last_end, last_rank, last_kind = merged[-1]
            if rank < last_rank:
                last_rank, last_kind = rank, kind
            merged[-1] = (last_start, max(last_end, end), last_rank, last_kind)
        else:
            merged.append((start, end, rank, kind))
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))] if merged else []
    findings = []
    for start, end, _rank, kind in merged:
        line = bisect_right(line_starts, start)
        findings.append(Finding(kind, line, start - line_starts[line - 1] + 1, start, end))
    return findings


def redact(text: str) -> tuple[str, list[Finding]]:
    """Replace every credential by ``[credential removed: <kind>]``; return text and findings."""
    findings = scan(text)
    parts = []
    pos = 0
    for f in findings:
        parts += [text[pos : f.start], f"[credential removed: {f.kind}]"]
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts), findings
