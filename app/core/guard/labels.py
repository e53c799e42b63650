"""Secrets that the words around them give away: a value after a label (on its line or
the next), an account with its password, door and alarm codes.

The labels are searched in the lowercased text, where every alternative starts with a
literal letter, so the search skips ahead fast; each search resumes after the text it has
already examined.
"""

from __future__ import annotations

import base64
import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import cache

from hourdesk.app.core.guard.alternation import ByScript, Rare, by_first_letter
from hourdesk.app.core.guard.values import (
    AN_ID_BEFORE,
    BRIDGE,
    CLAUSE_END,
    HASH_WORDS,
    IS_YEAR,
    NOT_A_YEAR,
    NOT_SECRETS,
    NOW,
    SYMBOLS,
    UUID,
    WORD_NUMBER,
    Span,
    is_hex,
    is_lookalike,
    is_placeholder,
    is_word,
    line_bounds,
    looks_like_password,
    looks_random,
    looks_strong,
    match_end,
    names_a_cache,
    names_a_thing,
    on_wifi_block,
    on_wifi_line,
    password_shaped,
    starts_word,
    trim_value,
    value_span,
)

# --- Passwords and tokens after a label ---------------------------------------------

# Finnish: "salasana tulostimeen on …", the device in a case ending between.
_FI_CASE = (
    r"(?:(?:[ \t][^\W\d_]{2,30})?[ \t][^\W\d_]{2,30}(?:seen|een|hin|lle|aan|ään|n)"
    r"(?=[ \t]on[ \t]))?"
)
# Lowercase, and every alternative starts with a letter, so the search skips ahead fast.
_PASSWORD_LABELS = (
    r"pass(?:[ \t]?(?:word|phrase)|wort|wörter|worter|wd|code|wrd|owrd)?|pwd?|psw|p/w"
    r"|mot[ \t]de[ \t]passe|mdp|ps?swd|pa?ssword|pwrd|pword|paswd"
    # misspelt: "passwrod", "paswort", "passowrd", "kenwort", "wachtwoort", "mot de pass"
    r"|paa?ss?(?:w(?:o?r[dt]|ro[dt]|od|ir[dt]|pr[dt])|owr[dt]|eord)|kenn?wor?t|wach?two{1,2}r[dt]"
    r"|mot[ \t]de[ \t]pass|motdepasse"
    r"|contrase[ñn]a|contrasenya|frase[ \t]de[ \t](?:paso?|contrase[ñn]a)|encryption[ \t]phrase"
    r"|phrase[ \t]secr[èe]te|frase[ \t]segreta|frase[ \t]secreta|phrase[ \t]de[ \t]passe"
    r"|frase[ \t]per[ \t](?:decifrare|decriptare|sbloccare)"
    r"|frase-passe|heslov[áé][ \t]fráz[ei]|slaptafraz[ėę]"
    r"|senha|shared[ \t]secret|pre-?shared[ \t]key|psk|wachtwoordzin|wachtzin"
    r"|pas?swoor[dt]"  # Flemish, Low German
    r"|wagwoorde?|wagfrase"  # Afrikaans
    r"|pasahitz(?:a|ak|arekin)?|pasaesaldi(?:a)?"  # Basque
    # Catalan: "la clau del correu", "Clau:"
    r"|clau(?=[ \t]+(?:del?|de[ \t]l['’]|d['’])[ \t]*[^\W\d]|[ \t]*:)"
    r"|zaporka|zaporku|zaporkom|lozinke|lozinku|lozinkom|sifr[aeu]|šifru|heslem"
    r"|la[ \t]contra|tu[ \t]contra|mi[ \t]contra|su[ \t]contra"  # Mexican: "la contra de …"
    r"|secret[ \t]answer|security[ \t]answer|memorable[ \t](?:word|answer)|lösenordsfras"
    r"|passordfrasen?|adgangsfrasen?|adgangssætning(?:en)?|kodeordsætning(?:en)?|salasanalause"
    r"|jelmondat(?:a|ot|om)?"
    r"|lösenfras(?:en)?"
    r"|wpa[23]?(?:-psk)?(?=[ \t]*:)"
    r"|wi-?fi[ \t-]?(?:key|schlüssel|code)|wlan-?(?:[ \t]?key|schlüssel|code)"
    r"|wpa[23]?[ \t-]?(?:key|schlüssel|sleutel|clé|clave|chave|chiave|anahtarı|anahtar)"
    r"|code[ \t](?:wi-?fi|wlan)|clave[ \t](?:wi-?fi|wlan)|cl[ée][ \t](?:wi-?fi|wlan)"
    r"|chave[ \t](?:wi-?fi|wlan)"
    r"|cl[ée][ \t]secr[èe]te(?:[ \t](?:2fa|a2f|totp|otp))?|cl[ée][ \t](?:2fa|a2f|totp|otp)"
    r"|clave[ \t](?:2fa|totp|otp)|chave[ \t](?:2fa|totp|otp)"
    r"|network[ \t-]?key|netzwerk-?schlüssel|schlüssel|clave|cl[ée]|chave|chiave|sleutel|cheie"
    # Welsh, Scottish Gaelic: a password, a memorable word, a passphrase, a client secret
    r"|cyfrinair|gair[ \t]cofiadwy|facal-faire|cyfrinymadrodd|cyfrinach[ \t](?:y[ \t])?cleient"
    r"|fr[áa]sa[ \t]faire"  # Irish: a passphrase
    r"|frase[ \t]d['’]accesso|frase[ \t]di[ \t]accesso"  # Italian: an access phrase
    # a password manager's master password: "KeePass master: …"
    r"|keepass(?:xc)?[ \t]master(?=[ \t]*:)|bitwarden[ \t]master(?=[ \t]*:)"
    r"|lastpass[ \t]master(?=[ \t]*:)|1password[ \t]master(?=[ \t]*:)"
    r"|φράση[ \t]πρόσβασης|φράση|סיסמת"
    r"|hasł[oa]|hasla|haslo|heslo|hesla|ww|l[öo]senord(?:et)?|passord(?:et)?|adgangskode(?:n)?"
    r"|kodeord(?:et)?|koden|şifre(?:si(?:ni)?|niz|yi|mi?)?|sifre(?:si(?:ni)?|niz|yi|mi?)?"
    r"|parola[ \t]d'ordine|parolas[ıi]"
    r"|jelsz[óo]t?|jelszav[aá]t?"  # typed without accents too
    r"|lozinka|pristupna[ \t]fraza|fjal(?:ë|e)kalim(?:i|in)?"  # Bosnian, Albanian
    rf"|salasana(?:ni|ksi|lla|n|si)?{_FI_CASE}|salis|tunnuslause{_FI_CASE}|tunnussana(?:n)?{_FI_CASE}"
    r"|κωδικ(?:ός|ό|ού)(?:[ \t]πρόσβασης)?|συνθηματικό|κωδ(?=\.)"
    r"|k[wo]dik(?:os|o|ou)"  # Greeklish
    r"|парольн(?:а|ая)[ \t]фраза|пароль|лозинк[аеу]|palavra[- ]passe|lösen"
    r"|パスワード|密码|密碼|비밀번호|비번|패스워드|口令"
    r"|الباسوورد|باسوورد"
    r"|parol[aăe]|geslo|šifr[ae]|parool|salasõna|slaptažod(?:is|į|žio|žiai)|lykilorð(?:ið)?"
    r"|fraza[ \t]de[ \t]acces|ਪਾਸਵਰਡ"
    r"|codewoord|codeword|code[ \t]word|passwuert|basswerd|baswerd|الباسورد|باسورد(?:ه)?"
    r"|abairt-fhaire|عبارة[ \t]المرور"
    r"|contrasinal|parol(?:u|unu|un)?|keçid[ \t]ifadəsi|құпия[ \t]сөз(?:і|ді)?|paraula[ \t]clau"
    r"|frase[ \t]de[ \t]la[ \t](?:llave|clave)"
    r"|парол(?:а|ата|и)|шифр(?:а|у|ом)|slaptazod(?:is|i|zio)|hasłem|haslem"
    r"|allwedd|ger-tremen(?:a)?|ger-kuth|frazenn-dremen|ymadrodd[ \t]cyfrin(?:achol)?"
    r"|fraz[ \t]sekrè|modpas|mima(?=[ \t]*:|[ \t]+shi[ \t])"  # Haitian Creole; pinyin
    r"|frasa[ \t]laluan|šifravimo[ \t]fraz[ėę]|sifravimo[ \t]fraze"
    r"|fraza[ \t](?:do|dla)[ \t]klucza(?:[ \t][^\W\d]{2,20})?"
    r"|loyniorð(?:ið)?|loyniorðssetning(?:in)?|lykilsetning(?:in|una)?|passfrasen?"
    r"|aðgangsorð(?:ið|inu|i)?|lykilorði(?:nu)?|kodefrasen?|okwuntughe"
    r"|pled-clav"  # Romansh
    r"|rahat[ \t]phan|ra-hat[ \t]phan"  # Thai in Latin letters
    r"|erayga[ \t]sirta|ereyga[ \t]sirta|weedhka[ \t]sirta|sirta"  # Somali
    r"|şîfre(?:ya|yê)?|şifreya"  # Kurmanji
    r"|mat[ \t]ma(?=[ \t]*:|[ \t]+hai)"  # Cantonese and Vietnamese in Latin letters
    r"|cyfrinair|pasfhocal|focal[ \t]faire|kadavuc?chol|kupuhipa|kupu[ \t]huna|kīanga[ \t]huna"
    r"|krypteringsfrasen?"
    r"|fraza[ \t](?:do|dla)[ \t]szyfrowania(?:[ \t][^\W\d]{2,20})?"  # "… dysku", what it encrypts
    r"|كلمة[ \t](?:المرور|السر|سر)|الرقم[ \t]السري|סיסמה|סיסמא|הסיסמה|הסיסמא|पासवर्ड"
    r"|kata[ \t](?:sandi(?:nya)?|laluan|kunci)|sandi(?:nya)?|mật[ \t]khẩu|mat[ \t]khau|mk(?=[ \t:])"
    r"|cụm[ \t]mật[ \t]khẩu|cum[ \t]mat[ \t]khau"  # a passphrase
    r"|frasa[ \t]sandi"
    r"|პაროლ(?:ი|ს|ის|ია|ად|ით)|paroli|գաղտնաբառ(?:ը|ի|ն|ով)?"  # Georgian, Armenian
    r"|পাসওয়ার্ড|পাসওয়াড|পাসফ্রেজ|kalmar[ \t]sirrin?"  # Bengali, Hausa
    r"|paasiueti|lea[ \t]fuf[ūu]|upu[ \t]fa['’]?alilo"  # Tongan, Samoan
    r"|ពាក្យសម្ងាត់|រហស្សពាក្យ|លេខសម្ងាត់|ລະຫັດຜ່ານ|รหัสผ่าน"  # Khmer, Lao, Thai
    r"|פּאַראָל|פאראל"  # Yiddish
    r"|salalause|beassansátni|پاسورڈ|پاس[ \t]ورڈ"  # Finnish, Northern Sámi, Urdu
    # Haitian Creole, Papiamento, Swahili, isiZulu, Farsi in Latin letters
    r"|kontras[èe]n|kontraseña|nywila|neno[ \t]la[ \t]siri|iphasiwedi|ramz(?:-e)?"
    r"|paa?s[vw]ard|பாஸ்வேர்டு|ger-kuzh|frazenn-kuzh|salauslause"  # Hinglish, Tamil, Breton, Finnish
    # Malayalam, Telugu, Kannada (the joiner between the syllables may be left out)
    r"|പാസ്\u200c?വേഡ്|పాస్\u200c?వర్డ్|ಪಾಸ್\u200c?ವರ್ಡ್"
    r"|нууц[ \t]үг|нууц[ \t]хэллэг|сырсөз(?:ү|дү)?"  # Mongolian, Kyrgyz
    r"|awal[ \t]uffir|awal[ \t]n[ \t]u[ɛe]eddi|parolla[ \t]d['’]intrata"  # Kabyle, Corsican
    # Kinyarwanda, Afaan Oromo, Tigrinya (in its script and in Latin letters), Amharic
    r"|ijambo[ \t]ry['’]ibanga|jecha[ \t]icciitii|ፓስዋርድ|mehlefi[ \t]qal|መሕለፊ[ \t]ቃል"
    r"|የይለፍ[ \t]ቃል"
    r"|лозинката|teny[ \t]miafina"  # Macedonian with its article, Malagasy
    r"|وشەی[ \t]نهێنی(?:یەکە)?|وشەی[ \t]تێپەڕ(?:ی)?|پاسۆرد(?:ەکە)?"  # Sorani Kurdish
    # "La frase per il backup cifrato è:", "A frase do backup é:": a phrase said to be one
    r"|frase(?=[ \t]+(?:do|da|del|de|per|para)[ \t][^\n:.]{0,30}"
    r"(?:backup|cifra|encript|disco|wallet|carteira|cartera|portafoglio|veracrypt|bitlocker)"
    r"[^\n:.]{0,30}[ \t](?:é|è|es|is)[ \t]*:)"
)
# Labels that are also ordinary words elsewhere (Italian "parola", French "parole"): their
# value needs a password's shape unless a symbol separates it.
_AMBIGUOUS = frozenset({"pass", "parola", "parole", "sandi", "allwedd"})
# "WPA2:" names a key, or a router's setting ("WPA2: enabled"): only a password's shape counts.
_WPA = frozenset({"wpa", "wpa2", "wpa3", "wpa-psk", "wpa2-psk", "wpa3-psk"})
# "key" in other languages: like it, a label whose value needs a separator.
_KEY_WORDS = (
    *("kulcs", "kulcsa", "nyckel", "nyckeln", "nøgle", "nøglen", "nøkkel", "nøkkelen"),
    *("klucz", "klíč", "kľúč", "ključ", "avain", "anahtar", "מפתח", "lykill", "lykillinn"),
    *("ключ", "ключа", "eochair"),
)
_TOKEN_LABELS = (
    # French and Spanish name the secret first; a TOTP setup key
    r"se(?:cret[ \t](?:du[ \t])?client|creto[ \t](?:del[ \t])?cliente|gredo[ \t]do[ \t]cliente"
    r"|tup[ \t-]?key)|einrichtungsschlüssel|"
    r"api[ _-]?(?:key|token|secret|키)|access[ _-]?(?:key|token|secret)|application[ _-]?key"
    r"|auth[ _-]?(?:key|token|secret)|private[ _-]?(?:key|token|secret)"
    r"|client[ _-]?(?:key|token|secret)(?:[ \t]value)?|secret[ _-]?(?:key|token|secret|value)"
    r"|bearer[ _-]?(?:key|token|secret)|account[ _]?key|shared[ _]?access[ _]?key"
    r"|signing[ _-]?secret|webhook[ _-]?secret|valor[ \t](?:del[ \t])?secreto"
    r"|valor[ \t]do[ \t]segredo|klienthemlighet"
    r"|authorization:[ \t]?basic|token|secret|key|credentials|bearer"
    r"|varmuusavain|palautusavain|varmistusavain|" + "|".join(_KEY_WORDS)  # Finnish backup keys
)
# Labels too common in prose to take a value without a separator ("the key 3AA5C343…").
_NEEDS_SEPARATOR = frozenset({"key", "secret", "credentials", *_KEY_WORDS})
# Searched in the lowercased text; labelled checks that a label starts a word
# (``DB_PASSWORD`` and ``--password`` count, ``user/password`` is left to _PAIR).
LABELS = ByScript(_PASSWORD_LABELS, _TOKEN_LABELS, suffix=r"(?!\w)")
_TOKEN_LABEL = re.compile(rf"(?:{_TOKEN_LABELS})\Z")


# A compound's first part before a label: "Masterkennwort", "Adminpasswort".
_COMPOUND_FIRST = ("master", "haupt", "admin")
# "public key", "Publik nyckel", "klucz publiczny": a key anyone may have.
_PUBLIC_BEFORE = (
    *("public ", "public_", "publik ", "offentlig ", "öffentliche", "nyilvános "),
    *("publiczny ", "veřejný ", "verejný ", "julkinen "),
)
_PUBLIC_AFTER = re.compile(r"[ \t]+(?:publiczny|publiczna|veřejný|javni|julkinen|public)")


def quoted_label(text: str, label: int, quote: int) -> bool:
    """Whether the label at ``label`` stands inside quotes that the quote at ``quote``
    closes (``"Passwort: " PW``), not before a quoted value (``"password": "…"``)."""
    line_start = text.rfind("\n", max(0, label - 200), label) + 1 or max(0, label - 200)
    marks = _QUOTE_MARKS.get(text[quote])  # "«", "“" open a quote, never close one
    return marks is not None and len(marks.findall(text, line_start, quote)) % 2 == 1


# Quotes, not an apostrophe inside a word ("The key's passphrase is 'blue whale'").
_QUOTE_MARKS = {'"': re.compile('"'), "'": re.compile(r"(?<!\w)'|'(?!\w)")}


def label_end(low: str, start: int) -> int:
    """Where the label that starts at ``start`` (one ``labelled`` marked) ends."""
    m = LABELS.pattern.match(low, start)
    return m.end() if m is not None else start


@cache
def _is_token_label(label: str) -> bool:
    return _TOKEN_LABEL.match(label) is not None


