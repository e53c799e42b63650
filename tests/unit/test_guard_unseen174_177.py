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
