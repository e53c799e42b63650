"""What the blind splits unseen146 to unseen149 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # a phrase to decrypt an archive, after what it is for and a colon
        (
            "la frase per decifrare l'archivio zip delle fatture 2020: il gatto dorme sul tetto",
            ["il gatto dorme sul tetto"],
        ),
        # a safe's dial with spaces inside its turns
        ("the combo on the cash box: L 12 R 40 L 8", ["L 12 R 40 L 8"]),
        # an Estonian recovery key; a Finnish lock code
        ("Google taastevõti: T4KP-M7XR-2VTW-9HZN", ["T4KP-M7XR-2VTW-9HZN"]),
        ("Tabletin lukituskoodi 508173, älä kerro kenellekään", ["508173"]),
        # what an account now uses, until …; a login changed by someone to …
        (
            "I reset the CI account, it's now using copper-kettle-42 until Monday",
            ["copper-kettle-42"],
        ),
        (
            "mum's email login got changed by the shop to bluewren55, she can't remember it",
            ["bluewren55"],
        ),
        # Italian: the password changed "in" a value, then "e adesso"
        ("ho cambiato la password del router in girasole2025 e adesso funziona", ["girasole2025"]),
        # what to type twice after a command that sets a password
        ("sudo smbpasswd -a scanner\nthen type Kopierer7Scan twice", ["Kopierer7Scan"]),
        # a seed phrase numbered on one line after a German word for a wallet, then a question
        (
            "Oma hat das im Portemonnaie gefunden: 1 river 2 copper 3 blanket 4 mango 5 cloud "
            "6 pilot 7 tiger 8 velvet 9 orbit 10 lemon 11 fossil 12 candle - was ist das?",
            [
                "1 river 2 copper 3 blanket 4 mango 5 cloud 6 pilot 7 tiger 8 velvet 9 orbit "
                "10 lemon 11 fossil 12 candle"
            ],
        ),
        # a value said in its parts with a word for its dash, then whole
        ("c'est Printemps tiret 2024, majuscule P, donc Printemps-2024", ["Printemps-2024"]),
        # a phone number's porting code
        ("O2 texted: Your PAC code is XKQ 551 902, valid 30 days", ["XKQ 551 902"]),
    ],
)
def test_what_unseen146_to_149_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a user at a machine in a licence server's log
        '09:14:02 (adskflex) OUT: "87545ACD_2024_0F" tom@PLOT-02',
        # a shell's parameter that fails when unset
        "  environment:\n    API_TOKEN: ${SENDER_API_TOKEN:?set it in .env}",
    ],
)
def test_what_unseen146_to_149_hold_stays(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # what the rules of these rounds must not take for values
        "HTTP/1.1 100-continue is sent first; see 100 and continue above",
        "vmov 32 bits: vmov.32 d0, r0",
        "We run Windows Server 2019 and the box is called server-2019",
        "the PAC is on the second floor",
        "type ipconfig twice if the first one hangs",
    ],
)
def test_prose_stays_beside_the_rules_of_these_rounds(text: str) -> None:
    assert scan(text) == []
