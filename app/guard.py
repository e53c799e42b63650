"""Credential guard: find passwords, keys and tokens in message text and redact them.

Every message entering the desk passes through :func:`redact` before it is stored; text
the consultant types passes :func:`check_consultant_text`, which refuses a credential
instead. Detection is pattern based and runs in linear time: no regex repeats a group that
itself repeats ambiguously, every repetition that could backtrack is bounded, and each
search resumes after the text it has already examined.
"""

from __future__ import annotations

import math
import re
import string
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from app.errors import Invalid

__all__ = [
    "SECURE_ACCESS_REPLY",
    "Finding",
    "check_consultant_text",
    "compile_allow_list",
    "explain",
    "redact",
    "scan",
    "set_allow_list",
]


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

# start, end, kind, rule
_Span = tuple[int, int, str, str]

# --- Private keys -------------------------------------------------------------------

_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_HEADER = re.compile(r"[A-Za-z-]{1,40}: ")
_PUTTY_PRIVATE = re.compile(r"Private-Lines:[ \t]*(?P<n>\d{1,3})[ \t]*\r?\n")
# Base64 plus the backslash of a JSON-escaped key ("...-----\nMIIE...").
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\\")


def _private_keys(text: str, low: str) -> Iterator[_Span]:
    """Whole PEM and OpenSSH private key blocks, and the private lines of a PuTTY key.

    A block cut off before its END line runs to the last line of key material.
    """
    for m in _PUTTY_PRIVATE.finditer(text):
        end = pos = m.end()
        for _ in range(int(m.group("n"))):
            eol = text.find("\n", pos)
            eol = len(text) if eol == -1 else eol
            line = text[pos:eol].strip()
            if not line or not _BASE64.issuperset(line):
                break
            end, pos = eol, eol + 1
        if end > m.end():
            yield m.end(), end, "private key", "putty-private-lines"
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
        yield begin.start(), covered, "private key", "pem-block"


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
_SHAPED: list[tuple[str, str, re.Pattern[str]]] = [
    (
        "AWS access key",
        "aws-key-id",
        re.compile(r"A[KS]IA(?<![A-Z0-9]....)[A-Z0-9]{16}(?![A-Z0-9])"),
    ),
    (
        "AWS access key",
        "aws-secret-label",
        re.compile(
            r"secret[ _]?access[ _]?key[\"']?"
            r"(?:[ \t]*[:=]|[ \t]+is)[ \t]*[\"']?"
            r"(?P<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"
        ),
    ),
    (
        "GitHub token",
        "github-token",
        re.compile(
            r"g(?<![A-Za-z0-9].)(?:h[pousr]_[A-Za-z0-9]{36,251}|ithub_pat_[A-Za-z0-9_]{59,240})(?!\w)"
        ),
    ),
    (
        "GitLab token",
        "gitlab-token",
        re.compile(r"gl(?<![A-Za-z0-9]..)(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,200}(?![\w-])"),
    ),
    (
        "Slack token",
        "slack-token",
        re.compile(r"xox(?<![A-Za-z0-9]...)[abposr]-[A-Za-z0-9-]{10,200}(?![\w-])"),
    ),
    (
        "Stripe key",
        "stripe-key",
        re.compile(r"[sr]k_(?<![\w]...)(?:live|test)_[A-Za-z0-9]{16,247}(?!\w)"),
    ),
    ("Stripe key", "stripe-webhook-secret", re.compile(r"whsec_[A-Za-z0-9]{24,247}(?!\w)")),
    (
        "Google API key",
        "google-api-key",
        re.compile(r"AIza(?<![A-Za-z0-9]....)[A-Za-z0-9_-]{35}(?![\w-])"),
    ),
    (
        "OAuth client secret",
        "google-oauth-secret",
        re.compile(r"GOCSPX-(?<![\w-]........)[A-Za-z0-9_-]{24,40}(?![\w-])"),
    ),
    (
        "OAuth client secret",
        "azure-client-secret",
        re.compile(r"Q~(?<![\w~.-][\w~.-]{3}\dQ~)(?<=[\w~.-]{3}\dQ~)[\w~.-]{31,34}(?![\w~.-])"),
    ),
    (
        "API key",
        "sk-api-key",
        re.compile(
            r"sk-(?<![\w-]...)(?:(?:proj|svcacct|admin|ant-[a-z]{3}\d\d)-)?[\w-]{32,200}(?![\w-])"
        ),
    ),
    (
        "API key",
        "sendgrid-key",
        re.compile(r"SG\.(?<![\w.]...)[\w-]{16,32}\.[\w-]{30,60}(?![\w-])"),
    ),
    ("API key", "npm-token", re.compile(r"npm_(?<![\w]....)[A-Za-z0-9]{36}(?!\w)")),
    ("API key", "mailgun-key", re.compile(r"key-(?<![\w-]....)[0-9a-f]{32}(?![\w-])")),
    (
        "recovery key",
        "bitlocker-recovery-key",
        re.compile(r"\d(?<![\d-]\d)\d{5}(?:-\d{6}){7}(?![\d-])"),
    ),
    (
        "JWT",
        "jwt",
        re.compile(
            r"eyJ(?<![A-Za-z0-9]...)[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}"
            r"\.[A-Za-z0-9_-]{16,2000}(?![\w-])"
        ),
    ),
    (
        "TOTP secret",
        "otpauth-secret",
        re.compile(
            r"otpauth://[^\s?]{1,300}\?(?:[^\s#]{0,300}?[&;])?secret=(?P<v>[A-Za-z2-7=]{8,256})"
        ),
    ),
    (
        "Wi-Fi key",
        "wifi-qr",
        re.compile(r"WIFI:(?:[^;\n]{0,100};){0,6}?P:(?P<v>(?:\\.|[^;\\\n]){1,128})"),
    ),
]
# An AWS secret access key: 40 characters of base64 near its key id.
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def _shaped_tokens(text: str, low: str) -> Iterator[_Span]:
    """Cloud and SaaS tokens recognisable by their prefix and length."""
    for kind, rule, pattern in _SHAPED:
        group = "v" if "v" in pattern.groupindex else 0
        for m in pattern.finditer(low if rule == "aws-secret-label" else text):
            if group and _is_placeholder(m.group(group)):
                continue
            yield m.start(group), m.end(group), kind, rule
            if rule == "aws-key-id":
                secret = _AWS_SECRET.search(text, m.end(), m.end() + 120)
                if secret is not None and _looks_random(secret.group()):
                    yield secret.start(), secret.end(), kind, "aws-secret-after-key-id"


