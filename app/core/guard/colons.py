"""A value after the colon that ends a password label's clause, with words about it
between: "the password is the hotel name with 2x exclamation: Lindenhof!!", "la password
dell'Wi-Fi? No, quella della centralina diagnostica: Bosch_KTS_2026", "The pass for the
door panel at the office: 77#19", "la clave del TPV … ahora es 4 dígitos: 9031", "hasło …
to teraz trzy słowa z myślnikami: pierogi-tramwaj-Wisła".

The words between stay on the label's line and in its sentence (a question mark may end
them: a reply goes on). What the value may be depends on them: a password's shape always;
a code where they name a door, a keypad or a terminal, or say how many digits it has;
words joined by dashes, or three to six words to the line's end, where they or the label
say it is words or a phrase. After a code's label ("the code to unlock the staff tablet is
the year we opened backwards: 7102") only a code counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from hourdesk.app.core.guard.alternation import Rare
from hourdesk.app.core.guard.labels import DIGITS, code_context, label_end, more_codes
from hourdesk.app.core.guard.sentences import WORDS_SAID
from hourdesk.app.core.guard.values import (
    NOT_SECRETS,
    NOW,
    Span,
    is_placeholder,
    looks_like_password,
    password_shaped,
    starts_word,
    trim_value,
)

# Up to the first colon on the label's line, no sentence's end or assignment between;
# the value is the run of non-spaces after it.
_TO_COLON = re.compile(
    r"[^\n:=.!;]{1,100}?(?<![\d/]):[ \t]+"
    # "…: adesso è 604219", "…: nouveau 7B3419", "…: it's 73-19-48"
    rf"(?:(?:{NOW}|new|nouveau|nouvelle|nuevo|nueva|neu|neuer|nieuw|nieuwe|nowy|nowe"
    r"|it['’]?s|c['’]est)[ \t]+)?"
    r"(?:(?:è|is|ist|est|es|é|er|är|je|jest)[ \t]+)?"
    r"(?P<v>[^\s\"'“”()<>]{2,64}|[«“„\"](?=[ \t]?[^\W\d_]))"  # or a phrase's opening quote
)
# Words that make the value a rule, a hash or an example, not the password.
_NOT_THE_VALUE = re.compile(
    r"(?<!\w)(?:hash|checksum|fingerprint|policy|length|format|hint|rule|expir\w*|history|error|failed"
    r"|example|e\.g|z\.b|like(?![ \t]+(?:you|we|i|they|he|she)(?!\w))"
    r"|pix|aleat[óo]ria"  # a Pix payment's key ("Chave aleatória: 4f7a2c91-…") is public
    r"|നയം|విధానం|ನೀತಿ)(?!\w)"  # a policy in Malayalam, Telugu, Kannada
)  # an example: "… like: …"; not "a phrase like you recommended: …"
# The word before the colon names what follows: an account, a host, a network.
_NAMES_NEXT = re.compile(
    r"(?<!\w)(?:user(?:name)?|login|account|e-?mail|name|ssid|network|host(?:name)?|server"
    r"|domain|url|link|id|serial|s/n|número[ \t]de[ \t]s[éè]rie|numéro[ \t]de[ \t]série"
    r"|serienummer|seriennummer|saxeli|სახელი|sunan|անուն|নাম"  # name: Georgian, Hausa …
    # an order's reference: "la référence commande :", "order number:"
    r"|r[ée]f[ée]rence(?:[ \t]+(?:de[ \t]+)?commande)?|(?:order|commande|pedido)"
    r"(?:[ \t]+(?:number|no|nr|ref))?)"
    r"(?:[ \t]+(?:du|de|of|des|der|von|do|da|del)[ \t]+[\w-]{1,20})?"  # "… de série du Mac :"
    r"[ \t]*:[ \t]+\Z"
)
# "(nicht der Schlüssel selbst):", "(not the password):": what follows is something else.
_NOT_THE = re.compile(
    r"(?<!\w)(?:not|nicht|kein|pas|não|non|niet|inte|ikke|nie|ne)[ \t]+"
    r"(?:(?:the|der|die|das|den|le|la|o|a|el|il|de|het|ten|ta)[ \t]+)?\Z"
)
# A key of digits or hex digits in groups of four: "Kennwort Router (FritzBox im Stall): 4471
# 8820 …", "Clé WPA …, recopiée de l'autocollant: 8C4F 2A91 77BE".
_DIGIT_GROUPS = re.compile(
    r"(?:\d{4}(?: \d{4}){3,7}|(?=[A-F]{0,3}\d)[0-9A-F]{4}(?: [0-9A-F]{4}){2,3})(?![\w-]| +\w)"
)
# The words for a code whose clause may end in a colon before it.
_CODE_WORD = Rare("code|pin|passcode|kode|koden|kod|koodi|código|codice|combination", r"(?![\w-])")
# "j'ai choisi une phrase comme tu m'as conseillé : …", "I picked a sentence: …": a
# passphrase chosen, its colon after.
_CHOSE_PHRASE = Rare(
    "choisi|chosen|picked|chose|gewählt|elegido|escogido|escolhi|scelto|gekozen|valt|valgt",
    r"[ \t]+(?:une|a|eine|una|uma|een|en|et)[ \t]+"
    r"(?=(?:phrase|sentence|satz|frase|zin|fras|sætning|setning)(?!\w))",
)
# What such a phrase is for, before it: a password, a vault of them.
_FOR_LOGINS = re.compile(
    r"pass|mot de passe|mdp|kennwort|keepass|bitwarden|lastpass|coffre|tresor|vault|kluis"
    r"|contrase|senha|wachtwoord|lösen|adgangskode|hasł|hesl|salasan|jelsz|login|anmeld"
)
_CHOSE_REACH = 200
_VERB_PASS = re.compile(r"pass[ \t]+(?:it|them|this|that|on|along|through|by|me|us)(?!\w)")
# "4 digits:", "vier Ziffern:": the number of digits the code has.
_DIGITS = re.compile(rf"(?<!\w)(?P<n>\d)[ \t]+{DIGITS}")
_CODE = re.compile(r"[#*]?\d{2,8}(?:[#*-]\d{1,8}){0,3}[#*]?|\d?[A-Z]\d{3,6}")
_LETTERS = re.compile(r"[^\W\d_]{2}")
_OTP = re.compile(r"\d{3} \d{3}(?![ ]?\d)")  # a one-time code in two groups
_DASHED_WORDS = re.compile(r"[^\W\d_]{2,15}(?:-[^\W\d_]{2,15}){2,5}")
# A passphrase: a label that says so, or the words between; a word's end, not
# "infrastructure", though compounds ("lösenordsfrasen", "wachtwoordzin") are such words.
_PHRASE_SAID = re.compile(
    r"(?:phrase|frase|fras|satz|zin|sentence|lause|sætning|setning|zdanie|φράση)"
    r"(?:n|en|e|s|es|ar|er|na|erna)?(?!\w)"
)
# Three to six words, then the line's end, a bracket or a dash; or three to nine in quotes.
_PHRASE = re.compile(
    r"(?P<p>[^\W\d_][\w'’-]{1,20}(?:[ \t]+[\w'’-]{1,20}){2,5})"
    r"(?=[ \t]*(?:[.!][ \t]|[.!]?[ \t]*(?:\r?\n|\Z|\(|[-–—][ \t])))"
)
_QUOTED_PHRASE = re.compile(
    r"[«\"“„][ \t]?(?P<p>[^\W\d_][\w'’-]{1,20}(?:[ \t]+[\w'’-]{1,20}){2,8})[ \t]?[»\"”“]"
)


def far_colon_values(text: str, low: str, labels: list[int]) -> Iterator[Span]:
    """The value after the colon of each password label's clause (``labels``: where they
    start), as the words between allow; a code after the colon of a code label's clause."""
    starts = [(label, label_end(low, label), False) for label in labels]
    starts += [
        (m.start(), m.end(), False)
        for m in _CHOSE_PHRASE.finditer(low)
        if _FOR_LOGINS.search(low, max(0, m.start() - _CHOSE_REACH), m.start()) is not None
    ]
    starts += [
        (m.start(), m.end(), True)
        for m in _CODE_WORD.finditer(low)
        if starts_word(low, m.start(), "-_")
    ]
    done = read = 0  # read: where the codes found below a code end
    for label, pos, code_only in sorted(starts):
        if pos < done or _VERB_PASS.match(low, label, pos + 8) is not None:
            continue  # "to pass it on to you:"
        if (found := _after_colon(text, low, label, pos, code_only)) is not None:
            done = found[1]
            yield found
            if found[2] == "access code" and found[1] > read:  # "… : 7102. no, it's 4202"
                for more in more_codes(low, found[1]):
                    read = max(read, more[1])
                    yield more


