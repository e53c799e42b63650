"""What the blind splits unseen174 to unseen177 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a phrase said to be the encrypted backup's, disk's or wallet's
        (
            "A frase do disco cifrado é: o vento leva as redes ao mar",
            ["o vento leva as redes ao mar"],
        ),
        (
            "La frase per il backup cifrato è: tre gatti dormono sul tetto",
            ["tre gatti dormono sul tetto"],
        ),
        # Breton and Finnish phrase labels; Breton password; Hinglish "paasvard"
        ("Frazenn-kuzh an urzhiataer: ar mor a gan bep noz", ["ar mor a gan bep noz"]),
        ("Salauslause: Kaksi hirveä ja punainen mökki!", ["Kaksi hirveä ja punainen mökki!"]),
        ("Ar ger-kuzh nevez: Kastell-Paol-44", ["Kastell-Paol-44"]),
        ("naya paasvard hai: dukaan2seva!! kal se", ["dukaan2seva!!"]),
        # Tamil: a password and a lock's code
        ("ஆபீஸ் பாஸ்வேர்டு kadai2023 — மாற்ற வேண்டும்", ["kadai2023"]),
        ("கதவு கோடு 7713, இரவு மட்டும்", ["7713"]),
        # a door in Turkish before its code with a keypad mark; a supervisor's code
        ("Arka kapı şifresi 1984*, kimseye söyleme", ["1984*"]),
        ("Filial-Supervisorcode: 5582", ["5582"]),
        # backup codes apart by two spaces, one struck out as used
        (
            "backup codes, the first is used: ~~7KQ2-M4PX~~ 3RZ8-WN4B  K2YD-6HS9  PF5E-A7UG",
            ["3RZ8-WN4B", "K2YD-6HS9", "PF5E-A7UG"],
        ),
        # a plain word as a network's key, the network named before it on its line
        ("the wifi at the depot is Depot-Guest5, pass is forkliftdance, thanks", ["forkliftdance"]),
        ("Guest wifi: HarbourCafe / password seagullsnacks (really)", ["seagullsnacks"]),
    ],
)
def test_what_unseen174_to_177_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a sentence of a book; a word in Tamil or Marathi after a password's label
        "La frase del libro è: non si vive di solo pane",
        "கடையின் பாஸ்வேர்டு மறந்துட்டேன், reset link அனுப்புங்க",
        # a plain word after a network's label with no network named; a masked value
        "Ich hab im WLAN das Passwort eingetippt, geht trotzdem nicht",
        "Wi-Fi password: xxxxxxxx (ask reception)",
        "WiFi-verkon salasana vaihtui, vierasverkko on erikseen",
    ],
)
def test_what_unseen174_to_177_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a batch's, a course's, an item's code in groups: no access said
        "Batch code: LOT-24A-0917",
        "Course code: CS-101-AB",
        "Item code: SKU-4410-RED",
        "Hi, the department code is EU-2026-FRA, thanks",
        # a network's name in a subject line, not before a separator
        "MacBook-Pro wifi password troubleshooting.",
        "Re: Guest-WiFi password expiration",
        "Wi-Fi at Cafe_Gast, password anything.",
        # words after another language's label: names and counts in a sentence
        "Clave: la tiene María en recepción.",
        "Пароль: сменил 3 раза",
        "Nywila: nimeisahau, tafadhali tumeni mpya",
        # a postal code in Persian
        "کد پستی: 1435716111",
    ],
)
def test_what_a_review_of_these_rules_found_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the fields of a list that say what else they are, beside a password and a PIN
        (
            "Customer number: 88213456\nOrder number: 4410293\nPhone: 0612345678\n"
            "Password: Gx7!pq22Lm\nPIN: 7731",
            ["88213456", "4410293", "0612345678"],
        ),
        (
            "- Wifi: OfficeNet\n- Password: Tr0ub4dor&3\n- Door code: 4821\n- Notes: ground floor",
            ["OfficeNet", "ground floor"],
        ),
        (
            "password: Abc123!!xy\ncode: 99887\ncolour: turquoise-blue\nweight: 12kg",
            ["turquoise-blue", "12kg"],
        ),
    ],
)
def test_the_fields_a_review_found_stay(text: str, kept: list[str]) -> None:
    findings = [text[f.start : f.end] for f in scan(text)]
    assert not [value for value in kept if any(value in found for found in findings)], findings


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # codes struck out as used, two of them or before a comma
        (
            "Backup codes: ~~8H3K-Q2LM~~ ~~7RZ4-WB8N~~ 4KQP-9XT2  M2N8-PL4Q",
            ["4KQP-9XT2", "M2N8-PL4Q"],
        ),
        ("Backup codes: ~~8H3K-Q2LM~~, 7RZ4-WB8N, 4KQP-9XT2", ["7RZ4-WB8N", "4KQP-9XT2"]),
        # a value after a password's label that looks like a Stripe object's prefix
        ("password: in_secretPassword2024XY", ["in_secretPassword2024XY"]),
        ("Password: re_Hunter2isMyPassword", ["re_Hunter2isMyPassword"]),
    ],
)
def test_what_a_review_of_these_rules_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


def test_a_customer_number_below_a_code_stays() -> None:
    text = "Hi,\nalarm: 3141\nCustomer number: 88213456\nOrder number: 4410293"
    assert [text[f.start : f.end] for f in scan(text)] == ["3141"]
