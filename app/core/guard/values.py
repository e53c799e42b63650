"""What a value looks like: where it ends, and whether it has a password's shape or is
one of the look-alikes of support mail (dates, amounts, refs, paths, placeholders)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

# start, end, kind, rule
Span = tuple[int, int, str, str]
_QUOTES = {'"': '"', "'": "'", "`": "`", "“": "”", "‘": "’", "«": "»", "„": "“"}
_UNQUOTED = re.compile(r"\S{1,512}")
_ADO_VALUE = re.compile(r"[^;\r\n]{1,512}")
_QUERY_VALUE = re.compile(r"[^&\s]{1,512}")
_ASSIGN_VALUE = re.compile(r"[^\s;'\"]{1,512}")
_VALUE_PATTERNS = {"url": _QUERY_VALUE, "ado": _ADO_VALUE, "assign": _ASSIGN_VALUE}
# "password for the NAS is …", "credentials for the FTP: …"
BRIDGE = (
    # "dell'allarme", "d'accès": an article joined to the noun
    r"(?:[ \t]+(?:dell|dall|nell|sull|d|l)['’](?=\w)"
    r"|[ \t]+(?:for|to|of|on|at|für|fürs|vom|von|zum|zur|pour|para|de|del|du|do|da|dla|van|voor"
    r"|till|til|för|for|på|di|del|della|dello|dei|degli|delle|per|na|pro|k|ke|au|aux|à|ved|bij"
    r"|za|od|от|для|до|к|з"
    r"|untuk|cho|ng|z|ze|mō|fra|fún|ya|wa|pentru|за|на|fuer|fuers|airson|بتاع|بتاعة|dyal|tal|tas"
    r"|lel|pou"  # Arabizi: "el pass lel tablet …"; Haitian Creole "pou" (for)
    r"|ah[ \t]ee|ee"  # Somali: "Weedhka sirta ah ee USB-ga: …" (that is, of)
    r"|ar[ \t]gyfer|nke"  # Welsh (for), Igbo (of)
    r"|don|le[ \t]haghaidh"  # Irish: "an frása faire don Veracrypt:" (for the)
    r"|khong"  # Thai in Latin letters: "rahat phan khong wifi …" (of)
    r"|για|του|της|від|під"
    r")[ \t]"
    r"|[ \t]+(?=[^\s:]{0,30}ისთვის(?![^\W\d_])))"  # Georgian: "პაროლი Outlook-ისთვის:" (for)
    r"(?:[^\n:=.!?]|[.!?](?=\S)|(?<=[ \t][A-Z][a-z])\.(?=[ \t][A-Z])){1,60}?"
)
CLAUSE_END = re.compile(
    r"[ \t]*(?:$|[\r\n.,;!?()]|(?:and|but|or|please|thanks|thank|und|et|y)(?!\w))",
    re.IGNORECASE | re.MULTILINE,
)
# Words about Wi-Fi, looked for in a line in lower case ("network" in other languages too).
_WIFI_WORDS = (
    *("wifi", "wi-fi", "wlan", "ssid", "network", "netzwerk", "router", "wpa", "wireless"),
    *("nettverk", "netværk", "nätverk", "netwerk", "sieć", "síť", "sieť", "δίκτυο"),
)
# Words that follow "password is" / "password:" in ordinary sentences.
NOT_SECRETS = frozenset(
    """
    a an the my our your his her their its this that these those it you we they he she i
    not no none null nil unknown tbd n/a e.g. i.e. etc. same different blank empty
    missing wrong incorrect invalid valid correct right expired expiring required public
    σωστός σωστό λάθος λανθασμένος sabuwa ახალი նոր নতুন
    correcta correcto correcte corretta corretto correta correto korrekt richtig juist
    vergrendeld gesperrt verrouillé verrouillée bloqueado bloqueada bloccato bloccata
    קיינער קיין פארגעסן פֿאַרגעסן vanhentunut unohtunut
    optional too still being now also in on at under with from for to by via over as
    à au aux dans sur chez sous
    just only here there attached enclosed included below above sent see ask what which
    who whatever saved stored set reset changed unchanged updated locked lost forgotten
    anything nothing everything
    leaked hacked stolen compromised exposed breached phished guessed cracked provided
    supplied available given
    gone old new temporary weak strong simple long short secure case ok okay fine
    working broken ready done known needed visible shown should must will can could
    would may might has have had been was is are were be do does did about pending
    separate separately written printed something like easy hard very really quite so
    almost nearly usual usually normal normally always never all of and or but if when
    then than into out up down off same-as please thanks thank call phone text message
    1password bitwarden lastpass keepass keepassxc dashlane keeper await null true false
    undefined function return self
    siehe falsch richtig korrekt kaputt defekt abgelaufen nicht voir expiré oublié ver incorrecta
    olvidada gesperrt
    geändert vergessen ungültig verlopen vergeten gewijzigd geblokkeerd bloqué bloquée changé
    caducada caducado expirada expirado bloqueada bloqueado cambiada scaduta scaduto
    bloccata sbagliata errata vencida trocada bloqueado errada utgånget glömt fel
    perdu perdue faux fausse erroné erronée invalide périmé périmée verrouillé verrouillée
    modifié modifiée effacé effacée
    hetzelfde dasselbe dieselbe derselbe même mismo misma mesmo mesma stesso stessa samma samme
    affiché affichée écrit écrite imprimé imprimée noté notée angezeigt gedruckt notiert
    impreso impresa escrito escrita
    мартсан lubidá истечена погрешна ttuɣ-t ttuɣeɣ yettwakkes scurdata irraanfadhe dogoggora
    narryibagiwe ryarangiye ረሳሁት ተረስቷል ረሲዐዮ
    nimeisahau nimesahau imesahaulika bliye ngikhohliwe faramoosh மறந்துட்டேன் மறந்துவிட்டேன்
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
_PLACEHOLDER_WORDS = frozenset(
    {"password", "passwort", "pass", "pwd", "pw", "secret", "token", "key", "redacted", "hidden"}
    | {"changeme", "change_me", "changeit", "yourpassword", "your_password", "mypassword"}
    | {"masked", "removed", "censored", "filtered"}
    | {"hackme"}  # a sample configuration's default (Icecast's)
)
_VARIABLE = re.compile(
    r"\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?|%[A-Z_][A-Z0-9_]{0,60}%|\{\{.{0,80}\}\}"
    r"|\$env:[A-Za-z_][A-Za-z0-9_]{0,60}"  # PowerShell
)
_NUMBERISH = re.compile(r"[$€£]?[\d.,:/+()-]{1,512}[$€£%]?")
# A date with a case ending: "2024-03-01-нд" (Mongolian), "2024-03-01'de" (Turkish).
_DATE_CASE = re.compile(r"\d{1,4}([-./])\d{1,2}\1\d{1,4}[-'’:][^\W\d_A-ZА-Я]{1,3}")
# A reference in code or configuration, never the secret itself: a call, a subscript, a
# member (getpass(…, env['…, $_POST['…, $request->…, process.env.X, config.x,
# settings.SECRET_KEY, user.password), a YAML tag (!vault, !Ref, !secret) or %env(DB_PASSWORD)%.
_REFERENCES = (
    r"\$?[A-Za-z_][\w.]{0,60}(?:\(|\[['\":$]|->)\S{0,200}"
    r"|[A-Za-z_]\w{0,30}(?:\.\w{1,30}){1,5}\([^()]{0,200}\)"
    r"|(?-i:(?:process|os|self|this|config|settings|env|import|conf|cfg|app|window|req|request"
    r"|ctx|params|props|options|opts)(?:\.[A-Za-z_]\w{0,60}){1,6}"
    r"|[a-z_]\w{0,30}(?:\.[A-Za-z_]\w{0,30}){2,6})"
    r"|[A-Za-z_]{1,30}(?:\.[A-Za-z_]{1,30}){0,5}"  # user.password, args.token
    r"\.[A-Za-z_]{0,30}(?:pass|pwd|token|secret|key|credential|auth)[A-Za-z_]{0,30}"
    r"|!(?:vault|secret|ref|sub|getatt|importvalue|env|include)"
    # a PowerShell cmdlet (ConvertTo-SecureString, Read-Host), a Key Vault reference
    r"|(?-i:(?:Get|Set|New|Read|ConvertTo|ConvertFrom|Import|Export|Invoke)-[A-Z][A-Za-z]{1,40})"
    r"|@Microsoft\.KeyVault\([^()]{0,300}\)"
    r"|%[a-z_]\w{0,20}\([^()%\s]{0,80}\)%"
    # a variable named for a secret: password=DB_PASSWORD, api_key=stripe_secret_key
    r"|(?-i:[A-Z][A-Z0-9]{0,30}(?:_[A-Z0-9]{1,30}){0,4}_(?:PASS(?:WORD|WD)?|PWD|SECRET|TOKEN|KEY)"
    r"|[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){0,4}_(?:pass(?:word|wd)?|pwd|secret|token|key))"
)
_REFERENCE = re.compile(_REFERENCES, re.IGNORECASE)
_LOOKALIKE = re.compile(
    r"(?-i:[A-Z]{2,6}-\d{1,6})|v\d[\d.]{0,30}|[^@\s]{1,200}@[^@\s]{1,200}\.[A-Za-z]{2,24}"
    r"|[A-Za-z][A-Za-z0-9+.-]{1,19}://\S{0,500}|www\.\S{0,500}|[/~\\]\S{0,500}"
    r"|[A-Za-z]:\\\S{0,500}|[A-Za-z]{2,12}\\[A-Za-z]\S{0,500}"
    r"|(?:SHA256|SHA1|MD5)(?::\S{0,500}|=[0-9a-f]{32,128})"  # a sum: "MD5: …", "md5=5f4d…"
    r"|ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-\S{1,30}|sk-(?:ssh|ecdsa)-\S{1,60}"
    r"|pk_(?:live|test)_\w{1,250}"  # a publishable key is public
    # a Stripe object's ID (a payout, a charge, a refund): a reference, no secret
    r"|(?-i:(?:po|pi|ch|in|txn|re|py|acct|sub|price|evt|seti|pm|ii|il|tr|fee)_\d[A-Za-z0-9]{13,39})"
    r"|\$(?:2[abxy]?|1|5|6|y|argon2id?)\$\S{8,200}"  # a password's hash (bcrypt, crypt)
    # the hash whole in its field: "password_hash=$2y$10$…" (not "x=$6$Tulpe!2024")
    r"|\w{1,40}=\$(?:2[abxy]?|1|5|6|y|argon2id?)\$(?:[\w.,=+-]{1,100}\$){1,3}[\w./+]{20,200}"
    r"|(?-i:[a-z0-9_.-]{1,60}(?:/[a-z0-9_.:-]{1,60}){2,20})"  # a path
    r"|(?-i:[a-z][a-z0-9_.]{1,20}@[A-Z][A-Z0-9-]{2,20})"  # a user at a machine: "mia@DRAFT-03"
    r"|@[A-Za-z][A-Za-z0-9_.-]{2,40}"  # a handle: "Venmo @Dolores-Ruiz-12"
    "|" + _REFERENCES,
    re.IGNORECASE,
)
_VERSION = re.compile(r"v\d{1,31}", re.IGNORECASE)
# The prompts "Username:" and "Password:" of SMTP AUTH LOGIN in base64: mail logs show them.
_SASL_PROMPTS = frozenset({"VXNlcm5hbWU6", "UGFzc3dvcmQ6", "dXNlcm5hbWU6", "cGFzc3dvcmQ6"})
# A field of a log line with a number: "user_id=4412", "uid=1001"; not "pin=4412".
_LOG_FIELD = re.compile(r"(?P<name>[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){0,3})=\d{1,12}")
_SECRET_FIELD = re.compile(r"pin|pass|pw|code|key|token|secret")
# A key typed in groups of four digits, not a date or a phone number.
DIGIT_GROUPS = re.compile(r"\d{4}(?:-\d{4}){2,7}")
SYMBOLS = frozenset("!#$%&*?^~+=@§")
UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
# "now" in the languages of the rules: "is now", "ora è", "admin kódja most …".
NOW = (
    r"now|nu|nun|jetzt|maintenant|ahora|agora|adesso|ora|teraz|nyt|nå|most|sekarang|kini"
    r"|тепер|теперь|сейчас|зараз"
)
# The word "words": "three words with dashes", "fire ord:", "(12 szó)".
WORDS = (
    r"words|wörter|worte|mots|palabras|parole|woorden|ord|słowa|słów|slova|palavras|sanaa"
    r"|kelime|szó|λέξεις|คำ|cuvinte|slov|слов|слова|žodžių|žodžiai|riječi|단어|単語"
)
# A word with a number: "Labrador88", "dunne2026", "2024Henley".
WORD_NUMBER = re.compile(r"[^\W\d_]{3,}[\w-]*\d[\w-]*|\d+[^\W\d_]{3,}[\w-]*")