# Words for a sentence: "… is a sentence:", "… e o fraza:".
_SENTENCE_WORDS = (
    r"sentence|phrase|zin|satz|frase|mening|věta|zdanie|lause|sætning|setning|fraz[aă]|изречение"
)
# "Contraseña nueva:", "mot de passe provisoire :", "the password again, it's …"
_QUALIFIER = (
    r"[ \t]+(?:nueva|nuevo|nouveau|nouvelle|provisoire|provisional|temporal|temporaire"
    r"|tempor[áa]ria|tempor[áa]rio|actual|actuel|actuelle|nova|novo|nieuw|neu|initial|again"
    r"|fija|fijo|fixe|fixed|feste|fest|fissa|permanente|nua|maître|maitre|master|maestra"
    r"|nouă|noua|nowe|nowa|nové|nová|új"  # Romanian, Polish, Czech, Hungarian
    r"|mới|moi(?=[ \t]*:)"  # Vietnamese, without its marks only before a colon
    r"|now|too|also|sekarang|kini)(?!\w)"
)
# "WPA key printed on the router:", "password, all caps:": how or where it is written.
_WRITTEN = (
    rf"[ \t]+(?:printed|written|shown|listed|stuck|taped|noted)(?:{BRIDGE}"
    r"|[ \t]+(?:below|underneath|above)(?:[ \t]+it)?(?=[ \t]*:))"
)
# "… master password I went with: …", "… we picked:"
_WENT_WITH = r"[ \t]+(?:i|we)[ \t]+(?:went[ \t]+with|chose|picked|set|made)(?=[ \t]*(?::|is[ \t]))"
_ASIDE = r"[ \t]*,[ \t]*[^\W\d]{2,20}(?:[ \t]+[^\W\d]{2,20}){0,2}(?=[ \t]*:)"
# Welsh, Cornish and Breton name what it is for after "the": "Ymadrodd cyfrinachol y
# gyriant:", "Ger-kuth an kist-kopi:", "Frazenn-dremen ar VeraCrypt:".
_THE_THING = r"[ \t]+(?:y|yr|an|ar|al|a|az)(?:[ \t]+[^\W\d][\w'’-]{1,30}){1,3}(?=[ \t]*:)"
# "the phrase Linda chose is "…"", "das Passwort, das Tom gewählt hat, ist "…"": words
# between a label and its verb, before a quoted value (a phrase of three words or more, or a
# password's shape: "… ist "zu kurz"" is an opinion) or a word with a number ("la clave que
# yo sé es tornillo_2019").
_CHOSEN = (
    r"(?P<chosen>(?:[ \t]*,)?(?:[ \t]+(?!(?:is|was|ist|est|es)[ \t])[^\W\d][^\W\d_]{0,20}['’]?\w?)"
    r"{1,4}?[ \t]*,?)"
    r"(?=[ \t]+(?:is|was|ist|war|est|es|era|è|é|e|är|er|je|jest|yw|ydy|ydi|ay)[ \t]+"
    r"(?:[\"'“«„]|(?=[^\s\"']{0,40}\d)[^\W\d][^\s\"']{5,40}"
    r"(?:[ \t]*[.,;!?]|[ \t]+\w|[ \t]*(?=\r?\n|\Z))))"
)
# Words between a label and its verb that make the value something else than the secret.
_NOT_CHOSEN = re.compile(HASH_WORDS + r"|policy|length|format|hint|rule|expir|history|manager")
# After the label: an optional closing quote (JSON keys), an optional "(admin)" or "for
# the NAS", then a separator; or only spaces, for "username bob password Hunter2".
_AFTER_LABEL = re.compile(
    r"[\"']?(?P<bridge>[ \t]*\([^()\n]{0,80}\)"
    rf"|{_QUALIFIER}{BRIDGE}|{BRIDGE}|{_QUALIFIER}|{_WRITTEN}|{_ASIDE}|{_THE_THING}|{_WENT_WITH}"
    rf"|{_CHOSEN})?"
    r"(?P<sep>[ \t]*(?::=|=>|->|→|:(?!:)|[=：])|[ \t]+[-–—](?=[ \t])|[ \t]*,(?=[ \t]*[\"'])"
    r"|[ \t]*,?[ \t]+(?:it'?s|it[ \t]+is|that'?s|which[ \t]+is)(?!\w)"
    r"|(?(bridge)(?!)|[ \t]*['’]s(?!\w))"  # "the key's …", not "… for the practice's …"
    r"|[ \t]+(?:тепер|теперь|зараз|сейчас)(?=[ \t])"  # "пароль від каси тепер …": no "is"
    # "… password to restore. It's: …": the next sentence gives it after a colon
    r"|[ \t]*[.!][ \t]+(?:it['’]?s|it[ \t]+is|here[ \t]+it[ \t]+is|here['’]?s[ \t]+it)(?=[ \t]*:)"
    rf"|[ \t]+(?:is|ist|est|es)(?:{BRIDGE})[ \t]*:"
    # "… is four plain words: …"
    r"|[ \t]+(?:is|are)[ \t]+(?:(?:\d|two|three|four|five|six)[ \t]+)?(?:plain[ \t]+|random[ \t]+"
    r"|simple[ \t]+|separate[ \t]+)?words(?:[ \t]+[^\W\d]{2,12}){0,5}[ \t]*:"
    # "… as a sentence like you told me:": words naming a sentence, then a colon
    r"|[ \t]+(?:as|als|comme|como|come)[ \t]+(?:a|an|een|ein|eine|une|una|uma)[ \t]+"
    r"(?:sentence|phrase|zin|satz|frase|zdanie|věta|lause|sætning|setning)[^\n:.]{0,40}:"
    # "… is nu een zin:", "… is now a sentence:", '… je věta "…"'
    r"|[ \t]+(?:is|ist|est|es|är|er|je|jest|é|è|e|е)(?:[ \t]+(?:now|nu|jetzt|maintenant|ahora"
    r"|agora|teraz|ora))?[ \t]+(?:(?:a|an|een|ein|eine|une|un|una|uma|en|et|o)[ \t]+)?"
    rf"(?:{_SENTENCE_WORDS})[ \t]*(?::|(?=[\"“„«]))"
    # "is the wifi pw still …"
    r"|[ \t]+still(?=[ \t]+\S*\d)"
    # changed to: "è stata cambiata in", "a été changé en", "foi alterada para", "ändrat till"
    r"|[ \t]+(?P<change>(?:(?:was|wurde|fue|ha[ \t]sido|a[ \t]été|è[ \t]stat[ao]|foi|został[ao]?"
    r"|har[ \t]blivit|blev|er|werd|is|est|ist|es|è)[ \t]+)?"
    r"(?:geändert[ \t]+(?:auf|zu|in)|cambiad[ao][ \t]+(?:a|por)|chang[ée]e?[ \t]+(?:en|pour)"
    r"|modifi[ée]e?[ \t]+(?:en|pour)|cambiat[ao][ \t]+(?:in|a|con)|modificat[ao][ \t]+in"
    r"|alterad[ao][ \t]+para|mudad[ao][ \t]+para|(?:mudei|troquei|alterei)[ \t]+pa?ra"
    r"|zmienion[eay][ \t]+na|ändrat[ \t]+till|schimbat[aă]?[ \t]+(?:in|în)"
    r"|ændret[ \t]+til|endret[ \t]+til|updated[ \t]+to))(?!\w)[ \t]*"
    r"|[ \t]+shows[ \t]+as(?=[ \t])"  # "One-time password shows as 4mx7kq"
    r"|[ \t]+(?:(?:is|was|got|has[ \t]been|have[ \t]been)[ \t]+(?:changed|reset|set)"
    r"(?:[ \t]+by[ \t]+(?:the[ \t]+)?[^\W\d]{2,20})?[ \t]+to"
    r"|(?:is[ \t]+)?(?:veranderd[ \t]+in|gewijzigd[ \t]+(?:naar|in))"
    r"|(?:staat|is)[ \t]+ingesteld[ \t]+op"  # "wachtwoord staat ingesteld op …"
    r"|(?:changed|reset|set)[ \t]+to|is|was|ist|lautet|glasi|гласи|est|c['’]est|es|é|era"
    r"|would[ \t]be"
    r"|which[ \t]+(?:is|was)|ficou|ficará"
    r"|will[ \t]be|should[ \t]be|must[ \t]be|wordt|wird|blir|sera|será|sarà|είναι"
    # is in languages whose words for "wrong" or "expired" the guard does not list: only a
    # password's shape counts after it
    r"|(?P<weak>er[ \t]+no(?=[ \t])|to|til|till|on|er|är|jest|je|è|e(?=[ \t])|este|ir|là|és"
    r"|yw|ydy|ydi|yra"
    r"|adalah|ialah|yaitu"
    r"|је|є|это|bylo|byl|była|był|var|war|d[ea](?<=şifresi[ \t]d[ea])"
    r"|zůstalo|zůstal|zůstala|remained|stayed|blieb|ay|ná|ko|eka|ni|na|yɛ|е|a[ \t]zo|dhe"
    r"|هي|هو|היא|הוא|है|howa|hiya|huwa|hiyya"  # Arabic in Latin letters too
    r"|aris|არის|shine|איז"  # Georgian, Hausa, Yiddish
    r"))(?!\w))"
    r"(?:[ \t]+(?:now|still|currently|probably|likely|maybe|usually|actually|basically|just"
    r"|simply|always|btw|jetzt|noch|literally|spelled|spelt"
    r"|all[ \t]+lower[ \t-]?case|all[ \t]+small|all[ \t]+caps|lower[ \t-]?case"
    r"|aktuell|übrigens|wohl|maintenant|toujours|ahora|todavía|ainda|agora|nu|nog|ora|teraz"
    r"|mostantól|nyt|sada|сада|bremañ|lemmyn"
    r")(?!\w))?(?:[ \t]*:)?[ \t]*"
    r"|(?P<space>[ \t]+)",
)


def _spaces(text: str, pos: int) -> int:
    """How many spaces and tabs start at ``pos``."""
    return match_end(_BLANKS, text, pos) - pos


_BLANKS = re.compile(r"[ \t]*")
# How many blanks may stand between a label and its value (a table's columns aligned).
_FARTHEST_VALUE = 200
# Both cases and a digit: "passwd Ferm8ok" gives a password, "passwd svc_backup" a user.
_MIXED_CASE_DIGIT = re.compile(r"(?=\S*[a-z])(?=\S*[A-Z])(?=\S*\d)").match
# A word in Thai, Lao, Khmer or Burmese letters alone, as few type a password in: the sentence
# goes on ("ကွန်ပျူတာ password မေ့သွားတယ်။", "รหัสผ่าน: ไม่มี").
_SOUTHEAST_ASIAN_WORD = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]+")
# An acronym with a Finnish or Sámi case ending after a colon: "NAS:ii", "PC:llä".
_ACRONYM_CASE = re.compile(r"[A-Z0-9]{2,10}:[a-zäöåá]{1,5}[.,]?")
_CASE_SUFFIX = re.compile(r"[^\W\d_]{2,20}-[^\W\d_]{1,4}")
# A Latin word with a Georgian, Armenian, Bengali or Cyrillic case ending: "SMS-ით", "IT-ს",
# "SMS-এ", "Outlook-овата".
_SCRIPT_SUFFIX = re.compile(
    r"[A-Za-z0-9]{1,20}-[\u10a0-\u10ff\u0530-\u058f\u0980-\u09ff\u0400-\u04ff]{1,8}"
)
# A digit or a symbol, as a value given after ", which is" has.
_SHAPED = re.compile(r"[\d#$%&*+=?@^~!]")
_ACRONYM = re.compile(r"[A-Z]{2,5}\d?[ \t]+(?=[^\s\d]{0,30}\d)")


def _placeholder_basic(value: str) -> bool:
    """Whether a Basic credential decodes to a placeholder pair ("username:password")."""
    pair = _decoded_pair(value)
    return pair is not None and bool(pair[0]) and is_placeholder(pair[1])


def _basic_pair(value: str) -> bool:
    """Whether base64 decodes to a user and a password that is no placeholder."""
    pair = _decoded_pair(value)
    return pair is not None and bool(pair[0]) and len(pair[1]) >= 3 and not is_placeholder(pair[1])


def _decoded_pair(value: str) -> tuple[str, str] | None:
    """The user and password base64 ``value`` decodes to, when it is ``user:password``."""
    try:
        user, colon, password = base64.b64decode(value, validate=True).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (user, password) if colon else None


# A registry's credentials in a Docker config.json: "auth": "<base64 of user:password>"
_AUTH_JSON = re.compile(r'"auth"[ \t]*:[ \t]*"(?P<v>[A-Za-z0-9+/]{8,400}={0,2})"')


# A change before a label: after it, "to" gives the new value ("changed the password to").
_CHANGE_BEFORE = re.compile(r"(?:chang|reset|set|switch|updat|mov)\w{0,3}[ \t][^\n.!?]{0,30}\Z")
# "pw for the tablet Kite#Flyer7": no separator, but a value with a symbol and a digit.
_BRIDGE_VALUE = re.compile(rf"{BRIDGE}[ \t]+(?=\S*[!#$%&*?^~+=@§])(?=\S*\d)")
# Inline markup between a label and its value.
_TAGS = re.compile(
    r"(?:<(?:b|strong|i|em|u|span|code|font|mark|tt|kbd)(?:[ \t][^<>\n]{0,80})?>[ \t]*){1,3}"
)


def _in_tag(text: str, pos: int) -> bool:
    """Whether ``pos`` is inside a markup tag on its line (an attribute)."""
    line_start = text.rfind("\n", max(0, pos - 300), pos) + 1 or max(0, pos - 300)
    return text.rfind("<", line_start, pos) > text.rfind(">", line_start, pos)


# What can follow a label that takes a value (the first characters of _AFTER_LABEL, _TO_EOL).
_AFTER_LABEL_STARTS = frozenset(" \t\"'’(:=-,\r\n：")
# Nothing but "for the NAS" or "(admin):" before the end of the line: the value is below.
_BELOW_WORDS = r"(?:below|underneath|follows|unten|darunter|ci-dessous|abajo|hieronder)"
# "… is below (don't share):"
# "… is below, copied from the post-it": where it was copied from may follow.
_BELOW = re.compile(
    _BELOW_WORDS + r"(?:[ \t]*\([^()\n]{0,40}\)|[ \t]*,[^\n:,.!?]{1,60})?[ \t]*:?[ \t]*(?=\r?\n|\Z)"
)
_TO_EOL = re.compile(
    rf"(?:{BRIDGE})?(?:[ \t]*\([^()\n]{{0,120}}\))?[ \t]*[:=-]?"
    rf"(?:[ \t]+{_BELOW_WORDS})?[ \t]*:?"
    r"[ \t]*(?=\r?\n|\Z)"
)
# "Wachtwoord QLab-mac:", "PW NAS2:": the label names its device or app by a name with a digit,
# a hyphen or capitals inside (not a heading's "Password Settings:"), then ends its line with a
# colon.
_NAMED_TO_EOL = re.compile(
    r"(?:[ \t]+(?![Mm]anager|[Pp]olicy|[Rr]eset|[Cc]hange|[Rr]equirement|[Rr]ule|[Hh]int|[Ee]xpir)"
    r"(?=[\w.+-]*(?:\d|-|[a-z][A-Z]|[A-Z]{2}))[^\W_][\w.+-]{1,24}){1,2}[ \t]*:[ \t]*(?=\r?\n|\Z)"
)
# "… and for the VPN it's …": a second password in the same sentence.
# "… og til e-conomic er den …", "… e a do computador ficou …": in other languages too.
_AND_FOR = re.compile(
    r"[ \t]*(?:,|;)?[ \t]*(?:and|und|et|y|e|en|og|och|i|ve)?[ \t]*"
    r"(?:(?:a|o|la|el|die|het|quella|quello|den|det)[ \t]+)?"
    r"(?:for|für|pour|para|voor|til|till|för|do|da|de|del|di|van|per|dla)[ \t]"
    r"[^\n:=.!?,;]{1,40}?[ \t]+(?:it'?s|it[ \t]+is|is|ist|est|es|é|è|er(?:[ \t]+den|[ \t]+det)?"
    r"|är|ficou|fica|quedó|wurde|jest|je|to)(?:[ \t]*:)?[ \t]+",
)
# "pw for laptop Hazel#12, for phone 948211", "… y la de la caja registradora 1492 no?": the
# same without a verb, a word or two.
_AND_FOR_BARE = re.compile(
    r"[ \t]*(?:[,;][ \t]*(?:(?:and|und|et|y|e|en|og|och)[ \t]+)?"
    r"|[ \t]+(?:and|und|et|y|e|en|og|och)[ \t]+)"
    r"(?:(?:a|o|la|el|die|het|quella|quello|den|det)[ \t]+)?"
    r"(?:for|für|pour|para|voor|til|till|för|do|da|de|del|di|van|per|dla)[ \t]+"
    r"(?:(?:the|das|die|der|le|la|el|de|a|o)[ \t]+)?"
    r"(?P<what>[^\W\d][\w-]{1,20}(?:[ \t]+[^\W\d][\w-]{1,20})?)[ \t]*:?[ \t]+"
    r"(?=\S+[ \t]*(?:$|[.,;!?]|(?:no|non|nein|right|ok|oder|né|nee)[ \t]*[?.,!]))",
    re.MULTILINE,
)
_CONTEXT_KINDS = {"url": "password in URL", "ado": "connection string password"}
# An app password or setup key typed in groups: "abcd efgh ijkl mnop", "xk7m q2vl p9zt …",
# "KRUG S4ZA NBSW … MQQG S" (a shorter last group; not an IBAN, "GB29 NWBK 6016 …").
_GROUPED = re.compile(
    # two groups first, the cheapest test: most positions fail it at once
    # in dashes, in spaces, or in both as typed wrong ("rkvm-tzqp wlsx fbny"); the first
    # that fits, so that "…-C3WB-K6HD keep it" ends at "K6HD"
    r"(?<![\w-])(?=[a-z0-9]{4}[ -][a-z0-9]{4}[ -])(?=[\w -]{0,45}[a-z])[a-z0-9]{4}"
    r"(?:(?:- ?[a-z0-9]{4}){3,8}|(?:  ?[a-z0-9]{4}){3,8}(?: [a-z0-9]{1,3})?"
    r"|(?:[ -] ?[a-z0-9]{4}){3,8})(?![\w-])"
    r"|(?<![\w-])(?=[A-Z0-9]{4}[ -][A-Z0-9]{4}[ -])(?<![A-Z0-9] )(?![A-Z]{2}\d\d )"
    r"(?=[\w ]{0,45}[A-Z])[A-Z0-9]{4}"
    r"(?:(?:- ?[A-Z0-9]{4}){3,8}|(?:  ?[A-Z0-9]{4}){3,8}(?: [A-Z0-9]{1,3})?"
    r"|(?:[ -] ?[A-Z0-9]{4}){3,8})(?![\w-])"
    r"|\d{4}(?: \d{4}){3,7}(?![\w-])"
    # a TOTP key in groups of eight ("N5SXG5DP ORSWG4TF MFZGK3TB")
    # (each group with a digit: "windows7 machines" are words)
    r"|(?<![\w-])(?=[a-z2-7]{8} [a-z2-7]{8})(?=[a-z]{0,7}\d)[a-z2-7]{8}"
    r"(?: (?=[a-z]{0,7}\d)[a-z2-7]{8}){1,7}(?![\w-])"
    r"|(?<![\w-])(?=[A-Z2-7]{8} [A-Z2-7]{8})(?=[A-Z]{0,7}\d)[A-Z2-7]{8}"
    r"(?: (?=[A-Z]{0,7}\d)[A-Z2-7]{8}){1,7}(?![\w-])"
)
_WORDS = re.compile(
    r"[^\W\d_][^\W\d_'’-]{0,30}(?:['’][^\W\d_]{1,2}(?![^\W\d_]))?"
    r"(?:[ \t]+(?:[^\W\d_][^\W\d_'’-]{0,30}(?:['’][^\W\d_]{1,2}(?![^\W\d_]))?"
    r"|\d{1,4}(?![\w-]))){1,9}"
)
# "Kestrel 4491 all one word", "Falke 2210 zusammengeschrieben": a password with a space.
_ONE_WORD = re.compile(
    r"(?P<v>[^\s\"'“”]{1,30}+(?:[ \t]{1,4}[^\s\"'“”]{1,30}+){1,5}?)[ \t]{0,4}[,(–-]?[ \t]{0,4}"
    r"(?:all[ \t]+|as[ \t]+)?(?:one[ \t]+word|no[ \t]+spaces?|without[ \t]+(?:the[ \t]+)?spaces?"
    r"|zusammen(?:geschrieben)?|in[ \t]+einem[ \t]+wort|ohne[ \t]+leerzeichen|sans[ \t]+espaces?"
    r"|en[ \t]+un[ \t]+(?:seul[ \t]+)?mot|todo[ \t]+junto|sin[ \t]+espacios?)(?!\w)",
    re.IGNORECASE,
)
# "Carrickfergus Castle 12 now, spaces and all", "glaur and mud 1987 all lower case with
# the spaces": words that are the password, said to keep their spaces.
_WITH_SPACES = re.compile(
    r"(?P<v>(?![—–-])[^\s\"'“”,.:()]{1,30}+(?:[ \t]{1,4}(?![—–-])[^\s\"'“”,.:()]{1,30}+){1,5}?)"
    r"[ \t]{0,4}[,(]?(?:[ \t]{1,4}(?:now|so|así|like[ \t]+that|all[ \t]+lower[ \t-]?case"
    r"|all[ \t]+small|in[ \t]+lower[ \t-]?case)[ \t]{0,4},?)?"
    r"(?:[ \t]{1,4}|(?<=\())"
    r"(?:with[ \t]+(?:the[ \t]+)?spaces|with[ \t]+a[ \t]+space|spaces[ \t]+and[ \t]+all"
    r"|spaces[ \t]+included"
    r"|including[ \t]+(?:the[ \t]+)?spaces|mit[ \t]+leerzeichen|avec[ \t]+(?:les[ \t]+)?espaces"
    r"|con[ \t]+(?:los[ \t]+)?espacios?|com[ \t]+(?:os[ \t]+)?espaços|med[ \t]+mellanslag"
    r"|с[ \t]+пробел(?:ом|ами)|з[ \t]+пробілом)(?!\w)",
    re.IGNORECASE,
)
# What _ONE_WORD needs (in the lowercased text), looked for once in a text: faster than it
# fails at every label.
_ONE_WORD_MARKS = (
    " wor", "spac", "zusammen", "leerz", " mot", "junto", "mellan", "espac", "пробел", "пробіл",
)  # fmt: skip
# How far after a value's start the mark may be.
_ONE_WORD_REACH = 140
# The end of the line a phrase must run to after a colon.
_LINE_ENDS = re.compile(r"[ \t]*[.]?[ \t]*(?:\r?\n|\Z)")
# Labels of a phrase: any words may make one.
PHRASE_LABELS = (
    *("passphrase", "pass phrase", "frase de", "phrase", "frase", "encryption phrase"),
    *("wachtwoordzin", "wachtzin", "wagfrase", "secret answer", "security answer", "memorable"),
    *("pasaesaldi", "φράση", "frasa sandi", "fraz sekrè", "পাসফ্রেজ"),
    "lösenordsfras",
    *("passordfrase", "adgangsfrase", "adgangssætning", "kodeordsætning", "salasanalause"),
    *("jelmondat", "frase-passe", "heslová fráze", "heslové fráze", "slaptafraz"),
    *("cyfrinymadrodd", "φράση πρόσβασης", "fraza do", "fraza dla", "kīanga huna"),
    "krypteringsfras",
    *("passfrase", "lykilsetning", "loyniorðssetning", "frasa laluan", "šifravimo fraz"),
    *("sifravimo fraz", "ymadrodd", "ger-kuth", "frazenn-dremen", "keçid ifadəsi"),
    *("abairt-fhaire", "عبارة المرور", "fraza de acces", "tunnuslause", "pristupna fraza"),
    *("парольна фраза", "парольная фраза", "weedhka sirta", "kodefrase"),
    *("frazenn-kuzh", "salauslause", "cụm mật khẩu", "cum mat khau", "frása faire"),
    *("frasa faire", "frase d'accesso", "frase d’accesso", "frase di accesso"),
)


