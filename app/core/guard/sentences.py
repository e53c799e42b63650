"""Passwords written in a sentence about one, with no label right before them: "I gave her
Saffron.Kite.204 as her first password", "Lösenordet … blev Lingon7Stuga", "the one it gave
me is" with the value on the next line, a reply "Yes it's …" above the quoted question.

A value counts when it has a strong password's shape (letters in both cases or with a
symbol, a digit, a capitalised word or a symbol, some lower case) and a word for a password,
login, Wi-Fi or VPN stands within a few lines of it, or when it is strong enough on its own
(both cases, a digit and a symbol: "Bluebell1987!"). A name with a number ("Harbour2026")
counts only near a password label or a note on letter case ("with a capital H"). Names stay:
files, hosts, versions, dates, references, what follows an article or "for", and what a
user, hash, order or ticket word names or starts with ("Invoice#2026"). Plain words joined
by dashes ("correct-stapler-violin-harbor") are a passphrase near such a word, or where the
words before them say they are words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterator

from hourdesk.app.core.guard.alternation import Rare, by_first_letter
from hourdesk.app.core.guard.labels import code_context
from hourdesk.app.core.guard.values import (
    HASH_WORDS,
    IS_YEAR,
    NOT_SECRETS,
    SYMBOLS,
    WORDS,
    YEAR,
    Span,
    asked_about,
    is_product,
    looks_like_password,
    match_end,
    names_a_thing,
    on_wifi_line,
    password_shaped,
    starts_word,
    trim_value,
)

# Words a sentence about a password uses, besides the password labels themselves.
_TOPIC = re.compile(
    by_first_letter(
        r"log[ -]?in(?:to)?|logon|logins|sign[ -]?in(?:to)?|logg(?:ing|ed)[ \t]in(?:to)?"
        r"|sign(?:ing|ed)[ \t]in(?:to)?"
        r"|logs[ \t]in|signs[ \t]in"
        r"|credentials|creds|zugang(?:sdaten)?|anmeld\w{0,6}"
        r"|wifi|wi-fi|wlan|vpn|ssid|identifiants|connexion|inloggen|logga|přihl\w{0,8}"
        r"|zaloguj\w{0,4}|logowani\w{0,3}|giriş|accesso|acceso"
        # "I reset it to …", "same as before but with a 7 at the end so … now"
        r"|reset[ \t]+it|changed[ \t]+it|set[ \t]+it[ \t]+to|locked[ \t]+out"
        # "lo he cambiado a …", "je l'ai changé en …", "mudei para …": changed it to
        r"|cambiad[oa][ \t]+a|cambiat[oa][ \t]+in|changée?[ \t]+(?:en|pour)|mudei[ \t]+para"
        r"|alterei[ \t]+para|veranderd[ \t]+(?:in|naar)|gewijzigd[ \t]+(?:in|naar)"
        r"|zmieniłe?a?m[ \t]+na|ändrat[ \t]+till|bytt[ \t]+till|ændret[ \t]+til|endret[ \t]+til"
        r"|same[ \t]+as[ \t]+before|same[ \t]+one|(?:the|a)[ \t]+(?:new|old)[ \t]+one"
        # "with a capital H", "all lower case"
        r"|capital|caps|upper[ \t-]?case|lower[ \t-]?case|case[ \t-]sensitive"
        # "X — that's what we use for the POS admin", "use … to get in"
        r"|what[ \t]+we[ \t]+use|benutzen[ \t]+wir|nutzen[ \t]+wir|verwenden[ \t]+wir"
        r"|qu['’]on[ \t]+utilise|que[ \t]+usamos|che[ \t]+usiamo|gebruiken[ \t]+we"
        r"|använder[ \t]+vi|bruker[ \t]+vi|bruger[ \t]+vi"
        r"|get[ \t]+in(?:to)?|unlock|pour[ \t]+entrer|se[ \t]+connecter|para[ \t]+entrar|acceder"
        r"|te[ \t]+connecter|vous[ \t]+connecter"
        r"|entra[rs]?[ \t]+co[nm]|entro[ \t]+co[nm]|entre[ \t]+com"
        r"|reinzukommen"
        # "Here's the new one for the admin account:"
        r"|account|konto|compte|cuenta"
        # "for the shared vault I picked: …"
        r"|vault|password[ \t]manager|bitwarden|1password|keepass|lastpass|dashlane"
        r"|(?:i|we)[ \t]+(?:picked|chose|set)"
    )
    + r"(?!\w)"
)
# How far from a topic word a value may stand (a short message, a reply above its quote).
_REACH = 250
# A run of 8 to 40 characters with a digit, a lower-case letter and an upper-case letter or
# a symbol, between spaces, quotes, brackets or markup (the character before is matched, not
# looked behind for: the engine finds it faster).
_TOKEN = r"[^\s\"'“”‘’«»„<>()\[\]{}|,;:=/\\：，；、。「」『』（）【】]"  # CJK punctuation too
_BODY = (
    rf"(?={_TOKEN}{{8}})(?=\S{{0,39}}\d)(?=\S{{0,39}}[a-zß-ÿ])"
    r"(?=\S{0,39}[A-ZÀ-Þ!#$%&*?^~+@§])(?=\S{0,39}(?:[^\w\d]|_|[^\W\d_]\d))"
    rf"(?P<v>{_TOKEN}{{8,40}})"
    r"(?=[\s\"'“”‘’«»<)\],;|]|\Z)"
)
# A value strong enough to be a password with no word about one near: both cases, a digit
# and a symbol that joins no words or terms ("Bluebell1987!", "Rosebud#12"; not a dash, a
# dot, "&", "+" or "="), short as people choose them (longer ones are generated ids:
# "po_1OqR8sLkdIwHu7ix3G2bKx9Q").
_STRONGEST = re.compile(
    r"(?=.*[a-zß-ÿ])(?=.*[A-Z])(?=.*\d)(?=.*[!#$%*?@~^_§])[\w!#$%&*?@~^§+=:;/-]{1,20}[.,?]?"
)
# Capitalised words joined by a symbol or "_", with a symbol, no digit: "Hedgehog!Lane",
# "DinoRoar!Finn", "Hostal_Mar_Azul!" (not "Jean-Pierre!" nor "Office_Main": names).
_JOINED_MARKS = frozenset("!#$%*?~^§")
_JOINED = re.compile(
    # the capital first, then what stands before it: the engine skips to capitals fast
    r"[A-Z](?<![\w@.!#$%*?~^+=§-][A-Z])"
    r"(?=[\w.-]{0,60}[_!#$%*?~^§][A-Z])(?=[\w.-]{0,60}[!#$%*?~^§])"
    r"[a-zß-ÿ]{2,11}(?:[A-Z][a-zß-ÿ]{2,7})?(?:[_.!#$%*?~^§-]{1,2}[A-Z][a-zß-ÿ]{1,15}){1,4}"
    r"[!#$%*?~^§]{0,3}(?![\w@+=])"
)
_CANDIDATE = re.compile(r"[\s\"'“‘«„(>*]" + _BODY)
_FIRST = re.compile(_BODY)
# "correct-stapler-violin-harbor": plain words joined by dashes; four or more, or three
# where the words say so ("three words with dashes"); "girasole-e-grano" with an "and".
_JOINING = "e|y|o|i|a|de|di|da|et|en|og"
_JOINING_WORDS = frozenset(_JOINING.split("|"))
# A name in configuration ("aws-secret-access-key:") or in brackets is none.
_DASHED = re.compile(
    rf"(?<![\w/.@(-])[a-zß-ÿ]{{3,12}}(?:-(?:[a-zß-ÿ]{{3,12}}|{_JOINING})){{1,6}}-[a-zß-ÿ]{{3,12}}"
    r"(?:-\d{1,4})?"
    r"(?![\w/@-]|\.\w|\(|[ \t]*[:=])"
)
# Two words and a number after "is": "la del Wi-Fi de la bodega es bolillo-caliente-77".
# Found from the dash before the number (a literal the engine skips to fast), then read back.
_COPULA = r"[ \t](?:is|es|ist|est|é|è|är|er|je|jest|it['’]s)(?:[ \t]+now)?[ \t]+"
_NUMBER_ENDS = re.compile(r"-(?<=[a-zß-ÿ]-)\d{1,4}(?![\w/@-]|\.\w|[ \t]*[:=])")
# "the laptop is dell-latitude-5420", "le serveur est serveur-compta-1": a device's name.
_DEVICE_BEFORE = re.compile(
    r"laptop|computer|server|serveur|servidor|equipo|ordenador|port[aá]til|pc|image|host|printer"
    r"|imprimante|impresora|router|nas|device|machine|rechner|drucker"
)
_SAID_WORDS = re.compile(rf"{_COPULA}(?P<v>[a-zß-ÿ]{{4,12}}-[a-zß-ÿ]{{4,12}})\Z")
# "… is on a postit but I'll save you the trip - it's ballymun-ghost-lighthouse": three
# words said to be it.
_SAID_BEFORE = re.compile(_COPULA + r"\Z")
# "… it's  sunflowerseeds  all lowercase", "is literally fluffy lowercase": a plain word said
# to be it, with a note on its letters' case right after (read around each word of the note).
_CASE_WORDS = ("lower", "small", "caps", "minúscul", "minuscul", "klein")
# What such a word may name instead: "the username is jsmith lowercase", "the SSID is …".
_NAMED_SUBJECT = re.compile(
    r"user|benutzer|usuario|utilisateur|utente|login[ \t]?id|domain|domäne|dominio|server|host"
    r"|ssid|network|netzwerk|e-?mail|name"
)
_CASE_NOTED_WORD = re.compile(
    rf"(?:{_COPULA}|[ \t]literally[ \t]+)[ \t]*(?P<v>[a-zß-ÿ]{{5,30}})[ \t]+(?:all[ \t]+)?"
    r"(?:lower[ \t-]?case|small[ \t]letters|in[ \t]+lower[ \t-]?case|no[ \t]+caps"
    r"|en[ \t]+min[úu]sculas?|en[ \t]+minuscules?|tutto[ \t]+minuscolo|klein(?:geschrieben)?)(?!\w)"
)
# Where such a run may be: a dash between words (the engine skips fast to a literal first).
_WORD_DASH = re.compile(rf"-(?<=[a-zß-ÿ]{{3}}-)(?=(?:[a-zß-ÿ]{{3,12}}|{_JOINING})-[a-zß-ÿ]{{3}})")
_WORD_END = re.compile(r"[a-zß-ÿ]{3,12}\Z")
# Words that name a secret or describe a rule, never in a passphrase: "secret-access-key",
# "four-words-minimum-length".
_NOT_IN_PHRASES = frozenset(
    """
    password passwort pass secret token key login access credentials code pin words word
    minimum maximum length policy format style mode only
    server printer router switch node host backup guest office staff floor room vlan
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# "(all lowercase with dashes)": a note after the words on how they are written.
_DASHES_NOTED = re.compile(
    r"dash|hyphen|bindestrich|tiret|gui[oó]n|trattin|streepje|bindestreck|myślnik|pomlč"
    r"|lower[ \t-]?case|small[ \t]letters|klein"
)
# "three words with dashes", "trzy słowa z myślnikami": a text that says it is words.
WORDS_SAID = re.compile(rf"(?<!\w)(?:{WORDS})(?!\w)")
# The word before a name, not a value: an article, a possessive, "for", "on", a user label,
# "called", a device or place, "example".
_NAMING = frozenset(
    """
    a an the my our your their its this that for of on in at from with by about via
    user username benutzer benutzername login account id utilisateur usuario gebruiker
    användare uživatel użytkownik kullanıcı der die das den dem des ein eine einen mein
    meine unser für vom von zum zur am im le la les un une mon ma du au pour el los las
    il lo per het een mijn voor van op min mitt för på dla mój moja
    called named heißt heisst heet s'appelle nommé llama llamado chiama chiamato heter nazwa
    printer drucker laptop server host gateway router ssid network netzwerk device gerät
    site branch center centre room raum model modell example beispiel exemple ejemplo
    esempio voorbeeld e.g. z.b.
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
_TEMP_LOGIN = re.compile(r"(?:temp|temporary|initial|first|start)[ \t]+log(?:in|on)[ \t]+\Z")
# "log in with …", "sign in using …": "with" names no thing here.
_LOGIN_WITH = re.compile(
    r"(?:log|sign)(?:ged|ging|s)?[ -]?(?:in|on)"
    r"(?:[ \t]+as[ \t]+\S{1,64}|[ \t]?to(?:[ \t]+[^\W\d]{1,20}){1,4}"  # "into the RIP station"
    r"|[ \t]+works)?"  # "login works with …"
    r"[ \t]+(?:with|using|mit|avec|con|com|met)[ \t]+[\"'‘“]?\Z"
)
# "ben.t with …", "anna@shop.example using …": an account, then its password.
_ACCOUNT_WITH = re.compile(
    r"[\w-]+[.@_][\w.@-]+[ \t]+(?:with|w/|using|mit|avec|con|com|met)[ \t]+\Z"
)
# "ho cambiato la password in …", "changed the wifi one to …": "in" or "to" after a change.
_CHANGED_TO = re.compile(
    r"(?:chang|cambi|geändert|ändert|modifi|alter|mud|zmieni|ændre|endre|verander|gewijzig|reset)"
    r"[^\n.!?]{0,40}[ \t](?:to|in|en|a|auf|zu|para|naar|till|til|na)[ \t]+\Z"
)
_CHANGED_WORDS = Rare(
    "changed|set|reset|switched|updated",
    r"[ \t]+(?:(?:my|the|our|his|her|their)[ \t]+)?"
    r"(?:[\w-]{2,20}[ \t]+){0,2}(?:password|passphrase|login|pw|passcode|pass|master)"
    r"[ \t]+to[ \t]*:?[ \t]+"
    # 'changed the Mac login to "Pa$$word"': anything in quotes
    r"(?:[\"“'‘](?P<q>[^\s\"”'’][^\n\"”]{1,62}[^\s\"”'’])[\"”'’]|"
    r"(?P<v>[a-z]{2,12}(?:[ \t]+[a-z]{2,12}){2,5}?)"
    r"(?=[ \t]*(?:[,.;:!?)]|\r?\n|\Z|[ \t](?:yesterday|today|tonight|now|this|last|earlier|so|and"
    r"|but|because|since|as|on|at|for|if)(?!\w))))",
)
# "four words:", "fyra ord:", "vier Wörter:": how many words follow.
_COUNT_WORDS = {
    word: count
    for count, words in {
        3: "three drei trois tres tre drie trzy tři três",
        4: "four vier quatre cuatro quattro fyra fire cztery čtyři quatro",
        5: "five fünf cinq cinco cinque vijf fem pięć pět",
        6: "six sechs seis sei zes sex seks sześć šest",
    }.items()
    for word in words.split()
}
_COUNTED = Rare(
    WORDS,
    r"[ \t]*[:：][ \t]*[\"“„«]?",  # 'fire ord: "fjell ost tog regnbue"'
)
# Where counted words end: the line's or the clause's end, a bracket, a dash.
_COUNTED_END = re.compile(r"[ \t]*(?:$|[\r\n.,;!?(]|[-–—][ \t])", re.MULTILINE)
# The count before those words, matched backwards from them.
_COUNT = re.compile(
    r"(?<!\w)(?P<n>[3-6]|" + "|".join(_COUNT_WORDS) + r")[ \t]+(?:[^\W\d]{2,12}[ \t]+)?\Z"
)
# A word for a password, also inside a compound ("huvudlösenord", "WLAN-Passwort").
_PASSWORD_STEM = re.compile(
    r"pass|pw|lösen|kennw|wachtw|contrase|senha|hasł|heslo|mot de passe|mdp|adgangskode|parol"
    r"|şifre|salasana|パスワード|code d'acc|zugangscode|código de acceso|codice di accesso"
    r"|toegangscode"
)
_RUN_OF_WORDS = {
    count: re.compile(
        rf"[^\W\d_][\w'’-]{{0,30}}(?:[ \t]+[^\W\d_][\w'’-]{{0,30}}){{{count - 1}}}(?![\w'’-])"
    )
    for count in range(3, 7)
}
# A note on how words are written: "all lowercase with spaces", "(with the spaces)".
_WRITTEN_NOTE = Rare(
    "lowercase|lower case|small letters|with spaces|with the spaces|spaces between|no spaces"
    "|no capitals|no caps|minúscul|minuscul|minuscol|malými písmeny|kleinbuchstaben"
    "|kleingeschrieben|klein geschrieben|små bokstäver|kleine letters|małymi literami"
    "|küçük harf|com espaços|con espacios|avec espaces|mit leerzeichen|s mezerami|met spaties"
    "|without the quotes|ohne anführungszeichen|sans les guillemets|sin comillas"
    "|zonder aanhalingstekens|med mellanslag|med mellemrum|små bokstaver|små bogstaver"
    "|mellomrom",
)
# Three to six plain words after a colon or "is", then a dash, a bracket or a comma.
_WORDS_BEFORE = re.compile(
    r"(?:[:=]|[ \t](?:is|are|ist|est|es|é|är|it['’]?s)|[ \t](?:veranderd|gewijzigd|changed|geändert"
    r"|changé|cambiado|cambiato|mudado|ändrat|zmienione)[ \t]+(?:in|to|naar|en|a|zu|auf|till"
    r"|para|na))[ \t]+[\"“„«]?"
    r"(?P<v>[^\W\d_]{2,20}(?:[ \t]+(?:[^\W\d_]{2,20}|\d{1,4})){2,6})[\"”“»]?"
    r"(?:[ \t]*[—–(,-]|[ \t]{2,}|[ \t]*(?:\r?\n){1,2}|(?<=[\"”“»])[ \t]+)[ \t]*"
    r"(?:(?:all|alle|with|tudo|tutto|todo|alles|tout|allt|vše|wszystko|hepsi|en)[ \t]+)?\Z"
)
# Words that say when or how, never in a passphrase: "to something simpler yesterday".
_NOT_A_PHRASE = frozenset(
    """
    yesterday today tonight tomorrow earlier later morning evening week month something
    anything simpler easier longer shorter stronger better again default usual
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# What a value right after these names: a hash, a build, an order, a ticket, a network.
_NAMED_BY = re.compile(
    HASH_WORDS + r"|commit|build|version|serial|model"
    r"|ticket|order|invoice|rechnung|bestellung|commande|pedido|ordine|faktura|session|token"
    r"|error|fehler|erreur|(?<!pass)code|ssid|network[ \t]name|netzwerkname|trace|correlation"
    r"|name[ \t]*:|name[ \t]+(?:is|to|as|was)|called|named"
    r"|اسمها|اسمه|اسم[ \t]الشبكة",  # Arabic: "its name", "the network's name"
)
# An option that names what follows it: ``-Name "Technik3"``, ``--hostname=web01``.
_NAME_OPTION = re.compile(r"(?<![\w-])-{1,2}[a-z]{0,30}name[ \t=]+[\"']?\Z")
# A value that starts with such a word: "Invoice#2026", "Order-7731-B" (not "SaltLake#9").
_NAMED_FIRST = re.compile(rf"(?:{_NAMED_BY.pattern})(?![^\W\d_])")


# What one does with a password, right before it: "i typed in Bluebell22 … wrong password".
_TYPED = re.compile(r"(?:typed|tried|entered|keyed|put)(?:[ \t]+in)?[ \t]+\Z")
# A note on letter case, said of passwords: "with a capital H", "all lower case".
_CASE_NOTE = re.compile(
    r"(?<!\w)(?:capital|caps|upper[ \t-]?case|lower[ \t-]?case|case[ \t-]sensitive"
    r"|small[ \t]letters"
    r"|gro(?:ß|ss)[ \t-]?(?:buchstabe|geschrieben)|klein[ \t-]?(?:buchstabe|geschrieben)"
    r"|majuscule|minuscule|may[úu]scula|min[úu]scula|mai[úu]scula|hoofdletter|kleine[ \t]letter"
    r"|maiuscol|minuscol|wielk\w{0,3}[ \t]liter|versal)"
)
# An answer at a line's start: "it's just …", "yes it is …", "c'est …", "es ist …".
_ANSWER = re.compile(
    r"^[ \t>]*(?:(?:(?:yes|yeah|yep|sure|ok|okay|ja|oui|s[ií]|sim|claro)[ \t]*[,!.]?[ \t]*)?"
    r"(?:it['’]?s|it[ \t]+is|it[ \t]+was|es[ \t]+ist|c['’]est|é|è)[ \t]+"
    r"|(?:yes|yeah|yep|sure|ok|okay|ja|oui|s[ií]|sim|claro)[ \t]*:[ \t]*)"  # "yes: Pr1nt-…"
    r"(?:(?:just|now|still|only|nur|jetzt|juste|maintenant|simply)[ \t]+)?"
    r"[\"'“‘]?(?P<v>(?=[^\s\"'”’]{0,40}[\d!#$%&*?@+=~^_])[^\s\"'”’]{5,40}"
    r"|\d{4}(?![\w.,:/-]\w)|\d(?: \d){3,7}(?![ ]?\w))",
    re.MULTILINE,
)
_SYMBOLS_ONLY = re.compile(r"[\W\d_]+")
# An answer that is a code ("It's 3-8-1-5,"), to a question about one.
_CODE_ANSWER = re.compile(r"[#*]?\d(?:[- ]?\d){3,7}[#*]?")
_ASKED_CODE = re.compile(r"code|pin|passcode|combination|lockbox|key ?safe|keypad|alarm")
# A code alone on its line, and a quoted question above it.
_BARE_CODE = re.compile(r"^[ \t]*(?P<v>\d{4,8}|\d(?: \d){3,7})[ \t]*$", re.MULTILINE)
_QUOTED_QUESTION = re.compile(r"^>[^\n]{0,200}\?[ \t]*$", re.MULTILINE)
# A digit between letters ("Lingon7Stuga"): a value without a symbol needs one.
_INNER_DIGIT = re.compile(r"[^\W\d_]\d+[^\W\d_]")
_LOWER_PAIR = re.compile(r"[a-zß-ÿ]{2}")
_TWO_LOWER = re.compile(r"[a-zß-ÿ].*[a-zß-ÿ]")
# Words that name no thing before the strongest values ("with Heifer#Barn19").
_PREPOSITIONS = frozenset(["of", "with", "for", "on", "in", "at", "from", "by", "via", "to"])


def sentence_passwords(
    text: str, low: str, labels: list[int], found: list[tuple[int, int]]
) -> Iterator[Span]:
    """Password-shaped values within reach of a word about passwords, logins or Wi-Fi:
    one of the password ``labels`` (where they start) or a topic word. Values inside a
    span already ``found`` (start, end; sorted) are left alone."""
    first = _FIRST.match(text)
    values = [first.span("v")] if first is not None else []
    values += [m.span("v") for m in _CANDIDATE.finditer(text)]
    if not _JOINED_MARKS.isdisjoint(text):
        values = sorted(values + [m.span() for m in _JOINED.finditer(text)])
    said: set[tuple[int, int]] = set()  # two words and a number after "is"
    if "-" in text:
        said = {
            (words.start("v"), m.end())
            for m in _NUMBER_ENDS.finditer(low)
            if (words := _SAID_WORDS.search(low, max(0, m.start() - 40), m.start()))
        }
        values = sorted({*values, *_dashed(text), *said})
    labels = sorted(labels)
    yield from _case_noted_words(low, labels)
    if not values:
        return
    secrets = [start for start, _ in found]  # a secret found near makes a message about them
    topics: list[int] = []  # looked for once, in order, only where a value needs them
    searched = 0
    for start, stop in values:
        at = bisect_right(found, (start, len(text))) - 1
        if at >= 0 and found[at][1] >= stop:
            continue
        near = _within(labels, start, stop) or _STRONGEST.fullmatch(text, start, stop) is not None
        window_end = min(len(low), stop + _REACH)
        if not near and searched < window_end:
            topics += _topics(low, max(searched, start - _REACH), window_end)
            searched = window_end
        near = near or _within(topics, start, stop) or _within(secrets, start, stop)
        if (start, stop) in said:
            if (
                near
                and _NOT_IN_PHRASES.isdisjoint(low[start:stop].split("-"))
                and _NAMED_BY.search(low, max(0, start - 25), start) is None
                and _DEVICE_BEFORE.search(low, max(0, start - 30), start) is None
            ):
                yield start, stop, "password", "sentence-words-number"
            continue
        if _DASHED.fullmatch(low, start, stop):
            if _is_passphrase(low, start, stop, near):
                yield start, stop, "password", "sentence-passphrase"
            continue
        end = trim_value(text, start, stop)
        if asked_about(text[start:end], low, end):
            continue  # "Is 'Password123' a good password?": asked about, not given
        if near and _JOINED.fullmatch(text, start, end) is not None:
            insort(secrets, start)
            yield start, end, "password", "sentence-joined-words"
        elif (
            near
            and _is_password(text, low, start, end, labels)
            and not _network_above_its_key(text, start, end, labels)
        ):
            insort(secrets, start)
            yield start, end, "password", "sentence-password"


def _case_noted_words(low: str, labels: list[int]) -> Iterator[Span]:
    """Plain words said to be a password, with a note on their case, near a password label."""
    spans = set()
    for word in _CASE_WORDS:
        at = low.find(word)
        while at != -1:
            if (m := _CASE_NOTED_WORD.search(low, max(0, at - 60), at + 30)) is not None:
                spans.add(m.span("v"))
            at = low.find(word, at + 1)
    for start, stop in sorted(spans):
        if (
            _within(labels, start, stop)
            and low[start:stop] not in NOT_SECRETS
            and not low.endswith("ly", start, stop)  # "it is mostly lowercase"
            and _NAMED_SUBJECT.search(low, max(0, start - 40), start) is None
        ):
            yield start, stop, "password", "sentence-case-noted"


_BLANKS = re.compile(r"[ \t]*")


def _network_above_its_key(text: str, start: int, end: int, labels: list[int]) -> bool:
    """Whether the value ends a line about Wi-Fi that holds no password label, and a label
    starts the next line: a network's name above its key ("wifi: Madrasa_5G" / "password:
    …")."""
    if not text.startswith("\n", match_end(_BLANKS, text, end)) or not on_wifi_line(text, start):
        return False
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    below = match_end(_BLANKS, text, text.index("\n", end) + 1)
    at = bisect_left(labels, line_start)
    label_on_line = at < len(labels) and labels[at] < start
    return not label_on_line and below in labels[at : at + 8]


# What was done with a password, or what it was, right before it: "set it to surgery1",
# "tried Mum1962 and mum1962", "the one before was Daisy123", "still uses hummingbird9".
# "la mia (Serena) è …", "o meu é …": whose, a name in brackets, "is"; each from the noun on,
# so that the search skips ahead to a word of three letters or more.
_MINE_IS = r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]+(?:è|es|é|est|ist|is|är)"
_MINE = (
    "la mia", "il mio", "la mía", "el mío", "a minha", "o meu", "la mienne", "le mien", "meins",
    "meine", "mijn", "mitt",
)  # fmt: skip
_CHANGED_PASSWORD = (
    r"[^\n.!?]{0,40}?[ \t](?:password|pass|pw|passcode|login)[ \t]+to"  # "… the pass to …"
)
_GOT_CHANGED = (
    r"[ \t]+(?:got|was|has[ \t]+been)[ \t]+changed(?:[ \t]+by[ \t]+[^\n.!?]{1,30}?)?[ \t]+to"
)
# What was done with a password, right before the value. So many words start these that the
# engine, trying each position once, finds them faster than a search for each word.
DONE_TO_WORDS = (
    r"changed[ \t]it[ \t](?:in|on|last)[ \t][^\W\d]{3,12}[ \t]to"  # "… in January to"
    "|set it to|set it as|changed it to|reset it to|left it as|tried|typed in|entered|use"
    "|set it tae|changed it tae|was still"  # Scots "tae"; "the old login was still …"
    "|set the new one to|changed the new one to|made the new one|the new one is"
    # what got someone in, or what they chose or keep typing
    "|went with|let me in with|let you in with|lets me in with|lets you in with|got in with"
    "|putting in|been typing in|been typing|typing in|then type"
    "|tu tapes|vous tapez|je tape|on tape"  # "pour te connecter … tu tapes vendange85 puis …"
    "|it's either|it is either|jeg bruger|jeg brugte|jeg bruker|usa|giờ là|bây giờ là|yenisi"
    "|logging in with|log in with|logged in with|signing in with|sign in with"
    "|try logging in with|try signing in with|try"
    # "ik typ steeds …", "eu pus … em tudo", "το έβαλα ξανά …", "kullandığım şey …"
    "|ik typ steeds|ik typ|ik tik|eu pus|eu coloquei|eu botei|έβαλα ξανά|έβαλα|βάλε|βάλτε"
    "|kullandığım şey|kullandığım|yazıyorum|yazdım"
    # "el portátil entra con …", "eu entro com …": gets in with
    "|entra con|entro con|entras con|entrar con|entra com|entro com|entrar com|entre com"
    "|wrote it as|typed it as|saved it as|spelled it|spelt it|cambié a|cambie a|cambié por"
    # "ik zet zijn wachtwoord op …" before "zet …"
    r"|zet[ \t][^\n.!?]{0,30}?wachtwoord[ \t]+op|setze[ \t][^\n.!?]{0,30}?passwort[ \t]+auf"
    "|mets|mettez|metti|pon|poné|zet"
    "|uses|used|using|was either|is either|one before was|old one was|previous one was"
    "|used to be|old one, which was|old one, which is|old one,|same one,"
    "|hers is|his is|mine is|theirs is|yours is|c'est maintenant|c’est maintenant|c'était"
    "|c’était|c'est|c’est"
    + "".join(f"|{mine}{_MINE_IS}" for mine in _MINE)
    + "".join(
        f"|{verb}{_CHANGED_PASSWORD}" for verb in ("changed", "reset", "switched", "updated", "set")
    )
    # "login got changed by my cousin to …"
    + "".join(f"|{thing}{_GOT_CHANGED}" for thing in ("password", "login", "pin", "code"))
    + r"|cambiat[oa][ \t]+la[ \t]+password"  # "ha cambiato la password del wifi in …"
    r"(?:[ \t]+(?:del|della|dello|di)[ \t]+[\w-]{1,20})?[ \t]+in"
    + "|still(?:(?<=is it still)|(?<=it's still)|(?<=it is still))"
    "|ficou|quedó|blev|dejó como|dejé como|puso como|half is"
    "|it's now using|it is now using|its now using"
    "|it's now|it is now|its now|es ist jetzt|ist jetzt|het is nu|es ahora|é agora|è ora"
    # the old one: "la anterior era …", "vanha oli …"; what a thing still has
    "|anterior era|vieja era|ancien était|ancienne était|alte war|oude was|vecchia era"
    "|antiga era|antigo era|gamla var|gamle var|stary był|stare było|vanha oli|old one"
    "|starý byl|stará byla|staré bylo"
    "|la anterior|el anterior|a anterior|o anterior"
    "|neue heisst|neue heißt|neue lautet|nieuwe heet|nouveau s'appelle"
    "|current one should be|current one is"
    "|sigue siendo|is still|ist noch|immer noch|est toujours|é ainda|è ancora|nog steeds"
    "|fortfarande|har|heeft|tiene"
    # "changed my password from Spring2025 to …"
    r"|from(?=[ \t]+\S{4,40}[ \t]+to[ \t])"
    "|cambiado a|cambiada a|cambiato in|cambiata in|changé en|changé pour|mudei para"
    "|alterei para|veranderd in|veranderd naar|gewijzigd in|gewijzigd naar|zmieniłem na"
    "|zmieniłam na|ändrat till|bytt till|ændret til|endret til"
)
_DONE_TO = re.compile(
    by_first_letter(DONE_TO_WORDS) + r"(?P<v>[ \t]+[\"'“‘«]?[^\s\"'”’»,;()<>]{4,40})"
)
# A further value after one: "… and summer2024!", "…, Daisy123 or …".
_AND_VALUE = re.compile(
    r"[\"'”’»]?[ \t]*(?:,|/|and|or|und|oder|et|ou|y|o|e|en|of|och|eller|og)"
    r"(?P<v>[ \t]+[\"'“‘«]?[^\s\"'”’»,;()<>]{4,40})"
)
_LETTERS = re.compile(r"[^\W\d_]")
# A word and a year joined: "pinède_2026" (not "vec_setv8hf_0", an identifier).
_WORD_YEAR = re.compile(rf"[^\W\d_]{{3,}}[_.-]{YEAR}")
# A code with a keypad's mark: "2580#", "*7734#".
_KEYPAD_CODE = re.compile(r"[#*]?\d{4,8}[#*]")
_WORDS_JOINED = re.compile(r"[A-Z][a-zß-ÿ]{2,15}(?:_[A-Z][a-zß-ÿ]{2,15}){1,3}")
# What may follow such a value: the clause's end, another value, or a word that goes on
# about it ("… neither works", "… ages ago"); not a preposition ("iPhone12 for the VPN").
# What someone uses everywhere: "… for absolutely everything", "… em tudo".
_EVERYTHING = (
    r"for[ \t]+(?:(?:absolutely|literally)[ \t]+)?everything"
    r"|for[ \t]+all[ \t]+(?:his|her|my|our|their)|em[ \t]+tudo|en[ \t]+todo"
)
_DONE_ENDS = re.compile(
    r"[\"'”’»]?[ \t]*(?:$|[\r\n.,;:!?()—–]|-[ \t]"
    r"|(?:but|pero|aber|mais|mas|maar|men|ale|neither|nor|ages|since|then|too|cause|because|so"
    r"|again|maybe|either|both|for[ \t]+(?:it|that|this|them|now|everything|all)|to(?=[ \t])"
    r"|yesterday|today|ayer|hoy|gestern|heute|hier|ieri|oggi|gisteren|vandaag|ontem|hoje"
    rf"|until|till|twice|which|que|die|das|che|{_EVERYTHING}"
    r"|e[ \t]+adesso|e[ \t]+ora|y[ \t]+ahora|und[ \t]+jetzt|et[ \t]+maintenant"
    r"|just|lol|haha|voor[ \t]+nu|für[ \t]+jetzt|puis|dann|luego|daarna"
    r"|an[ \t]+(?:noo|now|then)"  # Scots: "set it tae hermione2007 an noo …"
    r"|αλλά|alla|και|ama|fakat"  # "… αλλά λέει λάθος"
    r"|like[ \t]+(?:you|we|i|last|before|the[ \t]+last)"  # "… like you said", "like last time"
    r"|on[ \t]+[a-z]{3,6}day"  # "… to bluebottle44 on friday"
    # "try fishnet2020 on the chartplotter login": what it logs in to
    r"|on[ \t]+(?:the|my|our|his|her|their)[ \t]+(?:[\w-]+[ \t]+){0,2}(?:portal|site|login|account)"
    # "… for the pass", "… for the FMCSA portal": what it logs in to
    r"|for[ \t]+(?:the|my|our|his|her|their)[ \t]+(?:[\w-]+[ \t]+){0,2}"
    r"(?:portal|site|website|account|login|pass|password|pw|pwd)"
    # "use Seagull99 as the parental lock"
    r"|as[ \t]+(?:the|my|our|his|her|their)[ \t]+(?:[\w-]+[ \t]+)?"
    r"(?:lock|pin|password|passcode|code|login)"
    r"|si|if|wenn|als|se|om|jeśli|pokud|por[ \t]+si|in[ \t]+case|falls|au[ \t]+cas"
    r"|(?:and|or)(?=[ \t]+(?:then|it|i|we|he|she|they|you|neither|nothing|still|both|none"
    r"|did|do|does|is|was|has|have|had|should|can|could|will|would|tell|let|see|check"
    r"|[\"'“‘«]?[^\s\"'”’»,;()<>]{0,40}\d)))(?!\w))",
    re.MULTILINE,
)