def starts_word(low: str, pos: int, also: str = "") -> bool:
    """Whether ``pos`` starts a word (an underscore before it counts as a break)."""
    return pos == 0 or not (low[pos - 1].isalnum() or low[pos - 1] in also)


def line_bounds(text: str, start: int, end: int, reach: int = 300) -> tuple[int, int]:
    """The line around ``start``-``end``, looked for at most ``reach`` characters either
    side (a longer line is cut there): work per match never runs the length of the text."""
    line_start = text.rfind("\n", max(0, start - reach), start) + 1 or max(0, start - reach)
    line_end = text.find("\n", end, end + reach)
    return line_start, min(len(text), end + reach) if line_end == -1 else line_end


def on_wifi_line(text: str, pos: int) -> bool:
    """Whether the line before ``pos`` (at most 200 characters of it) speaks of Wi-Fi."""
    start = text.rfind("\n", max(0, pos - 200), pos) + 1 or max(0, pos - 200)
    return _speaks_of_wifi(text[start:pos])


def _speaks_of_wifi(line: str) -> bool:
    """Whether ``line`` holds a word about Wi-Fi (a search of each word in it, lowered, is
    several times faster than the engine's search without case)."""
    line = line.lower()
    return any(word in line for word in _WIFI_WORDS)


def on_wifi_block(text: str, pos: int) -> bool:
    """Whether the line before ``pos`` or one of the two above it, with no blank line
    between, speaks of Wi-Fi ("network: …" above "guest: Oakwood_Guest / …")."""
    start = max(0, pos - 200)
    for _ in range(3):
        line_start = text.rfind("\n", start, pos) + 1 or start
        if _speaks_of_wifi(text[line_start:pos]):
            return True
        if line_start <= start or text[line_start - 2 : line_start] == "\n\n":
            return False
        pos = line_start - 1
    return False


