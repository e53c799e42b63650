"""Passwords in tables: the password column of a Markdown, CSV or tab-separated table
under its header (a column of codes too), the columns of a table under a line about
passwords or Wi-Fi, and a row that holds an email address with a password beside it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.alternation import by_first_letter
from hourdesk.app.core.guard.values import (
    SYMBOLS,
    Span,
    is_lookalike,
    is_placeholder,
    line_bounds,
    looks_strong,
    match_end,
    names_a_thing,
)

# Searched in the lowercased text; the cell around it is checked apart.
_HEADER = re.compile(
    by_first_letter(
        r"password|passwort|pass|pwd|pw|kennwort|contraseña|mot de passe|mdp|senha|wachtwoord"
        r"|passcode|secret|clave|hasło|heslo|lösenord|adgangskode|passord|salasana|parola|şifre"
        r"|パスワード|pin|psk|schlüssel|wlan-schlüssel|wpa-key|wifi-key"
    )
    + r"(?!\w)"
)
# A column of codes ("Staff<TAB>Code"): its cells count when they are PINs ("4471*").
_CODE_HEADER = re.compile(r"(?:codes?|pins?|pincodes?|kod|kode|koder|códigos?|codici|codice)(?!\w)")
_ONE_WORD = re.compile(r"[ \t]+[^\W\d]{2,15}")
_CODE_CELL = re.compile(r"[#*]?\d{4,8}[#*]?")
_NOT_CODES = re.compile(
    r"product|zip|post|discount|promo|item|artic|order|track|country|area|error|status|tax"
    r"|vat|sort|bank|iban|swift|bic|colou?r|sku|voucher|hs|gift|coupon|ref|course|dept"
)
# Before the header word in its cell: quotes, or a word that says whose ("phone_pin").
_BEFORE_CELL = re.compile(r"[ \t\"']*(?:[a-z]{2,12}[_ -])?\Z")
_AFTER_CELL = re.compile(r"[\"']?[ \t]*(?:[|,;\t]|\r?\n|\Z)")
_SEPARATOR_ROW = re.compile(r"[\s|:+-]*")
# A CSV cell in double quotes, a quote inside doubled.
_QUOTED_CELL = re.compile(r'[ \t]*"(?P<v>(?:[^"\n]|""){0,200}+)"[ \t]*')
# A table of credentials names the account, network or device too.
_ACCOUNT_HEADER = re.compile(
    r"user|login|e-?mail|account|name|site|service|app|system|benutzer|usuario|utilisateur"
    r"|sistema|servicio|serviço|servizio|dienst|utilizador|utente|usuário|gebruiker|användare"
    r"|bruger|konto|cuenta|conta|compte|nutzer|identifiant|uživatel|użytkownik|kullanıcı"
    r"|ログイン|ユーザー"
    # or the person, the network, the device
    r"|staff|employee|person|mitarbeiter|empleado|employé|dipendente|medewerker"
    r"|ssid|network|netzwerk|netz|réseau|netwerk|wi-?fi|wlan|device|gerät|appareil|dispositivo"
    # a network in Spanish, Portuguese, Italian; the first and last name, the role
    # ("First,Last,Role,Square Passcode"): whole words, not "Expired", "Firstline"
    r"|(?<![^\W\d_])(?:red|rede|rete|first|last|role)(?![^\W\d_])"
)
# "kim@shop.example<TAB>Pine#Cone4", "…@…, Pine#Cone4" on one row.
_EMAIL_ROW = re.compile(
    r"@(?<=[\w.+-]@)[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}[\"']?[ \t]*[\t,;|][ \t]*[\"']?"
    r"(?P<v>[^\s,;|\t\"']{6,64})"
)
_MAX_ROWS = 200
_INSERT = re.compile(
    r"insert[ \t]+into[ \t]+[\w.`\"\[\]]{1,80}[ \t]*\((?P<cols>[^()]{1,400})\)\s{0,20}values"
)
_SQL_SECRET = re.compile(r"pass(?:word|wd)?|pwd|passwort|secret|token|pin|api_?key", re.IGNORECASE)
_SQL_ROW = re.compile(
    r"\s{0,20},?\s{0,20}\((?P<vals>(?:'(?:[^'\n]|''){0,200}'|[^()'\n]){0,2000})\)"
)
_SQL_VALUE = re.compile(r"[ \t]*(?:'(?P<q>(?:[^'\n]|''){0,200})'|[^,']{0,200})[ \t]*(?:,|\Z)")
_HASHED = re.compile(r"\$\S*|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}")
_MAX_ROW = 2000


def table_passwords(text: str, low: str) -> Iterator[Span]:
    """The cells under a password header, and passwords beside an email in a row."""
    for header_word, keep in ((_HEADER, None), (_CODE_HEADER, _CODE_CELL)):
        yield from _columns(text, low, header_word, keep)
    if "|" in text or "–" in text or "—" in text:
        yield from _lead_tables(text, low)
    if "insert" in low:
        yield from _sql_rows(text, low)
    for m in _EMAIL_ROW.finditer(text):
        value = m.group("v")
        if not SYMBOLS.isdisjoint(value) and looks_strong(value) and not is_lookalike(value):
            yield m.start("v"), m.end("v"), "password", "table-row"


def _columns(
    text: str, low: str, header_word: re.Pattern[str], keep: re.Pattern[str] | None
) -> Iterator[Span]:
    """The cells under each header cell ``header_word`` finds; those ``keep`` matches whole
    when given."""
    for m in header_word.finditer(low):
        after = _AFTER_CELL.match(low, m.end())
        if after is None and keep is not None:  # "PIN Drucker": a word after a code's header
            after = _AFTER_CELL.match(low, match_end(_ONE_WORD, low, m.end()))
        if after is None:
            continue
        line_start, header_end = line_bounds(low, m.start(), m.end())
        if not _whole_line(low, line_start, header_end):
            continue  # a header is a short line
        cell_start = max(line_start, max(low.rfind(d, line_start, m.start()) for d in "|,;\t") + 1)
        if not _BEFORE_CELL.match(low, cell_start, m.start()):
            continue
        header = low[line_start:header_end]
        delimiter = _delimiter(header)
        if delimiter is None or _ACCOUNT_HEADER.search(header) is None:
            continue
        if keep is not None and _NOT_CODES.search(header) is not None:
            continue
        column = low.count(delimiter, line_start, cell_start)
        width = header.count(delimiter)
        for span in _column(text, header_end, delimiter, column, width, header=header):
            if keep is None or keep.fullmatch(text, span[0], span[1]) is not None:
                yield span


def _sql_rows(text: str, low: str) -> Iterator[Span]:
    """The password column of ``INSERT INTO t (login, pass) VALUES ('chef', '…'), (…)``;
    a hash ("$2y$10$…", hex) is no password."""
    for m in _INSERT.finditer(low):
        columns = [c.strip(" \t\n`\"'[]") for c in m.group("cols").split(",")]
        column = next((i for i, c in enumerate(columns) if _SQL_SECRET.fullmatch(c)), None)
        if column is None:
            continue
        pos = m.end()
        for _ in range(_MAX_ROWS):
            row = _SQL_ROW.match(text, pos)
            if row is None:
                break
            values = list(_SQL_VALUE.finditer(text, row.start("vals"), row.end("vals")))
            if column < len(values) and (value := values[column]).group("q") is not None:
                start, end = value.span("q")
                secret = text[start:end]
                if (
                    len(secret) >= 3
                    and not is_placeholder(secret)
                    and not _HASHED.fullmatch(secret)
                ):
                    yield start, end, "password", "sql-column"
            pos = row.end()


# A Markdown table's header and the line of dashes below it.
_PIPE_HEADER = re.compile(r"^[ \t]*\|(?:[^|\n]*\|){2,12}[ \t]*\r?\n[ \t]*\|?[ \t]*:?-{3,}", re.M)
# "Passwords for the three new starters:", "Zugangsdaten", "logins": what the table holds.
_LEAD = re.compile(
    r"passw|kennw|wachtw|contraseñ|mots? de passe|senha|hasł|lösen|heslo|şifre|logins"
    r"|zugangsdaten|credentials|identifiants|credenciales"
)
_ENDS = (". ", "! ", "? ")
# Rows of cells apart by "|" or a dash with no header: "High St | BeanThere_HS | latte4everyone",
# "Amersfoort – Kapsalon_AMF – knippen2023".
_PIPE_ROWS = re.compile(
    r"^(?:[^|–—\n]*[|–—]){2,12}[^|–—\n]*(?:\r?\n(?:[^|–—\n]*[|–—]){2,12}[^|–—\n]*){1,50}", re.M
)
_TWO_SEPARATORS = re.compile(r"[|–—][^|–—\n]*[|–—][^\n]*")  # to the line's end: a line once
_LAST_CELL = re.compile(r"[|–—](?P<v>[^|–—\n]*)\Z")
_SEPARATOR_LINE = re.compile(r"^[ \t|:+-]*-{3}", re.M)
_WIFI_LEAD = re.compile(_LEAD.pattern + r"|wi-?fi|wlan|ssid|network|netzwerk|réseau|netwerk")
_LEAD_VALUE = re.compile(r"(?=\S{0,63}[\d!#$%&*?@+=])(?=(?:\S{0,63}[^\W\d_]){3})\S{6,64}")


def _lead_tables(text: str, low: str) -> Iterator[Span]:
    """The cells of a Markdown table below a line about passwords, in every column not
    headed by an account or a name, that hold a word with a digit ("Lighthouse7")."""
    for m in _PIPE_HEADER.finditer(low):
        if not _led(low, m.start(), _LEAD):
            continue
        header_end = low.find("\n", m.start())
        header = low[m.start() : header_end]
        if _HEADER.search(header) is not None:
            continue  # the password column is read under its header
        cells = header.split("|")
        for column, cell in enumerate(cells[2:-1], start=2):
            if _ACCOUNT_HEADER.search(cell) is not None:
                continue
            for start, end, kind, _ in _column(text, header_end, "|", column, len(cells) - 1):
                value = text[start:end]
                if _LEAD_VALUE.fullmatch(value) and not names_a_thing(value):
                    yield start, end, kind, "table-lead"
    for m in _rows(low):
        if _SEPARATOR_LINE.search(low, m.start(), m.end()) or not _led(low, m.start(), _WIFI_LEAD):
            continue
        for row in re.finditer(r"[^\n]+", text[m.start() : m.end()]):
            last = _LAST_CELL.search(row.group())
            value = last.group("v").strip(" \t\r") if last is not None else ""
            if last and value and _LEAD_VALUE.fullmatch(value) and not names_a_thing(value):
                start = m.start() + row.start() + last.start("v") + last.group("v").index(value)
                yield start, start + len(value), "password", "table-lead"


def _rows(low: str) -> Iterator[re.Match[str]]:
    """What ``_PIPE_ROWS.finditer`` finds, tried only on lines with two separators (a
    search of the whole text from every line start costs more than the rows it finds)."""
    pos = seen = line_start = 0  # each stretch of text is looked back over once
    for pair in _TWO_SEPARATORS.finditer(low):
        if (newline := low.rfind("\n", seen, pair.start())) != -1:
            line_start = newline + 1
        seen = pair.start()
        if line_start < pos:
            continue
        if (m := _PIPE_ROWS.match(low, line_start)) is not None:
            pos = m.end()
            yield m


def _led(low: str, pos: int, lead: re.Pattern[str]) -> bool:
    """Whether the last sentence of the two lines above ``pos`` (each of 300 characters at
    most) says what ``lead`` looks for ("Passwords are in the vault. The rota:" does not)."""
    start = pos
    for _ in range(2):
        start = line_bounds(low, max(0, start - 1), max(0, start - 1))[0]
    ends = [low.rfind(end, start, pos) for end in _ENDS]
    start = max([start] + [at + 2 for at in ends if at != -1])
    return lead.search(low, start, pos) is not None


def _whole_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _delimiter(header: str) -> str | None:
    """The character that separates the header's cells, if the header has cells."""
    counts = {d: header.count(d) for d in "|\t,;"}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] >= 1 else None