def _after_colon(text: str, low: str, label: int, pos: int, code_only: bool) -> Span | None:
    """The value after the colon that ends the clause of the label from ``label`` to
    ``pos``, if the words between allow one."""
    if (m := _TO_COLON.match(low, pos)) is None or _NOT_THE.search(low, label - 16, label):
        return None  # "Lizenzschlüssel-ID (nicht der Schlüssel selbst): LIC-…": its ID
    between = low[pos : m.start("v")]
    if (
        _LETTERS.search(between) is None
        or _NOT_THE_VALUE.search(between) is not None
        or _NAMES_NEXT.search(between) is not None
    ):
        return None  # "'PASSWORD': os.environ[…]": a key of its own, no words between
    start = m.start("v")
    end = trim_value(text, start, m.end("v"))
    value = text[start:end]
    name, equals, assigned = value.partition("=")
    if equals and name.isidentifier() and (not assigned or is_placeholder(assigned)):
        return None  # "… hanem így: JELSZO=xxxxxx": how to write it, with a placeholder
    if not code_only and (grouped := _DIGIT_GROUPS.match(text, start)) is not None:
        return start, grouped.end(), "password", "colon-password"  # a router's "4471 8820 …"
    if (otp := _OTP.match(text, start)) is not None:
        end, value = otp.end(), otp.group()  # "… from the bank text: 583 017"
    if _CODE.fullmatch(value) is not None or otp is not None:
        digits = _DIGITS.search(between)
        if (digits is not None and sum(c.isdigit() for c in value) == int(digits["n"])) or (
            digits is None and code_context(low[max(0, label - 30) : m.start("v")])
        ):  # "the engineer code so you can add the module: it's 9182": the label's words too
            return start, end, "access code", "colon-code"
        return None
    if code_only:
        return None
    if password_shaped(value) or (
        not value.isalpha()
        and (
            looks_like_password(value, False, True, text, end)
            or (len(value) >= 6 and looks_like_password(value, False, False, text, end))
        )
    ):
        return start, end, "password", "colon-password"
    if WORDS_SAID.search(between) and _DASHED_WORDS.fullmatch(value) is not None:
        return start, end, "password", "colon-words"
    if (_PHRASE_SAID.search(low, label, start) or WORDS_SAID.search(between)) and (
        phrase := _PHRASE.match(text, start) or _QUOTED_PHRASE.match(text, start)
    ) is not None:
        words = phrase.group("p").lower().split()
        if 2 * sum(word in NOT_SECRETS for word in words) <= len(words):
            return *phrase.span("p"), "password", "colon-phrase"
    return None
