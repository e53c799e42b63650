"""What the blind splits unseen166 to unseen169 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Welsh "ar gyfer" (for) between a label and its colon
        (
            "Yr ymadrodd cyfrinachol ar gyfer y cwmwl yw: afon ddu dan y bont",
            ["afon ddu dan y bont"],
        ),
        # a password "below" with no "is"
        ("New pw below, dont share\n\n    lasagne_friday_7\n\nta", ["lasagne_friday_7"]),
        # a place's code with a keypad mark after it
        ("Cella vini, porta retro 4471*", ["4471*"]),
        # a quoted phrase used "as" the passphrase
        (
            'The backup disk uses "orange tram sings at dawn" as passphrase',
            ["orange tram sings at dawn"],
        ),
        # Icelandic, Norwegian and Igbo labels
        ("ftp notandi hans með lykilorði Sumar.Ljos.4471 virkar ekki", ["Sumar.Ljos.4471"]),
        (
            "Nøkkelen er beskyttet med frasen grønn-båt-ved-kaia-i-Tromsø",
            ["grønn-båt-ved-kaia-i-Tromsø"],
        ),
        (
            "Lommebok kodefrase: fjellet sover under snøen i natt",
            ["fjellet sover under snøen i natt"],
        ),
        ("Okwuntughe nke email ụlọ ọrụ bụ Obinna4ever77", ["Obinna4ever77"]),
        # Yoruba code words and recovery codes
        ("Koodu ilekun ọfiisi: 7731*", ["7731*"]),
        ("Koodu imularada Google: K7QZ2-M2LXV-9RVT4", ["K7QZ2-M2LXV-9RVT4"]),
        # a BankID's code
        ("BankID-koden er 551208, ikke del den", ["551208"]),
    ],
)
def test_what_unseen166_to_169_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a value asked about
        "Is 'Password1' really the most common password? The kids were asking",
        "Is 'qwerty123' the worst password ever?",
        # a product used as a password manager; "below" and no value under it
        'we use "Bitwarden" as password manager',
        "password below\nsee the attached policy",
    ],
)
def test_what_unseen166_to_169_hold_stays(text: str) -> None:
    assert scan(text) == []