def value_span(text: str, pos: int, context: str) -> tuple[int, int, bool] | None:
    """Span of the value at ``pos`` and whether it was quoted.

    A quoted value is what is inside the quotes; any other runs to whitespace (to ``;``
    in a connection string, ``&`` in a URL) and drops trailing punctuation.
    """
    if pos >= len(text):
        return None
    closer = _QUOTES.get(text[pos])
    if closer is not None:
        close = text.find(closer, pos + 1, pos + 258)
        while close != -1 and text[close + 1 : close + 2].isalpha():  # "'o'ahu2024'": a mark
            close = text.find(closer, close + 1, pos + 258)  # of a letter's sound, no quote
        if close > pos + 1 and text.find("\n", pos + 1, close) == -1:
            return pos + 1, close, True
        pos += 1
    m = _VALUE_PATTERNS.get(context, _UNQUOTED).match(text, pos)
    if m is None:
        return None
    close = text.find("</", pos, m.end())  # a closing tag ends it: <b>…</b>
    end = trim_value(text, pos, m.end() if close == -1 else close)
    return (pos, end, False) if end > pos else None


def names_a_cache(low: str, pos: int) -> bool:
    """Whether "cache" stands before ``pos`` on its line, 60 characters at most: what follows
    is a cache's key ("Cache restored from key: node-cache-Linux-npm-8b2f…")."""
    line_start = low.rfind("\n", max(0, pos - 60), pos) + 1 or max(0, pos - 60)
    return low.find("cache", line_start, pos) != -1