def done_to_values(text: str, low: str, labels: list[int], secrets: list[int]) -> Iterator[Span]:
    """A word with a number, or a password's shape, right after what was done with a
    password ("Rob says he set it to surgery1", "i tried Mum1962 and mum1962", "lo he
    cambiado a Paella.Valencia24"), with a password label, a topic word or another secret
    (where they start) within reach; values joined to it by "and", "or" or a comma too.
    Names stay (a network, a host)."""
    labels = sorted(labels + secrets)
    found: list[int] = []
    for m in _DONE_TO.finditer(low):
        if not starts_word(low, m.start()):
            continue
        # What a password was, or what someone uses, needs a word for one or a secret near.
        was = low.startswith(_WAS, m.start()) and not _before(found, m.start())
        more: re.Match[str] | None = m
        while more is not None:
            start, end = more.span("v")
            start = len(text) - len(text[start:end].lstrip(" \t\"'“‘«")) - (len(text) - end)
            end = trim_value(text, start, end)
            if not _done_to_value(text, low, m.start(), start, end, labels, was):
                break
            found.append(start)
            yield start, end, "password", "sentence-done-to"
            more = _AND_VALUE.match(text, end)


_AS_THE_PASSWORD = re.compile(
    r"[ \t]+as[ \t]+(?:the|my|our|his|her|their|a)[ \t]+(?:[\w-]+[ \t]+)?"
    r"(?:password|passcode|passphrase|pin|login)(?!\w|[ \t]+(?:manager|policy|vault|field"
    r"|reset|generator|app|tool|page|screen|method|client|portal|input|system|provider|flow))"
)
# "he uses Lakers1988 for everything": what someone uses everywhere is a password.
_FOR_EVERYTHING = re.compile(rf"[ \t]+(?:{_EVERYTHING})")
_WAS = (
    *("one before was", "old one was", "previous one was", "used", "uses", "using"),
    *("still", "old one,", "same one,", "hers is", "his is", "mine is", "theirs is", "yours is"),
    *("c'est", "c’est", "c'était", "c’était", *_MINE),
    *("changed it to", "set it to", "reset it to", "was still"),
    *("anterior", "la anterior", "el anterior", "a anterior", "o anterior", "vieja", "ancien"),
    *("alte", "oude", "vecchia", "antiga", "antigo", "gamla", "gamle", "stary", "stare"),
    *("starý", "stará", "staré", "vanha", "old one", "sigue", "is still", "ist noch", "immer"),
    *("est toujours", "é ainda", "è ancora", "nog steeds", "fortfarande", "har", "heeft", "tiene"),
)  # fmt: skip