# --- Passwords in URLs, command lines, assignments and markup -------------------------

_URL_PASSWORD = re.compile(r"://[^\s:/?#@]{0,128}:(?P<v>[^\s/]{1,128})@(?=[\w\[])")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,19}\Z")
_DATABASE_SCHEMES = frozenset(
    {"postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss"}
    | {"amqp", "amqps", "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "couchdb"}
)
_QUOTED_OR_WORD = (
    r"(?:'(?P<q1>[^'\n]{1,128})'|\"(?P<q2>[^\"\n]{1,128})\"|(?P<v>[^\s'\"-][^\s'\"]{0,127}))"
)
_MYSQL_P = re.compile(r"-p(?<=[ \t]-p)" + _QUOTED_OR_WORD)
_MYSQL_COMMAND = re.compile(r"mysql(?<![\w-].....)(?:dump|admin)?[ \t]")
# Commands whose -p takes the password, attached or after a space.
_P_COMMAND = re.compile(
    r"(?:sshpass|psexec|paexec|rdesktop|docker[ \t]+login|podman[ \t]+login"
    r"|nerdctl[ \t]+login|buildah[ \t]+login)(?![\w-])"
)
_P_OPTION = re.compile(r"(?<!\S)-p[ \t]*" + _QUOTED_OR_WORD)
_USER_COLON = re.compile(
    r"-(?<![\w-]-)(?:u|-user)(?:[ \t]+|=)['\"]?[^\s:'\"]{1,64}:"
    r"(?P<v>[^\s'\"]{1,128})"
)
_SMB_USER = re.compile(r"-U(?<=\s-U)[ \t]*['\"]?[^\s%'\"]{1,64}%(?P<v>[^\s'\"]{1,128})")
_NET_USE = re.compile(r"/user:[^\s]{1,64}[ \t]+(?P<v>[^\s/*][^\s]{0,127})")
_XFREERDP = re.compile(r"/p:(?<=\s/p:)(?P<v>[^\s]{1,128})")
# An assignment to a variable whose name says it holds a secret: DB_PASSWORD=…, PGPASSWORD=…
_ASSIGNMENT = re.compile(
    r"(?:pass(?:word|wd|phrase)?|pwd|secret|token|key|credentials?|auth)[ \t]*="
)
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_SECRET_NAME = re.compile(
    r"(?:pass(?:word|wd|phrase)?|pwd|secret|token|api_?key|access_?key|private_?key"
    r"|app_?key|secret_?key|credentials?|auth)\Z",
    re.IGNORECASE,
)
_PASSWORD_NAME = re.compile(r"pass|pwd", re.IGNORECASE)
_NOT_SECRET_NAME = re.compile(
    r"public|publishable|_id\Z|path|file|url|host|user|name|type|length|expir|policy|reset"
    r"|hint|format|mode|min|max|prompt|required|enabled|method|header",
    re.IGNORECASE,
)
# <password>…</password>, <SmtpPassword>…</SmtpPassword>
_XML_ELEMENT = re.compile(r"<(?P<tag>[A-Za-z_][\w.:-]{0,60})>(?P<v>[^<\n]{1,256})</(?P=tag)>")
# <Setting Name="ApiSecret">…</Setting>
_XML_NAMED = re.compile(
    r"<(?P<tag>[A-Za-z_][\w.:-]{0,60})[ \t][^<>\n]{0,120}?(?:name|key)=(?P<q>[\"'])"
    r"(?P<name>[^\"'\n]{1,80})(?P=q)[^<>\n]{0,120}>(?P<v>[^<\n]{1,256})</(?P=tag)>",
    re.IGNORECASE,
)
# <add key="SmtpPassword" value="…" />
_XML_KEY_VALUE = re.compile(
    r"key=(?P<qk>[\"'])(?P<name>[^\"'\n]{1,80})(?P=qk)[ \t]+value=(?P<qv>[\"'])"
    r"(?P<v>[^\"'\n]{1,512})(?P=qv)",
    re.IGNORECASE,
)


def _url_passwords(text: str, low: str) -> Iterator[_Span]:
    """The password part of ``scheme://user:password@host``; the rest of the URL stays."""
    for m in _URL_PASSWORD.finditer(text):
        if _is_placeholder(m.group("v")):
            continue
        scheme = _SCHEME.search(text, max(0, m.start() - 20), m.start())
        database = scheme is not None and scheme.group().lower() in _DATABASE_SCHEMES
        kind = "connection string password" if database else "password in URL"
        yield m.start("v"), m.end("v"), kind, "url-userinfo"


def _quoted_group(m: re.Match[str]) -> str:
    return next(g for g in ("q1", "q2", "v") if m.group(g) is not None)


def _command_lines(text: str, low: str) -> Iterator[_Span]:
    """Passwords on command lines: ``mysql -p…``, ``sshpass -p``, ``curl -u user:pass``,
    ``smbclient -U user%pass``, ``net use … /user:name pass``, ``xfreerdp /p:…``."""
    for m in _MYSQL_P.finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - 200), m.start()) + 1
        if not _MYSQL_COMMAND.search(text, max(line_start, m.start() - 200), m.start()):
            continue
        group = _quoted_group(m)
        if not _is_placeholder(m.group(group)):
            yield m.start(group), m.end(group), "password", "mysql-p"
    for command in _P_COMMAND.finditer(low):
        if not _starts_word(low, command.start()):
            continue
        line_end = text.find("\n", command.end())
        line_end = len(text) if line_end == -1 else line_end
        option = _P_OPTION.search(text, command.end(), min(line_end, command.end() + 300))
        if option is not None:
            group = _quoted_group(option)
            if not _is_placeholder(option.group(group)):
                yield option.start(group), option.end(group), "password", "command-p"
    for rule, pattern in (
        ("curl-user", _USER_COLON),
        ("smb-user-percent", _SMB_USER),
        ("net-use-user", _NET_USE),
        ("rdp-p", _XFREERDP),
    ):
        for m in pattern.finditer(low if rule == "net-use-user" else text):
            start, end = m.span("v")
            end = _trim(text, start, end)
            value = text[start:end]
            if end > start and not _is_placeholder(value) and not value.startswith("$"):
                yield start, end, "password", rule


