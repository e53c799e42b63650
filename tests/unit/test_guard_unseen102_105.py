"""What the blind splits unseen102 to unseen105 missed or flagged on their first run, each
with variants of our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        # Slovenian: a code, a recovery code, a wallet's recovery words
        ("Koda za vrata skladišča: 70312", ["70312"]),
        ("Obnovitvena koda za Google račun: QX-7RTM-4KZP-92LW-H8NC", ["QX-7RTM-4KZP-92LW-H8NC"]),
        (
            "Obnovitvene besede denarnice:\n1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide"
            " 7 harbor 8 pencil 9 mosaic 10 tundra 11 bright 12 salmon",
            [
                "1 maple 2 orbit 3 cabin 4 thunder 5 ivory 6 glide 7 harbor 8 pencil 9 mosaic"
                " 10 tundra 11 bright 12 salmon"
            ],
        ),
        # Welsh: "côd" with its circumflex, a recovery code, a client secret, a wallet
        ("Côd y giât: 5520", ["5520"]),
        ("Côd adfer Microsoft: 7TQ2M-XK4PL-9RZ3V-N8BDH", ["7TQ2M-XK4PL-9RZ3V-N8BDH"]),
        (
            "Cyfrinach y cleient Stripe: Qm8xLm2Pk9Rt4Wz7Nc1HbuDj3Fs0Ga5Ye2KuMnR7d",
            ["Qm8xLm2Pk9Rt4Wz7Nc1HbuDj3Fs0Ga5Ye2KuMnR7d"],
        ),
        # Vietnamese: a door code, recovery codes joined by "và", "mk" for a password
        ("Mã cửa sau: 4471#", ["4471#"]),
        ("Mã khôi phục Gmail: 55102938 và 83920174", ["55102938", "83920174"]),
        ("wifi quán: PhoHanoi mk banhmi2026", ["banhmi2026"]),
        # Québec's "NIP" for a PIN
        ("NIP de la carte de débit du bureau : 8813", ["8813"]),
    ],
)
def test_what_unseen102_to_105_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a password's hash; a password said to be right
        "the users table has this in the password column: $2y$10$Qm8xLm2Pk9Rt4Wz7Nc1HbuDj3Fs0Ga",
        "Fehler 0x80070005 beim Anmelden. Passwort ist richtig, dreimal getippt.",
        # a Polish tax number is no PIN
        "Dane do faktury: NIP 521-30-72-984, konto PL61 1090 1014 0000 0712 1981 2874",
        "proszę o fakturę, NIP 5260250274",
        # "nip" and "mk" as words
        "the nip in the air this morning, 7 degrees",
        "mk, I'll send it tomorrow",
    ],
)
def test_what_unseen102_to_105_hold_stays(text: str) -> None:
    assert scan(text) == []