def _done_to_value(
    text: str, low: str, verb: int, start: int, end: int, labels: list[int], was: bool
) -> bool:
    value = text[start:end]
    if ":" in value:
        return False  # "usa admin:Fisio!nas2022": an account and its password, the pairs' rule
    if _KEYPAD_CODE.fullmatch(value) and code_context(low[max(0, verb - _REACH) : verb]):
        return True  # "the gate keypad was reprogrammed. drivers now use 2580#"
    if low.startswith("half is", verb):
        return len(value) >= 4 and _within(labels, start, end)  # "first half is Tangerine-"
    if was and value.isdigit() and 4 <= len(value) <= 8 and not IS_YEAR(value):
        return _within(labels, start, end)  # "La del TPV sigue siendo 4512": beside secrets
    shaped = (
        password_shaped(value)
        or (was and _WORDS_JOINED.fullmatch(value) is not None)  # "la mia è Limoncello_Amalfi"
        or (
            any(c.isdigit() for c in value)
            and len(_LETTERS.findall(value)) >= 3
            and not names_a_thing(value)
        )
    )
    if (
        value.isalpha()
        and len(value) >= 8
        and _AS_THE_PASSWORD.match(low, end) is not None
        and not names_a_thing(value)
    ):
        return True  # "uses purplemonkeydishwasher as the password": said to be one
    if not shaped or not looks_like_password(value, False, True, text, end):
        return False
    if (
        _DONE_ENDS.match(text, end) is None
        and SYMBOLS.isdisjoint(value)
        and _WORD_YEAR.fullmatch(value) is None
    ):
        return False  # "mets pinède_2026 sur l'affiche": a symbol or a year may go on
    line_start = text.rfind("\n", max(0, start - 60), start) + 1 or max(0, start - 60)
    if _NAMED_BY.search(low, max(line_start, start - 25), start) is not None:
        return False  # "the SSID used Farm2024": the verb says what a name was
    sentence_end = min(low.find(c, end, end + _REACH) % (len(low) + 1) for c in ".!?\n")
    return (
        _within(labels, start, end)
        or low.startswith(_LOGS_IN, verb)  # "try logging in with h4ppyp0dcast"
        or _FOR_EVERYTHING.match(text, end) is not None
        or _PASSWORD_STEM.search(low, max(0, start - _REACH), start) is not None
        or _LOG_IN.search(low, max(0, start - 40), start) is not None  # "the login was still …"
        # "Ik typ steeds Zwaluw88 maar …, terwijl dat echt het wachtwoord … is", "… so the
        # subs can log in"
        or _PASSWORD_STEM.search(low, end, min(sentence_end, end + _REACH)) is not None
        or _LOGS_IN_AFTER.match(low, end, min(sentence_end, end + 60)) is not None
        or (not was and bool(_topics(low, max(0, start - _REACH), end + _REACH)))
    )