def _assignments(text: str, low: str) -> Iterator[_Span]:
    """``NAME=value`` where the name says secret: ``.env`` files, ``export``, ``PGPASSWORD=``."""
    for m in _ASSIGNMENT.finditer(low):
        start = m.start()
        while start > max(0, m.start() - 60) and low[start - 1] in _NAME_CHARS:
            start -= 1
        if (start > 0 and low[start - 1] in "$.-") or not low[start : start + 1].isalpha():
            continue
        name = text[start : m.end()].rstrip(" \t=")
        if not _SECRET_NAME.search(name) or _NOT_SECRET_NAME.search(name):
            continue
        pos = m.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        span = _value_span(text, pos, "assign")
        if span is None:
            continue
        start, end, quoted = span
        value = text[start:end]
        if len(value) < 3 or _is_placeholder(value):
            continue
        password = _PASSWORD_NAME.search(name) is not None
        if password or quoted or _looks_random(value) or _strong(value):
            yield start, end, "password" if password else "token", "secret-variable"


def _markup(text: str, low: str) -> Iterator[_Span]:
    """``<password>…</password>`` and ``<add key="…Password" value="…"/>``."""
    for pattern, group in ((_XML_ELEMENT, "tag"), (_XML_NAMED, "name"), (_XML_KEY_VALUE, "name")):
        for m in pattern.finditer(text):
            name = m.group(group).rsplit(":", 1)[-1]
            if not _SECRET_NAME.search(name) or _NOT_SECRET_NAME.search(name):
                continue
            value = m.group("v").strip()
            if len(value) >= 3 and not _is_placeholder(value):
                start = m.start("v") + m.group("v").index(value)
                yield start, start + len(value), "password", "xml-" + group


# --- Passwords and tokens after a label ---------------------------------------------

