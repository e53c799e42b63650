"""What the blind split unseen26 missed or flagged on its first run, each with variants of
our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "key: sk-proj-Tb94mWq2Lx7RcZ5vNp8KdY3sHf6gJ0aE1uQ2iO7\n"
            "xT4rL9mZ8vW1nC6bS3hD0fG5jA2pY7eU4kQ\nhe said it's the project key",
            [
                "sk-proj-Tb94mWq2Lx7RcZ5vNp8KdY3sHf6gJ0aE1uQ2iO7\nxT4rL9mZ8vW1nC6bS3hD0fG5jA2pY7eU4kQ"
            ],
        ),
        (
            "le password dei PC: quella di Anna è Gatto.Nero12 e la mia (Serena) è "
            "Limoncello_Amalfi. Grazie",
            ["Gatto.Nero12", "Limoncello_Amalfi"],
        ),
        ("SSID: Sato-Office-2G\nパスワード（暗号化キー）: 7h2kq9mx4w\n", ["7h2kq9mx4w"]),
        (
            "portkod till gården 1847, larmkoden är 5520 och sen #.",
            ["1847", "5520"],
        ),
        (
            "Client secret value: 8Q~kT3mZx7Pw.Rn2Vb5Yc-Ld9Hf1Js4Ga6Ue0Wo\n",
            ["8Q~kT3mZx7Pw.Rn2Vb5Yc-Ld9Hf1Js4Ga6Ue0Wo"],
        ),
    ],
)
def test_what_unseen26_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "AADSTS50126: Error validating credentials due to invalid username or password.\n"
        "Trace ID: 0b7c1f2e-5a3d-4c9e-8b1a-6d2e9f0c3a47\n"
        "Correlation ID: 91e4d2a6-3c7b-4f0e-9a58-2b1d6c8e4f03\n",
        "the backup script asks for the password at the start:\n\n#!/bin/bash\nread -s PASS\n",
        "just use the passwd command as root to reset the user's password, e.g. `passwd jsmith`",
        "Meeting number: 2634 118 9025\nMeeting password: will be sent separately by the host\n"
        "Join by phone +1-415-655-0001, access code 263 411 89025\n",
        "la mia (Serena) è lenta, il PC intendo",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


def test_a_token_does_not_take_the_words_on_the_line_below() -> None:
    key = "sk-proj-Tb94mWq2Lx7RcZ5vNp8KdY3sHf6gJ0aE1uQ2iO7"
    text = f"the API key:\n{key}\nThanksTomForEverythingToday\n"
    assert [text[f.start : f.end] for f in scan(text)] == [key]