_LOGGING_IN = r"(?:log|sign)[ \t-]?(?:in|on)|logge[ \t]+in[dn]|logga[ \t]+in"
# A login or an account said before the value: "the old login was still …".
_LOG_IN = re.compile(rf"(?<!\w)(?:{_LOGGING_IN}|account)(?!\w)")
# Logging in said after the value, in its clause: "… so the subs can log in".
_LOGS_IN_AFTER = re.compile(rf"[^\n.!?]{{0,40}}?(?<!\w)(?:{_LOGGING_IN})(?!\w)")
_LOGS_IN = (
    *("logging in with", "log in with", "logged in with", "signing in with", "sign in with"),
    *("try logging in with", "try signing in with"),
)


# Plain words alone on a line (a blank line between and after) below a colon.
_WORDS_BELOW = re.compile(
    r":[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*"
    r"(?P<v>[^\W\d_]{3,20}(?:[ \t]+[^\W\d_]{3,20}){2,5})[ \t]*\.?[ \t]*(?=\r?\n[ \t]*\r?\n|\s*\Z)"
)
_HASH_BEFORE = re.compile(rf"(?:{HASH_WORDS})[^\n.!?]{{0,20}}\Z")
# A program's prompt for a password, whose answer is never shown.
_PROMPT = re.compile(r"[ \t]*(?:new|retype|re-?enter|enter|confirm|current|old)(?!\w)")
# Words that close a letter, never a passphrase: "Mit freundlichen Grüßen".
_SIGN_OFF = frozenset(
    """
    regards grüßen grüssen grüße cordialement saludos groeten hälsningar hilsen saluti
    cumprimentos pozdrawiam thanks cheers sincerely best
    """.split()  # noqa: SIM905 - a word list reads best as running text
)