# Lowercase, and every alternative starts with a letter, so the search skips ahead fast.
_PASSWORD_LABELS = (
    r"pass(?:word|wort|wd|phrase|code)?|pwd?|psw|p/w|kennwort|mot[ \t]de[ \t]passe|mdp"
    r"|contrase[ñn]a|senha|wachtwoord|shared[ \t]secret|pre-?shared[ \t]key|psk"
    r"|wi-?fi[ \t-]?(?:key|schlüssel)|wlan-?(?:[ \t]?key|schlüssel)|wpa[23]?[ \t-]?key"
    r"|network[ \t-]?key|netzwerk-?schlüssel|schlüssel|clave|cl[ée]|chave|sleutel"
)
_TOKEN_LABELS = (
    r"api[ _-]?(?:key|token|secret)|access[ _-]?(?:key|token|secret)"
    r"|auth[ _-]?(?:key|token|secret)|private[ _-]?(?:key|token|secret)"
    r"|client[ _-]?(?:key|token|secret)|secret[ _-]?(?:key|token|secret)"
    r"|bearer[ _-]?(?:key|token|secret)|account[ _]?key|shared[ _]?access[ _]?key"
    r"|authorization:[ \t]?basic|token|secret|key|credentials|bearer"
)
# Labels too common in prose to take a value without a separator ("the key 3AA5C343…").
_NEEDS_SEPARATOR = frozenset({"key", "secret", "credentials"})
# Searched in the lowercased text; _labelled checks that a label starts a word
# (``DB_PASSWORD`` and ``--password`` count, ``user/password`` is left to _PAIR).
_LABEL = re.compile(rf"(?:{_PASSWORD_LABELS}|{_TOKEN_LABELS})(?!\w)")
_TOKEN_LABEL = re.compile(rf"(?:{_TOKEN_LABELS})\Z")
# "password for the NAS is …", "credentials for the FTP: …"
_BRIDGE = (
    r"[ \t]+(?:for|to|of|on|at|für|pour|para|de|del|du|do|da|van|voor)[ \t]"
    r"(?:[^\n:=.!?]|[.!?](?=\S)){1,60}?"
)
# "Contraseña nueva:", "mot de passe provisoire :", "the password again, it's …"
_QUALIFIER = (
    r"[ \t]+(?:nueva|nuevo|nouveau|nouvelle|provisoire|provisional|temporal|temporaire"
    r"|tempor[áa]ria|tempor[áa]rio|actual|actuel|actuelle|nova|novo|nieuw|neu|initial|again"
    r"|now|too|also)(?!\w)"
)
# After the label: an optional closing quote (JSON keys), an optional "(admin)" or "for
# the NAS", then a separator; or only spaces, for "username bob password Hunter2".
_AFTER_LABEL = re.compile(
    r"[\"']?(?P<bridge>[ \t]*\([^()\n]{0,40}\)"
    rf"|{_BRIDGE}|{_QUALIFIER})?"
    r"(?P<sep>[ \t]*(?::=|=>|->|[:=])|[ \t]+[-–—](?=[ \t])|[ \t]*,(?=[ \t]*[\"'])"
    r"|[ \t]*,?[ \t]+(?:it'?s|it[ \t]+is|that'?s)(?!\w)[ \t]*:?"
    r"|[ \t]+(?:(?:is|was|has[ \t]been|have[ \t]been)[ \t]+(?:changed|reset|set)[ \t]+to"
    r"|(?:changed|reset|set)[ \t]+to|is|was|ist|lautet|est|es|é|era|er|would[ \t]be"
    r"|will[ \t]be)(?!\w)"
    r"(?:[ \t]+now(?!\w))?(?:[ \t]*:)?)[ \t]*"
    r"|(?P<space>[ \t]+)",
    re.IGNORECASE,
)
# What can follow a label that takes a value (the first characters of _AFTER_LABEL, _TO_EOL).
_AFTER_LABEL_STARTS = frozenset(" \t\"'(:=-,\r\n")
# Nothing but "for the NAS" or "(admin):" before the end of the line: the value is below.
_TO_EOL = re.compile(
    rf"(?:{_BRIDGE}|[ \t]*\([^()\n]{{0,40}}\))?[ \t]*[:=-]?[ \t]*(?=\r?\n|\Z)", re.IGNORECASE
)
# "… and for the VPN it's …": a second password in the same sentence.
_AND_FOR = re.compile(
    r"[ \t]*(?:,|;)?[ \t]*(?:and|und|et|y|e|en)?[ \t]*(?:for|für|pour|para|voor)[ \t]"
    r"[^\n:=.!?,;]{1,40}?[ \t]+(?:it'?s|it[ \t]+is|is|ist|est|es|é)(?:[ \t]*:)?[ \t]+",
    re.IGNORECASE,
)
_CONTEXT_KINDS = {"url": "password in URL", "ado": "connection string password"}
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’", "«": "»", "„": "“"}
_UNQUOTED = re.compile(r"\S{1,512}")
_ADO_VALUE = re.compile(r"[^;\r\n]{1,512}")
_QUERY_VALUE = re.compile(r"[^&\s]{1,512}")
_ASSIGN_VALUE = re.compile(r"[^\s;'\"]{1,512}")
# An app password or setup key typed in groups: "abcd efgh ijkl mnop".
_GROUPED = re.compile(
    r"(?<![\w-])[a-z2-7]{4}(?:[ -][a-z2-7]{4}){3,7}(?![\w-])"
    r"|[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,7}(?![\w-])"
)
_WORDS = re.compile(r"[A-Za-z][a-z'-]{0,30}(?:[ \t]+[A-Za-z][a-z'-]{0,30}){1,9}")
_CLAUSE_END = re.compile(
    r"[ \t]*(?:$|[\r\n.,;!?()]|(?:and|but|or|please|thanks|thank|und|et|y)(?!\w))",
    re.IGNORECASE | re.MULTILINE,
)
_WIFI_CONTEXT = re.compile(r"wi-?fi|wlan|ssid|network|netzwerk|router|wpa", re.IGNORECASE)
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
    separate separately written printed something like easy hard very really quite so
    almost nearly usual usually normal normally always never all of and or but if when
    then than into out up down off same-as please thanks thank call phone text message
    1password bitwarden lastpass keepass keepassxc dashlane keeper
    siehe falsch abgelaufen nicht voir expiré oublié ver incorrecta olvidada
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
_PLACEHOLDER_WORDS = frozenset(
    {"password", "passwort", "pass", "pwd", "pw", "secret", "token", "key", "redacted", "hidden"}
)
_VARIABLE = re.compile(
    r"\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?|%[A-Z_][A-Z0-9_]{0,60}%|\{\{.{0,80}\}\}"
)
_NUMBERISH = re.compile(r"[$€£]?[\d.,:/+()-]{1,512}[$€£%]?")
_LOOKALIKE = re.compile(
    r"(?-i:[A-Z]{2,6}-\d{1,6})|v\d[\d.]{0,30}|[^@\s]{1,200}@[^@\s]{1,200}\.[A-Za-z]{2,24}"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,19}://\S{0,500}|www\.\S{0,500}|[/~\\]\S{0,500}"
    r"|[A-Za-z]:\\\S{0,500}|[A-Za-z]{2,12}\\[A-Za-z]\S{0,500}|(?:SHA256|SHA1|MD5):\S{0,500}|!vault"
    r"|[A-Za-z_]\w{0,30}(?:\.\w{1,30}){1,5}\([^()]{0,200}\)",
    re.IGNORECASE,
)
# A key typed in groups of four digits, not a date or a phone number.
_DIGIT_GROUPS = re.compile(r"\d{4}(?:-\d{4}){3,7}")
_SYMBOLS = frozenset("!#$%&*?^~+=@§")