# Where a password is kept, said in quotes: « dans le cahier bleu », "in the red folder".
_WHERE_WORDS = frozenset({"dans", "sur", "sous", "chez"})


def says_where(value: str) -> bool:
    """Whether quoted words say where a password is kept, not what it is."""
    words = value.split()
    return len(words) > 1 and words[0].lower() in _WHERE_WORDS


# What says the value is a sentence, between a label and its colon.
_SENTENCE_SAID = re.compile(_SENTENCE_WORDS)
_FORM_ABOVE = re.compile(
    r"(?<![^\n])[ \t]*(?i:user(?:name)?|login|benutzer(?:name)?|usuario|utilisateur|e-?mail"
    r"|account)[ \t]*:?[ \t]*\r?\n[ \t]*\S{1,64}[ \t]*\r?\n[ \t]*\Z"
)


# Words that say there is no password: "has no password", "no tiene clave", "ohne Passwort".
_DENIED = re.compile(
    r"(?<!\w)(?:without|sin|sans|sem|senza|ohne|zonder|bez|utan|uden|uten"
    r"|(?:has|have|had|hat|heeft|har|ha|tem|a)[ \t]+(?:no|kein(?:e|en)?|geen|ingen|inget"
    r"|pas[ \t]+de)|no[ \t]+(?:tiene|tienen|hay|necesita)|não[ \t]+tem|non[ \t]+ha"
    r"|n['’]a[ \t]+pas[ \t]+de)"
    r"(?:[ \t]+(?:a|any|un|una|ninguna|le|la|el|een|ein|eine|o))?[ \t]+\Z"
)


def labelled(text: str, low: str) -> Iterator[Span]:
    """Values after labels such as ``password:``, ``pw is``, ``API key =``, ``Bearer``,
    on the same line or alone on the next one.

    Each password label also yields an empty span where it starts: a mark for the rule
    that reads every value on a label's line (``lines.line_siblings``). The search resumes
    after each value, so every character is examined a bounded number of times however
    many labels the text repeats.
    """
    pos, search = 0, LABELS.searcher(low)
    marks: list[int] | None = None  # where the words of _ONE_WORD_MARKS are, once needed
    while (m := search(pos)) is not None:
        pos = m.end()
        label = m.group()
        if (
            not (starts_word(low, m.start(), "/") or low.endswith(_COMPOUND_FIRST, 0, m.start()))
            or low.endswith(_PUBLIC_BEFORE, 0, m.start())
            or _PUBLIC_AFTER.match(low, pos) is not None
        ):
            continue  # a public key
        if _DENIED.search(low, max(0, m.start() - 24), m.start()) is not None:
            continue  # "the guest wifi has no password", "no tiene clave": no value to find
        if not _is_token_label(label):
            yield m.start(), m.start(), "", "label"
        if pos < len(text) and text[pos] not in _AFTER_LABEL_STARTS:
            continue
        if label == "pass" and low[m.start() - 1 : m.start()] == "=":
            continue  # "spf=pass smtp.mailfrom=…": a check that passed
        blanks = _spaces(low, pos)
        if blanks > _FARTHEST_VALUE:
            continue  # a label, then a long run of blanks: no value of it, and a read that grows
        if (
            blanks
            and (nxt := label_end(low, pos + blanks)) > pos + blanks
            and (low[nxt : nxt + 1] in ("", " ", "\t", "\r", "\n"))
        ):
            continue  # "password password …": the next label's value is the one

        # These match the lowercased text: the positions are the same.
        after = _AFTER_LABEL.match(low, pos)
        if (
            after is not None
            and low.startswith(("'", "’"), pos)
            and (after.group("sep") or "").strip() in ("-", "–", "—")
        ):
            continue  # "'confirmar a palavra-passe' — apaguei": a label quoted, then a reply
        if after is not None and after.group("space") is not None:
            if low[m.start() - 1 : m.start()] in ("_", ".", "/"):
                continue  # a word's end (api_pass, secrets/db_pass): a separator is needed
            if (bridged := _BRIDGE_VALUE.match(low, pos)) is not None:
                span = value_span(text, bridged.end(), "prose")
                if span is not None:
                    start, end, quoted = span
                    if looks_like_password(text[start:end], quoted, True, text, end):
                        yield start, end, "password", "label-password-bridge"
                        pos = end
                        if (more := _and_for(text, low, end)) is not None:
                            pos = more[1]
                            yield more
                continue
        if after is not None and _USER_BRIDGE.search(low, pos, after.end()):
            continue  # "invalid token for user=kasse3": the value is the user's name
        if label == "key" and after is not None and _in_tag(text, m.start()):
            continue  # <add key="…" value="…"/>: the markup rule reads those
        if label == "key" and names_a_cache(low, m.start()):
            continue  # a CI cache's key
        if (
            after is not None
            # "… is below:", "New pw below, don't forward"
            and (after.group("sep") is not None or after.group("space") is not None)
            and (below := _BELOW.match(low, after.end())) is not None
        ):
            if (found := _next_line_value(text, below.end(), label, True)) is not None:
                yield found
            continue
        # After a weak "is" a line that ends with a colon may hold no value: the value is
        # below ("… (i wrote it on two lines):").
        weak = after is not None and after.group("weak") is not None
        eol = _TO_EOL.match(low, pos) if after is None or after.group("space") or weak else None
        if weak and not _ends_with_colon(eol):
            eol = None
        if eol is None and (after is None or after.group("space")):
            named = _NAMED_TO_EOL.match(text, pos)
            if named is not None:  # "Wachtwoord QLab-mac:" above it: a password's shape only
                if (found := _next_line_value(text, named.end(), label, False)) is not None:
                    yield found
                continue
        if eol is not None:
            separated = eol.group().rstrip(" \t").endswith((":", "=")) or (
                not eol.group().strip()
                and _FORM_ABOVE.search(text, m.start() - 120, m.start()) is not None
            )  # "User\nParishSec\nPassword\n…": a form copied, a field's name on each line
            if (found := _next_line_value(text, eol.end(), label, separated)) is not None:
                yield found
            continue
        if after is None:
            continue
        is_token = _is_token_label(label)
        no_separator = after.group("space") is not None
        sep = "" if no_separator else after.group("sep").strip(" \t").replace("：", ":")
        symbol_separator = sep in (":", "=", ":=")
        if symbol_separator and AN_ID_BEFORE.search(low, m.end(), after.start("sep")):
            continue  # "recovery key …, screen shows Key ID: 7A3F9C21": which key it is
        if after.end() >= len(text) or text[after.end()] in "\r\n":
            if sep and (found := _next_line_value(text, after.end(), label, True)) is not None:
                yield found
            continue
        value_at = after.end()
        if no_separator and (acronym := _ACRONYM.match(text, value_at)) is not None:
            value_at = acronym.end()  # "contraseña VNC peine33": what it is for, then it
        if text.startswith("<", value_at) and (tags := _TAGS.match(low, value_at)) is not None:
            value_at = tags.end()  # Password: <b>…</b>
        if text[value_at : value_at + 1] in ("'", '"') and quoted_label(text, m.start(), value_at):
            continue  # read -p "Passwort: " PW: a prompt's text, its closing quote after it
        context = _context(text, m.start(), value_at, sep) if symbol_separator else "prose"
        colon = after.group().rstrip(" \t").endswith((":", "："))
        phrase = None
        if context == "prose" and sep:
            if marks is None:
                marks = _marks(low)
            sentence = (
                _SENTENCE_SAID.search(sep) is not None  # "… is a sentence:"
                # "Veracrypt pass: …": what a disk or a vault opens with is a phrase
                or _ENCRYPTION.search(low, max(0, m.start() - 30), m.start()) is not None
            )
            phrase = _phrase(text, value_at, label, colon, _near(marks, value_at), weak, sentence)
        elif (
            no_separator
            and not is_token
            and (grouped := _GROUPED.match(text, value_at))
            and _random_groups(grouped.group())
        ):
            phrase = value_at, grouped.end(), False  # "password kfrw tyqe mnzb plok" (msmtprc)
        span = phrase or value_span(text, value_at, context)
        if span is None:
            continue
        start, end, quoted = span
        if phrase is not None and is_placeholder(text[start:end]):
            continue  # "App-Passwort: abcd efgh ijkl mnop": a manual's example
        if text[end - 1] == "-" and (wrapped := _WRAPPED_ON.match(text, end)) is not None:
            end = wrapped.end()  # "Gr@nite-" / "Falls-1998 (…": a value the phone wrapped
        if (
            quoted
            and weak
            and not label.startswith(PHRASE_LABELS)  # 'passphrase … ay "mabuhay …"'
            and _CHANGE_BEFORE.search(low, max(0, m.start() - 40), m.start()) is None
            and not password_shaped(text[start:end])
        ):
            continue  # "asked for my password to 'verify my account'": a purpose, not a value
        if quoted and says_where(text[start:end]):
            continue  # 'le mot de passe est « dans le cahier bleu »': where it is, not what
        if sep == "," and quoted and text.startswith(":", end + 1 + _spaces(text, end + 1)):
            continue  # {"error":"invalid_token","error_description":…}: the next key
        if sep == "," and low[m.start() - 1 : m.start()] in ("_", "$") and text[pos] not in "'\"":
            continue  # "mysqli(…, $db_pass, 'live')": a variable passed on, then the next one
        if label.startswith("authorization") and _placeholder_basic(text[start:end]):
            continue  # the "username:password" of a manual's example
        # A word right after a bare label may itself be the next label.
        pos = start if no_separator else end
        value = text[start:end]
        if UUID.fullmatch(value) and _ID_SAID.search(low, max(0, m.start() - 80), m.start()):
            continue  # "asked for our clinic ID to reset the admin password, it's <UUID>"
        if no_separator and (
            value.startswith("-")
            or (label == "passwd" and not _MIXED_CASE_DIGIT(value))
            or _CASE_SUFFIX.fullmatch(value) is not None
            or _ACRONYM_CASE.fullmatch(value) is not None
        ):
            # "$env:PW -AsPlainText": an option; "passwd svc_backup": a user; "a jelszót
            # SMS-ben küldöm": a word with a case ending
            continue
        chosen = after.group("chosen") is not None
        if chosen and _NOT_CHOSEN.search(after.group("chosen").lower()) is not None:
            continue  # "the password hash is …", "the password policy name is …"
        if (
            chosen
            and len(value.split()) < 3
            and not password_shaped(value)
            and (quoted or WORD_NUMBER.fullmatch(value) is None)
        ):
            continue  # "… ist "zu kurz"": an opinion; "… que yo sé es tornillo_2019" is one
        aside = sep.startswith(",") and "which" in sep  # "the password, which is …"
        if aside and _SHAPED.search(value) is None:
            continue  # "the password, which is hashed, …": a word on it, not its value
        if _SCRIPT_SUFFIX.fullmatch(value) is not None:
            continue  # "პაროლი: SMS-ით …": a word with a case ending in another script
        if _SOUTHEAST_ASIAN_WORD.fullmatch(value.rstrip(".,;:!?။។")) is not None:
            continue
        how = "space" if no_separator else "separator"
        rule = f"label-{'token' if is_token else 'password'}-{how}"
        if phrase is not None:
            yield start, end, "password", rule.replace("-separator", "-phrase")
        elif is_token:
            generated = looks_random(value)
            if no_separator:
                bare = label in _NEEDS_SEPARATOR
                ok = (
                    generated
                    and not (bare and is_hex(value))
                    and '"' not in value
                    and UUID.fullmatch(value) is None  # "checkout token 5e6f7a8b-…": an ID
                ) or (
                    on_wifi_line(text, m.start())
                    and looks_like_password(value, quoted, True, text, end)
                )
            else:
                ok = (
                    generated
                    or looks_like_password(value, quoted, True, text, end)
                    or (on_wifi_block(text, m.start()) and _router_key(value))
                    or (  # "Office wifi 'Staff' key: wahgwaanfamily": a network's key
                        sep == ":"
                        and label == "key"
                        and len(value) >= 8  # not "WPA2", "voucher", "default"
                        and on_wifi_line(text, m.start())
                        and looks_like_password(value, quoted, False, text, end)
                    )
                )
            if not ok:
                if sep in ("'s", "’s"):
                    pos = start  # "The key's passphrase is …": the word after is a label
                elif value.startswith(("{", "[")):
                    pos = start + 1  # 'token = {"access_token":…}': the keys inside are read
                continue
            yield start, end, "token" if generated else "password", rule
        elif context != "prose":
            if len(value) >= 3 and not is_placeholder(value):
                yield start, end, _CONTEXT_KINDS[context], rule.replace("separator", context)
        elif (
            looks_like_password(
                value,
                quoted,
                no_separator
                or after.group("weak") is not None
                or after.group("change") is not None
                or aside
                or (label in _AMBIGUOUS and not symbol_separator)
                or label in _WPA,
                text,
                end,
            )
            and (
                quoted
                or not no_separator
                or not is_word(value)
                or _CAMEL3.fullmatch(value) is not None
            )
        ) or (not quoted and _named_network_key(text, value, m.start(), end)):
            yield start, end, "password", rule
        else:
            continue
        if (more := _and_for(text, low, end + 1 if quoted else end)) is not None:
            pos = more[1]
            yield more


def _and_for(text: str, low: str, pos: int) -> Span | None:
    """A second password after a first one ending at ``pos``: "…, and for the VPN it's …",
    or "…, for phone 948211" (a PIN or a password's shape for a thing that is no order)."""
    more = _AND_FOR.match(low, pos) or _AND_FOR_BARE.match(low, pos)
    if more is None or (span := value_span(text, more.end(), "prose")) is None:
        return None
    start, end, quoted = span
    value = text[start:end]
    digits = value.strip("#*")
    pin = more.re is _AND_FOR_BARE and digits.isdigit() and len(digits) >= 4
    # "… y la del wifi de clientes es barcelonacafe": a Wi-Fi key may be a plain word
    wifi_key = on_wifi_line(text, end) and looks_like_password(value, quoted, False, text, end)
    if (
        (pin and NOT_A_CODE.search(more.group("what")) is None)
        or looks_like_password(value, quoted, True, text, end)
        or (wifi_key and _WIFI_FOR.search(more.group()) is not None)
    ):
        return start, end, "password", "label-and-for"
    return None


_WIFI_FOR = re.compile(r"wi-?fi|wlan|gast|guest|invitados|clientes|ospiti|convidados")


def _next_line_value(text: str, pos: int, label: str, separated: bool) -> Span | None:
    """A password alone on the line after its label (a blank line between is allowed).

    After ``Password:`` a plain word counts too; after a label without a separator, or
    a token label, only a password's mixed shape does.
    """
    strict = not separated or _is_token_label(label)
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
            phrase = _phrase(text, start, label, separated)
            if phrase is not None and phrase[1] == start + len(value.rstrip(".")):
                return phrase[0], phrase[1], "password", "label-next-line-phrase"
            if " " in value or "\t" in value or _FIELD.match(value) or value.startswith("#!"):
                return None
            wrapped = _WRAPPED.match(text, start + len(value)) or _WRAPPED_NOTED.match(
                text, start + len(value)
            )
            if wrapped is not None:
                # "Harbour-" with "Light-62" below: one password written on two lines
                whole = value + wrapped.group("v")
                if looks_like_password(whole, False, True, text, wrapped.end()):
                    return start, wrapped.end(), "password", "label-next-line"
            if looks_like_password(value, False, strict, text, start + len(value)):
                return start, start + len(value), "password", "label-next-line"
            return None
        pos = eol
    return None