_TRAILING = " \t.,;:،؛؟።፣፤፥፦"


def trim_value(text: str, start: int, end: int) -> int:
    """``end`` without trailing punctuation (Arabic's and Ethiopic's too) and closers the value
    did not open."""
    while end > start and (text[end - 1] in _TRAILING or _unmatched_closer(text, start, end)):
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


_A_MESSAGE = re.compile(r"(?i)password|passwort|user[ ]?name|incorrect|invalid|error|failed")
# A message quoted that starts with a word for a password, in another language, without a
# digit: "Salasana vanhentunut" (not "Senha do Carlos 2024", a password).
_A_MESSAGE_STARTS = re.compile(
    r"(?i)(?:kennwort|wachtwoord|salasana|lösenord|passord|contraseña|senha|mot de passe|hasło"
    r"|heslo) \D*"
)
_QUOTE_MARKS = str.maketrans("", "", "'’\"`“”„«»")
_SHORT_HYPHEN = re.compile(r"[^\W\d_]{1,2}-[^\W\d_]+|[^\W\d_]+-[^\W\d_]{1,2}")


def looks_like_password(value: str, quoted: bool, strict: bool, text: str, end: int) -> bool:
    """Tell a password from prose after a password label.

    Quoted values count, and so do values mixing letters with digits or symbols. A plain
    word or an all-digit PIN counts only after a separator, at the end of a clause, and
    when it is not an ordinary word of such sentences. With no separator at all
    (``username bob password Hunter2``) only the mixed shape counts.
    """
    core = value.rstrip("!?").translate(_QUOTE_MARKS)
    letters = _all_letters(core)
    mixed = _HAS_LETTER(core) is not None and (
        not letters or (any(c.isupper() for c in core[1:]) and not core.isupper())
    )
    if not quoted and (
        len(value) < 4
        or (strict and (len(value) < 6 or not mixed or _SHORT_HYPHEN.fullmatch(core)))
    ):
        return False  # "hesla e-mailem": a word with a short part is no password's shape
    if core.lower() in NOT_SECRETS or is_product(core):
        return False  # "the password on WhatsApp"
    if value[-1:] in ("_", "-") and text.startswith(("...", "…"), end):
        return False  # "STRIPE_KEY=sk_test_...": a key's prefix, the rest left out
    if is_placeholder(value) or is_lookalike(value):
        return False
    if (
        quoted
        and " " in value
        and (_A_MESSAGE.search(value) is not None or _A_MESSAGE_STARTS.fullmatch(value) is not None)
    ):
        return False  # '…: "The user name or password for … is incorrect."': a message quoted
    if quoted:  # 'the password is "in the code"': words of sentences, in quotes
        words = core.lower().split()
        return len(value) >= 3 and 2 * sum(word in NOT_SECRETS for word in words) <= len(words)
    if value.isdigit() and len(value) > 24:
        return False  # a document's key or a barcode: an NF-e's 44 digits
    if strict or mixed or DIGIT_GROUPS.fullmatch(value) or (value.isdigit() and len(value) >= 6):
        return True  # "pw for the ipad is 260417 its my daughter's birthday"
    return (letters or value.isdigit()) and CLAUSE_END.match(text, end) is not None