def _column(
    text: str, pos: int, delimiter: str, column: int, width: int, header: str = ""
) -> Iterator[Span]:
    """The cells of ``column`` in the rows from ``pos`` to the first row that does not have
    the header's ``width`` delimiters, or that is the ``header`` line (lowercased) again: the
    next table's, each row read for one header only."""
    for _ in range(_MAX_ROWS):
        if pos == -1 or pos >= len(text):
            return
        row_start = pos + 1
        row_end = line_bounds(text, row_start, row_start, _MAX_ROW)[1]
        if not _whole_line(text, row_start, row_end):
            return  # a row of a table is a short line
        row = text[row_start:row_end].rstrip("\r")
        if header and row.lower() == header.rstrip("\r"):
            return
        cells = _cells(row, delimiter)
        if cells is None or len(cells) != width + 1:
            return
        if _SEPARATOR_ROW.fullmatch(row) is None and column < len(cells):
            start, end, quoted = cells[column]
            cell = row[start:end]
            value = cell if quoted else cell.strip(" \t\"'")
            # one space in a value with a symbol: "Gal way$Bay"
            spaced = value.count(" ") == 1 and not SYMBOLS.isdisjoint(value)
            if (
                len(value) >= 3
                and (quoted or spaced or " " not in value)
                and not is_placeholder(value)
            ):
                start = row_start + start + (0 if quoted else cell.index(value))
                yield start, start + len(value), "password", "table-column"
        pos = row_end


def _cells(row: str, delimiter: str) -> list[tuple[int, int, bool]] | None:
    """The cells of a row (start, end, quoted): a cell of a CSV row in double quotes may hold
    the delimiter and doubled quotes (``"Aceite, Virgen"``, ``\"\"\"Jaén\"\"_77"``);
    ``None`` when a quote is left open."""
    if delimiter == "|" or '"' not in row:
        cells, start = [], 0
        for part in row.split(delimiter):
            cells.append((start, start + len(part), False))
            start += len(part) + 1
        return cells
    cells, pos = [], 0
    while True:
        cell = _QUOTED_CELL.match(row, pos)
        if cell is not None:
            cells.append((cell.start("v"), cell.end("v"), True))
            end = cell.end()
        else:
            end = row.find(delimiter, pos)
            end = len(row) if end == -1 else end
            cells.append((pos, end, False))
        if end >= len(row):
            return cells
        if row[end] != delimiter:
            return None
        pos = end + 1
