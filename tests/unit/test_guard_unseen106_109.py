"""What the blind splits unseen106 to unseen109 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a setting named for an admin's or a terminal's password
        ('<add key="PrinterAdminPassword" value="Kopie!Zuid" />', ["Kopie!Zuid"]),
        ('<add key="TerminalPassword" value="Kassa-2026" />', ["Kassa-2026"]),
        # Estonian backup codes and a wallet's words; Finnish codes
        ("Google varukoodid: 4820 1937, 7391 5520", ["4820 1937", "7391 5520"]),
        (
            "rahakoti taastamise sõnad:\n1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide"
            " 7 harbor 8 pencil 9 mosaic 10 tundra 11 bright 12 salmon",
            [
                "1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide 7 harbor 8 pencil 9 mosaic"
                " 10 tundra 11 bright 12 salmon"
            ],
        ),
        ("Kassakaapin yhdistelmä: 41 – 07 – 22", ["41 – 07 – 22"]),
        # Korean and Arabic words for a password
        ("패스워드 for the smartstore: hanok#store31", ["hanok#store31"]),
        ("الباسوورد: 72kX-31Lm-ZtQ9", ["72kX-31Lm-ZtQ9"]),
    ],
)
def test_what_unseen106_to_109_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a bound on a password, not a password
        '<add key="PasswordMinLength" value="12" />\n<add key="PasswordMaxAge" value="90" />',
        # a phone number with its area code in brackets; a house's number before its street
        "business line is (404) 555-0193, the old one (312) 555-0147 should forward. 사장님 cell"
        " 678-555-0188",
        "ship the new router to 2718 S Halsted St, Chicago IL 60608",
        "le nouveau routeur va au 14 rue des Lilas à Quimper",
        # a key's prefix with the rest left out, in a README's example
        "from the README:\nDB_PASSWORD=\nSTRIPE_KEY=sk_test_...\n(fill these in)",
        "WEBHOOK_SECRET=whsec_… (ask the developer)",
    ],
)
def test_what_unseen106_to_109_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("the school wifi: Madrasa_5G\npassword: 84kX-92Lm-ZtQ3", "84kX-92Lm-ZtQ3"),
        ("Network: Dentist_Staff_5G\nPassword: Enamel-Floss-8821", "Enamel-Floss-8821"),
    ],
)
def test_a_networks_name_above_its_key_stays(text: str, secret: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == [secret]


@pytest.mark.parametrize(
    "text",
    ["the shed keypad wants 4471 the back way", "the shed keypad wants 4471 round the side way"],
)
def test_a_code_before_ordinary_words_is_no_house_number(text: str) -> None:
    assert missed({"text": text, "secrets": ["4471"]}) == [], scan(text)