def _labelled(text: str, low: str) -> Iterator[_Span]:
    """Values after labels such as ``password:``, ``pw is``, ``API key =``, ``Bearer``,
    on the same line or alone on the next one.

    The search resumes after each value, so every character is examined a bounded
    number of times however many labels the text repeats.
    """
    pos = 0
    while (m := _LABEL.search(low, pos)) is not None:
        pos = m.end()
        if pos < len(text) and text[pos] not in _AFTER_LABEL_STARTS:
            continue
        label = m.group()
        if not _starts_word(low, m.start(), "/") or low.endswith(
            ("public ", "public_"), 0, m.start()
        ):
            continue
        after = _AFTER_LABEL.match(text, pos)
        eol = _TO_EOL.match(text, pos) if after is None or after.group("space") else None
        if eol is not None:
            if (found := _next_line_value(text, eol.end(), label)) is not None:
                yield found
            continue
        if after is None:
            continue
        is_token = _TOKEN_LABEL.match(label) is not None
        no_separator = after.group("space") is not None
        sep = "" if no_separator else after.group("sep").strip(" \t")
        symbol_separator = sep in (":", "=", ":=")
        if after.end() >= len(text) or text[after.end()] in "\r\n":
            if sep and (found := _next_line_value(text, after.end(), label)) is not None:
                yield found
            continue
        context = _context(text, m.start(), after.end(), sep) if symbol_separator else "prose"
        phrase = _phrase(text, after.end(), label) if context == "prose" and sep else None
        span = phrase or _value_span(text, after.end(), context)
        if span is None:
            continue
        start, end, quoted = span
        # A word right after a bare label may itself be the next label.
        pos = start if no_separator else end
        value = text[start:end]
        how = "space" if no_separator else "separator"
        rule = f"label-{'token' if is_token else 'password'}-{how}"
        if phrase is not None:
            yield start, end, "password", rule.replace("-separator", "-phrase")
        elif is_token:
            generated = _looks_random(value)
            if no_separator:
                bare = label in _NEEDS_SEPARATOR
                ok = (generated and not (bare and _is_hex(value))) or (
                    _wifi_line(text, m.start())
                    and _looks_like_password(value, quoted, True, text, end)
                )
            else:
                ok = generated or _looks_like_password(value, quoted, True, text, end)
            if ok:
                yield start, end, "token" if generated else "password", rule
        elif context != "prose":
            if len(value) >= 3 and not _is_placeholder(value):
                yield start, end, _CONTEXT_KINDS[context], rule.replace("separator", context)
        elif _looks_like_password(
            value, quoted, no_separator or (label == "pass" and not symbol_separator), text, end
        ) and (quoted or not no_separator or not _is_word(value)):
            yield start, end, "password", rule
        else:
            continue
        if (more := _AND_FOR.match(text, end + 1 if quoted else end)) is not None:
            span = _value_span(text, more.end(), "prose")
            if span is not None and _looks_like_password(
                text[span[0] : span[1]], span[2], True, text, span[1]
            ):
                pos = span[1]
                yield span[0], span[1], "password", "label-and-for"


def _next_line_value(text: str, pos: int, label: str) -> _Span | None:
    """A password alone on the line after its label (a blank line between is allowed)."""
    for _ in range(3):
        if pos >= len(text):
            return None
        if text[pos] == "\r":
            pos += 1
        if pos < len(text) and text[pos] == "\n":
            pos += 1
        eol = text.find("\n", pos, pos + 600)
        eol = min(len(text), pos + 600) if eol == -1 else eol
        line = text[pos:eol].rstrip("\r")
        value = line.strip(" \t>")
        if value:
            start = pos + line.index(value)
            phrase = _phrase(text, start, label)
            if phrase is not None and phrase[1] == start + len(value.rstrip(".")):
                return phrase[0], phrase[1], "password", "label-next-line-phrase"
            if " " in value or "\t" in value:
                return None
            if _looks_like_password(value, False, True, text, start + len(value)):
                return start, start + len(value), "password", "label-next-line"
            return None
        pos = eol
    return None


def _phrase(text: str, pos: int, label: str) -> tuple[int, int, bool] | None:
    """A grouped app password anywhere, or a passphrase of plain words after
    ``passphrase`` (or three to six lowercase words after ``password is``)."""
    grouped = _GROUPED.match(text, pos)
    if grouped is not None and _random_groups(grouped.group()):
        return pos, grouped.end(), False
    if "pass" not in label and label not in ("pw", "pwd", "senha", "kennwort", "passwort"):
        return None
    words = _WORDS.match(text, pos)
    if words is None:
        return None
    parts = words.group().lower().split()
    end = words.end()
    tail = _CLAUSE_END.match(text, end)
    if tail is None or not (tail.group().strip() in ("", "(", ".") or tail.end() == len(text)):
        return None
    if label.startswith("passphrase"):
        # Any words may make a passphrase; only its first word tells it from a sentence.
        return None if parts[0] in _PHRASE_STARTS_PROSE else (pos, end, False)
    if 3 <= len(parts) <= 6 and words.group().islower() and not _NOT_SECRETS.intersection(parts):
        return pos, end, False
    return None


