"""What the blind split unseen27 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "ya cambié la contraseña, ahora es: Tortilla_Paco88\nla anterior era paco1975 por si "
            "la necesitas",
            ["Tortilla_Paco88", "paco1975"],
        ),
        (
            "Koden till porten är 1934 och till kontoret 5820#. Ring om det krånglar.",
            ["1934", "5820#"],
        ),
        ("ο κωδικός για το email είναι Θάλασσα2024 (με ελληνικά γράμματα!)", ["Θάλασσα2024"]),
        (
            "las claves:\n- Lucía: Girasol_2026\n- Andrés: Paella&Playa9\n"
            "La del TPV sigue siendo 4512.",
            ["Girasol_2026", "Paella&Playa9", "4512"],
        ),
        (
            "lösenordet är Blåbärssylt!44 – gästnätet Tandvard_Gast har wartrum2026.",
            ["Blåbärssylt!44", "wartrum2026"],
        ),
        (
            "hey so I reset it, it's now   Wexford.Coast.19   (dots). Old one Wexford-Coast-18 "
            "won't work",
            ["Wexford.Coast.19", "Wexford-Coast-18"],
        ),
        ("la combinazione della cassaforte 14-27-33. Le chiavi sono lì.", ["14-27-33"]),
        (
            "the password is long: first half is Tangerine-Elephant- and the second half is "
            "Overcoat-77",
            ["Tangerine-Elephant-", "Overcoat-77"],
        ),
        ("misafir ağının şifresi de simit1234. Teşekkürler", ["simit1234"]),
        (
            'το νέο master password του KeePass είναι "ελιά πορτοκάλι βάρκα 1987"',
            ["ελιά πορτοκάλι βάρκα 1987"],
        ),
        ("uusi on Mustikka_Piirakka5 ja vanha oli mustikka4.", ["Mustikka_Piirakka5", "mustikka4"]),
        (
            "新しいスタッフのWindowsパスワードです。\n・高橋：Tk#Momiji2026\n・伊藤：Ito_Sakura88\n",
            ["Tk#Momiji2026", "Ito_Sakura88"],
        ),
        (
            "kod do furtki 8523, do biura 1199*, alarm rozbrajasz kodem 4040.",
            ["8523", "1199*", "4040"],
        ),
    ],
)
def test_what_unseen27_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "The printer is still 2019 firmware, is that a problem?",
        "the old one 2019 model is in the cupboard",
        "gästnätet har 20 användare och routern har 4 portar",
        "the first half is over, the second half is about billing",
        "Hotel room 2301 and 2302, the office is still 1204 on the plan",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