def words_below(text: str, low: str) -> Iterator[Span]:
    """Three to six plain words alone on a line below one that speaks of a password and
    ends with a colon ("… eine Passphrase statt eines Passworts genommen …:" / "Kaffeetasse
    Segelboot Mondlicht Treppe")."""
    for m in _WORDS_BELOW.finditer(text):
        line_start = low.rfind("\n", max(0, m.start() - 300), m.start()) + 1
        if _PASSWORD_STEM.search(low, line_start, m.start()) is None:
            continue
        if _PROMPT.match(low, low.rfind("\n", 0, m.start()) + 1) is not None:
            continue  # "Retype new SMB password:" / "Added user scan.": a program's prompt
        words = low[m.start("v") : m.end("v")].split()
        prose = sum(word in NOT_SECRETS for word in words)
        if prose <= 1 and _NOT_A_PHRASE.isdisjoint(words) and _SIGN_OFF.isdisjoint(words):
            yield m.start("v"), m.end("v"), "password", "sentence-words-below"


def answers(text: str, low: str, labels: list[int]) -> Iterator[Span]:
    """A line that answers a question about a password asked near it ("> what's the printer
    password?" / "it's just printer123 i think"): the value after "it's" at the line's start,
    with a digit or a symbol, when a password label stands within reach; a code alone on its
    line below a quoted question about one ("> what's the code to unlock it?" / "924561")."""
    labels = sorted(labels)
    for m in _BARE_CODE.finditer(low) if ">" in low else ():
        asked = _QUOTED_QUESTION.search(low, max(0, m.start() - _REACH), m.start())
        if asked is not None and _ASKED_CODE.search(asked.group()) is not None:
            yield m.start("v"), m.end("v"), "access code", "sentence-answer"
    for m in _ANSWER.finditer(low):
        start, end = m.span("v")
        end = trim_value(text, start, end)
        value = text[start:end]
        if _CODE_ANSWER.fullmatch(value) is not None:
            if _ASKED_CODE.search(low, max(0, start - _REACH), start) is not None:
                yield start, end, "access code", "sentence-answer"
        elif (
            _within(labels, start, end)
            and not _SYMBOLS_ONLY.fullmatch(value)
            and looks_like_password(value, False, True, text, end)
        ):
            yield start, end, "password", "sentence-answer"


