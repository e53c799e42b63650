"""What the blind splits unseen22 and unseen23 missed on their first run, each with
variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Name\tPC\tEmail pw\nLiam Byrne\tOFFICE-02\tGal way$Bay\n", ["Gal way$Bay"]),
        (
            "the alarm company changed our master code. New one:\n\n4471\n\nThe rest stays.",
            ["4471"],
        ),
        (
            "新しいパスワード：Sakura2026#kaikei\n旧パスワード（hanami88）はもう使えません。",
            ["Sakura2026#kaikei", "hanami88"],
        ),
        ("min gamla kod till terminalen 8813 funkar inte längre", ["8813"]),
        ("Staff\tCode\nGwen\t4471*\nRhys\t8029*\n", ["4471*", "8029*"]),
        (
            "For the Sonos:\njade.salon:Balayage_Honey88\nand the tablet unlocks with 1928",
            ["Balayage_Honey88", "1928"],
        ),
        (
            "> > Can you confirm the pin for the franking machine?\n> it's 2026, the year",
            ["2026"],
        ),
        (
            "Finn - finn@icloud.example - DinoRoar!Finn - screen time 2209\n",
            ["DinoRoar!Finn", "2209"],
        ),
        (
            "Wi-Fi für die Gäste:\nSSID: Kaffeeklatsch_Gast\n"
            "WPA2-Schlüssel: Apfelstrudel mit Sahne\n",
            ["Apfelstrudel mit Sahne"],
        ),
        (
            "lösenord för appar till skrivaren:\nqxkvtbmrzlpwfdhs\n"
            "och till mailen: hbnz wcfr tgyk pjmq",
            ["qxkvtbmrzlpwfdhs", "hbnz wcfr tgyk pjmq"],
        ),
        ("o código de acesso passou a ser 640217.", ["640217"]),
        ("* Petty cash tin: key on the hook, code 551", ["551"]),
        ("Bir de kasa çekmecesinin kodu 3390.", ["3390"]),
        (
            "the PIN for the card machine (the refund one):\n9 3 1 7\nand for the safe in the "
            "back office:\n60 - 14 - 82 (turn left first)",
            ["9 3 1 7", "60 - 14 - 82"],
        ),
        (
            "WIFI:T:WPA;S:Ashdown;P:Kx7mQ2vR9pLt;;\nthe old network used sheepdip2019",
            ["Kx7mQ2vR9pLt", "sheepdip2019"],
        ),
        (
            'für den Passwortmanager habe ich einen Satz: "Oma backt 7 Kuchen am Sonntag" - mit '
            "Leerzeichen",
            ["Oma backt 7 Kuchen am Sonntag"],
        ),
        (
            "the locker combo in the staff room is 4-0-9-1, the key safe is now 8852 (was 1234).",
            ["4-0-9-1", "8852", "1234"],
        ),
    ],
)
def test_what_unseen22_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft Teams meeting\nMeeting ID: 371 604 992 815\nPasscode: provided in the invite",
        "Product\tCode\nWidget\t4471\n",
        "Name\tZip code\nAnna\t10115\n",
        "the screen time report says 2209 minutes this month",
        "the shop opens till 1730 on Saturdays",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "ik heb het wachtwoord veranderd in paard fiets molen kaas (met spaties, alles klein)",
            ["paard fiets molen kaas"],
        ),
        ("- tablet: PIN 2580\n- router (admin): Hostal_Mar_Azul!\n", ["2580", "Hostal_Mar_Azul!"]),
        ("Master password: Gray's Inn 1987 Wigmore!\n", ["Gray's Inn 1987 Wigmore!"]),
    ],
)
def test_what_unseen23_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gebruikersnaam: koster@kerk.example\nWachtwoord: stuur ik je vanavond per sms\n",
        "Password: it's on the sticky note under the keyboard\n",
        "Thanks, Jean-Pierre! See you at Office_Main on Monday.",
    ],
)
def test_what_unseen23_flagged_stays(text: str) -> None:
    assert scan(text) == []