def _all_letters(word: str) -> bool:
    """Whether ``word`` is letters only, with the marks that write vowels in Tamil or Hindi
    ("மறந்துட்டேன்" is a word; ``str.isalpha`` says no)."""
    return word.isalpha() or (
        not word.isascii() and all(c.isalpha() or unicodedata.category(c)[0] == "M" for c in word)
    )


def looks_strong(value: str) -> bool:
    """Letters and digits with a symbol, or with both cases: a password's usual shape."""
    if not 6 <= len(value) <= 64 or _HAS_DIGIT(value) is None or _HAS_LETTER(value) is None:
        return False
    cases = value.lower() != value != value.upper()
    return cases or not SYMBOLS.isdisjoint(value)


# A generated key in groups, both cases and digits (looks_strong tells): "MfR4-xkT9-Ug7L".
_MIXED_GROUPS = re.compile(r"[A-Za-z0-9]{3,6}(?:-[A-Za-z0-9]{3,6}){2,5}")
# A capitalised word inside a value: "Ferry_Dock_88", not a model like "HP-M404dn".
_WORD_PART = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]{2}")
# Names that have a password's shape: a file or host ("Logins2026.xlsx", "Srv01.local"), a
# version ("Client7.2.3"), a user at a host; a model ("FG-100F-Branch2"); a date ("3Nov2026").
_DOTTED_NAME = re.compile(
    r"\S{0,80}\.[a-z]{2,5}|\S{0,80}\d\.\d\S{0,80}|[a-z0-9._-]{1,64}@[a-z0-9.-]{1,80}"
)
# A model, code or device: a part in capitals ("HP-LaserJet-M404dn", "Buchhaltung-PC3",
# "Ubiquiti-U6-Pro3"), or a device's name first ("Laptop-Ben-03").
_MODEL = re.compile(
    r"(?:\A|(?<=[-_.]))(?:[A-Z]{1,5}\d{1,4}|[A-Z]{2,5}|[A-Z]\d{3,4}[a-z]{1,2})(?=[-_.]|\Z)"
    r"|\A(?i:laptop|notebook|desktop|printer|drucker|rechner|server|tablet|kasse)[-_]"
)
# A product and its version: "Windows11", "Office365", "Sage50c", "iPhone12".
_PRODUCT = re.compile(
    r"(?i:windows|win|office|outlook|exchange|teams|excel|word|ubuntu|debian|macos|ios|android"
    r"|iphone|ipad|galaxy|pixel|sage|quickbooks|xero|fritz!?box|chrome|firefox|photoshop"
    r"|acrobat|server|sql|python|java|php|node)[ -]?\d{1,4}[a-zA-Z]?"
)
# A brand spelled with digits for letters, as phishing mail does.
_DIGITS_AS_LETTERS = str.maketrans("01345", "oleas")
_BRANDS = frozenset(
    """
    microsoft paypal amazon apple google netflix outlook office dropbox docusign dhl fedex
    linkedin facebook instagram whatsapp
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# Products named with a password's shape: a digit, capitals inside.
_NAMED = frozenset(
    """
    1password keepass keepassxc lastpass bitwarden dashlane nordpass whatsapp icloud onedrive
    sharepoint powerpoint onenote youtube linkedin github gitlab teamviewer anydesk facetime
    macbook quickbooks wordpress woocommerce mailchimp 7zip 7-zip winrar veracrypt truecrypt
    fail2ban log4j k8s
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
_DATE = re.compile(
    r"\d{0,2}[-./]?"
    # a month's name or its short form ("Marigold2024" is none)
    r"(?:jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar|rero|braio)?|mar(?:ch|s|zo|ço)?|märz"
    r"|apr(?:il|ile)?|avril|abril|ma[iy]|mayo|maggio|jun[ei]?|junio|juin|giugno|jul[iy]?"
    r"|julio|juillet|luglio|aug(?:ust)?|août|agosto|sep(?:t|tember|tembre|tiembre)?"
    r"|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|nov(?:ember|embre|iembre)?|dec(?:ember)?"
    r"|dez(?:ember)?|déc(?:embre)?|dic(?:iembre|embre)?)"
    r"[-./]?\d{2,4}",
    re.IGNORECASE,
)


def is_product(value: str) -> bool:
    """A product named with a password's shape ("1Password?", "WhatsApp")."""
    return value.rstrip("!?").lower() in _NAMED


def names_a_thing(value: str) -> bool:
    """A file, host, version, hex number, variable, ``user@host``, model, product, date or
    a field of a log line."""
    if value[0] in "$#%" or value.startswith("0x") or _MODEL.search(value) is not None:
        return True
    if _PRODUCT.fullmatch(value) is not None:
        return True
    if is_product(value) or value.lower().translate(_DIGITS_AS_LETTERS) in _BRANDS:
        return True  # "1Password", "WhatsApp"; a phishing mail's "Micros0ft", "PayPa1"
    if ("." in value or "@" in value) and _DOTTED_NAME.fullmatch(value) is not None:
        return True
    if "=" in value and (field := _LOG_FIELD.fullmatch(value)) is not None:
        return _SECRET_FIELD.search(field.group("name")) is None
    return _DATE.fullmatch(value) is not None


# A key written in groups of four base32 characters: "JBSW Y3DP EHPK 3PXP".
KEY_GROUPS = r"[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,12}"
KEY_GROUPS_AFTER_FIRST = r"[A-Z2-7]{3}(?: [A-Z2-7]{4}){3,12}"  # for a pattern that reads it
# A year, as a code is not (1900 to 2039), and the look-ahead that keeps one out.
YEAR = r"(?:19\d|20[0-3])\d"
IS_YEAR = re.compile(YEAR).fullmatch
NOT_A_YEAR = rf"(?!{YEAR}(?!\d))"
# Words that name what a value right after them is: a hash, not a password.
HASH_WORDS = r"hash|checksum|fingerprint|sha(?:\d{1,3}|(?![a-z]))|md5|digest|salt"


def password_shaped(value: str) -> bool:
    """A strong password's shape with a symbol, a capitalised word ("Ferry_Dock_88") or in
    groups ("MfR4-xkT9-Ug7L"), not an ordinary word, a look-alike, a placeholder or the name
    of a file or version."""
    return (
        looks_strong(value)
        and (
            not SYMBOLS.isdisjoint(value)
            or _WORD_PART.search(value) is not None
            or _MIXED_GROUPS.fullmatch(value) is not None
        )
        and value.lower() not in NOT_SECRETS
        and not is_lookalike(value)
        and not is_placeholder(value)
        and not names_a_thing(value)
    )


def looks_random(value: str) -> bool:
    """A generated token: long, letters and digits, and high character entropy."""
    if len(value) < 16 or not _HAS_LETTER(value) or not _HAS_DIGIT(value):
        return False
    if is_placeholder(value) or is_lookalike(value):
        return False
    size = len(value)
    entropy = math.log2(size) - sum(n * math.log2(n) for n in Counter(value).values()) / size
    return entropy >= 3.0


_HAS_LETTER = re.compile(r"[^\W\d_]").search
_HAS_DIGIT = re.compile(r"\d").search


def is_word(value: str) -> bool:
    """A plain word, however capitalised ("SQLite's", "iCloud"), not a password's shape."""
    return value.rstrip(".,;:!?").replace("'", "").replace("’", "").isalpha()


def is_hex(value: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in value)


def is_placeholder(value: str) -> bool:
    """Masked or templated values: ``****``, ``<password>``, ``${DB_PASS}``, ``[redacted]``."""
    lowered = value.lower()
    if lowered.strip("*#_-") in _PLACEHOLDER_WORDS or not lowered.strip("*x•.#?_-"):
        return True  # "***redacted***", "--hidden--": a log's mask
    if any(mark * 6 in value for mark in "*•●") or (
        "xxxx-" in lowered and _MASKED_GROUPS.search(lowered) is not None
    ):
        return True  # "Pa******23", "XXXXX-XXXXX-7RQ2K": a mask beside the ends it shows
    if _MASK_ASIDE.fullmatch(value) is not None:
        return True  # "******（伏せてあります）", "****(hidden)": a mask, then why
    if len(letters := _SPACING.sub("", lowered)) >= 8 and letters in _ALPHABET:
        return True  # a manual's example: "abcd efgh ijkl mnop"
    if value.startswith(("$(", "`")) or _FAILS_UNSET.match(value) is not None:
        return True  # a command's output: $(pass show …); "${KEY:?set it in .env}"
    if "..." in value or "…" in value or _TEMPLATE.fullmatch(value) is not None:
        return True  # masked ("sk-...a3Fq") or an instruction ("YOUR_API_KEY_HERE")
    if _FILLER.search(value) is not None:
        return True  # a template's filler: "sk_test_xxxxxxxxxxxxxxxxxxxx"
    return value[0] in "<[{(?（【〈《［｛" or (  # "（別途お電話でお伝えします）": an aside
        not _VARIABLE_MARKS.isdisjoint(value) and _VARIABLE.fullmatch(value) is not None
    )


_VARIABLE_MARKS = frozenset("$%{")
_MASKED_GROUPS = re.compile(r"(?:x{4,5}-){2}")
_MASK_ASIDE = re.compile(r"[*•●]{3,}[ \t]*[(（][^()（）]{0,40}[)）]")
_FAILS_UNSET = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]{0,60}:?\?")
_SPACING = re.compile(r"[ \t-]")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# One character eight times over: no secret has it, a template's filler does.
_FILLER = re.compile(r"(.)\1{7}")
# What to put in place of a secret: "YOUR_API_KEY_HERE", "generate-with-openssl-rand-hex-32".
_TEMPLATE = re.compile(
    r"(?i:your|insert|enter|paste|put|replace|generate|change|add)[-_ ]\S{0,80}"
    r"|\S{0,80}[-_ ](?i:here|goes[-_]here|replace[-_]me|change[-_]me|todo|fixme|här|her|hier|ici"
    r"|aquí|aqui|qui)"
    r"|(?i:todo|tbd|fixme|changeme|replace[-_]?me)(?:[-_ ]\S{0,80})?"  # "changeme_in_prod"
    # "IHRPASSWORT", "VOTRE_MOT_DE_PASSE", "YOURPASSWORD"
    r"|(?i:your|ihr|dein|votre|ton|tu|su|seu|uw|je|ditt|din|dit|il_?tuo|tuo)[-_]?"
    r"(?i:password|passwort|kennwort|pass|mot_?de_?passe|mdp|contrase[ñn]a|clave|senha"
    r"|wachtwoord|lösenord|kodeord|passord|adgangskode|codice|name|benutzer|user)"
)