def _marks(low: str) -> list[int]:
    """Where the words of ``_ONE_WORD_MARKS`` are in ``low``, in order."""
    found = []
    for word in _ONE_WORD_MARKS:
        at = low.find(word)
        while at != -1:
            found.append(at)
            at = low.find(word, at + 1)
    return sorted(found)


def _near(marks: list[int], pos: int) -> bool:
    """Whether one of ``marks`` (sorted) lies within reach after ``pos``."""
    at = bisect_left(marks, pos)
    return at < len(marks) and marks[at] <= pos + _ONE_WORD_REACH


def _ends_with_colon(eol: re.Match[str] | None) -> bool:
    return eol is not None and eol.group().rstrip(" \t").endswith(":")


# The rest of a value that ends its line with a dash, alone on the next line.
# The same after a label on its own line, words may follow it below.
_WRAPPED_ON = re.compile(r"(?<=\w-)[ \t]*\r?\n(?P<v>[^\s:=()]{2,40})(?=[ \t(]|\r?\n|\Z)")
_WRAPPED = re.compile(r"(?<=\w-)[ \t]*\r?\n[ \t]*(?P<v>[^\s:=]{2,40})[ \t]*(?=\r?\n|\Z)")
# "Moonlight" / "Sonata_8" / "(it wrapped on my phone, it's one word)": a note says so.
_WRAPPED_NOTED = re.compile(
    r"[ \t]*\r?\n[ \t]*(?P<v>[^\s:=]{1,40})[ \t]*\r?\n[^\n]{0,60}?"
    r"(?i:split|wrapped|broke|one[ \t]word|together|no[ \t]space|zusammen|junto|ensemble"
    r"|attaccat|aan[ \t]elkaar|ihop|sammen)"
)
# Tools that encrypt a disk, a vault or an archive, whose password is often a phrase (by name:
# a word for encrypted says so of a PDF or a file too).
_ENCRYPTION = re.compile(r"veracrypt|truecrypt|bitlocker|luks|keepass|cryptomator|filevault|7-?zip")
# A line that is another field of a form or file: "DB_USER=wp", "Host: mail.example".
_FIELD = re.compile(r"[A-Za-z_][\w.-]{0,40}[ \t]*[=:]")


def _phrase(
    text: str,
    pos: int,
    label: str,
    colon: bool,
    marked: bool = False,
    weak: bool = False,
    sentence: bool = False,
) -> tuple[int, int, bool] | None:
    """A grouped app password anywhere; a password said to be one word though it has a
    space (where a word that says so is ``marked`` near); a passphrase of plain words after
    ``passphrase`` or a label said to be a ``sentence``, or after a password label and a colon
    when four or more run to the end of the line (or three to six lowercase words after
    ``password is``)."""
    grouped = _GROUPED.match(text, pos)
    if grouped is not None and _random_groups(grouped.group()):
        return pos, grouped.end(), False
    if marked and (spaced := _WITH_SPACES.match(text, pos)) is not None:
        parts = spaced.group("v").lower().split()
        if _TOLD_BEFORE.isdisjoint(parts) and parts[0] not in NOT_SECRETS:
            return pos, spaced.end("v"), False  # any label: the words say they are one value
    phrase_label = sentence or label.startswith(PHRASE_LABELS)
    if not (
        phrase_label
        or "pass" in label
        or label in _PASSWORD_WORDS
        or (colon and _PASSWORD_WORD.search(label) is not None)
    ):
        return None
    if marked and (one_word := _ONE_WORD.match(text, pos)) is not None:
        value = one_word.group("v").replace(" ", "")
        if not is_word(value) and looks_like_password(value, False, False, text, one_word.end("v")):
            return pos, one_word.end("v"), False
    words = _WORDS.match(text, pos)
    if words is None:
        return None
    # each word to its apostrophe: "i'll" is "i", "mae'r" is "mae"
    parts = [part.split("'")[0].split("’")[0] for part in words.group().lower().split()]
    if is_placeholder(parts[0]):
        return None  # "MQTT_PASSWORD=changeme before first boot": a template's word, then why
    end = words.end()
    if (
        text.startswith("!", end) or (phrase_label and text.startswith("?", end))
    ) and _LINE_ENDS.match(text, end + 1) is not None:
        end += 1  # "… sings at noon!" at the end of its line; after a password a question
    tail = CLAUSE_END.match(text, end)
    ends = tail is not None and (
        tail.group().strip() in ("", "(", ".") or (tail.end() == len(text) and tail.group() != "?")
    )
    plain = (
        3 <= len(parts) <= 6
        and words.group().islower()
        and _PROSE.isdisjoint(parts)
        and _FUNCTION_WORDS.isdisjoint(parts)
    )
    if plain and not weak and len(parts) >= 4 and tail is not None and tail.group().strip() == ",":
        return pos, end, False  # "… is correct horse lemon bicycle, is that long enough?"
    if not ends and _DASH.match(text, end) is None:  # "… lautet: Wolke Brot – bitte …"
        return None
    if not _ERRORS.isdisjoint(parts):
        return None  # "passwd: Authentication token manipulation error"
    first_prose = parts[0] in _PHRASE_STARTS_PROSE
    if phrase_label:
        # Any words may make a passphrase; only its first word tells it from a sentence,
        # or after a colon five words or more to the line's end that name nothing said
        # before ("passphrase: the heron stands at Lough Erne every morning").
        told = (
            colon
            and len(parts) >= 5
            and (parts[0] in _ARTICLES or parts[0] in ("the", "a", "an"))
            and _TOLD_BEFORE.isdisjoint(parts)
            and (_LINE_ENDS.match(text, end) is not None or _DASH.match(text, end) is not None)
        )
        return None if first_prose and not told else (pos, end, False)
    if (
        colon
        and len(parts) >= 4
        and not first_prose
        and _FUNCTION_WORDS.isdisjoint(parts)
        and (_LINE_ENDS.match(text, end) or _DASH.match(text, end))  # "…: walrus tiles 7 - pls"
    ):
        return pos, end, False
    # "WPA2-Schlüssel: Apfelstrudel mit Sahne": words to the line's end, below a network
    if (
        colon
        and 2 <= len(parts) <= 6
        and _PROSE.isdisjoint(parts)
        and _LINE_ENDS.match(text, end)
        and on_wifi_block(text, pos)
    ):
        return pos, end, False
    if plain and parts[0] not in _ARTICLES:
        return pos, end, False
    if (
        (colon or _CAPITALS_NOTED.match(text, end) is not None)
        and 4 <= len(parts) <= 6
        and words.group().istitle()
        and _PROSE.isdisjoint(parts)
    ):
        return pos, end, False  # "is: Tidy Teeth Eleven Lighthouses. Capitals on each word"
    return None


_PASSWORD_WORDS = frozenset({"pw", "pwd", "senha", "kennwort", "passwort"})
_USER_BRIDGE = re.compile(
    r"(?:user|login|benutzer|usuario|utilisateur)(?:name)?"
    r"(?:[ \t]*[=:]|[ \t]+(?:is|ist|es|est)(?!\w))"
)
# Three capitalised words run together, a password's shape even as letters ("PastelDeNata").
_CAMEL3 = re.compile(r"(?:[A-ZÀ-Þ][a-zß-ÿ]+){3,}")
# A word for a password in other languages: a passphrase may follow it and a colon.
_PASSWORD_WORD = re.compile(
    r"pass|pw|wort|woord|senha|l[öo]sen|hasł|hasl|hesl|salasana|adgangskode|kodeord|contrase"
    r"|cyfrinair|parolas"
    r"|şifre|mdp|mot[ \t]de|schlüssel|wpa|wlan|wi-?fi"
)