# "it's 2580 to open it", "c'est 4471 pour ouvrir": a code and what it opens.
_TO_OPEN = re.compile(
    r"(?P<v>\d{4,8})[ \t]+(?:to|pour|para|per|om[ \t]+te|zum)[ \t]+(?:open|unlock|disarm"
    r"|get[ \t]+in|ouvrir|déverrouiller|abrir|desbloquear|aprire|sbloccare|öffnen|entsperren"
    r"|openen|ontgrendelen)(?!\w)"
)
_GIVES_CODE = re.compile(
    r"(?<!\w)(?:it['’]?s|its|is|use|type|enter|press|tap|punch[ \t]+in|key[ \t]+in|c['’]est"
    r"|es|é|è|ist)[ \t]+\Z"
)


def codes_to_open(text: str, low: str) -> Iterator[Span]:
    """A code said with what it opens, after "it's", "use", "type" and the like ("the
    tablet is locked, it's 2580 to open it")."""
    for m in _TO_OPEN.finditer(low):
        start = m.start("v")
        if starts_word(low, start, ".,/:-") and _GIVES_CODE.search(low, max(start - 12, 0), start):
            yield start, m.end("v"), "access code", "sentence-code-to-open"


def counted_words(text: str, low: str) -> Iterator[Span]:
    """As many words as a sentence about a password counts before a colon ("Det är nu fyra
    ord: blåbär kaffe segelbåt Uppsala"), a word for a password before it."""
    for m in _COUNTED.finditer(low):
        if not starts_word(low, m.start()):
            continue  # "password:" holds "ord:"
        counted = _COUNT.search(low, max(0, m.start() - 30), m.start())
        if counted is None:
            continue
        count = counted.group("n")
        run = _RUN_OF_WORDS[int(count) if count.isdigit() else _COUNT_WORDS[count]].match(
            text, m.end()
        )
        if run is None or _PASSWORD_STEM.search(low, max(0, m.start() - _REACH), m.start()) is None:
            continue
        words = run.group().lower().split()
        # the count says where the words end: a word of time may be one of them
        counted_out = _COUNTED_END.match(text, run.end()) is not None
        if sum(word in NOT_SECRETS for word in words) <= 1 and (
            counted_out or _NOT_A_PHRASE.isdisjoint(words)
        ):
            yield run.start(), run.end(), "password", "sentence-counted-words"


