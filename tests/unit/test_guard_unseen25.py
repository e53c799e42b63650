"""What the blind split unseen25 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("sleutelkluisje heeft code 7319. Alarm uitzetten met 2046 en dan OFF.", ["7319", "2046"]),
        ("La caja fuerte de la oficina tiene el 3307 pero no hace falta.", ["3307"]),
        (
            "kod do bramy na parking 2468 i krzyżyk, do drzwi biura 1357. Alarm …",
            ["2468", "1357"],
        ),
        (
            "De wachtwoordzin voor de schijf is: paarse fiets onder de brug\nmet spaties",
            ["paarse fiets onder de brug"],
        ),
        ("set up his email? he says he uses Lakers1988 for everything", ["Lakers1988"]),
        (
            "Apple poprosiło o klucz odzyskiwania. Mam go z kartki: K3LV-R571-G30C-KAMC-0M9U-XB4T",
            ["K3LV-R571-G30C-KAMC-0M9U-XB4T"],
        ),
        (
            "Anna's is Sunflower7, Ben's is Rugby#Ben and mine is still the old one, Tiramisu99.",
            ["Sunflower7", "Rugby#Ben", "Tiramisu99"],
        ),
        (
            "TeamViewer : ID 1 502 887 341, mot de passe 4hk9tz. La session Windows de la compta "
            "c'est Compta2023! si elle se verrouille.",
            ["4hk9tz", "Compta2023!"],
        ),
        ("入口の暗証番号は 5931 です。金庫は 0427 に変更しました。", ["5931", "0427"]),
        ("The manager till asks for a 4 digit PIN, that one is 6194.", ["6194"]),
        (
            "adgangskoden er Smør!12, og til netbanken bruger jeg Nyhavn_1673. Alarmkoden til "
            "kontoret er 3141.",
            ["Smør!12", "3141"],
        ),
        ("Banque (code client / code secret) : 84412093 / 602211", ["602211"]),
        (
            "de wifi-codes voor de vestigingen:\nAmersfoort – Kapsalon_AMF – knippen2023\n"
            "Baarn – Kapsalon_BRN – krullen&kleur\n",
            ["knippen2023", "krullen&kleur"],
        ),
    ],
)
def test_what_unseen25_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Banque (code client / agence) : 84412093 / 0042",
        "the alarm was fitted in 2019, room 2301, floor 3",
        "Opening times:\nMonday – 9:00 – 17:00\nTuesday – 9:00 – 17:00\n",
        "c'est Windows11 sur le poste, la session est lente",
        "La session Windows de la compta est lente depuis 2024",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
