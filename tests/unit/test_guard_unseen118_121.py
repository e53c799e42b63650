"""What the blind splits unseen118 to unseen121 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Bulgarian and Serbian in Cyrillic: the password, the PIN, a code's verb, "reads now"
        ("Парола за принтера:\nK4v9-Lm2q-Xp7z", ["K4v9-Lm2q-Xp7z"]),
        ("паролата за пощата е Липа88Пловдив, не я сменяй", ["Липа88Пловдив"]),
        ("шифра за портал суда сада гласи Судија!2025", ["Судија!2025"]),
        ("ПИН на картата на Мария е 4417, ако пита", ["4417"]),
        ("Кодът на сейфа в склада: 12-40-77", ["12-40-77"]),
        # Romanian: "changed to", a PIN that "este", a passphrase said to be a sentence
        ("Codul PIN al tabletei este 3391 acum", ["3391"]),
        (
            "Parola pentru arhiva e o fraza: moara veche de pe vale canta",
            ["moara veche de pe vale canta"],
        ),
        (
            "Паролата за диска е изречение: зелената лодка спи на брега",
            ["зелената лодка спи на брега"],
        ),
        # Lithuanian without its marks, Polish with the password as an instrument
        ("svečių wifi slaptazodis optika2031 , darbuotojų atskirai", ["optika2031"]),
        ("loguje sie jako recepcja i haslem Zab!Recepcja9 do systemu", ["Zab!Recepcja9"]),
        # passphrases after Malay, Lithuanian, Welsh, Cornish and Breton labels
        (
            "frasa laluan untuk backup: ikan bilis goreng di tepi pantai",
            ["ikan bilis goreng di tepi pantai"],
        ),
        ("Šifravimo frazė: raudona valtis plaukia per ežerą", ["raudona valtis plaukia per ežerą"]),
        (
            "Ymadrodd cyfrinachol y cwmwl: mae'r ddafad yn y cae isaf",
            ["mae'r ddafad yn y cae isaf"],
        ),
        ("Ger-kuth an jynn: mor glas yn Porthia pub myttin", ["mor glas yn Porthia pub myttin"]),
        (
            "Frazenn-dremen ar bladenn: ar vag ruz a ya d'ar mor bras",
            ["ar vag ruz a ya d'ar mor bras"],
        ),
        # Breton and Cornish: "is now", "changed it to"
        ("ar ger-tremen a zo bremañ morlaer-ruz58", ["morlaer-ruz58"]),
        ("Ow broder a janjyas an ger-tremena dhe morvoren!77 hedhyw", ["morvoren!77"]),
        # places and verbs before a code: Serbian gate and door, Lithuanian lock and alarm,
        # Welsh "press"
        ("kapija dvorista: *5512#\nulazna vrata: 2207", ["*5512#", "2207"]),
        ("Spyna rūsio: 3-9-1-6. Signalizacija išjungiama 7741 ir OFF", ["3-9-1-6", "7741"]),
        ("Porth y maes parcio: pwyswch 2#8#4#6", ["2#8#4#6"]),
        ("Apartment 4 at the Mamaia listing opens with 3-0-8-2, agents only", ["3-0-8-2"]),
        # a code in pairs of digits after a code word and a word of Breton
        ("Kod kadarnaat: 61 20 94 - trugarez", ["61 20 94"]),
        # a TOTP key typed in one run after a word for two factors or TOTP
        ("Alwedh TOTP rag an jynn: MFRGGZDFMZTWQ2LKNFVG", ["MFRGGZDFMZTWQ2LKNFVG"]),
        # backup codes in Bulgarian and Welsh
        (
            "Резервни кодове за акаунта: 4410 2281, 7734 1190, 5520 3318",
            [
                "4410 2281",
                "7734 1190",
                "5520 3318",
            ],
        ),
        (
            "Codau wrth gefn y siop:\n28190437  66015392  10428875",
            [
                "28190437",
                "66015392",
                "10428875",
            ],
        ),
        # Thai: a password "that" a value, an app password that "is" one; twelve seed words
        ("ผมตั้งรหัสอีเมลใหม่ว่า tomyum77phuket ครับ", ["tomyum77phuket"]),
        (
            "12 คำกู้กระเป๋าเงิน:\n1 river 2 candy 3 tiger 4 silk 5 orbit 6 lunar 7 pencil"
            " 8 frost 9 cabin 10 mango 11 violin 12 ember",
            [
                "1 river 2 candy 3 tiger 4 silk 5 orbit 6 lunar 7 pencil 8 frost 9 cabin 10 mango"
                " 11 violin 12 ember"
            ],
        ),
        # a Welsh key with a password's shape; a Romanian quoted value after "e"
        ("Wifi'r siop: SSID Siop-Fferm, allwedd Fferm@Llaeth7", ["Fferm@Llaeth7"]),
        ('parola wifi e "lapte cu miere" (cu spatii)', ["lapte cu miere"]),
    ],
)
def test_what_unseen118_to_121_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a landline in groups beside a mobile with its country code
        "Prosze zadzwonic do Pani Basi +48 602 118 440 albo na recepcje 22 617 40 18",
        # prose after a password label, with an apostrophe in its first word
        "Password: I'll tell you on the phone.",
        "Password: we'll sort it out on Monday.",
    ],
)
def test_what_unseen118_to_121_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_a_sentence_before_the_label_makes_no_passphrase_of_the_remark_after() -> None:
    """ "Sentence" said before the colon, not as the separator: the run ends at the remark."""
    text = "new pw, the long sentence type like u said: red kites over the barn  no caps."
    assert [text[f.start : f.end] for f in scan(text)] == ["red kites over the barn"]
