"""Recovery and backup codes, and wallet seed phrases, after their labels: one finding per
line of codes, one per phrase."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from heapq import merge
from typing import TYPE_CHECKING

from hourdesk.app.core.guard.alternation import Rare, by_first_letter
from hourdesk.app.core.guard.values import (
    AN_ID_BEFORE,
    BRIDGE,
    WORDS,
    Span,
    line_bounds,
    match_end,
    starts_word,
)

if TYPE_CHECKING:
    from mnemonic import Mnemonic

_RECOVERY = Rare(
    "recovery|backup|wiederherstellungs|scratch|emergency|rescue|reserve|spare|one-time",
    # "BACKUP VERIFICATION CODES": a word between
    r"(?:[ \t-][a-z]{3,14})?[ \t-]?(?:keys?|codes?|schlüssel|kennwort|kodes?|códigos?)(?!\w)",
)
# Languages that name the codes or words first ("códigos de respaldo", "kody zapasowe") or
# in one word ("varmuuskoodit").
_CODES_FIRST = (
    r"c[oó]digos?[ \t]de[ \t](?:respaldo|recuperaci[oó]n|recupera[cç][aã]o|seguridad|emergencia"
    r"|backup|reserva)|codes?[ \t]de[ \t](?:secours|r[ée]cup[ée]ration|sauvegarde)"
    r"|codic[ie][ \t]di[ \t](?:backup|recupero|emergenza|riserva)"
    r"|kody[ \t](?:zapasowe|odzyskiwania|awaryjne)|kod[ \t](?:zapasowy|odzyskiwania|awaryjny)"
    r"|záložní[ \t]kód[y]?|obnovovací[ \t]kódy?|herstelcode|noodcode|återställningskod"
    r"|gendannelseskode"
    r"|varmuuskoodit|palautuskoodit|varakoodit|herstelcodes|back-?upcodes|reservecodes"
    # the Nordic ones with their article too ("backupkoderna", "gendannelseskoderne", "kodene")
    r"|reservkoder(?:na)?|återställningskoder(?:na)?|backupkod(?:er(?:na|ne)?|ene)"
    r"|gendannelseskoder(?:ne)?|reservekod(?:er(?:ne)?|ene)|yedek[ \t]kodlar[ıi]?"
    r"|gjenopprettingskoder?(?:ne)?"
    r"|kurtarma[ \t]kodlar[ıi]?|резервные[ \t]коды|коды[ \t]восстановления|κωδικοί[ \t]ανάκτησης"
    r"|coduri(?:le)?[ \t]de[ \t](?:rezervă|rezerva|recuperare)|cod[ \t]adfer"
    r"|klucz[ \t](?:odzyskiwania|zapasowy)"
    r"|klíč[ \t]pro[ \t]obnovení|clé[ \t]de[ \t]récupération|clave[ \t]de[ \t]recuperación"
    r"|chave[ \t]de[ \t]recuperação|chiave[ \t]di[ \t]recupero|herstelsleutel"
    r"|återställningsnyckel|gendannelsesnøgle|atkūrimo[ \t]kod(?:ai|as)|atsarginiai[ \t]kodai"
    r"|codis[ \t]de[ \t](?:recuperació|recuperacio|seguretat)|berreskuratze[ \t]kode(?:a|ak)?"
    r"|קוד(?:י)?[ \t]שחזור|מפתח(?:ות)?[ \t]שחזור|obnovitvena[ \t]koda|obnovitvene[ \t]kode"
    r"|côd[ \t]adfer"
    r"|mã[ \t]khôi[ \t]phục|mã[ \t]dự[ \t]phòng|varukoodid|varukood|taastevõti|taastevõtme"
    r"|кодов[ \t]восстановления|код[ \t]восстановления|恢复密钥|恢復金鑰|恢复码|恢復碼"
    r"|endurheimtarkóð(?:i|inn|ar|arnir)"
    r"|bərpa[ \t](?:açarı|kodları|kodu)|резервни[ \t]кодове|кодове[ \t]за[ \t]възстановяване"
    r"|kódy[ \t]na[ \t]obnovenie|k[oó]dy?[ \t]pro[ \t]obnoven[ií]"
    r"|κωδικός[ \t]ανάκτησης|k[wo]dik(?:os|oi)[ \t]anaktisis|cod[ \t]de[ \t]recuperare"
    r"|codau[ \t](?:wrth[ \t]gefn|adfer)|còdan-cùl|kodet[ \t]rezerv(?:ë|e)"
    r"|kodovi[ \t]za[ \t](?:oporavak|obnovu)|кодови[ \t]за[ \t](?:опоравак|обнову)"
    r"|バックアップコード|백업[ \t]?코드|備用碼|备用码|복구[ \t]?코드|koodu[ \t]imularada"
    r"|misimbo[ \t]ya[ \t](?:kurejesha|akiba)|קודי[ \t]גיבוי"
    r"|atk[ūu]rimo[ \t]raktas|c[óo]id[ \t]ch[úu]ltaca|مفتاح[ \t]الاسترداد|رموز[ \t]الاسترداد"
)
_PHRASE_FIRST = (
    r"fraza[ \t](?:odzyskiwania|seed)|frase[ \t](?:de[ \t]recuperaci[oó]n|de[ \t]recupera[cç][aã]o"
    r"|di[ \t]recupero|semilla|seed)|palabras[ \t]de[ \t]recuperaci[oó]n"
    r"|phrase[ \t]de[ \t]r[ée]cup[ée]ration|mots[ \t]de[ \t]r[ée]cup[ée]ration|herstelzin"
    r"|återställningsfras|gendannelsessætning|palautuslause|фраза[ \t]восстановления"
    r"|atkūrimo[ \t]fraz[ėę]|obnovitvene[ \t]besede|geiriau[ \t]adfer|từ[ \t]khôi[ \t]phục"
    r"|fraz[aă][ \t]de[ \t]recuperare|taastamise[ \t]sõnad|сид[ \t-]фраза|სიდ[ \t-]ფრაზა"
    r"|frasa[ \t]pemulihan"
    r"|мнемоническая[ \t]фраза|focail[ \t]athshlánaithe|助记词|助記詞"
    r"|maneno(?:[ \t]\d{2})?[ \t]ya[ \t](?:pochi|kurejesha)|kalamat-e[ \t]bazyabi"
)
# What a text holds when one of them may be in it (a search of each costs little more).
_CODES_STEMS = (
    "digo", "code de", "codes de", "codic", "kod", "kód", "koodit", "upcodes", "herstelcode",
    "noodcode", "reservecodes", "koder", "kodlar", "коды", "κωδικοί", "coduri", "cod adfer",
    "klucz", "klíč", "clé de", "κωδικός", "kwdik", "kodik", "cod de",
    "clave de", "chave de", "chiave di", "sleutel", "nyckel", "nøgle", "codis de", "kode",
    "קוד", "מפתח", "obnovitven", "côd", "mã", "varukood", "taastev", "endurheimt", "кодове",
    "codau", "bərpa", "koodu", "misimbo", "קודי",
    "còdan", "バックアップ", "백업", "備用", "备用", "кодов", "код ", "恢复", "恢復", "복구",
    "raktas", "cóid", "coid", "الاسترداد",
)  # fmt: skip
_PHRASE_STEMS = (
    "fraza", "frase", "palabras", "phrase de", "mots de", "herstelzin", "fras", "sætning",
    "lause", "фраза", "fraz", "besede", "geiriau", "khôi", "sõnad", "focail", "助", "maneno",
    "kalamat", "ფრაზა",
)  # fmt: skip
_CODES_FIRST_LABEL = re.compile(by_first_letter(_CODES_FIRST) + r"(?!\w)")
_PHRASE_FIRST_LABEL = re.compile(by_first_letter(_PHRASE_FIRST) + r"(?!\w)")


def _labels(
    rare: Iterator[re.Match[str]], low: str, named: re.Pattern[str], stems: tuple[str, ...]
) -> Iterator[re.Match[str]]:
    """The matches of ``rare`` and those of ``named`` in a text holding one of its
    ``stems``, in order."""
    if not any(stem in low for stem in stems):
        return rare
    return merge(rare, named.finditer(low), key=lambda m: m.start())


# "(two used)", "for Google", then ":", "is" or "are", and the codes on this line or below.
# Codes struck out as used: "~~8H3K-Q2LM~~ 7RZ4-WB8N".
_STRUCK = r"(?:~~[^~\n]{1,40}~~[ \t]*,?[ \t]*){0,8}"
_LEAD = re.compile(
    # "… backup codes Google gave me" and the codes below (a blank line between); first, so
    # that "… here they are in case …:" runs to the line's end
    r"(?:[^\n:=]{0,120}:?(?=[ \t]*\r?\n)"
    rf"|(?:[ \t]*\([^()\n]{{0,40}}\))?(?:{BRIDGE})?"
    r"(?:[ \t]*[:=：]|[ \t]+(?:is|are|sind|ist)(?!\w)|(?=[ \t]*\r?\n))"
    # "… recovery code when I turned on 2-step: IMSY6-ULHKN-…": the rest of the sentence,
    # then a code in four groups or more
    r"|[^\n:=]{1,120}?[:=][ \t]*(?=[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{4,8}){3,7}(?![\w-]))"
    # "Mã khôi phục Etsy: 7kq2-mx9p-44rt": what it is for, a colon, one code in groups
    r"|[^\n:=]{1,40}?[:=][ \t]*"
    r"(?=(?=[\w-]{0,30}\d)[A-Za-z0-9]{4,8}(?:-[A-Za-z0-9]{3,8}){2,7}(?![\w-]))"
    # "… Facebook σελίδας: 83920174, 55102938, …": what they are for, then a list of codes
    # (codes apart by two spaces or more, one struck out as used: "~~8H3K-Q2LM~~ 7RZ4-WB8N  …")
    rf"|[^\n:=]{{1,60}}?[:=][ \t]*(?={_STRUCK}(?:\d{{3,5}} \d{{3,5}}|[A-Za-z0-9-]{{6,20}})"
    r"(?:(?:[ \t]*[,;][ \t]*|[ \t]+(?:and|und|et|y|e|dan|ו-?)[ \t]+|[ \t]{2,4})"
    r"(?:\d{3,5} \d{3,5}|[A-Za-z0-9-]{6,20})){1,9}"
    # "… capanna: 83920175 61047832 …", "… quán: 73915402 và 28460317"
    r"|\d{6,10}(?:[ \t]+(?:(?:and|và|y|et|und|e|dan)[ \t]+)?\d{6,10}){1,9}(?!\S)))?"
    # then a blank line, a code block's fence ("```") or both
    r"[ \t]*(?:\r?\n(?:[ \t]*\r?\n)?(?:[ \t]*```\w{0,12}[ \t]*\r?\n)?)?",
    re.IGNORECASE,
)
# "1. ", "- ", "* " before a code in a list.
_ITEM = re.compile(rf"[ \t]*(?:\d{{1,2}}[.)]|[-*•])?[ \t]*{_STRUCK}")
_CODE = re.compile(
    r"(?:\d{3,5}(?: \d{3,5}){1,3}|[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){2,7}"
    r"|[A-Za-z0-9]{4,40}(?:-[A-Za-z0-9]{4,12}){0,8}|[A-Za-z0-9]{2,3}(?:-[A-Za-z0-9]{4,12}){3,8})"
    r"(?![\w-])"
)
# Between codes: a comma, "and", "or the other codes:".
_GAP = re.compile(
    r"(?:(?:[ \t]*[,;][ \t]*|[ \t]+)"
    r"(?:(?:and|und|et|y|e|i|og|och|en|ve|or|oder|ou|o|plus|và|dan|agus|iyo|ו-?)[ \t]+)?"
    r"(?:(?:the[ \t]+)?(?:other|alternate|alternative|spare|more|further|weitere|autres)"
    r"[ \t]+(?:codes?|keys?)[ \t]*:?[ \t]*)?)?"
    r"(?:(?<=[ \t])\d{1,2}[.)][ \t]+)?"  # "1. 4821 9036    6. 2094 7781": a second column
    + _STRUCK,
    re.IGNORECASE,
)


# "… and the Apple one for the iPad:" with a key in dashed groups: a further recovery key.
_ANOTHER_KEY = re.compile(
    r"\s{0,4}[^\n:]{0,80}:[ \t]*(?:\r?\n[ \t]*)?"
    r"(?P<v>(?=[\w-]{0,80}\d)[A-Za-z0-9]{2,8}(?:-[A-Za-z0-9]{4,8}){3,8})(?![\w-])"
)


_CJK = "\u2e80"


def _after_labels(
    labels: Iterator[re.Match[str]], lead: re.Pattern[str], text: str, low: str
) -> Iterator[int]:
    """Where a value may start: past the lead of each label that starts a word."""
    for m in labels:
        # a CJK label stands right after the word before it: "Googleのバックアップコード"
        if starts_word(low, m.start()) or low[m.start()] >= _CJK:
            yield match_end(lead, text, m.end())


def recovery_codes(text: str, low: str) -> Iterator[Span]:
    """Recovery keys and backup codes after their label, on its line or listed below it."""
    done = 0
    for pos in _after_labels(
        _labels(_RECOVERY.finditer(low), low, _CODES_FIRST_LABEL, _CODES_STEMS), _LEAD, text, low
    ):
        if pos < done or AN_ID_BEFORE.search(low, max(0, pos - 24), pos) is not None:
            continue  # "… recovery key, screen shows Key ID: 7A3F9C21": which key, not the key
        before = done
        for _ in range(30):
            pos = match_end(_ITEM, text, pos)
            first = last = None
            while (code := _CODE.match(text, pos)) is not None:
                value = code.group()
                if not any(c.isdigit() for c in value) and value.count("-") < 3:
                    break
                first = code.start() if first is None else first
                last = pos = code.end()
                pos = match_end(_GAP, text, pos)
            if first is None or last is None:
                break
            yield first, last, "recovery code", "recovery-code"
            pos = done = last
            if text.startswith("\r\n", pos):
                pos += 1
            if pos >= len(text) or text[pos] != "\n":
                break
            pos += 1
        if done > before and (other := _ANOTHER_KEY.match(text, done)) is not None:
            yield other.start("v"), other.end("v"), "recovery code", "recovery-code-another"
            done = other.end()


_SEED = re.compile(
    by_first_letter(
        "seed|recovery|backup|mnemonic|wallet|trezor|ledger|metamask|electrum|exodus|12|24"
        "|twelve|twenty-four|wiederherstellungs|herstel"
    )
    + r"(?:[ \t-]?(?:phrase|words|sentence|satz|wörter|worte|mots|palabras|parole|woorden"
    r"|palavras|słów|woorde)|(?<=mnemonic)|(?<=seed)(?=[ \t]*(?:is[ \t]*)?:))(?!\w)"
)
# A text about a crypto wallet, where a line of twelve to twenty-four plain words is its seed.
_WALLET = (  # crypto, Krypto
    "seed", "wallet", "rypto", "bitcoin", "trezor", "metamask", "ledger", "mnemonic",
    "recovery words", "recovery phrase", "backup phrase", "cripto", "carteira", "cartera",
    "kripto", "tárca", "cüzdan", "kurtarma kelime", "plånbok", "tegnebog", "lommebok",
    "lompakko", "peněženk", "portfel", "portefeuille", "monedero", "portafoglio", "portemonnee",
    "portemonnaie",
    "pinigin", "peňažen", "beursie", "denarnic", "waled", "dompet", "ví", "rahakot",
    "錢包", "钱包", "助記詞", "助记词", "ウォレット", "지갑", "กระเป๋าเงิน", "sparán", "sparáin",
)  # fmt: skip
# "(12 szó)", "it's 24 words": a text that counts a seed's words.
_SEED_COUNT = re.compile(rf"(?:12|24)(?<!\d..)[ \t](?:{WORDS})")
_WORD_LINE = re.compile(
    # in quotes too: 'we typed them up: "velvet gospel …"'; after a dash: "ye hain - hamper …",
    # an arrow: "seed -> "lunar wreck …""
    r"(?:^|[:?!.→]|[ \t][-–—]|[-=]>)[ \t]*[\"'“«]?"
    r"(?P<w>[a-zà-öø-ÿ]{3,8}(?:(?:[ \t]*[/,·|][ \t]*|[ \t]+)[a-zà-öø-ÿ]{3,8}){11,23})"
    # to the line's end, or a sentence's end or a dash ("…: orbit vivid … ribbon. He says")
    # or a closing quote ('-> "lunar wreck … theme"  nie wysyłaj')
    r"(?:[\"”»](?!\w)|[\"'”»]?(?:[ \t]*\.?[ \t]*$|(?=[ \t]?\.[ \t]|[ \t]*[–—][ \t]|[ \t]+-[ \t])))",
    re.MULTILINE,
)
_LINE_WORD = re.compile(r"[a-zà-öø-ÿ]{3,8}")
_PHRASE_LENGTHS = frozenset({12, 15, 18, 21, 24})
_SEED_WORD = re.compile(
    r"[ \t,]*(?:\r?\n[ \t]*)?(?:\d{1,2}[.)][ \t]*)?(?P<w>[a-zà-öø-ÿ]{3,8})(?![\w'-])"
)
# Words of sentences, never of a seed phrase.
_PROSE_WORDS = frozenset(
    """
    the and for that this with from have are was were you your our its not but has had
    will into then there here where when what
    """.split()  # noqa: SIM905 - a word list reads best as running text
)
SEED_MIN_WORDS = 12


@cache
def _standard() -> Mnemonic:
    """The standard (BIP-39) that nearly every wallet writes its seed in, read when a line
    of plain words is first met."""
    from mnemonic import Mnemonic

    return Mnemonic("english")


def _a_seed(text: str, start: int, end: int) -> bool:
    """Whether the words of ``text[start:end]`` are a seed by the standard's own test: all its
    words, the checksum in the last one right (a wallet's always is; a list of common words
    passes one time in sixteen at most)."""
    return _standard().check(" ".join(_LINE_WORD.findall(text, start, end)))


# Up to the end of the label's sentence: "(24 words) in case you need it:".
_SEED_LEAD = re.compile(
    r"(?:[^\n:=：]{0,60}?(?:[:=：]|[ \t](?:is|are)(?!\w)[ \t]*:?|(?=[ \t]*\r?\n)))?[ \t]*(?:\r?\n)?"
)


def seed_phrases(text: str, low: str) -> Iterator[Span]:
    """Twelve to twenty-four plain words after "seed phrase", "recovery phrase", "mnemonic"."""
    done = 0
    for pos in _after_labels(
        _labels(_SEED.finditer(low), low, _PHRASE_FIRST_LABEL, _PHRASE_STEMS), _SEED_LEAD, text, low
    ):
        if pos < done:
            continue
        start = end = None
        count = 0
        while count < 24 and (word := _SEED_WORD.match(text, pos)) is not None:
            if word.group("w") in _PROSE_WORDS:
                break
            start = word.start("w") if start is None else start
            end = pos = done = word.end()
            count += 1
        if count >= SEED_MIN_WORDS and start is not None and end is not None:
            yield start, end, "recovery phrase", "seed-phrase"
    wallet = any(word in low for word in _WALLET) or _SEED_COUNT.search(low) is not None
    yield from _numbered_words(text, wallet)
    if not wallet:  # "1 winter 2 lobster 3 canvas … 12 uncle", a line of its own, says it
        yield from (span for span in _numbered_words(text, True) if _own_line(text, *span[:2]))
    if wallet:
        yield from _word_lines(text)
        yield from _word_blocks(text)
        yield from _numbered_columns(text)
    else:
        for span in (*_word_lines(text), *_word_blocks(text)):
            if _a_seed(text, *span[:2]):
                yield span


def _own_line(text: str, start: int, end: int) -> bool:
    """Whether ``start``-``end`` is a line of its own, or the rest of one after a colon, with
    no word of prose in it (the line's bounds read a few hundred characters at most)."""
    line_start, line_end = line_bounds(text, start, end)
    before = text[line_start:start].strip()
    return (
        "\n" not in text[start:end]
        and (not before or before.endswith(":"))
        and not text[end:line_end].strip()
        and _PROSE_WORDS.isdisjoint(_LINE_WORD.findall(text, start, end))
    )


def _word_lines(text: str) -> Iterator[Span]:
    """A line of 12, 15, 18, 21 or 24 plain words, none of sentences, apart by spaces,
    slashes or commas (in a text about a wallet: "wrote this on a card" and the words
    below)."""
    for m in _WORD_LINE.finditer(text):
        words = _LINE_WORD.findall(m.group("w"))
        if len(words) in _PHRASE_LENGTHS and _PROSE_WORDS.isdisjoint(words):
            yield m.start("w"), m.end("w"), "recovery phrase", "seed-phrase-line"


# Lines of plain words one below the other ("harvest lemon orbit canyon slight venue" /
# "raven pulse gather tiny copper weekend").
_WORD_BLOCK = re.compile(
    r"^(?:[ \t]*[a-zà-öø-ÿ]{3,8}(?:[ \t]+[a-zà-öø-ÿ]{3,8}){2,11}[ \t]*(?:\r?\n|\Z)){2,4}",
    re.MULTILINE,
)


def _word_blocks(text: str) -> Iterator[Span]:
    """Two to four lines of plain words, twelve to twenty-four in all, none of sentences
    (in a text about a wallet): the words of a seed written in rows."""
    for m in _WORD_BLOCK.finditer(text):
        words = _LINE_WORD.findall(m.group())
        if len(words) in _PHRASE_LENGTHS and _PROSE_WORDS.isdisjoint(words):
            block = m.group()
            start = m.start() + len(block) - len(block.lstrip())
            yield start, m.start() + len(block.rstrip()), "recovery phrase", "seed-phrase-rows"


# "1. rocket 2. window … 12. casino": a numbered list of plain words is a seed phrase; in a
# text about a wallet, so is "1 rocket 2 window …".
_FIRST = re.compile(r"1(?<![\w.]1)[.)][ \t]*[a-zà-öø-ÿ]{3,8}(?![\w'-])")
_FIRST_SPACED = re.compile(
    r"(?:01(?<![\w.]01)|1(?<![\w.]1))(?:[.)][ \t]*|[ \t]+)[a-zà-öø-ÿ]{3,8}(?![\w'-])"
)
# Lines that each hold two or more numbered words, one after the other.
_BLOCK = re.compile(
    r"(?:^[ \t]*\d{1,2}[.)]?[ \t]+[a-zà-öø-ÿ]{3,8}"
    r"[ \t]+\d{1,2}[.)]?[ \t]+[a-zà-öø-ÿ]{3,8}.*\n?){4,}",
    re.M,
)
# The line a block of columns starts with: "1 absorb   7 tooth".
_FIRST_OF_COLUMNS = re.compile(r"^[ \t]*0?1[.)]?[ \t]+[a-zà-öø-ÿ]{3,8}[ \t]+\d", re.MULTILINE)
_NUMBER_WORD = re.compile(r"(?<![\w.])(?P<n>\d{1,2})[.)]?[ \t]+(?P<w>[a-zà-öø-ÿ]{3,8})(?![\w'-])")
_NUMBERED = re.compile(r"[ \t,]*(?:\r?\n[ \t]*)?(?P<n>\d{1,2})[.)][ \t]*[a-zà-öø-ÿ]{3,8}(?![\w'-])")
_NUMBERED_SPACED = re.compile(
    r"[ \t,]*(?:\r?\n[ \t]*)?(?P<n>\d{1,2})(?:[.)][ \t]*|[ \t]+)[a-zà-öø-ÿ]{3,8}(?![\w'-])"
)


def _numbered_columns(text: str) -> Iterator[Span]:
    """Numbered words laid out in columns ("1 absorb   7 tooth" / "2 dilemma  8 summer" …):
    in a block of lines, every number from 1 to 12, 18 or 24 once, each with a word."""
    for first in _FIRST_OF_COLUMNS.finditer(text):
        block = _BLOCK.match(text, first.start())
        if block is None:
            continue
        words = {int(m.group("n")): m.span("w") for m in _NUMBER_WORD.finditer(text, *block.span())}
        if len(words) in (12, 18, 24) and sorted(words) == list(range(1, len(words) + 1)):
            for start, end in words.values():
                yield start, end, "recovery phrase", "seed-phrase-columns"


def _numbered_words(text: str, spaced: bool) -> Iterator[Span]:
    first, numbered = (_FIRST_SPACED, _NUMBERED_SPACED) if spaced else (_FIRST, _NUMBERED)
    pos = 0
    while (m := first.search(text, pos)) is not None:
        count, pos = 1, m.end()
        while count < 24 and (word := numbered.match(text, pos)) is not None:
            if int(word.group("n")) != count + 1:
                break
            count, pos = count + 1, word.end()
        if count >= SEED_MIN_WORDS:
            yield m.start(), pos, "recovery phrase", "seed-phrase-numbered"
