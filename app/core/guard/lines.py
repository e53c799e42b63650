"""Every secret on a line: once a line holds a credential or a password label, each
further value with a password's shape after a separator on it (or on the line after a
label) is a credential too ("Email: … | VPN: …", "… und das vom Drucker ist …", "… changed
it to …", "… and the desk one desk/…"); and lists of accounts or devices each with a
password ("tom - …, ava - …"); the last field of rows alike a row that ends in one."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import chain

from hourdesk.app.core.guard.alternation import by_first_letter
from hourdesk.app.core.guard.values import (
    BRIDGE,
    HASH_WORDS,
    SYMBOLS,
    UUID,
    Span,
    is_lookalike,
    looks_like_password,
    names_a_thing,
    on_wifi_line,
    password_shaped,
    starts_word,
    trim_value,
)

_SENTENCE_END = re.compile(r"[.!?。][ \t]")
_VALUE = r"[\"'“‘]?(?P<v>(?=[^\s\"'”’,;|()]{0,63}\d)[^\s\"'”’,;|()]{6,64})"
# A separator, then a value: ":", "=", "-", "is", "ist", "to", "and", "it's", … (one line).
_SEPARATED = re.compile(
    r"(?:[:=]|['’]s|[\s,;|(](?:is|was|ist|war|lautet|est|es|era|é|è|er|är|jest|je|to|auf|naar|and"
    r"|und|et"
    r"|y|a|or|oder|ou|o|be|maybe|perhaps|vielleicht|not|nicht|pas|with|mit|avec|con|com|met"
    r"|[-–—→]))[ \t]+" + _VALUE
)
# "name: value" or "name - value" with a digit and a symbol or a capitalised word in the
# value (what a password's shape needs): an item of a list.
_ITEM = re.compile(
    r"(?::|：|[-–—=](?<=[ \t][-–—=])(?=[ \t])|[-=]>(?<=[ \t][-=]>)(?=[ \t])|→|=(?<=\w=)(?=[^\s=])"
    r"|is(?<=\sis)(?=[ \t]))[ \t]*[\"'“‘]?"
    r"(?P<v>(?=[^\s\"'”’,;|()]{0,63}\d)(?=[^\s\"'”’,;|()]{0,63}(?:[!#$%&*?^~+=@§]|[A-Z][a-zß-ÿ]{2}))"
    r"[^\s\"'”’,;|()]{6,64})"
)
# An item whose value is a word with a number or a symbol ("dunne2026", "StMarys_Office!")
# or words run together ("benvenutiInPuglia"): one of a list only beside items with a
# password's shape.
_ITEM_OR_WEAK = re.compile(
    _ITEM.pattern.replace(r"(?=[^\s\"'”’,;|()]{0,63}(?:[!#$%&*?^~+=@§]|[A-Z][a-zß-ÿ]{2}))", "")
    .replace(r"{0,63}\d)", r"{0,63}(?:[\d!#$%&*?@+=_]|(?<=[a-z]{3})[A-Z]))")
    .replace(r"{6,64})", r"{4,64})")
)
_RUN_TOGETHER = re.compile(r"[a-z]{3,20}(?:[A-Z][a-z]{1,20}){1,3}")
_WEAK = re.compile(r"(?=.*[^\W\d_])(?=.*[\d!#$%&*?@+=_])[\w.!#$%&*?@+=-]{6,40}")
# "… and the front desk one desk/D3sk!Book26": an account and its password, no spaces.
# The slash is looked for first (the engine skips fast to a literal), then the account.
_SLASHED = re.compile(r"/(?<=[\w.@+-]/)(?P<v>[^\s/\"'”’,;|()]{6,64}+)(?![^\s,;|)])")
_ACCOUNT_BEFORE = re.compile(r"(?<![\w/.:@-])[A-Za-z][\w.@+-]{1,31}\Z")
_ONE_DIGIT = re.compile(r"\A\D*\d\D*\Z")
_BLOB_ON = re.compile(r"[^\s\"'”’,;|()]")
# "RDP to the server: office-srv01, administrator, Remote#Win11": host, user, password.
_ACCESS_LIST = re.compile(
    by_first_letter(
        r"rdp|remote[ \t]desktop|remote[ \t]access|vpn|ssh|sftp|ftp|server|nas|router|vnc"
        r"|citrix|fernwartung|fernzugriff|bureau[ \t]à[ \t]distance|escritorio[ \t]remoto"
    )
    + r"(?:[ \t]+(?:login|logon|access|account|credentials|details|zugang|zugangsdaten))?"
    + rf"(?!\w)(?:{BRIDGE})?(?:[ \t]*[:=]|[ \t]+[-–—](?=[ \t]))[ \t]*"
    r"(?P<items>[^\s,;/|]{2,64}+(?:[ \t]*[,;/|][ \t]*[^\s,;/|]{2,64}+){1,3})"
    r"(?![^\s,;/|]|[ \t]*[,;/|])"
)
# "the password hash is …": what a value after these words is.
_HASH = re.compile(HASH_WORDS, re.IGNORECASE)
# What names the value after it: "SSID: Office_5G", "network name is …", "Trace ID: …".
_NAME_LABEL = re.compile(
    r"(?<!\w)(?:ssid|network[ \t]name|netzwerkname|name|id|user(?:[ \t]?name)?"
    r"|benutzer(?:name)?|host(?:[ \t]?name)?)[ \t]?\Z",
    re.IGNORECASE,
)
# What a list of passwords stands under: "passwords for …", "Zugangsdaten", "logins".
_LEAD = re.compile(
    r"(?i:passwords|passwörter|kennwörter|jelszavak|contraseñas|mots de passe|senhas"
    r"|wachtwoorden|hasła"
    r"|lösenord|logins|log-ins|zugangsdaten|zugänge|credentials|accesos|acessos|identifiants"
    r"|koderna|koder|codes|códigos|codici|kody|kódy|koodit|přístupy|dostępy|tilgange|åtkomst"
    # "per device:", "per enhed:": a list of devices, each with its PIN or password
    r"|per[ \t](?:device|enhed|gerät|enhet|apparaat|appareil|dispositivo|laite|urządzenie))"
)
_LEAD_REACH = 200
# A PIN among the items of such a list ("Ipad: 135790").
_PIN = re.compile(r"\d{4,8}")
_OWNED = re.compile(r"(?:\w['’]s|mine|ours|yours)(?:[ \t]+(?:is|was))?[ \t]+\Z")
_LIST_MARKS = re.compile(r"[,;/|]")
# Whose: "Tom's is …", "mine is …"
_OWNER = re.compile(r"(?:\w['’]s|mine|ours|yours)[ \t]+\Z")
# What may name an item: a few words since the start of the line or the last comma.
# "- Dr. Aziz", "2. Hygienist (Pat)".
_ITEM_NAME = re.compile(
    r"[ \t>*•・-]*(?:\d{1,2}[.)][ \t]+)?[^\W\d][\w.'’@/-]*(?:[ \t]+[\w.'’@/()\"“”„-]+){0,3}[ \t]*"
)


def line_siblings(text: str, starts: list[int], labels: list[int]) -> Iterator[Span]:
    """Password-shaped values on each line that holds a finding (one of ``starts``) or a
    password label (one of ``labels``), and on the line after a label. Each line is read
    once."""
    known = set(starts)
    ordered = sorted(known)
    pending = sorted(known.union(labels), reverse=True)
    labels = sorted(labels, reverse=True)
    pos = 0
    after_label = False
    while pos <= len(text):
        while pending and pending[-1] < pos:
            pending.pop()
        trigger = pos if after_label else (pending[-1] if pending else len(text))
        if trigger >= len(text):
            return
        line_start = text.rfind("\n", pos, trigger) + 1 or pos
        line_end = text.find("\n", trigger)
        line_end = len(text) if line_end == -1 else line_end
        while labels and labels[-1] < line_start:
            labels.pop()
        # On a line only a label brings, a sentence before the label's is none of its own
        # ("… with 3Shape, case number … They'll call back about the password reset.").
        found = bisect_left(ordered, line_start)
        label_only = (
            not after_label
            and bool(labels)
            and not (found < len(ordered) and ordered[found] < line_end)
        )
        first_label = labels[-1] if label_only else line_start
        for m in chain(
            _SEPARATED.finditer(text, line_start, line_end),
            _slashed(text, line_start, line_end),
        ):
            start = m.start("v")
            if start in known:
                continue
            end = trim_value(text, start, m.end("v"))
            if (inside := bisect_right(ordered, start)) < len(ordered) and ordered[inside] < end:
                continue  # "scanner:Sc4nMe2Folder": an account before a password found
            if (
                (
                    password_shaped(text[start:end])
                    or _owned_weak(text, start, end)
                    or (
                        on_wifi_line(text, start)
                        and _WEAK.fullmatch(text, start, end)
                        and not names_a_thing(text[start:end])  # a router's serial
                    )
                )
                and _HASH.search(text, max(0, m.start() - 30), start) is None
                and _NAME_LABEL.search(text, max(0, m.start() - 30), m.start()) is None
                and (end > first_label or _SENTENCE_END.search(text, end, first_label) is None)
                and not (label_only and UUID.fullmatch(text, start, end))  # a device's, a tenant's
            ):
                yield start, end, "password", "line-sibling"
        after_label = bool(labels) and labels[-1] < line_end
        pos = line_end + 1


def _owned_weak(text: str, start: int, end: int) -> bool:
    """A word with a number that someone's is ("… and Ben's is ben_vet_2026")."""
    return (
        _OWNED.search(text, max(0, start - 16), start) is not None
        and _WEAK.fullmatch(text, start, end) is not None
    )


