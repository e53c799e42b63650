"""Secrets that their syntax gives away: private keys, provider tokens, passwords in
URLs, on command lines, in assignments and in markup."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import chain

from hourdesk.app.core.guard.alternation import Rare, by_first_letter, needle
from hourdesk.app.core.guard.values import (
    NOT_SECRETS,
    Span,
    is_placeholder,
    is_reference,
    line_bounds,
    looks_like_password,
    looks_random,
    looks_strong,
    starts_word,
    trim_value,
    value_span,
)

# --- Private keys -------------------------------------------------------------------

_PEM_BEGIN = re.compile(r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_END = re.compile(r"-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----")
_PEM_HEADER = re.compile(r"[A-Za-z-]{1,40}: ")
_PUTTY_PRIVATE = re.compile(r"Private-Lines:[ \t]*(?P<n>\d{1,3})[ \t]*\r?\n")
# Base64 plus the backslash of a JSON-escaped key ("...-----\nMIIE...").
_BASE64 = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\\")


def private_keys(text: str, low: str) -> Iterator[Span]:
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
            # 36 after the prefix; a few less, as a hand copies one, still is one
            r"g(?<![A-Za-z0-9].)(?:h[pousr]_[A-Za-z0-9]{30,251}|ithub_pat_[A-Za-z0-9_]{59,240})(?!\w)"
        ),
    ),
    (
        "Twilio auth token",
        "twilio-auth-token",
        # the account's SID, then its auth token: "twilio('AC…', '…')", "AC… / …"
        re.compile(
            r"AC(?<![A-Za-z0-9]..)[0-9a-f]{32}[\"']?[ \t]*[,:/;][ \t]*[\"']?"
            r"(?P<v>[0-9a-f]{32})(?!\w)"
        ),
    ),
    (
        "1Password secret key",
        "1password-secret-key",
        re.compile(r"A3(?<![\w-]..)-[A-Z0-9]{6}-[A-Z0-9]{6}(?:-[A-Z0-9]{5}){4}(?![\w-])"),
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
        # 39 characters in Google's keys; as people copy them, a few more or fewer
        re.compile(r"AIza(?<![A-Za-z0-9]....)[A-Za-z0-9_-]{30,40}(?![\w-])"),
    ),
    (
        "OAuth client secret",
        "google-oauth-secret",
        re.compile(r"GOCSPX-(?<![\w-].......)[A-Za-z0-9_-]{24,40}(?![\w-])"),
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
    (
        "Telegram bot token",
        "telegram-bot-token",
        re.compile(r"(?<![\w:])\d{8,10}:AA[\w-]{32,34}(?![\w-])"),
    ),
    ("API key", "docker-hub-token", re.compile(r"dckr_pat_[\w-]{20,200}(?![\w-])")),
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
        re.compile(  # the whole address: it names the account beside the secret
            r"otpauth://[^\s?]{1,300}\?(?:[^\s#]{0,300}?[&;])?secret=[A-Za-z2-7=]{8,256}"
            r"[^\s\"'<>]{0,600}"
        ),
    ),
    (
        "webhook secret",
        "slack-webhook",
        re.compile(
            # the whole address is the secret: anyone who has it may post
            # from its first letter, which the engine skips to fast
            r"(?P<v>h(?:ttps?://hooks|ooks)\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}"
            r"/[A-Z0-9]{6,14}/[A-Za-z0-9]{16,64})(?![\w-])"
        ),
    ),
    (
        "calendar secret address",
        "google-calendar-private",
        re.compile(r"calendar/ical/[^/\s]{1,200}/private-(?P<v>[0-9a-f]{32})/"),
    ),
    (
        "webhook secret",
        "bitrix24-webhook",
        re.compile(r"bitrix24\.[a-z.]{2,12}/rest/\d{1,8}/(?P<v>[a-z0-9]{16,32})(?![\w-])"),
    ),
    (
        "webhook secret",
        "discord-webhook",
        re.compile(r"discord(?:app)?\.com/api/webhooks/\d{5,25}/(?P<v>[\w-]{20,100})(?![\w-])"),
    ),
    (
        "password",
        "secure-string-plain-text",
        re.compile(
            r"convertto-securestring(?:[ \t]+-string)?[ \t]+"
            r"(?P<q>[\"'])(?P<v>[^\"'\n]{1,128})(?P=q)"
        ),
    ),
    (
        "Wi-Fi key",
        "wifi-qr",
        re.compile(r"WIFI:(?:[^;\n]{0,100};){0,6}?P:(?P<v>(?:\\.|[^;\\\n]){1,128})"),
    ),
]
_NEEDLES = [needle(pattern) for _kind, _rule, pattern in _SHAPED]
# What a text holds when a pattern that starts with a class may match: found by the engine
# from its literal first character, far faster than the pattern tried at every digit.
_HINTS = {
    "bitlocker-recovery-key": re.compile(r"-\d{6}-\d{6}-"),
    "stripe-key": re.compile(r"k_(?:live|test)_"),
    "telegram-bot-token": re.compile(r"\d:AA[\w-]{32}"),
}
# Patterns searched in the lowercased text (positions are the same).
_ON_LOWER = frozenset({"aws-secret-label", "secure-string-plain-text"})
# Shapes words may take too ("12345678:AAPL_daily_close_v2", "dckr_pat_example_token_here_1"):
# only a generated value counts, not one of two words or more.
_GENERATED_ONLY = frozenset({"telegram-bot-token", "docker-hub-token"})
# An AWS secret access key: 40 characters of base64 near its key id.
_AWS_SECRET = re.compile(r"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")


def _generated(token: str) -> bool:
    """Whether a token after its prefix looks generated, with fewer than two words in it."""
    value = token.partition(":")[2] or token.removeprefix("dckr_pat_")
    words = [part for part in _PARTS.split(value) if len(part) >= 4 and _WORD_CASE.fullmatch(part)]
    return looks_random(value) and len(words) < 2


_PARTS = re.compile(r"[_.-]")
_WORD_CASE = re.compile(r"[a-z]+|[A-Z]+|[A-Z][a-z]+")


_WRAPPED_TOKEN = re.compile(r"[ \t]*\r?\n(?P<v>[A-Za-z0-9_-]{16,200})[ \t]*(?=\r?\n|\Z)")


# How much of a token stands before the literal it is found by (an Azure secret's "Qn48"
# before its "Q~"): the pattern looks behind at it, the finding takes it in.
_BEFORE_LITERAL = {"azure-client-secret": 4}


def shaped_tokens(text: str, low: str) -> Iterator[Span]:
    """Cloud and SaaS tokens recognisable by their prefix and length."""
    for (kind, rule, pattern), literal in zip(_SHAPED, _NEEDLES, strict=True):
        subject = low if rule in _ON_LOWER else text
        if literal not in subject or ((hint := _HINTS.get(rule)) and not hint.search(subject)):
            continue
        group = "v" if "v" in pattern.groupindex else 0
        for m in pattern.finditer(subject):
            if is_placeholder(m.group(group)) or (
                rule in _GENERATED_ONLY and not _generated(m.group(group))
            ):
                continue
            end = m.end(group)
            # the rest of a token a phone wrapped onto the next line
            if (rest := _WRAPPED_TOKEN.match(text, end)) is not None and looks_random(rest["v"]):
                end = rest.end("v")
            yield m.start(group) - _BEFORE_LITERAL.get(rule, 0), end, kind, rule
            if rule == "aws-key-id":
                secret = _AWS_SECRET.search(text, m.end(), m.end() + 120)
                if secret is not None and looks_random(secret.group()):
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
_P_COMMAND = Rare(
    r"sshpass|psexec|paexec|rdesktop|docker[ \t]+login|podman[ \t]+login"
    r"|nerdctl[ \t]+login|buildah[ \t]+login",
    r"(?![\w-])",
)
_P_OPTION = re.compile(r"(?<!\S)-p[ \t]*" + _QUOTED_OR_WORD)
_A_COMMAND = Rare("redis-cli", r"(?![\w-])")
_A_OPTION = re.compile(r"(?<!\S)-a[ \t]*" + _QUOTED_OR_WORD)
_W_COMMAND = Rare("ldap", r"(?:search|modify|add|delete|whoami|passwd|compare|modrdn)(?![\w-])")
_W_OPTION = re.compile(r"(?<!\S)-w[ \t]*" + _QUOTED_OR_WORD)
# A line of ~/.pgpass: host:port:database:user:password
_PGPASS = re.compile(r":(?:\d{1,5}|\*):[^\s:]{1,64}:[^\s:]{1,64}:(?P<v>\S{1,128})")
_MAC = re.compile(r"[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}")
_PGPASS_HOST = re.compile(r"[ \t]*[\w.*-]{1,100}")
# echo 'secret' | … --password-stdin
_PIPED = Rare(
    "echo|printf",
    r"[ \t]+(?:(?:-n|-e|'%s[^']{0,4}'|\"%s[^\"]{0,4}\")[ \t]+)?"
    + _QUOTED_OR_WORD
    + r"[ \t]*\|[^\n|]{0,200}(?:--pass(?:word|wd)?-(?:on-)?stdin|sudo[ \t]+-S(?![\w-]))",
)
# htpasswd -b[c] FILE USER PASSWORD, htpasswd -nb USER PASSWORD: -b takes it from the line.
_HTPASSWD = re.compile(
    r"htpasswd(?<![\w./-]htpasswd)(?P<flags>(?:[ \t]+-[A-Za-z]{1,8}){1,4})[ \t]+"
)
_HTPASSWD_ARGS = {
    False: re.compile(r"[^\s'\"]{1,256}[ \t]+[^\s'\"]{1,64}[ \t]+" + _QUOTED_OR_WORD),
    True: re.compile(r"[^\s'\"]{1,64}[ \t]+" + _QUOTED_OR_WORD),
}
_LFTP_USER = re.compile(
    r"lftp(?![\w-])[^\n]{0,100}?[ \t]-u[ \t]+[^\s,]{1,64},(?P<v>[^\s'\"]{1,128})"
)
# Any command: a flag named for a password (--password, -password, --db-pass, --user_pass)
# takes the next word; a bare -p does where the line also names a user (-u, --user).
_PASSWORD_FLAG = re.compile(
    r"[-/](?<=\s[-/])[\w-]{0,30}?(?:pass(?:word|wd)?|pwd)(?:=|[ \t]+|(?<=/pass):|(?<=/password):)"
    + _QUOTED_OR_WORD,
    re.IGNORECASE,
)
_USER_FLAG = re.compile(r"(?<!\S)(?:-u|-U|--?user(?:name)?)(?:=|[ \t]+)[^\s-]")
_SPACED_P = re.compile(r"-[pP](?<!\S-[pP])[ \t]+" + _QUOTED_OR_WORD)
_USER_COLON = re.compile(
    r"-(?<![\w-]-)(?:u|-user)(?:[ \t]+|=)['\"]?[^\s:'\"]{1,64}:"
    r"(?P<v>[^\s'\"]{1,128})"
)
_SMB_USER = re.compile(r"-U(?<=\s-U)[ \t]*['\"]?[^\s%'\"]{1,64}%(?P<v>[^\s'\"]{1,128})")
# "runas /user:CORP\admin cmd" names the program to run, not a password (runas's options
# before it too: "runas /noprofile /user:…").
# (The look-behinds come after "/user:", which the engine finds fast.)
_NET_USE = re.compile(
    r"/user:(?<!runas[ \t]/user:)(?<!runas\.exe[ \t]/user:)(?<!/noprofile[ \t]/user:)"
    r"(?<!/profile[ \t]/user:)(?<!/env[ \t]/user:)(?<!/netonly[ \t]/user:)"
    r"(?<!/savecred[ \t]/user:)(?<!/smartcard[ \t]/user:)"
    r"[^\s]{1,64}[ \t]+(?P<v>[^\s/*][^\s]{0,127})"
)
# "net use Z: \\host\share Kaffeebohne9 /user:markus": the password before the user
_NET_USE_BEFORE = re.compile(
    r"net[ \t]+use[ \t]+(?:[a-z*]:[ \t]+)?\\\\\S{1,200}[ \t]+(?P<v>[^\s/*][^\s]{0,127})"
    r"(?=[ \t]+/user:)"
)
# "net user reception Kabalah2026 /add": a Windows account made with its password
_NET_USER = re.compile(
    r"net[ \t]+user[ \t]+(?:\"[^\"\n]{1,64}\"|[^\s/\"]{1,64})[ \t]+(?P<v>[^\s/*][^\s]{0,127})"
    r"(?=[ \t]+/(?:add|domain|active|expires|passwordchg|fullname|comment)|[ \t]*$)",
    re.MULTILINE,
)
# "mount_smbfs //markus:Kaffeebohne9@host/share": a user and password without a scheme
_SLASHES_USER = re.compile(r"//(?<![:\w]//)[^\s:/@]{1,64}:(?P<v>[^\s/@]{1,128})@(?=[\w\[])")
_XFREERDP = re.compile(r"/p:(?<=\s/p:)(?P<v>[^\s]{1,128})")
# SECRET_KEY_BASE, TOKEN_VALUE: the secret's name with the form it is in.
_NAME_SUFFIX = r"(?:_?(?:base|value|b64|base64|hex))?"
# A password in a variable's name in another language: SENHA_BANCO, DB_KENNWORT
_FOREIGN_PASSWORD_WORDS = (
    "senha|contraseña|contrasena|passwort|kennwort|wachtwoord|parola|hasło|haslo|heslo|salasana"
    "|lösenord|losenord|passord|adgangskode|mot_de_passe|motdepasse|mdp|şifre|sifre|geslo"
    "|lozinka|jelszó|jelszo|parool"
)
_PASSWORD_WORDS = "pass(?:word|wd|phrase)?|pwd|" + _FOREIGN_PASSWORD_WORDS
# After the word, up to two more parts may name what it is for (DB_PASSWORD_PROD=…), none
# holding a word for a secret of its own (SECRET_KEY_BASE= is the key's).
_MORE_PARTS = (
    r"(?P<more>(?:_(?![a-z0-9]*(?:secret|token|key|auth|cred|pass|pwd))[a-z0-9]{1,16}){1,2})?"
)
_ASSIGNED = rf"{_NAME_SUFFIX}{_MORE_PARTS}(?:[ \t]*=|(?P<colon>:)(?=[ \t]))"
# An assignment to a variable whose name says it holds a secret: DB_PASSWORD=…, PGPASSWORD=…;
# the names in other languages are rare, found with str.find first.
_ASSIGNMENT = re.compile(
    by_first_letter("pass(?:word|wd|phrase)?|pwd|secret|token|key|credentials?|auth") + _ASSIGNED
)
_FOREIGN_ASSIGNMENT = Rare(_FOREIGN_PASSWORD_WORDS, _ASSIGNED)
# A settings page pasted as a table: "SECRET_KEY_BASE   8a4f2c9e…", the name in capitals
_SPACED = re.compile(
    r"^[ \t]*(?P<name>[A-Z][A-Z0-9_]{2,60})(?:[ \t]{2,}|\t)(?P<v>\S{16,200})[ \t]*$", re.M
)
# Windows: setx NAME "value"
_SETX = re.compile(r"setx(?<![\w-]....)[ \t]+(?P<name>[A-Za-z_]\w{0,60})[ \t]+" + _QUOTED_OR_WORD)
# An entity of markup, whose ";" ends no value: "&amp;", "&#38;".
_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|apos|#\d{1,5});")
_LONGEST_ENTITY_VALUE = 128
_LONG_RUN = re.compile(r"\S{65}")
_CALL = re.compile(r"[A-Za-z_][\w.]{0,60}[(\[]")
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
_SECRET_NAME = re.compile(
    rf"(?:{_PASSWORD_WORDS}|passkey|secret|token|api_?key|access_?key|private_?key"
    rf"|app_?key|application_?key|secret_?key|credentials?|auth){_NAME_SUFFIX}\Z",
    re.IGNORECASE,
)
_PASSWORD_NAME = re.compile(_PASSWORD_WORDS, re.IGNORECASE)
_NOT_SECRET_NAME = re.compile(
    r"public|publishable|_id\Z|path|file|url|host|user|name|type|length|expir|policy|reset"
    r"|hint|format|mode|prompt|required|enabled|method|header"
    # a bound ("PasswordMinLength", "MaxAge"), not "AdminPassword" or "TerminalPassword"
    r"|(?<!ad)(?:min|max)(?:imum)?(?:[_.-]?(?:len(?:gth)?|age|chars?|count|digits|size|value)|\Z)",
    re.IGNORECASE,
)
# What more parts of a password's variable name say it holds a setting, not the password.
_NOT_SECRET_PART = re.compile(
    r"hash|algo|salt|rounds|iter|cost|store|manager|command|cmd|env|var|change"
    r"|rotat|days|age|len|complex|strength|rule|digits|chars|upper|lower|symbol|special|ttl"
    r"|regex|pattern|field|label|input|error|dn\b|placeholder|prompt|msg|message|text|title"
)
# <password>…</password>, <SmtpPassword>…</SmtpPassword>
_XML_ELEMENT = re.compile(r"<(?P<tag>[A-Za-z_][\w.:-]{0,60})>(?P<v>[^<\n]{1,256})</(?P=tag)>")
# <Setting Name="ApiSecret">…</Setting>
_XML_NAMED = re.compile(
    r"<(?P<tag>[A-Za-z_][\w.:-]{0,60})[ \t][^<>\n]{0,120}?(?:name|key)=(?P<q>[\"'])"
    r"(?P<name>[^\"'\n]{1,80})(?P=q)[^<>\n]{0,120}>(?P<v>[^<\n]{1,256})</(?P=tag)>",
    re.IGNORECASE,
)
# <add key="SmtpPassword" value="…" />, <Setting Name="SmtpPassword" Value="…" />
_XML_KEY_VALUE = re.compile(
    r"(?:key|name)=(?P<qk>[\"'])(?P<name>[^\"'\n]{1,80})(?P=qk)[ \t]+value=(?P<qv>[\"'])"
    r"(?P<v>[^\"'\n]{1,512})(?P=qv)"
)


def url_passwords(text: str, low: str) -> Iterator[Span]:
    """The password part of ``scheme://user:password@host``; the rest of the URL stays; and
    of ``user:password@host`` written without its scheme."""
    for m in _URL_PASSWORD.finditer(text):
        if is_placeholder(m.group("v")):
            continue
        scheme = _SCHEME.search(text, max(0, m.start() - 20), m.start())
        database = scheme is not None and scheme.group().lower() in _DATABASE_SCHEMES
        kind = "connection string password" if database else "password in URL"
        yield m.start("v"), m.end("v"), kind, "url-userinfo"
    for m in _USERINFO.finditer(text) if "@" in text else ():
        value = m.group("v")
        user = _USER.search(text, max(0, m.start() - 64), m.start())
        if (
            user is not None
            and user.group().lower() not in _NO_ACCOUNT
            and looks_strong(value)
            and not is_placeholder(value)
        ):
            yield m.start("v"), m.end("v"), "password in URL", "userinfo"


# "ftp: rizal.foto:Cahaya88xx@ftp.tokokami.id": an account, its password and a host's name;
# found from the colon (the engine looks for that fast), the account read back from there.
_USERINFO = re.compile(r":(?P<v>[^\s:/@]{4,128})@(?=[A-Za-z0-9][\w-]{0,62}(?:\.[\w-]{1,63}){1,8})")
_USER = re.compile(r"(?<![\w/:@.+-])[A-Za-z][\w.+-]{0,63}\Z")
# Before an address, not an account: its scheme ("sip:alice2@…", "mailto:john.doe2@…") or a
# mail's field written without a space ("Email:Anna.Berg2024@firma.de").
_NO_ACCOUNT = frozenset(
    {"mailto", "sip", "sips", "xmpp", "tel", "im", "pres", "news"}
    | {"email", "e-mail", "mail", "from", "to", "cc", "bcc", "reply-to", "sender", "contact"}
    | {"kontakt", "von", "an", "de", "para", "à", "correo", "courriel", "adres", "address"}
)


def _quoted_group(m: re.Match[str]) -> str:
    return next(g for g in ("q1", "q2", "v") if m.group(g) is not None)


# helm's "--set auth.postgresPassword=…": a chart's value named for a secret
_HELM_SET = re.compile(
    r"--set(?:-string)?[ \t=]+(?:[\w-]{1,40}\.){0,6}[\w-]{0,40}(?:password|passwd|secret|token)"
    r"[\w-]{0,20}=" + _QUOTED_OR_WORD
)


def command_lines(text: str, low: str) -> Iterator[Span]:
    """Passwords on command lines: ``mysql -p…``, ``sshpass -p``, ``curl -u user:pass``,
    ``smbclient -U user%pass``, ``net use … /user:name pass``, ``net user name pass /add``,
    ``xfreerdp /p:…``."""
    for m in _MYSQL_P.finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - 200), m.start()) + 1 or max(
            0, m.start() - 200
        )
        if not _MYSQL_COMMAND.search(text, max(line_start, m.start() - 200), m.start()):
            continue
        group = _quoted_group(m)
        if not is_placeholder(m.group(group)):
            yield m.start(group), m.end(group), "password", "mysql-p"
    for commands, options in (
        (_P_COMMAND, _P_OPTION),
        (_A_COMMAND, _A_OPTION),
        (_W_COMMAND, _W_OPTION),
    ):
        for command in commands.finditer(low):
            if not starts_word(low, command.start()):
                continue
            _, line_end = line_bounds(text, command.start(), command.end())
            option = options.search(text, command.end(), line_end)
            if option is not None:
                group = _quoted_group(option)
                if not is_placeholder(option.group(group)):
                    yield option.start(group), option.end(group), "password", "command-p"
    for m in _HELM_SET.finditer(low) if "--set" in low else ():
        group = _quoted_group(m)
        if not is_placeholder(text[m.start(group) : m.end(group)]):
            yield m.start(group), m.end(group), "password", "helm-set"
    for m in _PIPED.finditer(text):
        group = _quoted_group(m)
        value = m.group(group)
        if not (is_placeholder(value) or value.startswith("$") or value.lower() in NOT_SECRETS):
            yield m.start(group), m.end(group), "password", "password-on-stdin"
    yield from _password_flags(text)
    yield from _htpasswd(text)
    for m in _PGPASS.finditer(text):
        line_start = text.rfind("\n", max(0, m.start() - 101), m.start()) + 1 or max(
            0, m.start() - 101
        )
        if (
            _PGPASS_HOST.fullmatch(text, line_start, m.start())
            and not is_placeholder(m["v"])
            and _MAC.match(text, m.start() - 2) is None  # "70:85:C2:9A:1E:04": a MAC address
        ):
            yield m.start("v"), m.end("v"), "password", "pgpass-line"
    for rule, pattern, literal in _USER_OPTIONS:
        subject = low if rule.startswith("net-") else text
        if literal not in subject:
            continue
        for m in pattern.finditer(subject):
            start, end = m.span("v")
            end = trim_value(text, start, end)
            value = text[start:end]
            if end > start and not is_placeholder(value) and not value.startswith("$"):
                yield start, end, "password", rule


_USER_OPTIONS = [
    (rule, pattern, needle(pattern))
    for rule, pattern in (
        ("curl-user", _USER_COLON),
        ("smb-user-percent", _SMB_USER),
        ("net-use-user", _NET_USE),
        ("net-use-before-user", _NET_USE_BEFORE),
        ("net-user", _NET_USER),
        ("slashes-userinfo", _SLASHES_USER),
        ("rdp-p", _XFREERDP),
        ("lftp-user", _LFTP_USER),
    )
]


def _htpasswd(text: str) -> Iterator[Span]:
    """The password of ``htpasswd -b``, the last of its arguments (no file with ``-n``)."""
    if "htpasswd" not in text:
        return
    for m in _HTPASSWD.finditer(text):
        flags = m.group("flags")
        if "b" not in flags:
            continue
        args = _HTPASSWD_ARGS["n" in flags].match(text, m.end())
        if args is None:
            continue
        group = _quoted_group(args)
        value = args.group(group)
        if not (is_placeholder(value) or value.startswith("$")):
            yield args.start(group), args.end(group), "password", "htpasswd-b"


def _password_flags(text: str) -> Iterator[Span]:
    """``--password X`` on any command line; ``-p X`` beside a user flag, but for MySQL,
    whose spaced ``-p`` asks for the password."""
    for m in _PASSWORD_FLAG.finditer(text):
        group = _quoted_group(m)
        value = m.group(group)
        typed = group != "v" or (len(value) >= 3 and not value.startswith("$"))
        if typed and not is_placeholder(value):
            yield m.start(group), m.end(group), "password", "command-password-flag"
    for m in _SPACED_P.finditer(text):
        line_start, line_end = line_bounds(text, m.start(), m.end())
        line = text[line_start:line_end]
        if not _USER_FLAG.search(line) or _MYSQL_COMMAND.search(line):
            continue
        group = _quoted_group(m)
        value = m.group(group)
        if is_placeholder(value) or (group == "v" and not looks_strong(value)):
            continue
        yield m.start(group), m.end(group), "password", "command-p-with-user"


def _assigned(text: str, value: str, before: int) -> bool:
    """Whether ``value`` is a name given a value in the lines before ``before``
    (``mdp = …``), looked for at most ``_ASSIGNED_REACH`` characters back."""
    if not value.isidentifier():
        return False
    reach = max(0, before - _ASSIGNED_REACH)
    at = text.rfind(value, reach, before)
    while at != -1:
        if (at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_.")) and (
            _GIVEN.match(text, at + len(value)) is not None
        ):
            return True
        at = text.rfind(value, reach, at)
    return False


_ASSIGNED_REACH = 2000
_GIVEN = re.compile(r"[ \t]*=(?!=)")


def assignments(text: str, low: str) -> Iterator[Span]:
    """``NAME=value`` where the name says secret: ``.env`` files, ``export``, ``PGPASSWORD=``,
    ``setx NAME value``."""
    for m in _SETX.finditer(low):
        group = _quoted_group(m)
        name = m.group("name")
        secret = _SECRET_NAME.search(name) and not _NOT_SECRET_NAME.search(name)
        if secret and not is_placeholder(text[m.start(group) : m.end(group)]):
            yield m.start(group), m.end(group), "password", "secret-variable"
    for m in _SPACED.finditer(text):
        name = m.group("name")
        if _SECRET_NAME.search(name) and not _NOT_SECRET_NAME.search(name) and looks_random(m["v"]):
            yield m.start("v"), m.end("v"), "token", "secret-variable-spaced"
    for m in chain(_ASSIGNMENT.finditer(low), _FOREIGN_ASSIGNMENT.finditer(low)):
        if m.group("colon") and low[m.start() - 1 : m.start()] != "_":
            continue  # a colon only after a name in capitals with "_" (below)
        start = m.start()
        while start > max(0, m.start() - 60) and low[start - 1] in _NAME_CHARS:
            start -= 1
        if (start > 0 and low[start - 1] in "$.-") or not low[start : start + 1].isalpha():
            continue
        more = m.group("more")
        name = text[start : m.start("more") if more else m.end()]
        name = name.rstrip(" \t=:")
        in_query = start > 0 and low[start - 1] in "?&"  # "…/reset?token=expired&email=…"
        if m.group("colon") and not ("_" in name and name.isupper()):
            continue  # "SECRET_KEY_BASE:   …" as a config list prints it; "Token:" is a label
        if not _SECRET_NAME.search(name) or _NOT_SECRET_NAME.search(name):
            continue
        if more and (
            _PASSWORD_NAME.search(name) is None
            or m.group("colon")
            or _NOT_SECRET_NAME.search(more)
            or _NOT_SECRET_PART.search(more)
        ):
            continue  # DB_PASSWORD_FILE=…, TOKEN_TTL=…: what is for a password, not one
        pos = m.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if more and _LONG_RUN.match(text, pos) is not None:
            continue  # a run of 65 characters or more after a setting's name is no password
        span = value_span(text, pos, "assign")
        if span is None:
            continue
        start, end, quoted = span
        while (
            end - start < _LONGEST_ENTITY_VALUE
            and (amp := text.rfind("&", start, end)) != -1
            and (entity := _ENTITY.match(text, amp)) is not None
            and entity.end() == end + 1
            and (rest := value_span(text, end + 1, "assign")) is not None
        ):
            end = rest[1]  # "Password=Huis&amp;Tuin42" in markup: the entity is the value's
        if in_query and (amp := text.find("&", start, end)) != -1:
            end = amp  # a query's next parameter
        value = text[start:end]
        if len(value) < 3 or is_placeholder(value) or value.lower() in NOT_SECRETS:
            continue
        if _CALL.match(value) or is_reference(value):  # getpass.getpass(…, process.env.X
            continue
        if not quoted and _assigned(text, value, start):
            continue  # "password=mdp" after "mdp = os.environ[…]": a variable
        password = _PASSWORD_NAME.search(name) is not None
        if m.group("colon") and not looks_random(value):
            continue
        if more and not looks_like_password(value, quoted, True, text, end):
            continue  # PASSWORD_STORE=keyring: a setting about passwords
        if password or quoted or looks_random(value) or looks_strong(value):
            yield start, end, "password" if password else "token", "secret-variable"


def markup(text: str, low: str) -> Iterator[Span]:
    """``<password>…</password>`` and ``<add key="…Password" value="…"/>``."""
    for pattern, group in ((_XML_ELEMENT, "tag"), (_XML_NAMED, "name"), (_XML_KEY_VALUE, "name")):
        # Attribute names in any case: that pattern reads the lowercased text.
        for m in pattern.finditer(low if pattern is _XML_KEY_VALUE else text):
            name = m.group(group).rsplit(":", 1)[-1]
            value = text[m.start("v") : m.end("v")].strip()
            # "SmsGatewayKey" with a generated value: a key by any name
            keyed = name.lower().endswith("key") and looks_random(value)
            if not (keyed or _SECRET_NAME.search(name)) or _NOT_SECRET_NAME.search(name):
                continue
            if len(value) >= 3 and not is_placeholder(value):
                start = text.index(value, m.start("v"))
                yield start, start + len(value), "password", "xml-" + group
