"""What the blind split unseen24 missed on its first run, each with variants of our own,
and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("Jag bytte lösenordet på routern till Älgskog_2023 igår kväll", ["Älgskog_2023"]),
        ("Copier PIN for Dr. Alvarez is 7741, mine is 2093.", ["7741", "2093"]),
        (
            "changed the quickbooks pass to holstein4ever cause the old one expired",
            ["holstein4ever"],
        ),
        (
            "den nye adgangskode er en sætning: blå cykel spiser havregrød — med mellemrum",
            ["blå cykel spiser havregrød"],
        ),
        (
            "the password for the shared Apple ID is now Purple Tractor Mountain Tea (capital "
            "first letters)",
            ["Purple Tractor Mountain Tea"],
        ),
        ("Blackbird77 is the password for the laptop in the van fyi", ["Blackbird77"]),
        (
            "Klucz do uwierzytelniania dwuskładnikowego: 5FJQ 2NXW 8RKT MV3L PZ7Y HB4D",
            ["5FJQ 2NXW 8RKT MV3L PZ7Y HB4D"],
        ),
        (
            "it's now horse-kettle-banjo-1975 — the generator in 1password made it",
            ["horse-kettle-banjo-1975"],
        ),
        (
            "Här är koderna som du bad om:\nlarm: 4471\nwifi (Gården_Gäst): ladugård2024\n",
            ["4471", "ladugård2024"],
        ),
        ("PINy pro docházkový terminál: Jana 4410, Petr 8264.", ["4410", "8264"]),
    ],
)
def test_what_unseen24_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "Windows11 is the password for the login? no, that's the OS",
        "Version2 is the password manager we moved to last year",
        "the release is version-two-point-1975 on the old box",
        "Here are the codes for the meeting:\nroom: 4471\nfloor: 2\n",
        "Please send it to Dr. Alvarez at the clinic, the password policy says 12 characters",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