def _slashed(text: str, line_start: int, line_end: int) -> Iterator[re.Match[str]]:
    """The values of ``account/Value`` between ``line_start`` and ``line_end``."""
    for m in _SLASHED.finditer(text, line_start, line_end):
        if _ACCOUNT_BEFORE.search(text, max(line_start, m.start() - 32), m.start()) is not None:
            yield m


# Mail headers made of ``tag=value;`` lists: a signature's, an authentication result's.
_SIGNED_HEADER = re.compile(
    r"(?:x-google-)?dkim-signature|arc-[a-z-]{1,30}|authentication-results|received-spf",
    re.IGNORECASE,
)


def _line_start(text: str, pos: int) -> int:
    """Where the line of ``pos`` starts, looked for 1000 characters back (-1: further)."""
    newline = text.rfind("\n", max(pos - 1000, 0), pos)
    return newline + 1 if newline != -1 or pos <= 1000 else -1


def _in_signed_header(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in such a header, on its line or on a line folded below it."""
    line = _line_start(text, pos)
    for _ in range(20):  # a folded line starts with a blank
        if line <= 0 or text[line : line + 1] not in (" ", "\t"):
            break
        line = _line_start(text, line - 1)
    if line < 0:
        return False  # a line longer than headers are
    header = _SIGNED_HEADER.match(text, line)
    return header is not None and text.startswith(":", header.end())


def credential_lists(text: str, low: str) -> Iterator[Span]:
    """Two or more ``name: value``, ``name - value`` or ``name -> value`` items in a row, on
    one line or on lines that follow each other, whose values all have a password's shape
    and at most 64 characters, one of them with a symbol ("Dr. Aziz: Molar-Crown-55" below
    "Pat: Floss&Mint20")."""
    run: list[Span] = []
    strong = 0  # how many values of the run have a password's shape
    symbol = False  # whether a value of the run has a symbol
    line_end = -1  # the end of the line of the run's last item
    for m in _ITEM_OR_WEAK.finditer(text):
        start = m.start("v")
        end = trim_value(text, start, m.end("v"))
        value = text[start:end]
        if UUID.fullmatch(value):
            continue  # "Trace ID: 0b7c1f2e-5a3d-…": an ID in a list, not a password
        if _in_signed_header(text, start):
            continue  # "DKIM-Signature: v=1; a=rsa-sha256; s=20230601; bh=…": tags
        floor = run[-1][1] if run else 0
        owner = _OWNER.search(text, max(0, m.start() - 8), m.start()) is not None
        if m.group().startswith("is") and not owner:
            continue  # "is" lists only "Tom's is …", "mine is …"
        # A value that runs on past 64 characters is a key or a blob (a DKIM "p=…").
        shaped = password_shaped(value) and _BLOB_ON.match(text, m.end("v")) is None
        plain = SYMBOLS.isdisjoint(value)
        # Without a symbol, words and a number of one digit are a name ("Ticket-Queue-4").
        shaped = shaped and not (plain and "_" not in value and _ONE_DIGIT.search(value))
        # Beside such values a word with a number is one too ("Ms Dunne - dunne2026").
        weak = not shaped and (
            _WEAK.fullmatch(value) is not None
            or _PIN.fullmatch(value) is not None
            or _RUN_TOGETHER.fullmatch(value) is not None
        )
        named = (shaped or weak) and (owner or _is_named(text, m.start(), floor))
        if not named and plain:
            continue  # neither an item nor the end of a run: "date: 2024-01-02"
        if not named:
            if _is_list(run, strong, symbol, text):
                yield from run
            run, strong, symbol = [], 0, False
            continue
        # The run goes on on the same line or on the next one.
        if run and start > line_end and text.find("\n", line_end + 1, start) != -1:
            if _is_list(run, strong, symbol, text):
                yield from run
            run, strong, symbol = [], 0, False
        run.append((start, end, "password", "credential-list"))
        strong += shaped
        symbol = symbol or (shaped and not plain)
        if end > line_end:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end == -1 else line_end
    if _is_list(run, strong, symbol, text):
        yield from run


def _is_list(run: list[Span], strong: int, symbol: bool, text: str) -> bool:
    """Whether a run of items is a list of passwords: two with a password's shape, or one
    among three or more, and a symbol in one of them; or, under a lead that says so
    ("Zugangsdaten:", "Subject: logins", "all the passwords for the iPads:"), any two."""
    if len(run) < 2:
        return False
    if symbol and (strong >= 2 or (strong == 1 and len(run) >= 3)):
        return True
    first = run[0][0]
    return _LEAD.search(text, max(0, first - _LEAD_REACH), first) is not None


def _is_named(text: str, pos: int, floor: int) -> bool:
    """Whether a few words name the item that ends at ``pos``: since the line's start, the
    last ``:`` (a lead: "Passwords for the shop: till = …"), ``,`` ``;`` ``|`` or `` / ``
    (looked for within 80 characters), or ``floor``, where the item before ended."""
    since = max(0, pos - 80, floor)
    since = max(since, text.rfind("\n", since, pos) + 1)
    for mark in (":", ",", ";", "|"):
        since = max(since, text.rfind(mark, since, pos) + 1)
    since = max(since, text.rfind(" / ", since, pos) + 2)
    return _ITEM_NAME.fullmatch(text, since, pos) is not None


def access_lists(text: str, low: str) -> Iterator[Span]:
    """The last of two to four items after a remote-access label ("host, user, password")
    when it has a password's shape and a symbol, or, without one, follows a user name
    without digits ("srv01, srv02, srv03-Backup2" is a list of hosts)."""
    for m in _ACCESS_LIST.finditer(low):
        if not starts_word(low, m.start()):
            continue
        items = _LIST_MARKS.split(m.group("items"))
        start = m.end("items") - len(items[-1].lstrip(" \t"))
        end = trim_value(text, start, m.end("items"))
        value = text[start:end]
        user = items[-2].strip(" \t") if len(items) > 2 else "0"
        if password_shaped(value) and (
            not SYMBOLS.isdisjoint(value) or not any(c.isdigit() for c in user)
        ):
            yield start, end, "password", "access-list"


# What parts a row's fields, the widest first: "Sophie – sophie.r – Labrador88".
_ROW_SEPARATORS = (" – ", " — ", " - ", " | ", "\t", "; ", ", ", "|", ";", ",")
# How many rows above and below a row are read, and how wide one may be.
_ROWS_AROUND = 20
_ROW_WIDTH = 200


def row_siblings(text: str, spans: list[tuple[int, int]]) -> Iterator[Span]:
    """The last field of each row alike one whose last field was found (``spans``: start,
    end): rows next to it, split by the same separator into as many fields ("Sophie –
    sophie.r – Labrador88" above "James – james.t – Tabby_Cat_2"), the field a word with a
    number or a password's shape."""
    known = {start for start, _ in spans}
    read: dict[tuple[str, int], int] = {}  # where the rows read of each kind end
    for start, end in sorted(spans):
        row = _row(text, start, end)
        if row is None or text[end : row[1]].strip(" \t\r.") or "\n" in text[start:end]:
            continue  # the value must end its row
        before = text[row[0] : start]
        sep = next((sep for sep in _ROW_SEPARATORS if before.endswith(sep)), None)
        if sep is None:
            continue
        fields = before.count(sep) + 1
        if row[1] <= read.get((sep, fields), -1):
            continue  # read from a row above it, as the rows around this one
        for step in (-1, 1):
            for line_start, line_end in _rows_from(text, row, step):
                line = text[line_start:line_end].rstrip(" \t\r")
                if line.count(sep) + 1 != fields:
                    break
                if step > 0:
                    read[sep, fields] = line_end
                value_start = line_start + line.rfind(sep) + len(sep)
                value_end = line_start + len(line)
                value = text[value_start:value_end]
                if value_start in known or not 6 <= len(value) <= 64 or " " in value:
                    continue
                if (
                    looks_like_password(value, False, True, text, value_end)
                    and "::" not in value  # "pass_waccess::check_call_access": a function
                    and not (names_a_thing(value) or is_lookalike(value))
                ):
                    yield value_start, value_end, "password", "row-sibling"


def _row(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The line around ``start``–``end`` (start, end), none wider than a table's row."""
    line_start = text.rfind("\n", max(0, start - _ROW_WIDTH), start) + 1
    if line_start == 0 and start > _ROW_WIDTH:
        return None
    line_end = text.find("\n", end, end + _ROW_WIDTH)
    if line_end == -1:
        if end + _ROW_WIDTH < len(text):
            return None
        line_end = len(text)
    return line_start, line_end


def _rows_from(text: str, row: tuple[int, int], step: int) -> Iterator[tuple[int, int]]:
    """The rows above ``row`` (``step`` -1) or below it (1), the nearest first."""
    line_start, line_end = row
    for _ in range(_ROWS_AROUND):
        if step < 0:
            if line_start == 0:
                return
            found = _row(text, line_start - 1, line_start - 1)
        else:
            if line_end >= len(text):
                return
            found = _row(text, line_end + 1, line_end + 1)
        if found is None:
            return
        line_start, line_end = found
        yield found


# A field of a list on its own line: "- Wifi (Guest): welcomefriends", "NAS -> coop".
_FIELD_LINE = re.compile(
    r"^(?:[-*•>]|\d{1,2}[.)])?[ \t]*(?P<name>[^\W\d_][^\n:=_.]{0,40}?)"
    r"[ \t]*(?::|->|→|[ \t][-–—](?=[ \t]))[ \t]*[\"'“‘]?(?P<v>[^\s\"'”’]{4,64})[\"'”’]?"
    r"(?:[ \t]+\([^()\n]{0,40}\))?[ \t]*\r?$",
    re.MULTILINE,
)
_FIELD_WIDTH = 200  # no field's line is longer
# Fields that name the account, the place, the network or the setting, not its secret.
_NAMES_FIELD = re.compile(
    r"(?i:(?:^|\W)(?:user(?:[ \t]?name)?|benutzer(?:name)?|usuario|usuário|utilisateur|utente"
    r"|gebruiker(?:snaam)?|användar(?:e|namn)|bruker(?:navn)?|brugernavn|bruger|käyttäjä\w*"
    r"|użytkownik|uživatel|kullanıcı(?:[ \t]adı)?|felhasználó(?:név)?|korisnik|utilizator"
    r"|χρήστης|пользователь|користувач|логин|login|account|konto|cuenta|conta|compte|ssid"
    r"|network(?:[ \t]name)?|netz(?:werk)?(?:name)?|host(?:name)?|server|url|link|ip"
    r"|port|name|nome|nombre|nom|id|model|serial|address|adresse|dirección|endereço|region"
    r"|bucket|format|output|type|mode|status|version|database|fwd|fw|re|subject|from|to|cc"
    r"|date|time|hours|horario|deadline|delivery|comment|notes?|reason|category|component"
    r"|browser|colou?r|weight|size|city|ciudad|plan|group|printer"
    # numbers of an order, a customer, a parcel, a phone: "Kundennummer", "Número de pedido"
    r"|\w*(?:number|nummer|numero|número|nr|no)|order|bestell\w*|pedido|commande|tracking"
    r"|seguimiento|sendung\w*|customer|kunde|cliente|client|postcode|plz|zip|ref|reference"
    r"|invoice|rechnung|factura|phone|tel|telefon|teléfono|telefone|mobile|mobil|fax)(?:\W|$))"
)
# A field's value its siblings may tell a secret: a code of digits, or a value with a letter
# that is no name ("Securitas", "OfficeNet"), quantity, pair of words ("wrong-size"),
# address, path or word for a value told elsewhere ("same"), nor a short word ("weekdays";
# "welcomefriends" is one).
_CODE = re.compile(r"[*#]?\d{4,8}[*#]?")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_A_SECRET = re.compile(
    r"[A-ZÀ-Þ][a-zß-ÿ]+\Z|(?i:same|none|n/a|unknown|unchanged|ask|see|tbd|todo)\b|.*\?"
    r"|(?:[A-Z][a-z]+){2,3}\Z"  # a network's or a product's name: "OfficeNet"
    r"|\d{1,4}[a-z]{1,3}\Z|[a-z]+(?:-[a-z]+){1,2}\Z"  # "12kg", "11am"; "lunes-viernes"
    r"|.*@[\w-]+\.|.*://|.*[/\\]|(?:\d{1,3}\.){3}\d|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}\Z"
)


def _secret_like(value: str) -> bool:
    if _CODE.fullmatch(value) is not None:
        return True
    return (
        _LETTER.search(value) is not None
        and (len(value) > 8 or not value.isalpha())
        and _NOT_A_SECRET.match(value) is None
        and not (names_a_thing(value) or is_lookalike(value))
    )


def _holds_one(starts: list[int], start: int, end: int) -> bool:
    """Whether one of ``starts`` (sorted) is between ``start`` and ``end``."""
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _block(text: str, first: re.Match[str]) -> list[re.Match[str]]:
    """The fields on the lines next to ``first``'s, each on a line of its own, in order."""
    above = []
    line_start = first.start()
    while line_start > 0:
        start = text.rfind("\n", max(0, line_start - 1 - _FIELD_WIDTH), line_start - 1) + 1
        if (m := _FIELD_LINE.match(text, start)) is None or m.end() + 1 != line_start:
            break
        above.append(m)
        line_start = start
    block = [*reversed(above), first]
    while (m := _FIELD_LINE.match(text, block[-1].end() + 1)) is not None:
        block.append(m)
    return block


def block_siblings(text: str, spans: list[tuple[int, int, str]]) -> Iterator[Span]:
    """The value of every field of a list on lines of their own ("name: value"), when two
    fields or more of it hold passwords or codes found (``spans``: start, end, kind): the
    others are told alike."""
    found = {start: end for start, end, kind in spans if kind in ("password", "access code")}
    if len(found) < 2:
        return
    starts = sorted(start for start, _, _ in spans)
    read = -1  # where the blocks read end
    for start in sorted(found):
        if start < read:
            continue
        line_start = text.rfind("\n", max(0, start - _FIELD_WIDTH), start) + 1
        first = _FIELD_LINE.match(text, line_start)
        if first is None or first.start("v") != start:
            continue
        block = _block(text, first)
        read = block[-1].end()
        # a value found whole, or but for a keypad mark after it ("0419#")
        told = {m.start() for m in block if found.get(m.start("v"), -1) >= m.end("v") - 1}
        if len(told) < 2:
            continue
        for m in block:
            if m.start() in told or _holds_one(starts, m.start("v"), m.end("v")):
                continue
            if _NAMES_FIELD.search(m.group("name")) is None and _secret_like(m.group("v")):
                end = trim_value(text, m.start("v"), m.end("v"))
                yield m.start("v"), end, "password", "block-sibling"