# Words of _NOT_SECRETS that also start passphrases ("correct horse battery staple").
_PHRASE_STARTS_PROSE = _NOT_SECRETS - {
    "correct", "right", "valid", "strong", "weak", "simple", "long", "short", "secure", "old",
    "new", "fine", "ok", "okay", "easy", "hard", "ready", "case", "normal", "temporary",
}  # fmt: skip
_COMMON_WORDS = frozenset(
    """
    able also back been call come does done down each even find from gave give goes good
    have here just keep know last like look made make many more most much must name next
    once only over part said same send some soon such sure take tell than that them then
    they this time very want week well went were what when will with work year your
    """.split()  # noqa: SIM905
)


def _random_groups(value: str) -> bool:
    """Groups of four letters that are not ordinary words."""
    groups = re.split(r"[ -]", value.lower())
    return sum(g in _COMMON_WORDS for g in groups) < 2


_APP_PASSWORD = re.compile(
    r"app[ -]?password|app[ -]specific[ \t]password|application[ \t]password"
    r"|anwendungspasswort|app-passwort|mot[ \t]de[ \t]passe[ \t]d'application"
)


def _app_passwords(text: str, low: str) -> Iterator[_Span]:
    """Four groups of four letters on the line of (or the line after) "app password"."""
    pos = 0
    while (m := _APP_PASSWORD.search(low, pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else text.find("\n", end + 1)
        end = len(text) if end == -1 else end
        for grouped in _GROUPED.finditer(text, start, end):
            if _random_groups(grouped.group()):
                yield grouped.start(), grouped.end(), "password", "app-password-groups"
        pos = max(m.end(), end)


def _wifi_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` speaks of a Wi-Fi network."""
    start = text.rfind("\n", max(0, pos - 200), pos) + 1
    return _WIFI_CONTEXT.search(text, start, pos) is not None


def _context(text: str, label_start: int, value_start: int, sep: str) -> str:
    """``url`` for ``?password=``, ``ado`` for ``;Password=...;``, otherwise ``prose``."""
    before = label_start - 1
    if before >= 0 and text[before] in "?&":
        return "url"
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before >= 0 and text[before] == ";":
        return "ado"
    if sep.endswith("="):
        line_end = text.find("\n", value_start, value_start + 512)
        line_end = value_start + 512 if line_end == -1 else line_end
        if text.find(";", value_start, line_end) != -1:
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
    pattern = {"url": _QUERY_VALUE, "ado": _ADO_VALUE, "assign": _ASSIGN_VALUE}.get(
        context, _UNQUOTED
    )
    m = pattern.match(text, pos)
    if m is None:
        return None
    end = _trim(text, pos, m.end())
    return (pos, end, False) if end > pos else None


def _trim(text: str, start: int, end: int) -> int:
    """``end`` without trailing punctuation and closers the value did not open."""
    while end > start and (text[end - 1] in " \t.,;:" or _unmatched_closer(text, start, end)):
        end -= 1
    return end


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
    mixed = _HAS_LETTER(core) is not None and (
        not core.isalpha() or (any(c.isupper() for c in core[1:]) and not core.isupper())
    )
    if not quoted and (len(value) < 4 or (strict and (len(value) < 6 or not mixed))):
        return False
    if _is_placeholder(value) or _is_lookalike(value) or core.lower() in _NOT_SECRETS:
        return False
    if quoted:
        return len(value) >= 3
    if strict or mixed or _DIGIT_GROUPS.fullmatch(value):
        return True
    return (core.isalpha() or value.isdigit()) and _CLAUSE_END.match(text, end) is not None


def _strong(value: str) -> bool:
    """Letters and digits with a symbol, or with both cases: a password's usual shape."""
    letters = any(c.isalpha() for c in value)
    digits = any(c.isdigit() for c in value)
    cases = any(c.isupper() for c in value) and any(c.islower() for c in value)
    return 6 <= len(value) <= 64 and letters and digits and (cases or bool(_SYMBOLS & set(value)))


def _looks_random(value: str) -> bool:
    """A generated token: long, letters and digits, and high character entropy."""
    if len(value) < 16 or not _HAS_LETTER(value) or not _HAS_DIGIT(value):
        return False
    if _is_placeholder(value) or _is_lookalike(value):
        return False
    size = len(value)
    entropy = math.log2(size) - sum(n * math.log2(n) for n in Counter(value).values()) / size
    return entropy >= 3.0


_HAS_LETTER = re.compile(r"[^\W\d_]").search
_HAS_DIGIT = re.compile(r"\d").search


def _is_word(value: str) -> bool:
    """A plain word, however capitalised ("SQLite's", "iCloud"), not a password's shape."""
    return value.rstrip(".,;:!?").replace("'", "").replace("’", "").isalpha()


def _is_hex(value: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in value)


def _is_placeholder(value: str) -> bool:
    """Masked or templated values: ``****``, ``<password>``, ``${DB_PASS}``, ``[redacted]``."""
    lowered = value.lower()
    if lowered in _PLACEHOLDER_WORDS or set(lowered) <= set("*x•.#?_-"):
        return True
    return value[0] in "<[{(" or _VARIABLE.fullmatch(value) is not None


def _is_lookalike(value: str) -> bool:
    """Dates, times, amounts, phone and invoice numbers, versions, refs, emails, URLs, paths."""
    if _NUMBERISH.fullmatch(value) and not value.isdigit() and not _DIGIT_GROUPS.fullmatch(value):
        return True
    return _LOOKALIKE.fullmatch(value) is not None


# --- Pairs of an account and its password ----------------------------------------------

# Searched in the lowercased text; a match must start a word.
_PAIR = re.compile(
    r"(?:log[ -]?in|logon|credentials|creds|accounts?|logins|user[ \t]?/[ \t]?pass(?:word)?"
    r"|username[ \t]?/[ \t]?pass(?:word)?|login[ \t]?/[ \t]?pass(?:word)?|zugangsdaten"
    r"|anmeldedaten|identifiants)"
    rf"(?:{_BRIDGE})?(?:[ \t]*[:=]|[ \t]+(?:are|is|sind|sont|son))"
    r"[ \t]*[^\s/|:]{1,64}[ \t]*(?:/|\||:(?!//))[ \t]*"
)
# "my login is anna@… with …", "log in as bob with …"
_WITH = re.compile(
    r"(?:log(?:ged)?[ -]?in|logon|sign[ -]?in|user(?:name)?|account)"
    r"(?:[ \t]+(?:is|as|name))?[ \t]*:?[ \t]+[^\s]{2,64}[ \t]+(?:with|mit|avec|con|com|met)"
    r"[ \t]+(?:(?:the[ \t]+)?(?:password|passwort|pw|pwd)[ \t]+)?"
)
# A bare "name / password" or "name:password" with a password's shape.
# Each starts with its literal so the search skips ahead; the lookbehind checks the word.
_SLASH = re.compile(r"/(?:(?<=\w/)|(?<=\w[ \t]/))[ \t]?(?=[^\s/]{6})")
_COLON = re.compile(r":(?<=\w:)(?=[^\s/:]{6})")
_NOT_ACCOUNTS = frozenset(
    """
    re fwd fw aw wg sv tr subject from to cc bcc date tel phone fax mailto ref note id http
    https ftp sftp ssh file data cid urn sha sha1 sha256 sha512 md5 base64 uuid guid doi isbn
    """.split()  # noqa: SIM905
)
_ACCOUNT = re.compile(r"[\w.@+-]{2,64}")


def _pairs(text: str, low: str) -> Iterator[_Span]:
    """The password half of ``login: bob / Hunter2!``, ``credentials: bob:Hunter2``,
    ``log in as bob with Hunter2!``, a bare ``bob / Hunter2!`` or ``bob:Hunter2!``."""
    for pattern, rule in ((_PAIR, "pair-label"), (_WITH, "pair-with")):
        pos = 0
        while (m := pattern.search(low, pos)) is not None:
            pos = m.end()
            if not _starts_word(low, m.start()):
                continue
            span = _value_span(text, pos, "prose")
            if span is None:
                continue
            start, pos, quoted = span
            strict = rule == "pair-with"
            if _looks_like_password(text[start:pos], quoted, strict, text, pos):
                yield start, pos, "password", rule
    for pattern, rule in ((_SLASH, "pair-slash"), (_COLON, "pair-colon")):
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            left_end = m.start() - (text[m.start() - 1] in " \t")
            found = _bare_pair(text, left_end, m.end(), rule)
            # The rest of this word cannot start another pair.
            pos = _word_end(text, found[1] if found else m.end())
            if found is not None:
                yield found


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def _bare_pair(text: str, left_end: int, value_start: int, rule: str) -> _Span | None:
    """``name / Secret!1`` or ``name:Secret!1`` when the right side looks generated."""
    left_start = left_end
    while left_start > max(0, left_end - 65) and not text[left_start - 1].isspace():
        left_start -= 1
    account = text[left_start:left_end].lstrip("(\"'<[")
    spaced = text[left_end] != "/" or text[value_start - 1] != "/"
    if rule == "pair-slash" and not spaced:
        return None
    if not _ACCOUNT.fullmatch(account) or account.lower() in _NOT_ACCOUNTS:
        return None
    if not account[0].isalpha():
        return None
    span = _value_span(text, value_start, "prose")
    if span is None:
        return None
    start, end, _ = span
    value = text[start:end]
    if ":" in value or _is_lookalike(value) or _is_placeholder(value):
        return None
    symbol = bool(_SYMBOLS & set(value)) and any(c.isdigit() for c in value)
    if (symbol and _strong(value)) or (_wifi_line(text, left_end) and _strong(value)):
        return start, end, "password", rule
    return None


# --- Door, alarm and remote-access codes; recovery codes ----------------------------

_CODE = re.compile(
    r"(?:pin|code|passcode|access[ \t-]?code|entry[ \t-]?code|door[ \t-]?code|gate[ \t-]?code"
    r"|alarm[ \t-]?code|disarm[ \t-]?code|keypad[ \t-]?code|safe[ \t-]?code|lock[ \t-]?code"
    r"|combination|kombination|código|codigo)(?!\w)"
)
_CODE_CONTEXT = re.compile(
    r"alarm|door|gate|keypad|key[ \t]?safe|lock|safe|entr|garage|building|tür|tor\b|puerta"
    r"|porte|pin|wi-?fi|wlan|guest|voicemail"
)
_NOT_A_CODE = re.compile(
    r"error|status|exit|return|http|zip|postal|post|area|country|dial|product|promo|discount"
    r"|voucher|coupon|gift|track|trac|reference|ref\b|booking|confirm|order|invoice|customer"
    r"|sort|swift|bic|bank|routing|iso|qr|bar|source|tax|vat|icd|colou?r|fehler|event|reason"
    r"|response|client|meeting|shows|displays"
)
_CODE_AFTER = re.compile(
    rf"(?:(?:{_BRIDGE})?(?P<sep>[ \t]*[:=#]|[ \t]+(?:is|ist|es|est|é|lautet)(?!\w)[ \t]*:?"
    r"|[ \t]*-(?=[ \t])))?[ \t]*"
    r"(?P<v>[#*]?\d{3,10}[#*]?|\d(?:-\d){3,7}|[A-Za-z0-9]{4,32})(?![\w-])",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"(?:team[ ]?viewer|any[ ]?desk|rust[ ]?desk|splashtop)(?!\w)"
    r"[^\n\d]{0,30}\d{1,3}(?:[ ]?\d{3}){2,3}(?!\d)[ \t]*(?:/|,|;)[ \t]*"
    r"(?P<v>[a-z0-9!#$%&*?@+=-]{4,64})(?![\w-])"
)
_RECOVERY = re.compile(
    r"(?:recovery|backup|wiederherstellungs|scratch|emergency|rescue)"
    r"[ \t-]?(?:keys?|codes?|schlüssel|kennwort)(?!\w)"
)
_RECOVERY_LEAD = re.compile(
    rf"(?:(?:{_BRIDGE})?(?:[ \t]*[:=]|[ \t]+(?:is|are)(?!\w)))?[ \t]*", re.IGNORECASE
)
_RECOVERY_TOKEN = re.compile(r"[A-Za-z0-9]{4,40}(?:-[A-Za-z0-9]{4,12}){0,8}(?![\w-])")


def _codes(text: str, low: str) -> Iterator[_Span]:
    """Door, alarm and PIN codes; a remote-access ID with its password."""
    for m in _CODE.finditer(low):
        after = _CODE_AFTER.match(text, m.end())
        if after is None or not _starts_word(low, m.start()):
            continue
        start, end = after.span("v")
        value = after.group("v")
        digits = value.strip("#*").replace("-", "").isdigit()
        if not digits and not _looks_like_password(value, False, True, text, end):
            continue
        line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1
        before = low[max(line_start, m.start() - 40) : m.end()]
        if _NOT_A_CODE.search(before):
            continue
        if after.group("sep") is not None or _CODE_CONTEXT.search(before) or "-" in value:
            yield start, end, "access code" if digits else "password", "access-code"
    for m in _REMOTE.finditer(low):
        value = m.group("v")
        if not _starts_word(low, m.start()):
            continue
        if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            yield m.start("v"), m.end("v"), "password", "remote-access-id-password"


def _recovery_codes(text: str, low: str) -> Iterator[_Span]:
    """Recovery keys and backup codes after their label, one finding per line of codes."""
    pos = 0
    while (m := _RECOVERY.search(low, pos)) is not None:
        pos = m.end()
        if not _starts_word(low, m.start()):
            continue
        pos = _RECOVERY_LEAD.match(text, m.end()).end()
        if text.startswith("\n", pos) or text.startswith("\r\n", pos):
            pos = text.index("\n", pos) + 1
        for _ in range(20):
            first = last = None
            while (token := _RECOVERY_TOKEN.match(text, pos)) is not None:
                value = token.group()
                if not any(c.isdigit() for c in value) and value.count("-") < 3:
                    break
                first = token.start() if first is None else first
                last = token.end()
                pos = token.end()
                while pos < len(text) and text[pos] in " \t,;":
                    pos += 1
            if first is None:
                break
            yield first, last, "recovery code", "recovery-code"
            if pos < len(text) and text[pos] == "\r":
                pos += 1
            if pos >= len(text) or text[pos] != "\n":
                break
            pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1


# --- Scanning -----------------------------------------------------------------------


def _starts_word(low: str, pos: int, also: str = "") -> bool:
    """Whether ``pos`` starts a word (an underscore before it counts as a break)."""
    return pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] in also)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def _lower(text: str) -> str:
    """``text`` in lower case, with every character where it was."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


_DETECTORS: list[Callable[[str, str], Iterator[_Span]]] = [
    _private_keys,
    _shaped_tokens,
    _url_passwords,
    _command_lines,
    _assignments,
    _markup,
    _recovery_codes,
    _pairs,
    _labelled,
    _codes,
    _app_passwords,
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
    low = _lower(text)
    candidates = sorted(
        (start, -end, rank, kind, rule)
        for rank, detector in enumerate(_DETECTORS)
        for start, end, kind, rule in detector(text, low)
        if end > start and not (_allowed and _is_allowed(text, start, end))
    )
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
    line_starts = [0, *(m.end() for m in re.finditer("\n", text))] if merged else []
    findings = []
    for start, end, _rank, kind, rule in merged:
        line = bisect_right(line_starts, start)
        findings.append(Finding(kind, line, start - line_starts[line - 1] + 1, start, end, rule))
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


def explain(text: str) -> list[str]:
    """One line per finding: kind, ``line:column-line:column`` and the rule, never the secret."""
    lines = []
    for f in scan(text):
        last = f.end - 1
        end_line = f.line + text.count("\n", f.start, last)
        end_column = last - text.rfind("\n", 0, last)
        lines.append(f"{f.kind} {f.line}:{f.column}-{end_line}:{end_column} ({f.rule})")
    return lines


def check_consultant_text(text: str, field: str, *, author: str = "consultant") -> None:
    """Who wrote it decides: a credential the consultant typed is refused, never stored.

    Text by the client passes here; it is redacted where it is stored, and the client is
    asked for a secure method. Raises :class:`Invalid` on ``field`` with the reason.
    """
    if author != "consultant" or not text:
        return
    findings = scan(str(text))
    if findings:
        where = ", ".join(f"{f.kind} at {f.line}:{f.column}" for f in findings[:3])
        raise Invalid(
            field,
            f"This text holds a credential ({where}); credentials are never stored in a ticket.",
            "Remove it; keep shared access as an access grant (g), in the keyring with an expiry.",
        )