# "Is 'Password123' a good password?": a well-known bad password asked about, not given
# ("Is 'Summer2024' a good password?" may give the asker's own).
_NOTORIOUS = frozenset(
    [
        "password",
        "password1",
        "password123",
        "passw0rd",
        "p@ssw0rd",
        "qwerty",
        "qwerty123",
        "123456",
        "12345678",
        "letmein",
        "welcome1",
        "admin123",
        "iloveyou",
        "abc123",
    ]
)
_ASKED_ABOUT = re.compile(
    r"[\"'”’]?[ \t]+(?:really[ \t]+)?(?:(?:a|an)[ \t]+(?:good|strong|safe|secure|weak|bad|ok|okay"
    r"|common)|the[ \t]+(?:most[ \t]+)?(?:common|popular|used|best|worst))[ \t]+"
    r"(?:password|passphrase|passcode|pin)(?!\w)"
)


def asked_about(value: str, low: str, end: int) -> bool:
    """Whether ``value``, ending at ``end``, is a well-known bad password asked about."""
    return value.lower() in _NOTORIOUS and _ASKED_ABOUT.match(low, end) is not None


# "… Key ID:", "… Kennung": the words before a value say it names which key, not the key.
AN_ID_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:(?:key|schlüssel|clé|clave|chave|chiave|sleutel)[ \t-]?id|identifier"
    r"|identificador|identifiant|kennung)[ \t]*[:=]?[ \t]*\Z"
)
# Kenya's tax PIN on an invoice: "PIN P051234567X"; a postal item's number of the UPU's
# standard (two letters, nine digits, its country): "OJ123456789BR", "RR987654321DE".
_PUBLIC_NUMBER = re.compile(r"[AP]\d{9}[A-Z]|[A-Z]{2}\d{9}[A-Z]{2}")
_SIGN_IN_ERROR = re.compile(r"AADSTS\d{5,6}")  # Microsoft Entra's codes: "AADSTS50126"


def is_lookalike(value: str) -> bool:
    """Dates, times, amounts, phone and invoice numbers, versions, refs, emails, URLs, paths."""
    if value.isalnum():  # without punctuation: a version ("v2"), a prompt, a tax PIN, a parcel
        return (
            value in _SASL_PROMPTS
            or _VERSION.fullmatch(value) is not None
            or _PUBLIC_NUMBER.fullmatch(value) is not None
            or _SIGN_IN_ERROR.fullmatch(value) is not None
        )
    if _NUMBERISH.fullmatch(value) and not value.isdigit() and not DIGIT_GROUPS.fullmatch(value):
        return True
    if _DATE_CASE.fullmatch(value) is not None:
        return True
    return _LOOKALIKE.fullmatch(value) is not None


def is_reference(value: str) -> bool:
    """A reference in code or configuration: ``process.env.X``, ``$_POST['x']``, ``!Ref X``."""
    return _REFERENCE.fullmatch(value) is not None


def match_end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (one that may match nothing) stops matching at ``pos``."""
    found = pattern.match(text, pos)
    return found.end() if found is not None else pos
