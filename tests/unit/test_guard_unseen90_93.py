"""What the blind splits unseen90 to unseen93 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # labels: Flemish, Mexican Spanish slang, a Dutch passphrase, Azure's "secret value"
        ("paswoord: tulpenveld", ["tulpenveld"]),
        ("oye la contra del wifi de la bodega es ferreteria99", ["ferreteria99"]),
        ("wachtzin: Zeven Torens 2026", ["Zeven Torens 2026"]),
        (
            "valor del secreto: qP8~xL2.vN4cYf3HdJ6sA1eGu0iT_o5Rk",
            ["qP8~xL2.vN4cYf3HdJ6sA1eGu0iT_o5Rk"],
        ),
        # "which is" after a label
        ("call ADT and give the verbal password which is pelican", ["pelican"]),
        # a token's keys inside the JSON given as a value
        (
            'token = {"access_token":"Ew9Ab3Lq7Zp2Xk4Rt8Np1Hs6Jd0Bc5Ga2YeXr3Tz","expiry":"2027"}',
            ["Ew9Ab3Lq7Zp2Xk4Rt8Np1Hs6Jd0Bc5Ga2YeXr3Tz"],
        ),
        # recovery codes after what they are for, with spaces between
        (
            "codici di recupero Gmail ufficio: 51820364 77013925 40968213",
            ["51820364", "77013925", "40968213"],
        ),
        # a code said with what it opens
        ("the grooming tablet is locked, it's 6417 to open it", ["6417"]),
        ("use 2094 to get in through the side gate", ["2094"]),
        ("c'est 6630 pour ouvrir le local à vélos", ["6630"]),
        # a value set as the password
        ("j'ai mis Sirop2026 comme mot de passe pour le portail", ["Sirop2026"]),
        ("ik heb Molen2024 als wachtwoord gezet", ["Molen2024"]),
        ("ich habe Sommer2024 als Passwort genommen", ["Sommer2024"]),
        # an answer given with a colon below a quoted question
        ("> c'est quoi le mdp du portable?\noui: Lapt0p-GT-7", ["Lapt0p-GT-7"]),
        # a keypad's mark after a space, two marks before a code
        ("deurcode achteraan: 4 4 1 9 #", ["4 4 1 9 #"]),
        ("Código do portão: agora é 7 3 1 5 #.", ["7 3 1 5 #"]),
        ("beheerderscode van de terminal: **5521", ["**5521"]),
        # a Google API key a few characters short or long, as copied
        (
            "maps key AIzaSyB3kL9pQ2xR7tV3wZ8bN1cF6hJ0sMmGa",
            ["AIzaSyB3kL9pQ2xR7tV3wZ8bN1cF6hJ0sMmGa"],
        ),
    ],
)
def test_what_unseen90_to_93_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a card payment's approval code; a member's number
        "Card declined: **** 4821, exp 09/27, auth code 7K2Q0M. Terminal issue?",
        "Payment ok, approval code 0B41F7, customer has the receipt",
        "ospite con il codice socio 551203 non riesce a prenotare",
        "membership number 448120 does not work on the kiosk",
        # a device's ID
        "GUID do portátil no portal: 4c1e8a27-9b3d-4f60-8e21-d5a0c7f3b912 (da Dra. Inês)",
        # numbers said with "to open" that are no code
        "call 0800 123 4567 to open a ticket",
        "press 9 to open the menu",
        "> did you get the invoice?\nyes: INV-2026-0042",
    ],
)
def test_what_unseen90_to_93_hold_stays(text: str) -> None:
    assert scan(text) == []


def test_a_pin_beside_a_business_partner_is_still_a_pin() -> None:
    text = "El PIN de la SIM del móvil del socio es 4417"
    assert missed({"text": text, "secrets": ["4417"]}) == []