def noted_words(text: str, low: str) -> Iterator[Span]:
    """Plain words after a colon or "is", then a note on how they are written ("…: correct
    walrus harbour lemonade — all lowercase with spaces", "… is purple elephants dance on
    tuesdays (all lower case, with the spaces)")."""
    for m in _WRITTEN_NOTE.finditer(low):
        words = _WORDS_BEFORE.search(low, max(0, m.start() - 90), m.start())
        if words is None:
            continue
        parts = words.group("v").split()
        # a note says they are a password: two words of sentences may be in it ("… at six")
        if sum(part in NOT_SECRETS for part in parts) <= 2 and _NOT_A_PHRASE.isdisjoint(parts):
            yield words.start("v"), words.end("v"), "password", "sentence-noted-words"


def changed_to_words(text: str, low: str) -> Iterator[Span]:
    """Plain words a password or login was changed to ("changed my laptop login to correct
    purple tractor singing yesterday"): three to six words, at most one of them a word of
    sentences about passwords, up to the clause's end or a word of time; or anything in
    quotes ('changed the Mac login to "Pa$$word"')."""
    for m in _CHANGED_WORDS.finditer(low):
        if not starts_word(low, m.start()):
            continue
        if m.group("q") is not None:
            yield m.start("q"), m.end("q"), "password", "sentence-changed-words"
            continue
        words = m.group("v").split()
        if sum(word in NOT_SECRETS for word in words) <= 1 and _NOT_A_PHRASE.isdisjoint(words):
            yield m.start("v"), m.end("v"), "password", "sentence-changed-words"


