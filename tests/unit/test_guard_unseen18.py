"""What the blind split unseen18 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


def _found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a password's shape near other secrets, with no word about passwords
        (
            "from the old notebook:\nebay: Vintage!Finds77\nroyal mail click&drop: Parcel-Post-12",
            ["Vintage!Finds77", "Parcel-Post-12"],
        ),
        (
            "per person:\nAnna - anna.k / Blueberry7!\nChloe is chloe.m and she uses Sh3ep-D0g",
            ["Blueberry7!", "Sh3ep-D0g"],
        ),
        # a second value in another language: "and for X it is …"
        (
            "Adgangskoden til shoppen er nu Rugbrød_77 og til e-conomic er den Gaard2024.",
            ["Rugbrød_77", "Gaard2024"],
        ),
        ("a senha do wi-fi é Sorriso@2024 e a do computador ficou fisio123.", ["fisio123"]),
        # codes
        ("Et le code de la carte SIM du téléphone pro c'est 0712.", ["0712"]),
        ("De inlog van de kassa: pincode 6619, en verder niets", ["6619"]),
        ("banque pro : identifiant 88412093, code secret 493817", ["493817"]),
        ("Door fob PINs: Kirsty 4417, Paul 9052", ["4417", "9052"]),
        ("new tills:\ntill 1 - pin 2580\nmanager override 771100\n", ["2580", "771100"]),
        ("- Safe in the office: 24-61-08\n", ["24-61-08"]),
        (
            "nyt wifi: netværk STALD, kode Robot-4-Ever. Og i butikken: BUTIK, kode jord2024.",
            ["Robot-4-Ever", "jord2024"],
        ),
        # a table of Wi-Fi networks and their keys
        (
            "| Location | SSID | Password |\n|---|---|---|\n| Barn | Acre_Office | m00-c0w! |\n"
            "| Cottage | Acre_Guest | welcometogreenacre |",
            ["m00-c0w!", "welcometogreenacre"],
        ),
        # a value the phone split over two lines, with a note saying so
        (
            "pw for the portal is\nHoofprint!\n22\n(sorry phone split it)",
            ["Hoofprint!\n22"],
        ),
        # a further recovery key
        (
            "it says 'save your recovery code':\n\nQ7WPK-3MZTR-X9HLN-2VBCD-8FGJY\n\n"
            "and the Apple one for the iPad:\nRK-7N4P-2QXW-9LMT-C3HV-5JDY-8BFZ\n",
            ["Q7WPK-3MZTR-X9HLN-2VBCD-8FGJY", "RK-7N4P-2QXW-9LMT-C3HV-5JDY-8BFZ"],
        ),
        # seed words apart by slashes, in a text about a crypto wallet
        (
            "abriu uma carteira de cripto. As palavras:\n\ncoral / mistake / bamboo / jelly / "
            "outdoor / ranch / ticket / flavor / napkin / wisdom / escape / lumber\n",
            [
                "coral / mistake / bamboo / jelly / outdoor / ranch / ticket / flavor / napkin / "
                "wisdom / escape / lumber"
            ],
        ),
        # further values after a Japanese label
        (
            "新しいパスワード：Sakura#2024\nレセコンのパスワードはそのまま（shika0815）です。",
            ["Sakura#2024", "shika0815"],
        ),
        # a pair a long way after the word for a login
        (
            "His tablet login: jamal@spice.example with Biryani4Life! and the Uber Eats one is "
            "spicegarden / Tandoor2024. Thanks",
            ["Biryani4Life!", "Tandoor2024"],
        ),
    ],
)
def test_what_unseen18_missed_is_found(text: str, secrets: list[str]) -> None:
    _found(text, secrets)


@pytest.mark.parametrize(
    "text",
    [
        "someone rang and said our password was leaked and i need to read them the code",
        "they told me my password had been compromised, is that a scam?",
        "STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxx\nMAIL_PASSWORD=<mail password here>",
        "API_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "Dial-in +44 20 3910 4565 PIN 418 227 391#. Can you check the laptop?",
        "Dial in: 0800 123 456, pin 8812 4471#",
        "error codes: E1 0402, E2 0403",
        "discount codes: SUMMER 2024, WINTER 2025",
        "| Location | SSID | Channel |\n|---|---|---|\n| Barn | Acre_Office | 11 |",
        "the shared mailbox is on the second floor, room 2301",
        "we had a wallet of ideas: red / blue / green / black / white / pink / gray / gold / "
        "navy / teal / plum / lime for the new logo colours",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