_DASH = re.compile(r"[ \t]+[-–—](?=[ \t])")
# Words of NOT_SECRETS that also start passphrases ("correct horse battery staple").
_PHRASE_STARTS_PROSE = NOT_SECRETS - {
    "correct", "right", "valid", "strong", "weak", "simple", "long", "short", "secure", "old",
    "new", "fine", "ok", "okay", "easy", "hard", "ready", "case", "normal", "temporary",
} | {"é", "è", "est", "ist", "es", "era", "was"}  # fmt: skip
# (a verb first explains: "senha: é o número da reserva")
# "… is now Purple Tractor Mountain Tea (capital first letters)": a note on capitals after.
_CAPITALS_NOTED = re.compile(
    r"[ \t]*[(—–-][ \t]*(?:with[ \t]+|all[ \t]+)?"
    r"(?:capital|caps|upper|each[ \t]word|first[ \t]letter|großbuchst|majuscul|mayúscul|maiuscol"
    r"|hoofdletter)"
)
_ERRORS = frozenset({"error", "failed", "failure", "denied", "unchanged", "fehler", "erreur"})
# Pronouns and words of sending, in sentences of several languages, not in passphrases
# ("Wachtwoord: stuur ik je vanavond per sms").
_FUNCTION_WORDS = frozenset(
    """
    ik je jij we wij u het een ich du sie wir es ist tu il nous vous yo él eu você io noi jag
    ele ela nós eles elas um uma não nao qual
    vi ja ty my per por par via sms mail email e-mail whatsapp signal telefon telefoon
    téléphone teléfono telefone telefono stuur schicke envoie envío mando mandarei
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# "Contraseña: la de siempre": an article first, a sentence after a password label.
_ARTICLES = frozenset({"la", "el", "le", "les", "lo", "il", "los", "las", "der", "die", "das"})
# Words that point at a passphrase told elsewhere: "passphrase: the same one as before".
_TOLD_BEFORE = frozenset(
    """
    same usual one it this that we you i our your my below above attached sent as
    before again sentence phrase words long short nobody anyone something
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# Words of sentences, never in a passphrase ("correct horse lemon bicycle" is one).
_PROSE = _PHRASE_STARTS_PROSE | {"please", "thanks", "call", "phone", "send", "tell", "know"}
_COMMON_WORDS = frozenset(
    """
    able also back been call come does done down each even find from gave give goes good
    have here just keep know last like look made make many more most much must name next
    once only over part said same send some soon such sure take tell than that them then
    they this time very want week well went were what when will with work year your
    """.split()  # noqa: SIM905
)


def _random_groups(value: str) -> bool:
    """Groups of four letters that are not ordinary words, nor hex digits (a fingerprint),
    nor the alphabet of a manual's example ("abcd efgh ijkl mnop")."""
    if is_placeholder(value):
        return False
    groups = re.split(r"[ -]", value.lower())
    if all(is_hex(g) for g in groups) and not all(g.isdigit() for g in groups):
        return False
    return sum(g in _COMMON_WORDS for g in groups) < 2


# A TOTP key typed in one run: "Seed TOTP du compte OVH : NBSWY3DPO5XXE3DE".
_BASE32 = re.compile(
    r"(?<![\w-])(?=[A-Z2-7]{0,63}\d)(?=[A-Z2-7]{0,63}[A-Z])[A-Z2-7]{16,64}(?![\w-])"
)
# A key's further parts in eights ("GEZDGNBVGY3TQOJQ GEZDGNBV — two parts").
_BASE32_PARTS = re.compile(r"(?:[ ](?:[A-Z2-7]{8}){1,4}(?![\w-]))+")
# An app password typed without its spaces: sixteen lower-case letters.
_SIXTEEN = re.compile(r"(?<![\w-])[a-z]{16}(?![\w-])")
_WORD_LIKE = re.compile(r"[^aeiouy]{5}|(.)\1\1")


def _router_key(value: str) -> bool:
    """A key as a router's sticker prints it: eight letters and digits or more, letters no
    word has ("KXRVNBTQ")."""
    return (
        len(value) >= 8
        and value.isalnum()
        and _unpronounceable(value.lower())
        and not is_placeholder(value)
    )


def _unpronounceable(value: str) -> bool:
    """Letters no word has: few vowels, five consonants in a row or a letter thrice."""
    return sum(c in "aeiou" for c in value) <= 4 or _WORD_LIKE.search(value) is not None


_APP_PASSWORD = Rare(
    r"app[ -]?password|app[ -]specific[ \t]password|application[ \t]password"
    r"|anwendungspasswort|app-passwort|app-kennwort|anwendungskennwort"
    r"|mot[ \t]de[ \t]passe[ \t]d'application"
    # two-factor in other languages: "deux facteurs", "doble factor", "dois fatores", "due
    # fattori", "Zwei-Faktor", "tvåfaktor", "tweestaps", "dwuetapowe", "dvoufázové"
    r"|setup[ \t]key|2fa|mfa|totp|authenticator|two-factor|a2f|facteurs|factor|fatores|fattori"
    r"|faktor|tweestaps|dwuetapow|dwuskładnikow|dvouf|authentification|app-specifik"
    r"|app-spezifisch|tofaktor|kaksivaihe|dos[ \t]pasos|two-step|2-step|deux[ \t]étapes"
    r"|duas[ \t]etapas|due[ \t]passaggi|zwei[ \t]schritte"
    r"|contraseña[ \t]de[ \t]aplicación|senha[ \t]de[ \t]app|app-wachtwoord"
    r"|lösenord[ \t]för[ \t]appar|app-lösenord|applösenord|app-adgangskode|hasło[ \t]aplikacji"
    r"|cyfrinair[ \t]ap|uygulama[ \t]şifresi|app[ \t-]wagwoord|lozinka[ \t]aplikacije"
    r"|aplikazio[ \t]pasahitza|κωδικός[ \t]εφαρμογής|סיסמת[ \t]אפליקציה|كلمة[ \t]مرور[ \t]التطبيق"
    r"|password[ \t]per[ \t](?:le[ \t])?app"
    r"|অ্যাপ[ \t]পাসওয়ার্ড|აპლიკაციის[ \t]პაროლი"  # Bengali, Georgian
    r"|sovellussalasana|appalykilorð|app-passord|applikasjonspassord|pled-clav[ \t]d['’]applicaziun"
    r"|dviejų[ \t]veiksnių|dvieju[ \t]veiksniu|парола[ \t]за[ \t]приложение"
    r"|пароль[ \t](?:додатка|застосунку|приложения|прыкладання)"
    r"|2段階認証|二段階認証|セットアップキー|앱[ \t]?비밀번호|2단계[ \t]?인증|雙重驗證|两步验证"
    r"|مصادقة[ \t]الثنائية|مصادقة[ \t]ثنائية|تحقق[ \t]بخطوتين|programlösenord"
    # a 2FA screen: "Can't scan the code? Use this instead:" and the key below
    r"|can['’]?t[ \t]scan|cannot[ \t]scan|unable[ \t]to[ \t]scan"
)
# "Enter this key instead: …", "Geheimer Schlüssel: …", "clave secreta": a setup key typed
# in groups after it and at most five words.
_KEY_GROUPS = Rare(
    "key|secr(?:et|eta|ète)|schlüssel|clave|lykil(?:in|inn)?|密钥|密鑰",
    rf"(?!\w)(?:[^\n\w]{{1,3}}[^\W\d]{{1,20}}){{0,5}}?[^\n\w]{{1,3}}(?P<v>{_GROUPED.pattern})",
)


# How far after "app password" its groups may stand.
_APP_REACH = 300


def app_passwords(text: str, low: str) -> Iterator[Span]:
    """Four groups of four letters, or sixteen letters no word has, on the line of (or the
    line after) "app password"; or groups right after "key" or "secret"."""
    pos, search = 0, _APP_PASSWORD.searcher(low)
    while (m := search(pos)) is not None:
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        end = len(text) if end == -1 else text.find("\n", end + 1)
        end = len(text) if end == -1 else end
        line_end = text.find("\n", m.end())
        if line_end != -1 and (
            text[m.end() : line_end].rstrip().endswith(":") or low.startswith("s", m.end())
        ):  # "… here it is:", "the two app passwords …": lines below
            end = max(end, min(len(text), m.end() + _APP_REACH))
        for grouped in _GROUPED.finditer(text, start, end):
            if _random_groups(grouped.group()):
                yield grouped.start(), grouped.end(), "password", "app-password-groups"
        for run in _SIXTEEN.finditer(text, start, end):
            if _unpronounceable(run.group()):
                yield run.start(), run.end(), "password", "app-password-letters"
        for run in _BASE32.finditer(text, start, end):
            if _unpronounceable(run.group().lower()) and not is_placeholder(run.group()):
                more = match_end(_BASE32_PARTS, text, run.end())
                yield run.start(), more, "password", "app-password-base32"
        pos = max(m.end(), end)
    for m in _KEY_GROUPS.finditer(low):
        if _random_groups(m.group("v")):
            yield m.start("v"), m.end("v"), "password", "app-password-groups"


def _context(text: str, label_start: int, value_start: int, sep: str) -> str:
    """``url`` for ``?password=``, ``ado`` for ``;Password=...;``, otherwise ``prose``."""
    before = label_start - 1
    if before >= 0 and text[before] in "?&":
        return "url"
    while before >= 0 and text[before] in " \t":
        before -= 1
    if before >= 0 and text[before] == ";":
        return "ado"
    # "Password=…;" as in a connection string; not "password = read();" in code.
    if sep.endswith("=") and text[text.rfind("=", label_start, value_start) - 1] not in " \t":
        line_end = text.find("\n", value_start, value_start + 512)
        line_end = value_start + 512 if line_end == -1 else line_end
        if text.find(";", value_start, line_end) != -1:
            return "ado"
    return "prose"


# --- Pairs of an account and its password ----------------------------------------------

# Searched in the lowercased text; a match must start a word.
_PAIR = Rare(
    r"log[ -]?in|logon|credentials|creds|accounts?|logins|user[ \t]?/[ \t]?pass(?:word)?"
    r"|username[ \t]?/[ \t]?pass(?:word)?|login[ \t]?/[ \t]?pass(?:word)?|zugangsdaten"
    r"|anmeldedaten|identifiants",
    rf"(?:{BRIDGE})?(?:[ \t]*[:=]|[ \t]+(?:are|is|sind|sont|son))"
    r"[ \t]*[^\s/|:,]{1,64}[ \t]*(?:/|\||:(?!//)|,)[ \t]*",
)
# "my login is anna@… with …", "log in as bob with …"
# "login for Xero: anna@… with …", "sign in w/ bob@… and …"
_WITH = Rare(
    r"log(?:ged)?[ -]?(?:in|on)|logon|sign(?:ed)?[ -]?in|user(?:name)?|account"
    r"|logg(?:ing|ed)[ \t]in|sign(?:ing|ed)[ \t]in"
    # "loggar in med kassa1 och …", "logger ind med …", "logg inn med …", "log ind med …"
    r"|loggar[ \t]in|logga[ \t]in|logger[ \t]ind|logger[ \t]inn|logge[ \t]inn|logg[ \t]inn"
    r"|log[ \t]ind",
    rf"(?:{BRIDGE})?(?:[ \t]+(?:is|as|name|with|w/|using|to|med)(?!\w))?[ \t]*:?[ \t]+"
    # the account, not a thing of the login: "the login page with Office365"
    r"(?!(?:page|screen|portal|button|form|window|prompt|issue|problem|error|link|site|works"
    r"|fails)(?!\w))[\w.@+-]{2,64}[ \t]+(?:with|w/|and|using|mit|und|avec|et|con|y|com|e|met|en"
    r"|och|og)"
    r"[ \t]+(?:(?:the|my|his|her|password|passwort|pass|pw|pwd)[ \t]+){0,2}",
)
# "the login for the camera:" with the account on the next line, the password below it.
_LINES = Rare(
    r"log[ -]?in|logon|credentials|creds|zugangsdaten|anmeldedaten|identifiants",
    rf"(?:{BRIDGE})?[ \t]*:?[ \t]*\r?\n[ \t]*[\w.@+-]{{2,64}}[ \t]*\r?\n[ \t]*",
)
# "U: bob P: …"
_UP = Rare(
    "u|user|usr|benutzer",
    r"[ \t]*:[ \t]*[\w.@+-]{2,64}(?:[ \t,;/|]+|[ \t]*\r?\n[ \t]*)(?:p|pw|pwd)[ \t]*:[ \t]*",
)
# "user station / StationLove876": a word for the user, its name, a slash, the password.
_USER_SLASH = Rare(
    "user|username|usuario|utilisateur|benutzer|utente",
    r"[ \t]+[\w.@+-]{1,64}[ \t]+/[ \t]+",
)
# "I reset it to …", "she changed the password to …"
_SET_TO = Rare(
    "reset|changed|set|switched|updated",
    r"[ \t]+(?:it|them|that|hers?|his|mine|the[ \t]+(?:pw|pass(?:word)?))"
    r"[ \t]+(?:back[ \t]+)?to[ \t]+",
)
# A bare "name / password" or "name:password" with a password's shape.
# Each starts with its literal so the search skips ahead; the lookbehind checks the word.
_SLASH = re.compile(r"/(?:(?<=\w/)|(?<=\w[ \t]/))[ \t]?(?=[^\s/]{6})")
# Both from the colon, which the engine skips to fast: "user:pass", "user : pass".
_COLON = re.compile(r":(?<=\w:)(?=[^\s/:]{6})|:(?<=\w[ \t]:)[ \t](?=[^\s/:]{6})")
_PLUS = re.compile(r"\+(?<=\w[ \t]\+)[ \t](?=[^\s/]{6})")
_NOT_ACCOUNTS = frozenset(
    """
    re fwd fw aw wg sv tr subject from to cc bcc date tel phone fax mailto ref note id http
    https ftp sftp ssh file data cid urn sha sha1 sha256 sha512 md5 base64 uuid guid doi isbn
    """.split()  # noqa: SIM905
)
_ACCOUNT = re.compile(r"[\w.@+-]{2,64}")


# A manual's default login, the same on every device: "Default login: admin / admin".
_FACTORY = frozenset(
    {"admin", "password", "root", "guest", "user", "1234", "12345", "0000", "000000", "123456"}
)
_DEFAULT = re.compile(r"default|factory|werks|padrão|por[ \t]defecto|par[ \t]défaut|predefinit")


def pairs(text: str, low: str) -> Iterator[Span]:
    """The password half of ``login: bob / Hunter2!``, ``credentials: bob:Hunter2``,
    ``log in as bob with Hunter2!``, a bare ``bob / Hunter2!`` or ``bob:Hunter2!``."""
    for rare, rule in (
        (_PAIR, "pair-label"),
        (_UP, "pair-label"),
        (_WITH, "pair-with"),
        (_LINES, "pair-lines"),
        (_SET_TO, "set-to"),
        (_USER_SLASH, "pair-user-slash"),
    ):
        pos, search = 0, rare.searcher(low)
        while (m := search(pos)) is not None:
            pos = m.end()
            if not starts_word(low, m.start()):
                continue
            span = value_span(text, pos, "prose")
            if span is None:
                continue
            start, pos, quoted = span
            if factory_default(text[start:pos].lower(), low, m.start() - 40, start):
                continue  # "Default login: admin / admin": the manual's, for everyone
            strict = rule != "pair-label"
            if rule == "set-to" and SYMBOLS.isdisjoint(text[start:pos]):
                continue  # "set it to Monday": only a password's shape counts
            if m.group().rstrip(" \t").endswith(",") and not looks_strong(text[start:pos]):
                continue  # "accounts: dict, named": after a comma, only a password's shape
            if rule == "pair-user-slash" and _LINE_ENDS.match(text, pos) is None:
                continue  # "user kim / HR-Team2 moved": a user's group, more words after it
            if looks_like_password(text[start:pos], quoted, strict, text, pos):
                yield start, pos, "password", rule
    for m in _WIFI_ITEM.finditer(low) if _WIFI_WORD.search(low) else ():
        value = text[m.start("v") : m.end("v")]
        named = _NETWORK_NAME.search(m.group("which")) is not None
        if not named and WORD_NUMBER.fullmatch(value) and not names_a_thing(value):
            yield m.start("v"), m.end("v"), "password", "pair-wifi"
    for m in _COMMA_PAIR.finditer(text) if ":" in text and "," in text else ():
        value = m["v"]
        if looks_like_password(value, False, True, text, m.end("v")) and not names_a_thing(value):
            yield m.start("v"), m.end("v"), "password", "pair-comma"
    for m in _ACCOUNT_VALUE.finditer(low):
        value = text[m.start("v") : m.end("v")]
        if (password_shaped(value) or WORD_NUMBER.fullmatch(value)) and not names_a_thing(value):
            yield m.start("v"), m.end("v"), "password", "pair-account"
    for m in _DOMAIN_ACCOUNT.finditer(text) if "\\" in text else ():
        value = text[m.start("v") : m.end("v")]
        if (
            _DOMAIN.search(text, max(0, m.start() - 32), m.start()) is not None
            and (password_shaped(value) or WORD_NUMBER.fullmatch(value))
            and not names_a_thing(value)
            and not is_lookalike(value)
        ):
            yield m.start("v"), m.end("v"), "password", "pair-domain-account"
    for m in _AUTH_JSON.finditer(text) if '"auth"' in text else ():
        if _basic_pair(m["v"]):
            yield m.start("v"), m.end("v"), "password", "basic-auth-json"
    for m in _LABEL_PAIR.finditer(low) if "/" in low else ():
        if _SECRET_WORD.search(m.group("b")) is not None:
            yield m.start("y"), m.end("y"), "password", "pair-labels"
    for m in _SAME_USER.finditer(low) if "same" in low else ():
        start, end = m.start("v"), trim_value(text, m.start("v"), m.end("v"))
        value = text[start:end]
        if (password_shaped(value) or WORD_NUMBER.fullmatch(value)) and not names_a_thing(value):
            yield start, end, "password", "pair-same-user"
    for m in _EMAIL_AND.finditer(text):
        start, end = m.start("v"), trim_value(text, m.start("v"), m.end("v"))
        value = text[start:end]
        shaped = password_shaped(value) or WORD_NUMBER.fullmatch(value) is not None
        if shaped and _PAIR_ENDS.match(text, end) is not None:
            yield start, end, "password", "pair-email"
    for pattern, rule in ((_SLASH, "pair-slash"), (_COLON, "pair-colon"), (_PLUS, "pair-plus")):
        pos = 0
        while (m := pattern.search(text, pos)) is not None:
            left_end = m.start() - (text[m.start() - 1] in " \t")
            found = _bare_pair(text, left_end, m.end(), rule)
            # The rest of this word cannot start another pair.
            pos = _word_end(text, found[1] if found else m.end())
            if found is not None:
                yield found


def _word_end(text: str, pos: int) -> int:
    return match_end(_NON_SPACE, text, pos)


_NON_SPACE = re.compile(r"\S*")


def _bare_pair(text: str, left_end: int, value_start: int, rule: str) -> Span | None:
    """``name / Secret!1`` or ``name:Secret!1`` when the right side looks generated."""
    before = text[max(0, left_end - 65) : left_end]
    words = before.rsplit(None, 1) if before and not before[-1].isspace() else [""]
    account = words[-1].lstrip("(\"'<[")
    spaced = text[left_end] != "/" or text[value_start - 1] != "/"
    if rule == "pair-slash" and not spaced and account.lower() not in _LOGIN_NAMES:
        return None  # "docs/Release2026": a path; "admin/Tplink_Milos77" is a login
    if not _ACCOUNT.fullmatch(account) or account.lower() in _NOT_ACCOUNTS:
        return None
    if not account[0].isalpha():
        return None
    span = value_span(text, value_start, "prose")
    if span is None:
        return None
    start, end, _ = span
    value = text[start:end]
    if ":" in value or is_lookalike(value) or is_placeholder(value):
        return None
    if value.rstrip("0123456789") == account.rstrip("0123456789") and not (
        account.lower() in _DEVICE_ACCOUNTS and value != account  # "admin/admin123": a default
    ):
        return None  # "Server01 / Server02": two of a kind
    account_start = left_end - len(account)
    alone = account_start == 0 or text[account_start - 1] == "\n"
    # "ftp for the scanner: scanner:Sc4nMe2Folder": after a lead that ends in a colon
    led = rule == "pair-colon" and text[
        line_bounds(text, account_start, account_start)[0] : account_start
    ].rstrip().endswith(":")
    if (
        (alone or led)
        and rule == "pair-colon"
        and (_LINE_ENDS.match(text, end) or (alone and _PAIR_ENDS.match(text, end)))
        and (password_shaped(value) or (alone and len(value) >= 8 and _MIXED_CASE_DIGIT(value)))
    ):
        return start, end, "password", rule  # "kennelhand3:Dingo_Run_81", a line of its own
    symbol = bool(SYMBOLS & set(value)) and any(c.isdigit() for c in value)
    # On a line about Wi-Fi, "OfficeNet / sunshine2026" is a network and its key.
    keylike = looks_strong(value) or (len(value) >= 8 and not is_word(value))
    if (symbol and looks_strong(value)) or (on_wifi_block(text, left_end) and keylike):
        return start, end, "password", rule
    # "Praxis-Büro / Sommerwiese2026", "jdoe / Granite_Bay_12": a name, not a plain word
    # ("docs / Release2026"), and a value with a capitalised word in it.
    named = sum(c.isalpha() for c in account) >= 3 and not (
        account.isalpha() and account.islower() and value.isalnum()
    )
    # "jade.salon:Balayage_Honey88": a user name with a dot or "@", then a password's shape
    username = rule == "pair-colon" and any(c in account for c in ".@_") and account[-1].isalnum()
    if ((rule == "pair-slash" and named) or username) and password_shaped(value):
        return start, end, "password", rule
    # "greg@lodge.example / Regi$trar-Moss", "anna.keller / Anna#Keller#Nails": an email or a
    # user name, then a symbol in place of a letter or between words.
    cases = value.lower() != value != value.upper()
    if (
        rule == "pair-slash"
        and ("@" in account or ("." in account and not names_a_thing(account)))
        and cases
        and _SYMBOL_FOR_LETTER.search(value)
    ):
        return start, end, "password", rule
    # "… login for the POS is jimmy / 2468 and mine is owner / 13579bar": a word with a number
    # after a word for a login on the line, or after an account every system has.
    if (
        (rule == "pair-slash" or account.lower() in _DEVICE_ACCOUNTS)  # "admin:Ceilidh2024 is …"
        # "chown root:Staff2024 …": an owner and a group
        and not text[max(0, account_start - 8) : account_start].rstrip().endswith("chown")
        and WORD_NUMBER.fullmatch(value) is not None
        and (
            account.lower() in _LOGIN_NAMES
            or _LOGIN_ON_LINE.search(text, max(0, left_end - 160), left_end) is not None
            or (
                any(c.isdigit() for c in account)
                and _ACCESS_ON_LINE.search(text, max(0, left_end - 160), left_end) is not None
            )
            # "bob_x / vigna2026" / "maria_x / raccolta2026" / "… gli account dei ragazzi":
            # a user name's shape, and the lines below say they are accounts
            or (
                not account.isalpha()
                and _LOGIN_WORD.search(text, line_bounds(text, end, end)[1], end + 160) is not None
            )
        )
    ):
        return start, end, "password", rule
    # "agents@realty.example / listings4life": an email, then a word with a number.
    if (
        rule == "pair-slash"
        and "@" in account
        and WORD_NUMBER.fullmatch(value) is not None
        and _PAIR_ENDS.match(text, end) is not None
    ):
        return start, end, "password", rule
    # "Legis (legal database): elena.stanciu / lgs-8842-qz", "Florist Ware - gwen.evans /
    # petals-in-may": what it is for and a colon or a dash, a user name in small letters (one
    # with a dot, "_", "@" or a digit, or any near a word for a login), then to the line's end
    # a value with letters and digits or of three words joined
    if (
        rule == "pair-slash"
        and account.islower()
        and sum(c.isalpha() for c in account) >= 3
        and (
            not account.isalpha()
            or account in _LOGIN_NAMES
            or _LOGIN_NEAR.search(text, max(0, account_start - 300), account_start) is not None
        )
        and text[line_bounds(text, account_start, account_start)[0] : account_start]
        .rstrip()
        .endswith((":", " -", "–", "—"))
        and _LINE_ENDS.match(text, end) is not None
        and (value.count("-") >= 2 or (not value.isalpha() and _LETTER_AND_DIGIT.match(value)))
        and not names_a_thing(value)
    ):
        return start, end, "password", rule
    return None


# An ID named before a password label in its sentence: a UUID after them is the ID.
_ID_SAID = re.compile(r"(?<![^\W\d_])(?:id|guid|uuid|identifier)(?![^\W\d_])[^.!?\n]*\Z")
_LETTER_AND_DIGIT = re.compile(r"(?=.*[^\W\d_])(?=.*\d)[\w-]+\Z")
_LOGIN_NAMES = frozenset(
    {"admin", "administrator", "root", "user", "guest", "manager", "owner", "office"}
    | {"reception", "staff", "support", "sa", "pi", "ubnt", "supervisor"}
)
# The accounts a device comes with ("user:bob42" names a user).
_DEVICE_ACCOUNTS = frozenset({"admin", "administrator", "root", "ubnt", "supervisor"})
# "northcoastagri\dmcauley  Bushmills1608": a Windows domain's account, then its password
# ending the line (found from the backslash; the domain is checked before it, not a path).
_DOMAIN_ACCOUNT = re.compile(
    r"\\(?<=[A-Za-z0-9]\\)[A-Za-z][\w.-]{1,30}[ \t]+(?P<v>[^\s\\]{6,64})[ \t]*$", re.M
)
_DOMAIN = re.compile(r"(?<![\w\\:/.$%-])[A-Za-z][\w.-]{0,30}\Z")
# "Switch: manager,Sw1tchyard": a device, then its account and password apart by a comma.
_COMMA_PAIR = re.compile(r"^[^\n:,]{1,40}:[ \t]*[\w.@-]{2,40},(?P<v>[^\s,]{6,64})[ \t]*$", re.M)
# "router 192.168.1.1 admin Sunflower8": an account every system has, its password ending
# the line.
_ACCOUNT_VALUE = re.compile(
    r"(?:admin|root)(?<![\w.@/-]admin)(?<![\w.@/-]root)(?:istrator)?[ \t]+(?P<v>[^\s/:]{6,40})"
    r"[ \t]*$",
    re.M,
)
# "wifi negozio (Bottega_Rossi) : rossi1967bottega": which network, then its key.
_WIFI_ITEM = re.compile(
    r"^[ \t>*•-]*(?:wi-?fi|wlan)(?P<which>[ \t][^\n:]{1,60}?)[ \t]*:[ \t]*(?P<v>\S{6,40})[ \t]*$",
    re.M,
)
_WIFI_WORD = re.compile(r"wi-?fi|wlan")
_NETWORK_NAME = re.compile(r"name|ssid|network|netz|nome|nom|naam|rede|red\b")
# "Banque (code client / code secret) : 84412093 / 602211": two labels, two values.
_LABEL_PAIR = re.compile(
    r"\((?P<a>[^/()\n]{2,30})/(?P<b>[^/()\n]{2,30})\)[ \t]*:[ \t]*(?P<x>[^\s/]{2,64})[ \t]*/[ \t]*"
    r"(?P<y>[^\s/]{3,64})"
)
_SECRET_WORD = re.compile(
    r"secret|pass|pw|pin|mdp|mot de passe|contraseña|senha|clave|wachtwoord|hasło|heslo|lösenord"
    r"|kennwort"
)
_SYMBOL_FOR_LETTER = re.compile(r"[A-Za-z][!#$%*?^~@§][A-Za-z]")
# "it's emma.w@practice.example and Molar2026": an email, "and", a password.
_EMAIL_AND = re.compile(
    r"@(?<=[\w.+-]@)[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}[ \t]+(?:and|with|und|mit|et|avec|y|con|e|com"
    r"|en|met)[ \t]+(?:(?:the|my|password|pw|pass)[ \t]+){0,2}(?P<v>[^\s,;\"']{6,64})"
)
# "server share: same user, Fassade2026": the password after an account named before.
_SAME_USER = re.compile(
    r"same[ \t]+(?:user(?:name)?|login|account)[ \t]*[,/;:][ \t]*(?P<v>[^\s,;]{6,64})"
)
_LOGIN_WORDS = r"log[ -]?in|pass(?:word)?|credentials|account|konto|compte|cuenta"
_LOGIN_ON_LINE = re.compile(rf"(?i:{_LOGIN_WORDS}|pw|conta)[^\n]{{0,140}}\Z")
# "Zugang Bauportal: polier3 / kran3-sommer": a word for access counts before a user name with
# a digit (not "Accesso disabili: rampa / ascensore-B2").
_ACCESS_ON_LINE = re.compile(r"(?i:zugang|toegang|dostęp|přístup|pristup)[^\n]{0,140}\Z")
_LOGIN_WORD = re.compile(rf"(?i:{_LOGIN_WORDS})")
_LOGIN_NEAR = re.compile(rf"(?i:{_LOGIN_WORDS}|inlog|logins|zugang|toegang|accesos|accessi)")
# What may follow the password of a pair: the end of the line or a sentence, a bracket.
_PAIR_ENDS = re.compile(r"[ \t]*(?:$|[.,;!?()]|[ \t][-–—][ \t])", re.MULTILINE)


# --- Door, alarm and remote-access codes -------------------------------------------

CODE_WORDS = (
    r"code[ \t]d['’](?:accès|entrée)|code[ \t]secret|pin|pincode|pinkode|pin-code|pin-kode"
    r"|pin-koodi|pinkoodi|pin-kod|pinkod|pinkoden|pin-koden|kódja"
    r"|code|passcode|access[ \t-]?code|entry[ \t-]?code"
    r"|door[ \t_-]?code|gate[ \t_-]?code|pin[_-]code"
    r"|alarm[ \t_-]?code|disarm[ \t_-]?code|keypad[ \t_-]?code|safe[ \t_-]?code|lock[ \t_-]?code"
    r"|unlock[ \t_-]?code"
    r"|combination|kombinationen|kombination|combinaci[óo]n|combinaison|combinazione|combinação"
    r"|combinatie"
    r"|kombinacja|kombinace|código|codigo|digicode|türcode|torcode|alarmcode|zugangscode"
    r"|portkoden|larmkoden|larmkod|dörrkoden|dørkoden|alarmkoden|alarmkode|kodlås(?:et)?"
    r"|kodelås(?:en|et)?"
    r"|eingangscode|hauscode|geheimzahl|geheimcode|código[ \t]secreto|codice[ \t]segreto"
    r"|codice|portkod|dörrkod|dørkode|deurcode|toegangscode|poortcode|hekcode|kluiscode"
    r"|beheerderscode|beheercode"
    r"|código[ \t]de[ \t]acceso"
    r"|koodi(?:lla|a|n|ksi)?|kód|kod-e|kod|kods|kodas|kood|kóði|κωδικός|koden"
    r"|codi|kode|kodu|codul|şifresi|код|šifra|combo|puk|pukcode|puk-code|host[ \t]key"
    r"|titkos[ \t]kód|mpin|tpin"
    r"|cod|cód|waehere|engangskoden?|verifikasiekode|verifikasie[ \t]kode"
    r"|kodea|kodearekin|pina|קוד|הקוד|koda|côd|mã[ \t]cửa|mã[ \t]báo[ \t]động|kode[ \t]otp|otp"
    r"|ma[ \t]cua|ma[ \t]bao[ \t]dong"  # Vietnamese typed without its marks
    # Québec's PIN, not a Polish tax number of ten digits ("NIP 521-30-72-984")
    r"|nip(?![ \t]*:?[ \t]*(?:\d[ -]?){9}\d)"
    r"|وكود|والكود|vahvistuskoodi|yhdistelmä|رمز|msimbo|kóðanum|kóðinn|пин|пук|кодът|кодпен|кодом|pin[12]|còd|كود|الرمز|kodenya|kodiċi|kodici|codici|zahlencode|pinkódja|pinkód|tunnusluku|lukituskoodi|kòd|ਕੋਡ|कोड|zifferncode"
    r"|kodi(?=[ \t]+(?:i|e|është|eshte)[ \t])"  # Albanian, not Swahili's rent or the player
    r"|zutrittscode|koodka|koodhka"  # Somali: "Koodka albaabka … waa 6620"
    r"|koodu"  # Yoruba
    r"|ikhodi|کد[ \t]پین|پین|kombináci[ua]|கோடு"  # Zulu, Farsi, Slovak, Tamil
    r"|դռան[ \t]կոդը?|սեյֆի[ \t]կոդը?|դարպասի[ \t]կոդը?|কম্বিনেশন"  # Armenian door, safe, gate
    r"|פּין|פין"  # Yiddish: a PIN
    # a licence's activation code ("Die Freischaltcode … lautet 7KQ2-PX9R-44TM-ZZ1B")
    r"|freischaltcode|aktivierungscode|activation[ \t]code|codi[ \t]d['’]activació"
    r"|código[ \t]de[ \t]activación"
)
_CODE_CONTEXT = re.compile(
    r"alarm|door|gate|keypad|key[ \t]?safe|key[ \t]?box|lock|safe|entr|garage|building|tür|tor\b"
    r"|puerta|torcode|digicode|einfahrt|eingang|accès|immeuble|portail|coffre|tresor|kluis|fach"
    r"|boîte[ \t]à[ \t]clés|atari"
    r"|locker|casier|cassaforte|sejf|screen|schlüssel|kasten|nøgle|nyckel|sleutel|llave|chiave"
    r"|(?<!\w)(?:phone|ipad|iphone|tablet|handy|sim|card|karte|carte|tarjeta|terminal|kasse"
    r"|caisse|caja|kasa|cassa|kassa|pos|till|register|master|engineer|user|staff|cash|tin"
    r"|mobil|mobile|móvil|cellulare|komórk"
    r"|drawer|cabinet|cupboard|çekmece|kapı|kapi|durų|durys|pintu|gembok|gudang)(?!\w)"
    r"|signalizac|باب"
    r"|photocopi|copier|kopierer|copiadora|fotocopiatrice|kopiark|kopírk|tiskárn"
    r"|klíč|klucz|kulcs|avain|lås|brank"
    r"|porte|porta|portão|cancello|deur|poort|dörr|dør|pin|wi-?fi|wlan|guest|voicemail"
    r"|portkod|dörrkod|larmkod|dørkode|alarmkode|deurcode"
    r"|(?<!\w)ovi|hälytys|ajtó|riaszt|kapu|двер|сигнал|домофон|vrat|drzwi|bram|furtk|dveř"
    r"|dvere|durvis|durys|uks|avainsäil|avainkaap|avainlaatik|luku|häire"
    r"|συναγερμ|πόρτ|εισόδ|λουκέτ|hurð|hlið|kapij|(?<!\w)sef(?!\w)"
    # "a text from Microsoft with a code 482913": a sign-in code sent by text
    r"|(?<!\w)(?:text(?:ed)?|sms|2fa|mfa)(?!\w)"
)


def code_context(words: str) -> bool:
    """Whether lowercased ``words`` name what a code opens: a door, a keypad, a terminal."""
    return _CODE_CONTEXT.search(words) is not None


NOT_A_CODE = re.compile(
    r"error|status|exit|return|http|zip|postal|post[ \t-]?code|country"
    r"|dial(?:l?ing)?[ \t-]code|product|promo|discount|takhfif|posti|melli|rahgiri|sefaresh"
    # a card payment's approval on the receipt; a member's number ("codice socio 338201")
    r"|auth(?:ori[sz]ation)?[ \t-]?code|approval[ \t-]?code|appr\.?[ \t-]?code|mitglieds"
    r"|(?:codice|numero|número|tessera)[ \t]+(?:de[ \t]+|del[ \t]+)?socio"
    r"|member(?:ship)?[ \t-]?(?:number|no\b|nr|id|code|card)"
    r"|voucher|coupon|gift|track(?!er)|trac(?!tor|ker)|reference|ref\b|confirm|order|invoice"
    r"|payment[ \t-]?(?:code|ref|number|no\b)"  # a bill's code to pay at a counter
    # "código de operación 04821937", "la rechazó con código 2800"; tracking (Nordic)
    r"|operaci[óo]n|transacci[óo]n|rechaz|seuranta|spårning|sporing"
    r"|booking(?![ \t-]?(?:tablet|ipad|app|pc|laptop|system|screen))"  # "the booking tablet"
    # a client's or customer's number, not the word alone ("Client says the door code is …")
    r"|(?:client|customer)[ \t-]?(?:code|number|no\b|nr|id|ref)"
    # from a word's start: "supervisor", "private", "prevent", "particular" stay
    # ("Meadowbank", a place, is no bank)
    r"|(?<![^\W\d_])(?:sort|iso|qr|tax(?!i|[ \t]+(?:portal|site|website|account|login|app)\b)"
    r"|vat|icd|event|artic|ordin[ei](?![a-z])|area"
    # a bank's code, not the one it sent: "the code the bank texted is …", "bank's SMS"
    r"|(?<!from the )(?<!from )(?<!fra )(?<!von der )(?<!de la )"
    r"bank(?!-?id)(?![^\W\d]{0,5}(?:['’]s)?[ \t]+(?:texted|sent|sms|text)))"
    r"|swift|bic|routing|bar[ \t-]?code|source|colou?r|fehler"
    r"|reason|invalid|failed|unauthori[sz]ed|forbidden|denied|incorrect|échec|fehlgeschlagen"
    r"|ungültig|ogiltig|invalide"
    r"|rabat|pocztow|kampanj|indirim|posta(?!ge)|rabatt|alennus|kedvezmény|reduc|descuento|sconto"
    r"|response|meeting|shows|displays|fiscal|prodot|sconto|erreur|errore"
    # a practice's, a patient's or a test centre's number
    r"|nhs[ \t](?:number|no\b)|for[ \t]the[ \t]nhs|ods[ \t]code|cent(?:re|er)[ \t]code"
    r"|reunião|reunion|réunion|reunión|riunione|besprechung|vergadering|spotkani|möte|møde"
    r"|dial[ \t-]?in|webinar|rastre|suivi|sendungs|seguimiento|tracci|zásilk|przesył"
    r"|ответ|ошибк|пример|заявк|услуг|издели|خصم|الخصم"  # a ticket's, a service's, a product's
    r"|hata|exception|sqlstate"  # an error's code: Turkish "hata kodu", a PDOException's
)
# Who chose the code: "security code I set:", "access code we use:".
_WHO_SET = (
    r"[ \t]+(?:i|we|you|they|he|she)[ \t]+(?:set|chose|picked|made|created|use|sent"
    r"|gave[ \t]+you)"
    r"(?=[ \t]*(?::|is[ \t]))"
)
_FOUR_DIGITS = re.compile(r"\d{4}")
# What a number counts: "2000 lines", "1500 lignes", "4821 строк".
_COUNTED_AFTER = re.compile(
    r"[ \t]+(?:lines?|lignes?|zeilen|líneas|righe|regels|строк\w{0,2}|bytes?|rows?|words?|pages?"
    r"|items?|users?|files?)(?!\w)",
    re.IGNORECASE,
)
_DIAL = re.compile(r"[LR] ?\d{1,2}(?:[ -][LR] ?\d{1,2}){2,4}")  # "L34 R12 L7", "L 24 R 11 L 36"
# "4 digits:", "4 dígitos:", "4 cijfers": how long the code is, said before it.
DIGITS = r"(?:digits?|stellig|chiffres|d[íi]gitos|cifre|cijfers|siffror|cyfr|číslic|ziffern)"
_DIGITS_SAID = rf"[ \t]*,?[ \t]*\d[ \t]+{DIGITS}[ \t]*[,:]?"
# What may stand between a code's digits: "#2719*", "4-0-9-1", "17 – 42 – 08", "7#4#1#9".
_CODE_MARKS = re.compile(r"[#* ,–-]")
_SPACED_DIGITS = re.compile(r"\d[ -]\d[ -]\d[ -]\d")
# A digit spelled out: "pin is seven three three one".
_SPELLED = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# "combo in the staff room is …": where the lock is.
_IN_PLACE = (
    r"[ \t]+(?:in|im|dans|nel|nella|w|på)[ \t][^\n:=.!?\d]{1,40}?(?=[ \t]+(?:is|ist|est|es)[ \t])"
)
_CODE_AFTER = re.compile(
    rf"(?:(?P<bridge>(?![ \t]+(?:to|til|till|auf|naar|na)[ \t]+\d){BRIDGE}|{_WHO_SET}|{_IN_PLACE}"
    # "kód trezoru je 4471": a word for what it opens, then "is"
    # or who sent it: "the code the bank texted is 204 991", "koden fra MitID var 492 817"
    r"|(?:[ \t]+[^\W\d][\w'’-]{1,20}){1,4}?"
    r"(?=[ \t]+(?:je|is|ist|est|es|er|är|é|è|was|var|hai|isch|este|е|ass|huwa|se)"
    r"[ \t]+[#*]{0,2}\d))?"
    r"(?P<sep>[ \t]*[:=#]"
    r"(?:(?:[ \t]*\r?\n){1,2}[ \t]*(?=(?:\d{4,8}|\d(?: \d){3,7}|\d\d(?: \d\d){2,3}"
    r"|(?=\S{0,39}\d)\S{6,40})"
    r"[ \t]*(?:\r?\n|\Z)))?"
    # changed to, tried before "är" or "is" alone: "koden är bytt till 1957"
    r"|[ \t]+(?:(?:är|er|har|blev|ble|is|werd|wurde|ist)[ \t]+)?(?:bytt|byttet|ändrad|ändrat"
    r"|ændret|endret|skiftet|veranderd|gewijzigd|geändert)[ \t]+(?:till|til|in|naar|auf|zu)"
    r"(?=[ \t]+\d)"
    rf"|[ \t]+(?:(?:{NOW})[ \t]+)?"
    r"(?:is|ist|es|est|c['’]est|é|è|e(?=[ \t]+\d)|lautet|on|er|är|je[ \t]+to|je|jest|ir|yra|és"
    r"|was(?=[ \t]+\d)|var(?=[ \t]+\d)|hai(?=[ \t]+\d)|isch|yɛ|este|е(?=[ \t]+\d)|ass|huwa"
    r"|–|na(?=[ \t]+\d)"  # Nigerian Pidgin: "di key box code na 1984"
    r"|se(?=[ \t]+[#*]?\d)"  # Haitian Creole: "kòd alam nan se 3390#"
    r"|war(?=[ \t]+\d)|waa(?=[ \t]+\d)"  # German "was"; Somali "is" ("… waa 6620")
    r"|είναι|је|—"
    r"|used[ \t]to[ \t]be|became|passou[ \t]a[ \t]ser|pasó[ \t]a[ \t]ser|est[ \t]devenu"
    r"|è[ \t]diventato)"
    r"(?!\w)(?:[ \t]+(?:still|noch|encore|toujours|todavía|ainda|ancora|nog|fortfarande"
    rf"|{NOW}))?"
    r"(?:[ \t]+(?:le|la|el|il|o|a|the)(?=[ \t]+\d))?"
    r"[ \t]*:?(?:[ \t]*\r?\n[ \t]*(?:\r?\n[ \t]*(?=\d{3,8}[ \t]*(?:\r?\n|\Z)))?)?"
    # "the code's …", "… for a refund, Jo says it's …"; not "… for the vet's …"
    r"|(?(bridge)(?:(?<=[ \t]it)|(?<=[ \t]that))|)['’]s(?=[ \t])"
    # "alarm code changed, it's 5512 now", "PIN was reset to 4420"
    r"|[ \t]+(?:(?:was|is|has[ \t]been|got)[ \t]+)?(?:changed|reset|updated)"
    r"(?:[ \t]+to|[ \t]*[,;]?[ \t]+(?:(?:it['’]?s|it[ \t]is)(?:[ \t]+now)?|now)"
    r"|[^\n.!?:]{0,30}?[,;][ \t]+(?:the[ \t]+)?new[ \t]+one[ \t]+is"
    # "gate code changed today cause … shared it. new one #2719"
    r"|[^\n:]{0,80}?[.,;][ \t]+(?:the[ \t]+)?new(?:[ \t]+one(?:[ \t]+is)?[ \t]*:?|[ \t]*:)"
    r"(?:[ \t]*\r?\n){0,2})(?!\w)"
    rf"|[ \t]*-(?=[ \t])|[ \t]+(?:{NOW})(?=[ \t]+\d)"  # "admin kódja most 7391"
    r"|(?:[ \t]*\r?\n){1,2}[ \t]*(?=(?:\d{4,8}|\d\d(?: \d\d){2,3})[ \t]*(?:\r?\n|\Z))"
    r"|[ \t]+as(?=[ \t]+\d)"
    r"|[ \t]*[,;.]?[ \t]+(?:that|this|the[ \t]+new)[ \t]+one[ \t]+is"
    r"|[ \t]*,?[ \t]*(?:we|i|they|he|she)[ \t]+(?:set|chose|picked|made)(?=[ \t]+\d)"
    r"|[ \t]*,[ \t]*(?:it['’]?s|it[ \t]+is)(?!\w)"  # "the code for the back door, its 4471"
    r"|[ \t]+(?:was[ \t]+)?changed[ \t]+from(?=[ \t]+\d)"  # "PIN changed from 2468 to 9135"
    # "… changed our master code. New one:" and the code below
    r"|[ \t]*[.,;][ \t]*(?:the[ \t]+)?new[ \t]+one(?:[ \t]+is)?[ \t]*:(?:[ \t]*\r?\n){0,2}"
    rf"|{_DIGITS_SAID}"
    rf"|[ \t]+(?:to|til|till|auf|naar|na)"  # "… gate code to 85#21"
    rf"(?=[ \t]+(?:{NOT_A_YEAR}\d{{4,8}}(?!\d)|\d{{2,4}}[#*]\d{{2,4}}(?![\w#*])))))?"
    r"[ \t]*[\"']?(?!0x)"  # alarm_code: "5127"; not "(code 0x52E)"
    rf"(?P<v>{_DIAL.pattern}(?![\w-])"  # a safe's dial: "L34 R12 L7"
    r"|[#*]{0,2}\d{3,10}[#*]{0,2}(?![ ]\d)|(?<=code[ \t])\d{2}(?:[ ]\d{2}){1,3}(?![ ]?\d)"
    rf"|{_SPELLED}(?:[ -]{_SPELLED}){{3,7}}"
    r"|\d(?:[ -]\d){3,7}(?:[ ]?[#*](?![\w#*]))?|\d{1,3}(?:[ \t]*[-–][ \t]*\d{1,3}){2,5}"
    r"|\d(?:,[ ]\d){3,7}(?![,.]?[ ]?\d|[ ]+(?:and|or|und|et|y|e)[ ]+\d)"  # "… pin is 7, 3, 1, 9"
    r"|\d(?:[#*]\d){2,7}|\d{2,4}[#*]\d{2,4}(?![\w#*])"  # "7#4#1#9", "4#7#1", "44*17"
    r"|\*\d{1,3}\*\d{3,8}#?"  # "*7*3391#": a phone system's admin code
    # a one-time code in two groups: "Your verification code is 583 204"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t])|(?<=es[ \t])|(?<=ist[ \t])|(?<=est[ \t])|(?<=var[ \t])"
    r"|(?<=was[ \t]))"
    r"\d{3}[ ]\d{3}(?![ ]?\d)"
    r"|(?<=is[ \t])\d{2}(?:[ ]\d{2}){3,5}(?![ ]?\d)"  # "activation code is 83 71 55 02 19"
    r"|(?:(?<=[:=\n][ \t])|(?<=[:=\n])|(?<=is[ \t])|(?<=[éè][ \t])|(?<=st[ \t]))"
    r"\d{1,2}(?:[ ]\d{1,2}){2}(?![ ]\d)"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t]))\d{2,8}(?:-[A-Za-z0-9]{2,12}){1,3}"
    # groups of capitals and digits: "unlock code: 3K9-QP2-77M", "access code is RIV-2219-KQ"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t]))(?P<grouped>[A-Z\d]{2,5}(?:-[A-Z\d]{2,5}){2,3})(?![\w-])"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t])|(?<=est[ \t]))[A-Z]-\d{5,8}"  # Google's "G-771204"
    # "activation code: 55 912 088", not a dial-in "PIN: 812 345 671#"
    r"|(?<=[:=][ \t])\d{2,3}(?:[ ]\d{3}){2}(?![ ]?\d|#)"
    # a password's shape after a separator: "security code I set: Spl@sh2026"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t]))(?=[^\s,;()]{0,63}[!#$%&*?^~+=@§])[^\s,;()]{6,64}"
    r"|[^\W_]{4,32})"
    r"(?![\w-]|:\d|[ ]\d)",  # "code 407:15": a line and column, a time; "8812 4471": a number
    re.IGNORECASE,
)
# "Torcode Einfahrt 7391", "code porte d'entrée : 3B7421": words that say which door.
_CODE_QUALIFIED = re.compile(
    r"(?:[ \t]+[^\W\d][\w'’-]{0,20}){1,8}(?:[ \t]*[:=]"
    r"(?:(?:[ \t]*\r?\n){1,2}(?=[ \t]*\d{4,8}[ \t]*(?:\r?\n|\Z)))?[ \t]*(?P<v>[#*]?\d{3,10}[#*]?"
    r"|\d{2}(?:[ ]\d{2}){2,3}(?![ ]?\d)|\d{3}[ ]\d{3}(?![ ]?\d)|[A-Za-z0-9]{4,12}"
    r"|\d{1,3}(?:-\d{1,3}){2,5})"
    r"|[ \t]+(?P<w>\d{4,10}[#*]?(?![ ]\d)|\d(?: \d){3,7}(?:[ ]?[#*](?![\w#*]))?"
    r"|\d{1,6}[A-Za-z]\d{0,5}|[A-Za-z]\d{4,6}|\d{1,3}(?:-\d{1,3}){2,5}))"
    r"(?![\w-]|[ ]\d)"  # "…: 0201 555 3948": a phone number
)
# A code after the place it opens: "keypad at the dock: 60418", "Hintertür 2718#".
_PLACE = (
    r"keypad|lock[ -]?box|key[ -]?safe|key[ -]?box|alarm(?:anlage|[ \t]?(?:system|panel)|en|et)?"
    r"|riasztó|riasztót|hälytys"
    r"|alarme|allarme|alarma|larmet|larm|screen[ \t]?lock|lock[ \t]?screen|sperrbildschirm"
    r"|bildschirmsperre|displaysperre"
    r"|screen[ \t]time"
    r"|safe|tresor|coffre(?:-fort)?|cofre|caja[ \t]fuerte|cassaforte|kluis"
    r"|kassaskåp(?:et)?|pengeskab"
    r"|sejf|sejfas|seifas|seif|seiful|sêff|trezor|larwm|drws|ușa|uşa|lacăt|lacat"
    r"|locker|schließfach|fach|spind|casier|taquilla|armadietto|cabinet"
    r"|door|disarm|gate|garage|entrance|tür|tor|puerta|porte|portail|porta|portão|portone|deur"
    r"|cancello|døren|dörren|porten|dveře|πόρτα|brama|bramy|bramę|furtka|furtki|drzwi"
    r"|gembok|pintu|باب"
    r"|συναγερμ(?:ός|ό|ού)|synagermo[su]?|χρηματοκιβώτιο|κλειδαριά|kleidaria[s]?"
    r"|két[ \t]sắt|ket[ \t]sat"
    r"|lac[ăa]tul|ਤਾਲਾ|kapij[aeu]|vrata|spyna|signalizacija|сейф(?:а|ът)?|porth|portón|الخزنة|الإنذار"
    r"|padlock|cadeado|candado|cadenas|lucchetto|vorhängeschloss|hangslot|hänglås|kłódka"
    r"|zahlenschloss|combination[ \t]lock"
    r"|sleutelkast(?:je)?|sleutelkluis(?:je)?|schlüssel(?:kasten|safe|box|tresor)|nyckelskåp|nøgleboks(?:en)?"
    r"|nøkkelboks(?:en)?|kodeboks(?:en)?|kodbox(?:en)?|nyckelbox(?:en)?"
    r"|skrytka|boîte[ \t]à[ \t]clés|caja[ \t]de[ \t]llaves|cassetta[ \t]delle[ \t]chiavi"
)
# "keysafe by the bins 0613.", "Tür hinten 5561", "porta magazzino 9930*": which one or
# where it is, then the code ending the clause.
_WHERE_CODE = re.compile(
    r"(?P<words>(?:[ \t]+[^\W\d][\w'’-]{0,20}){1,6})[ \t]+"
    rf"{NOT_A_YEAR}(?P<v>\d{{4,8}}[#*]?|\d(?: \d){{3,7}}|\d{{2}}(?:-\d{{2}}){{2,3}})"
    r"(?=[ \t]*(?:[.,;!)]|\r?\n|\Z)"
    r"|[ \t]+(?i:but|pero|aber|mais|ma|maar|men|ale|mas|i[ \t]+think|probably|maybe)(?!\w))",
)
# Words that make the number a room, a floor, a model, a time or a year, not a code.
_NOT_WHERE = frozenset(
    """
    at um à a las alle om kl klo since seit depuis desde until bis from von ab no nr nº
    number nummer numéro número numero room zimmer raum salle sala floor etage étage stock piso
    building gebäude bâtiment edificio model modell modèle modelo ext extension tel phone year
    jahr année año office büro bureau oficina ufficio page seite página pagina
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
# One pass for both: "door code" is a code label, "door" alone a place.
_CODE_OR_PLACE = ByScript(CODE_WORDS, _PLACE, suffix=r"(?!\w)")
_IS_CODE = re.compile(CODE_WORDS)
_COMPOUND_ENDS = frozenset({"tür", "koodi", "kód", "kódja"})
# "Torcode", "servicekode", "Notfall-/Bedrohungscode": a code word ending a compound whose
# first part names what the code opens or who keys it in (not "Fehlercode", "barcode").
_COMPOUND_CODES = frozenset(
    {"code", "kode", "koden", "kod", "koder", "kood", "koda", "kóði", "kóðinn", "kóðanum"}
)
_KEYED_BY = re.compile(
    r"service|notfall|bedrohung|duress|tvang|panik|panic|master|admin|install|errichter"
    r"|techniker|tekniker|haupt|kassen|benutzer|bruger|bruker|användar|gebruiker|personal|staff"
    r"|supervisor"
    r"|mitarbeiter|medarbeider|medarbejder|anställd|scharf|nacht|night|tag"
    r"|entsperr|aktivierung|verificatie|verifizierung|verifikation|bekræftelse|bekreftelse|bestätig|wartung"
    r"|verifiserings?"
    r"|hurð|stjórnand|entspär|ontgrendel"
)
# "key safe by the loading bay is …", "Tor Einfahrt: …": where the place is, or which.
_BESIDE = (
    r"[ \t]+(?:by|beside|near|next[ \t]to|neben|bei|près[ \t]de)[ \t][^\n:=.!?]{1,40}?"
    r"(?=[ \t]+(?:is|ist|es|est)[ \t]|[ \t]*:)"
)
# "Schlüsseltresor am Objekt Gartenweg 4 (für Besichtigungen): …": which, where, what for.
_PLACE_ASIDE = r"[ \t]*\([^()\n]{1,40}\)"
_QUALIFIED_PLACE = (
    rf"(?:(?:[ \t]+[^\W\d][\w'’-]{{0,20}}){{1,4}}(?:[ \t]+\d{{1,4}})?(?:{_PLACE_ASIDE})?"
    rf"|{_PLACE_ASIDE})"
    r"(?=[ \t]*:)"
)
_PLACE_CODE = re.compile(
    rf"(?:(?:{BRIDGE}|[ \t]+(?:off|on|up)|{_BESIDE}|{_QUALIFIED_PLACE}|{_IN_PLACE})?"
    # "alarm: set = 5090"
    r"(?P<sep>[ \t]*:[ \t]*\r?\n[ \t]*(?=\d)|[ \t]*[:=](?:[ \t]*(?:un)?set[ \t]*=)?"
    r"|(?:[ \t]*\r?\n){1,2}[ \t]*"
    rf"(?={NOT_A_YEAR}(?:\d{{4,8}}|\d(?: \d){{3,7}})[ \t]*(?:\r?\n|\Z))"
    # "I've set the lockbox on the side gate to 8-3-5-1" (a verb of setting before it)
    rf"|[ \t]+to(?=[ \t]+{NOT_A_YEAR}\d)"
    r"|[ \t]*,(?=[ \t]*\d{4,8}[ \t]*[,.;]|[ \t]*\d[ \t]+digits)"
    r"|(?:[ \t]+(?:i[ \t]+think|i[ \t]+believe|probably|maybe))?"
    r"[ \t]+(?:is|ist|es|est|c['’]est|é|è|er|är|lautet|use|enter|type|press|dial|unset|disarm"
    r"|fa(?=[ \t]+\d)"  # Italian: "il lucchetto fa 4-4-9-1"
    rf"|punch[ \t]in)(?!\w)(?:[ \t]+(?:still|{NOW}))?"
    r"(?:[ \t]+(?:set|changed|reset)[ \t]+to)?[ \t]*:?"
    r"|[ \t]+[-–—](?=[ \t])))?"
    rf"(?:{_DIGITS_SAID})?"
    r"[ \t]*(?P<v>[#*]?\d{3,10}[#*]?|\d(?:[ -]\d){3,7}(?:[ ]?[#*](?![\w#*]))?"
    r"|(?<=[:=][ \t])\d{3,8}[a-z]|(?<=[:=][ \t])\d{1,3}(?:-\d{1,3}){2,5}"
    r"|(?<=[:=][ \t])[a-z](?:-\d){3,7}"  # a key safe's "C-1-7-8"
    r"|\d(?:[#*]\d){3,7}"  # "Keybox: 7*3*9*1"
    r"|(?<=[:=][ \t])\d{2}(?: \d{2}){2,3}(?![ ]?\d)"  # a safe's dial: "36 14 52"
    r"|(?:(?<=[:=][ \t])|(?<=is[ \t]))[a-z]{1,2}\d{3,8}"  # "keypad is C4721"
    r"|(?:(?<=[:=][ \t])|(?<=\n)|(?<=is[ \t])|(?<=[a-zß-ÿ][ \t]))"
    r"\d{1,3}(?:[ \t]*[-–][ \t]*\d{1,3}){2,5})"
    r"(?![\w-]|[ .]\d{2,4}[ .]\d{2,4}(?!\d))",  # not a phone's first part: "gate: 0539 93 44 10"
    re.IGNORECASE,
)
# "alarm: press OFF then 4719", "sleutelkastje … gaat open met 0712": a verb, a few words.
_VERB_CODE = re.compile(
    # an ordinal among those words ("the alarm on 2nd floor you disarm with 1917")
    r"(?=[^\n.!?]{0,110}\d)(?:[^\n.!?\d]|\d(?=\d?(?:st|nd|rd|th)(?!\w))){0,60}?(?<!\w)"
    r"(?:press|enter|type|dial|punch[ \t]in|key[ \t]in|opens?[ \t]with"
    r"|(?:dis|un)?arm(?:ed|s)?[ \t]with|(?:un)?set[ \t]with|(?:un)?scharf[ \t]mit"
    r"|unlocks?[ \t]with|gaat[ \t]open[ \t]met|opent[ \t]met|öffnet[ \t]mit|geht[ \t]auf[ \t]mit"
    r"|drücken|drücke|eingeben|tippen|ouvre[ \t]avec|s'ouvre[ \t]avec|appuyez[ \t]sur|tapez"
    r"|composez|abre[ \t]con|se[ \t]abre[ \t]con|pulsa|marca|teclea|si[ \t]apre[ \t]con|premi"
    r"|marcás|tecleás|apretás|pulsás|prem|tecleja"  # "Portón …: marcás *4419#", Catalan
    r"|digita|öppnas[ \t]med|tryck|åbnes[ \t]med|toets|druk[ \t]op|wpisz|otwiera[ \t]się[ \t]kodem"
    r"|ανοίγει[ \t]με|išjungiama|isjungiama|pwyswch|tekan"
    # "slår du fra med", "lo spegni con", "se desactiva con", "mit … aus": with, after a place
    r"|(?P<with>with|mit|avec|con|com|med|met|kódem|kodem))"
    # after a plain "with", not a year ("disarm with 2006" is a code)
    # "press # then 80914": a keypad's mark among those words
    rf"(?!\w)(?:[ \t,:]+(?:[^\W\d]{{1,8}}|[#*])){{0,3}}[ \t,:]+(?(with){NOT_A_YEAR})"
    r"(?P<v>[#*]?\d{4,8}[#*]?|\d(?:[ -]\d){3,7}(?:[ ]?[#*](?![\w#*]))?|\d{2}(?:-\d{2}){2,3}"
    r"|\d(?:[#*]\d){3,7}#?)"  # "pwyswch 1#7#3#9"
    r"(?![\w-])",
    re.IGNORECASE,
)
_SECRETS_SAID = re.compile(r"(?<!\w)(?:pw|pwd|pass|password|passwort|pin|code)(?!\w)")
# A further code after a separator: "… and Ben is 0713", "… – 0910", "it's 7731" (not a year).
_NEXT_CODE = re.compile(
    r"(?:[ \t]+(?:is|ist|es|est|é|è|er|är|je|was|war|it['’]?s)(?:[ \t]+(?:still|now|noch|jetzt))?"
    r"[ \t]*:?|[ \t]+(?:changed|set|reset|switched)[ \t]+it[ \t]+(?:to|from)|[ \t]*[:=–—]"
    r"|[ \t]+-(?=[ \t])"
    r"|(?:[ \t]+|(?<=\n))(?:the[ \t]+)?(?:old|new|previous|former)[ \t]+one"
    r"(?:[ \t]+(?:is|was))?[ \t]*:?(?:[ \t]*\((?=\d{4,8}\)))?"
    r"|[ \t]*\((?:the[ \t]+)?(?:was|old|previously|before|vorher|avant|antes)|[ \t]+to"
    r"|[ \t]*,?[ \t]*(?:(?:the|den|det|der|die|das|le|la|el|de|het)[ \t]+)?"
    r"(?:old|gamla|gamle|alte|alten|ancien|antiguo|antigua|vecchio|vecchia|oude)[ \t]*\("
    r"|[ \t]*,?[ \t]*a[ \t]+régi"
    # "if it doesn't work, try 9640", "kdyby nefungoval, zkuste 9640": another to try
    r"|[ \t]+(?:try|versuch(?:e|en|t)?|essaie|essayez|prova|probeer|zkus(?:te)?|spróbuj|prøv|pröva"
    r"|intenta|prueba|tente|próbáld)(?:[ \t]+(?:with|mit|avec|con|com|met|med|z))?)"
    rf"[ \t]*(?:(?<=\(was[ \t])(?=\d{{4}}\))|{NOT_A_YEAR})"
    r"(?P<v>[#*]?\d{4,8}[#*]?|\d(?: \d){3,7}(?:[ ]?[#*](?![\w#*]))?|\d(?:-\d){3,7})"
    r"(?![\w.,:/-]\d|[\w-])"
)
# How far after a code further ones are looked for.
_CODE_REACH = 200
# Labels whose digits right after them are a PIN: "ipad passcode 271828", "PUK 12345678".
_PIN_WORDS = frozenset(
    {"pin", "pincode", "pinkode", "pin-code", "pin-kode", "passcode", "puk", "code secret"}
    | {"pukcode", "puk-code", "пин", "pin1", "pin2"}
    | {"host key"}
    | {"geheimzahl", "geheimcode", "código secreto", "codice segreto", "titkos kód"}
)
# "6262 (the installer one is 9999)", "4411, and the back door one is 5566", "0000 on the
# old one, the new one 7302", "271828 and dad's 314159", "*8840# from monday. old one
# 1234#": another code.
_ANOTHER_ONE = re.compile(
    r"(?:[ \t]+(?:on|for|in)[ \t]+the[ \t]+[^\W\d][\w-]{1,20}[ \t]+one)?"
    r"(?:[ \t]+[^\W\d]{2,12}){0,5}"
    r"[ \t]*[(,;.—–-]?[ \t]*(?:and[ \t]+)?(?:(?:the[ \t]+)?(?:[^\W\d][\w-]{1,20}[ \t]+){1,2}one"
    r"|[^\W\d][\w-]{1,20}['’]s|mine|his|hers|ours|yours|theirs"
    r"|(?:the[ \t]+)?(?:old|new|previous|former))"
    r"(?:[ \t]+(?:is|was)|[ \t]*:)?(?:[ \t]+|[ \t]*\([ \t]*)(?P<v>\d{4,8}#?)(?![\w-])"
)
_REMOTE_ID = (
    r"(?!\w)[^\n\d]{0,30}\d{1,3}(?:[ ]?\d{3}){2,3}(?!\d)[ \t]*(?:/|,|;)[ \t]*"
    # "…, clave de un solo uso Qz7k3m": a word for its password, what kind, then it
    r"(?:(?:pass\w{0,6}|pw|pwd|clave|contraseña|senha|mdp|mot[ \t]de[ \t]passe|wachtwoord|code"
    r"|codice|código|otp|pin|heslo|hasło|parola|lösenord|passord|salasana)"
    r"(?:[ \t]+[^\W\d]{1,10}){0,4}[ \t]*:?[ \t]*)?"
    r"(?P<v>[a-z0-9!#$%&*?@+=-]{4,64})(?![\w-])"
)
_REMOTE = Rare("team[ ]?viewer|any[ ]?desk|rust[ ]?desk|splashtop", _REMOTE_ID)
# "tv: 482 115 903 / k2m9xq": TeamViewer's short name (the literal first, found fast).
_TV = re.compile("tv" + _REMOTE_ID)


def _label_code(text: str, low: str, m: re.Match[str], near: bool) -> Span | None:
    """The code after "alarm code", "PIN", "combination", "Torcode Einfahrt", …; ``near``:
    another code was found just before it."""
    line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1 or max(0, m.start() - 60)
    # Where its sentence starts, on its line, at most 120 characters before: what the code opens
    sentence = low.rfind("\n", max(0, m.start() - 120), m.start()) + 1 or max(0, m.start() - 120)
    if not low[sentence : m.start()].strip():  # "key safe at the side door:" / "code 7193"
        sentence = low.rfind("\n", max(0, m.start() - 120), max(0, sentence - 1)) + 1
    sentence = max(sentence, *(low.rfind(mark, sentence, m.start()) + 1 for mark in ".!?"))
    clause = max(
        line_start,
        m.start() - 40,
        sentence,
        *(low.rfind(c, line_start, m.start()) for c in _CLAUSES),
    )
    before = low[clause : m.end()]
    if _not_a_code(before, m.group()):
        return None
    after = _CODE_AFTER.match(text, m.end())
    if after is not None and (
        _not_a_code(low[m.end() : after.start("v")], m.group())
        or _FOUR_DIGITS.search(text, m.end(), after.start("v")) is not None
    ):
        after = None  # "código de rastreio … é …", "portkod till gården 1847, larmkoden är …"
    if after is not None and _COUNTED_AFTER.match(text, after.end("v")) is not None:
        after = None  # "The code we shipped was 2000 lines long."
    if after is not None and after.group("grouped") is not None:
        start, end = after.span("v")
        if _grouped_code(after.group("v")) and _ACCESS.search(low, sentence, start):
            return start, end, "access code", "access-code"
        after = None
    if after is not None:
        start, end = after.span("v")
        value = after.group("v")
        digits = _CODE_MARKS.sub("", value).isdigit() or _DIAL.fullmatch(value) is not None
        said = (
            after.group("sep") is not None
            or m.group() in _PIN_WORDS
            or "-" in value
            or _CODE_CONTEXT.search(low, sentence, m.end()) is not None
            # what was said before its sentence counts for a code of four digits or more
            or (
                len(value) >= 4
                and (
                    near
                    or _CODE_CONTEXT.search(low, _paragraph_start(low, m.start(), 160), sentence)
                    is not None
                )
            )
        )
        if digits and _repeats_an_id(text, value, start, end):
            return None  # "Access code: 418-227-395" below the meeting's link …/418227395
        if said and (
            digits
            or looks_like_password(value, False, True, text, end)
            or (":" in (after.group("sep") or "") and _wifi_word(text, value, m.start()))
        ):
            return start, end, "access code" if digits else "password", "access-code"
        if said and _door_code(value) and _CODE_CONTEXT.search(low, line_start, end):
            return start, end, "access code", "access-code"
    qualified = _CODE_QUALIFIED.match(text, m.end())
    if qualified is None:
        return None
    group = "v" if qualified.group("v") is not None else "w"
    start, end = qualified.span(group)
    value = qualified.group(group)
    words = low[max(line_start, m.start() - 40) : start]
    if _not_a_code(words, m.group()) or (
        group == "w"
        and (
            IS_YEAR(value)
            or (m.group() not in _PIN_WORDS and not _CODE_CONTEXT.search(words))
            or not _NOT_WHERE.isdisjoint(low[m.end() : start].split())
        )
    ):
        return None
    digits = _CODE_MARKS.sub("", value).isdigit()
    if digits or (_door_code(value) and _CODE_CONTEXT.search(words)):
        return start, end, "access code", "access-code"
    if looks_like_password(value, False, True, text, end):
        return start, end, "password", "access-code"
    return None


# "… 2468 i krzyżyk, do drzwi biura 1357", "4402 for me and 7718": a further code listed.
_LISTED_CODE = re.compile(
    # after a comma a word or more ("…, do drzwi biura 1357"), after "and" none is needed
    r"(?:[ \t]+[^\W\d][\w'’-]{0,20}){0,3}(?:[ \t]*[,;][ \t]*(?=[^\W\d])"
    r"|[ \t]+(?:and|och|og|und|et|y|e|i|en)[ \t]+)"
    rf"(?P<words>(?:[^\W\d][\w'’-]{{0,20}}[ \t]+){{0,4}}){NOT_A_YEAR}"
    r"(?P<v>\d{4,8}[#*]?)(?![\w-])"
)
# A line below a code, in a list: a few words, then a code ending the line.
_LINE_CODE = re.compile(
    r"[ \t]*\r?\n[ \t]*(?:[-•*][ \t]*)?(?P<words>(?:[^\W\d][\w'’-]{1,20}[ \t]+){1,3})"
    rf"(?:[-–:=][ \t]*)?{NOT_A_YEAR}(?P<v>\d{{4,8}})[ \t]*(?=\r?\n|\Z)"
)
# "Door fob PINs: Kirsty 4417, Paul 9052": a code per person after a plural label.
_CODES_EACH = re.compile(
    by_first_letter(
        "pins|piny|pin codes|pincodes|codes|codici|códigos|kody|kódy|koder|koden"
        "|pw's|pws|pwds|passwords|passwörter|kennwörter|logins|hesla|hasła|contraseñas|senhas"
        "|wachtwoorden|mots de passe|gesla|gesel|lozinke|šifre"
        "|le password|i pin"  # Italian plurals: "le password dei tablet in sala:"
    )
    + r"(?!\w)(?:[ \t]+[^\W\d][\w'’.-]{0,20}){0,8}(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*:"
)
_ROW_END = re.compile(r"[ \t]*[,;.!]?[ \t]*(?:\([^()\n]{0,40}\)[ \t]*)?(?:\r?\n|\Z)")
_PLURAL_CODES = ("pins", "pin codes", "pincodes", "codes", "codici", "códigos", "kody", "koder")
_EACH = re.compile(
    r"[ \t]*(?:,|;|&|/|and|und|et|y|e|en|og|och|i|(?P<line>\r?\n)(?:[ \t]*[-•*])?)?[ \t]*"
    # "Kirsty", "manager override", "Terminal 2 (café)"
    r"(?P<who>[^\W\d][\w'’.-]{1,20}(?:[ \t]+(?:[^\W\d][\w'’.-]{0,20}|\d{1,2}(?=[ \t:]))){0,2}"
    r"(?:[ \t]*\([^()\n]{1,30}\))?)"
    r"(?:[ \t]*[-:=–][ \t]*|[ \t]+)"
    r"(?P<v>\d(?: \d){3,7}(?![ ]?\w)|\d{3,8}#?"
    r"|(?=[^\s,;/]{0,40}[\d!#$%&*?@+=])[^\W\d_][^\s,;/]{3,40})"
    r"(?![\w-])"
)


# "Vonage - 4821 is the admin pin": a code before the label that names it (up to the label).
_CODE_FIRST = re.compile(
    r"(?<![\w.,:/#-])(?P<v>\d{4,8})[ \t]+(?:is|was|ist|est|es|är|er)[ \t]+"
    r"(?:(?:the|my|our|die|der|das|le|la|el|de|het|den)[ \t]+)?(?:[^\W\d]{2,15}[ \t]+){0,2}\Z"
)


# "the tablet at reception unlocks with 1928", "the office PC now opens with hutwarden2019"
# What a password opens: "the office PC now opens with …", not "the book opens with chapter1".
_LOCKED_THING = re.compile(
    r"(?<!\w)(?:pc|laptop|computer|mac|tablet|ipad|phone|iphone|screen|till|terminal|kiosk|door"
    r"|gate|lock|box|safe|account|login|app|vault|drive|disk|nas|router|server|volume)(?!\w)"
)
_UNLOCKS = Rare(
    "unlocks with|unlock it with|opens with|unlocked with",
    r"[ \t]+(?P<v>\d{4,8}|\d(?:-\d){3,7}|(?=[^\s,;]{0,39}\d)[^\W\d][^\s,;]{5,39})(?![\w-])",
)


def _code_first(low: str, label: int) -> Span | None:
    """The code right before a code label that starts at ``label``, if it names one."""
    first = _CODE_FIRST.search(low, max(0, label - 60), label)
    if first is None or IS_YEAR(first["v"]) or NOT_A_CODE.search(first.group()):
        return None
    return first.start("v"), first.end("v"), "access code", "access-code-before"


def _each_code(text: str, low: str) -> Iterator[Span]:
    """The codes after a plural label, each after a name."""
    for m in _CODES_EACH.finditer(low):
        line_start = line_bounds(low, m.start(), m.start())[0]
        if not starts_word(low, m.start()) or NOT_A_CODE.search(low, line_start, m.start()):
            continue
        pos = m.end()
        while (
            (each := _EACH.match(low, pos)) is not None
            and NOT_A_CODE.search(each.group("who")) is None
            # one per line, "room 1: 4471" is a room's number; a row's code ends its line
            and not (
                each.group("line")
                and (
                    not _NOT_WHERE.isdisjoint(each.group("who").split())
                    or _ROW_END.match(low, each.end()) is None  # "numbers 2024 and symbols"
                )
            )
        ):
            start, end = each.span("v")
            value = text[start:end]
            if value.replace(" ", "").isdigit():
                if len(value) < 4 and not low.startswith(_PLURAL_CODES, m.start()):
                    break  # three digits are a code in a list of codes, no password
                yield start, end, "access code", "access-code-each"
            elif looks_like_password(value, False, True, text, end) and not is_lookalike(value):
                yield start, end, "password", "access-code-each"
            else:
                break
            pos = each.end()


def _paragraph_start(low: str, pos: int, reach: int) -> int:
    """Where the paragraph of ``pos`` starts, at most ``reach`` characters before it."""
    start = max(0, pos - reach)
    blank = low.rfind("\n\n", start, pos)
    return start if blank == -1 else blank + 2


def _repeats_an_id(text: str, value: str, start: int, end: int) -> bool:
    """Whether a long code's digits stand elsewhere in the text: an ID given twice."""
    digits = "".join(c for c in value if c.isdigit())
    return len(digits) >= 8 and (
        text.find(digits, max(0, start - _ID_REACH), start) != -1
        or text.find(digits, end, end + _ID_REACH) != -1
    )


# How far from a code its digits may stand again as an ID (a meeting's link above it).
_ID_REACH = 1000


def _not_a_code(words: str, label: str) -> bool:
    """Whether ``words`` make the code a bank's, an order's, an error's, …; a PIN stays one
    on a bank card or for orders ("bank card reader pin 8157", "the online order PIN is
    7395"); what is in brackets names an app or a
    person ("iPad (bookings): passcode 190677")."""
    if "(" in words:
        words = _BRACKETED.sub("", words)
    return any(
        label != "pin" or found.group() not in ("bank", "order")
        for found in NOT_A_CODE.finditer(words)
    )


_BRACKETED = re.compile(r"\([^()\n]{0,40}\)")


# What a code in groups of capitals and digits opens, said in its sentence: an access, an
# unlock, a login, a portal ("access code is RIV-2219-KQ"; a batch's or a course's is none).
_ACCESS = re.compile(
    r"access|unlock|entsperr|login|log-in|sign[ -]?in|portal|portail|zugang|acceso|accès|acesso"
)


def _grouped_code(value: str) -> bool:
    """A code of three or four groups with three letters or more and a digit, no look-alike
    ("7F-22A1-0093" on a sticker is a model's)."""
    return (
        any(c.isdigit() for c in value)
        and sum(c.isalpha() for c in value) >= 3
        and not is_lookalike(value)
    )


def _door_code(value: str) -> bool:
    """A keypad code with a letter or two: "2580A", "A2580", "12B45"."""
    letters = sum(c.isalpha() for c in value)
    return (
        value.isalnum()
        and 1 <= letters <= 2
        and len(value) - letters >= 3
        and not is_lookalike(value)  # a tax PIN: "P051234567X"
    )


def _place_code(text: str, low: str, m: re.Match[str], _near: bool) -> Span | None:
    """The code after a door, gate, keypad or alarm: "keypad at the dock: 60418"."""
    after = _PLACE_CODE.match(text, m.end()) or _VERB_CODE.match(text, m.end())
    where = _WHERE_CODE.match(text, m.end()) if after is None else None
    # the word right before the number makes it a room, a time or a year
    if where is not None and _NOT_WHERE.isdisjoint(where.group("words").lower().split()[-1:]):
        after = where
    if after is None:
        return None
    value = after.group("v")
    said = "sep" not in after.re.groupindex or after.group("sep") is not None
    line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1 or max(0, m.start() - 60)
    sep = after.groupdict().get("sep") or ""
    if sep.strip() == "to" and _SET.search(low, line_start, m.start()) is None:
        return None  # "the gate to 4471 Elm Road": only "set the lockbox … to 8351" gives one
    if not said and (
        len(value) < 4
        # "email pw Marlin2024 … and the alarm 1966": a year among secrets is a code
        or (IS_YEAR(value) and _SECRETS_SAID.search(low, line_start, m.start()) is None)
    ):
        return None
    # What makes it no code is said in its own clause ("bank pw … and the alarm 1966").
    clause = max(
        line_start, m.start() - 40, *(low.rfind(c, line_start, m.start()) for c in _CLAUSES)
    )
    if NOT_A_CODE.search(low, clause, after.end()):
        return None
    line_end = low.find("\n", m.end()) % (len(low) + 1)
    if m.group() in _PORT_WORDS and _NETWORK.search(low, line_start, line_end):
        return None  # "Porta 3389 aberta no router para 192.168.1.50": a network's port
    return after.start("v"), after.end("v"), "access code", "place-code"


def _wifi_word(text: str, value: str, at: int) -> bool:
    """A plain word as a network's code ("nettverk Båthavn-Gjest, kode: fiskekake")."""
    return (
        _PLAIN_KEY.fullmatch(value) is not None
        and value.lower() not in NOT_SECRETS
        and on_wifi_line(text, at)
    )


_PLAIN_KEY = re.compile(r"[^\W\d_]{8,30}")
# A network's name, then a comma, a slash or a bar, right before a password's label:
# "HoorCentrum5G, pass is …", "TrailPeak-Guest / password …", "Cafe-5G, Passwort …"; not a
# word for one ("WiFi-verkon", "WLAN") nor a name in a sentence ("MacBook-Pro wifi password …").
_NETWORK_BEFORE = re.compile(
    r"(?<![\w-])(?!(?i:wi-?fi|wlan|ssid|wpa\d?)(?![a-z]))[A-Za-z][a-z]*(?:[A-Z]|[-_][A-Za-z\d]|\d)"
    r"[\w-]{0,30}[ \t]*[,/|][ \t]*\Z"
)


def _named_network_key(text: str, value: str, label: int, end: int) -> bool:
    """A plain word as a network's key after its label, the network named just before the
    label: "… is HoorCentrum5G, pass is sneekerpaviljoen", "TrailPeak-Guest / password
    hikingboots" (not "the wifi password is complimentary")."""
    return (
        _wifi_word(text, value, label)
        and not is_placeholder(value)
        and CLAUSE_END.match(text, end) is not None
        and _NETWORK_BEFORE.search(text, max(0, label - 48), label) is not None
    )


# "porta", "porte": a door, or beside an address or a router a network's port.
_PORT_WORDS = frozenset({"porta", "porte"})
_NETWORK = re.compile(
    r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|(?<!\w)(?:router|firewall|tcp|udp|subnet|nat|ip)(?!\w)"
)


_CLAUSES = (",", ";", ". ", " and ", " und ", " et ", " y ")
_SET = re.compile(r"(?<!\w)(?:set|changed|reset|programmed|switched)(?!\w)")


def more_codes(low: str, pos: int) -> Iterator[Span]:
    """Further codes after one found, in its paragraph: "(the installer one is 9999)",
    "… is 5529 and Ben is 0713", "… – 0910", a line below it of a few words and a code
    ("till 2 - pin 0419" / "manager override 771100")."""
    if (other := _ANOTHER_ONE.match(low, pos)) is not None:
        yield other.start("v"), other.end("v"), "access code", "access-code-another"
        pos = other.end()
    listed = _LISTED_CODE.match(low, pos)
    if (
        listed is not None
        and _NOT_WHERE.isdisjoint(listed.group("words").split()[-1:])
        and NOT_A_CODE.search(listed.group("words")) is None
    ):
        yield listed.start("v"), listed.end("v"), "access code", "access-code-another"
        pos = listed.end()
    line = pos
    while (below := _LINE_CODE.match(low, line)) is not None and _NOT_WHERE.isdisjoint(
        below.group("words").split()
    ):
        if NOT_A_CODE.search(below.group("words")) is not None:
            break
        yield below.start("v"), below.end("v"), "access code", "access-code-another"
        line = below.end()
    blank = low.find("\n\n", pos, pos + _CODE_REACH)
    stop = pos + _CODE_REACH if blank == -1 else blank
    if (
        _FOUR_DIGITS.search(low, pos, stop) is None
        and _SPACED_DIGITS.search(low, pos, stop) is None
    ):
        return  # no code further on in the paragraph
    for more in _NEXT_CODE.finditer(low, pos, stop):
        line_start = low.rfind("\n", pos, more.start()) + 1 or pos
        if NOT_A_CODE.search(low, line_start, more.start()) is None:  # "Customer number: …"
            yield more.start("v"), more.end("v"), "access code", "access-code-another"


def _keyed_compound(low: str, end: int) -> bool:
    """Whether the compound word ending at ``end`` starts by naming what a code opens or
    who keys it in."""
    start = end
    while start > max(0, end - 24) and low[start - 1].isalpha():
        start -= 1
    return _CODE_CONTEXT.search(low, start, end) is not None or (
        _KEYED_BY.match(low, start, end) is not None
    )


def factory_default(value: str, low: str, since: int, start: int) -> bool:
    """Whether ``value``, at ``start``, is a device's default, said so between ``since`` and
    it ("Default login: admin / admin", "PIN ta' default 0000")."""
    return value in _FACTORY and _DEFAULT.search(low, max(0, since), start) is not None


# A key's emoji before a value, as on a Wi-Fi card: "📶 Pousada Beira-Mar / 🔑 mangaba2024".
_KEY_EMOJI = re.compile(r"🔑[ \t]*:?[ \t]*(?P<v>[^\s\"'“”()<>]{4,64})")
# A phone number's porting code (UK): "Your PAC code is VDF 482 715".
_PAC = re.compile(
    r"\bPAC(?:[ \t]+code)?(?:[ \t]+is|[ \t]*:)[ \t]+(?P<v>[A-Z]{3}[ ]?\d{3}[ ]?\d{3})(?![\w-])"
)
# A camera's or a recorder's verification code: six capitals on its label ("Device
# verification code on the sticker: QRTXMV").
_LETTER_CODE = re.compile(
    r"(?i:verification[ \t]code)[^\n:.!?]{0,50}?(?::[ \t]*|[ \t]+(?i:says|is|reads)[ \t]+)"
    r"(?P<v>[A-Z]{6})(?![\w-])"
)


def codes(text: str, low: str) -> Iterator[Span]:
    """Door, alarm and PIN codes; a remote-access ID with its password."""
    last = -_CODE_REACH  # where the last code found ends
    read = 0  # where the codes found below a code end: from one among them, none are sought
    for m in _CODE_OR_PLACE.finditer(low):
        # "Haustür", "Hintertür", "ovikoodi", "ajtókód": a door or code word may end a compound.
        if not (
            starts_word(low, m.start())
            or m.group() in _COMPOUND_ENDS
            or (m.group() in _COMPOUND_CODES and _keyed_compound(low, m.start()))
        ):
            continue
        code = _IS_CODE.fullmatch(m.group()) is not None
        near = m.start() - last < _CODE_REACH
        found = (_label_code if code else _place_code)(text, low, m, near)
        if found is not None and factory_default(
            text[found[0] : found[1]], low, m.start() - 12, found[0]
        ):
            continue  # "the default PIN is 0000", "PIN ta' default 0000": the manual's
        if found is not None:
            yield found
            last = found[1]
            if found[1] > read:
                for more in more_codes(low, found[1]):
                    read = max(read, more[1])
                    yield more
        elif code and (first := _code_first(low, m.start())) is not None:
            yield first
    yield from _each_code(text, low)
    for m in _UNLOCKS.finditer(low):
        start, end = m.start("v"), trim_value(text, m.start("v"), m.end("v"))
        value = text[start:end]
        if value.replace("-", "").isdigit():
            yield start, end, "access code", "access-code-unlocks"
        elif (
            (password_shaped(value) or WORD_NUMBER.fullmatch(value))
            and not names_a_thing(value)
            and _LOCKED_THING.search(low, line_bounds(low, m.start(), m.start())[0], m.start())
        ):
            yield start, end, "password", "access-code-unlocks"
    for m in _KEY_EMOJI.finditer(text) if "🔑" in text else ():
        if looks_like_password(m.group("v"), False, True, text, m.end("v")):
            yield m.start("v"), m.end("v"), "password", "key-emoji"
    for m in _PAC.finditer(text) if "PAC" in text else ():
        yield m.start("v"), m.end("v"), "access code", "pac-code"
    for m in _LETTER_CODE.finditer(text) if "erification" in text else ():
        if sum(c in "AEIOUY" for c in m.group("v")) <= 1:  # no word: "FAILED", "EXPIRE"
            yield m.start("v"), m.end("v"), "access code", "verification-code-letters"
    for m in (*_REMOTE.finditer(low), *_TV.finditer(low)):
        value = m.group("v")
        if not starts_word(low, m.start()):
            continue
        if any(c.isdigit() for c in value) and any(c.isalpha() for c in value):
            yield m.start("v"), m.end("v"), "password", "remote-access-id-password"