def _dashed(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_DASHED`` in ``text``, looked for from the dashes in it."""
    pos = 0
    while (dash := _WORD_DASH.search(text, pos)) is not None:
        word = _WORD_END.search(text, max(pos, dash.start() - 12), dash.start())
        run = _DASHED.match(text, word.start()) if word is not None else None
        if run is not None:
            yield run.span()
        pos = run.end() if run is not None else dash.end()


def _case_noted(low: str, start: int, stop: int) -> bool:
    """Whether a note on letter case stands near a value ("with a capital H")."""
    return _CASE_NOTE.search(low, max(0, start - 60), stop + 60) is not None


def _before(starts: list[int], start: int) -> bool:
    """Whether one of ``starts`` (sorted) lies within reach before ``start``."""
    near = bisect_left(starts, start - _REACH)
    return near < len(starts) and starts[near] < start


def _within(starts: list[int], start: int, stop: int) -> bool:
    """Whether one of ``starts`` (sorted) lies within reach of ``start``-``stop``."""
    near = bisect_left(starts, start - _REACH)
    return near < len(starts) and starts[near] <= stop + _REACH


def _topics(low: str, pos: int, stop: int) -> list[int]:
    """Where topic words start between ``pos`` and ``stop``."""
    return [m.start() for m in _TOPIC.finditer(low, pos, stop) if starts_word(low, m.start())]


_PUBLIC_KEY_LINE = re.compile(
    r"[ \t]*(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-\S{1,30}|sk-(?:ssh|ecdsa)-\S{1,60})[ \t]+AAAA"
)


# "… wifi for clients is 'TeaAndBiscuits2026'": a value given in quotes
_QUOTED_IS = re.compile(r"(?<!\w)(?:is|was)[ \t]+[\"'“‘]\Z")


def _is_password(text: str, low: str, start: int, end: int, labels: list[int]) -> bool:
    value = text[start:end]
    if is_product(value):
        return False  # "KeePass oder 1Password?"
    if _PUBLIC_KEY_LINE.match(text, text.rfind("\n", max(0, start - 1000), start) + 1):
        return False  # "ssh-ed25519 AAAA… dana@LSFB-DISPATCH3": a public key's comment
    typed = _TYPED.search(low, max(0, start - 24), start) is not None
    line_start = text.rfind("\n", max(0, start - 60), start) + 1 or max(0, start - 60)
    login_with = _LOGIN_WITH.search(low, line_start, start) is not None  # "logs in as x with …"
    if (
        value.isalnum()
        and _INNER_DIGIT.search(value) is None
        and not (_before(labels, start) or _case_noted(low, start, end))
        and not (typed and _within(labels, start, end))
        and not login_with
        and _QUOTED_IS.search(low, max(0, start - 6), start) is None
    ):
        return False  # "WireGuard2", "Windows11": a name with a number
    word_start = low.rfind(" ", line_start, start - 1) + 1 or line_start
    word = low[word_start:start].strip(" \t-–—>*")
    strongest = _STRONGEST.fullmatch(text, start, end) is not None
    if (
        word in _NAMING
        and not ((strongest or typed) and word in _PREPOSITIONS)  # "one of Welcome01!"
        and not (strongest and word == "its")  # "its Opt1c@Andheri22": "it's", mistyped
        and not (
            word == "login"  # the only login word of _NAMING
            and (strongest or _TEMP_LOGIN.search(low, line_start, start) is not None)
        )  # "windows login Sparge!Arm4", "the temp login Welcome-Priya1"
        and not login_with
        and _ACCOUNT_WITH.search(low, line_start, start) is None
        and _CHANGED_TO.search(low, line_start, start) is None
    ):
        return False
    return (
        (
            _LOWER_PAIR.search(value) is not None
            or (strongest and _TWO_LOWER.search(value) is not None)
        )
        and password_shaped(value)
        and _NAMED_BY.search(low, max(line_start, start - 40), start) is None
        and _NAMED_FIRST.match(low, start) is None
        and _NAME_OPTION.search(low, max(line_start, start - 40), start) is None
    )


def _is_passphrase(low: str, start: int, stop: int, near: bool) -> bool:
    """Dashed words, at most one a long word of sentences about passwords and none a name of
    a secret or a rule's: four or more near a word about passwords, or any where the words
    before them say they are words."""
    parts = low[start:stop].split("-")
    prose = [part for part in parts if part in NOT_SECRETS and part not in _JOINING_WORDS]
    if len(prose) > 1 or any(len(part) <= 4 for part in prose):
        return False  # "reset-your-pin-code"; "correct-horse-battery-staple" stays one
    if not _NOT_IN_PHRASES.isdisjoint(parts):
        return False  # a name or a rule: "label-password-separator", "four-words-minimum"
    if _HASH_BEFORE.search(low, max(0, start - 40), start) is not None:
        return False  # "export fingerprint: alarm-beacon-pantry-wheat-silver"
    line_start = low.rfind("\n", max(0, start - 80), start) + 1 or max(0, start - 80)
    said = WORDS_SAID.search(low, line_start, start) is not None
    noted = near and _DASHES_NOTED.search(low, stop, stop + 60) is not None
    return (
        said
        or noted
        or (near and low.count("-", start, stop) >= 3)
        or (near and _SAID_BEFORE.search(low, max(0, start - 16), start) is not None)
    )
