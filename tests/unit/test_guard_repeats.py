"""The credential guard removes every occurrence of a secret it found once."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import redact, scan


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Alarm panel: 2419 to disarm, 2419 + away to arm", "2419"),
        (
            "Password: Tr0ub4dor&3\nIf it fails, try Tr0ub4dor&3 again with caps lock off.",
            "Tr0ub4dor&3",
        ),
        ("wifi password is HARBOR-77-kite\n\n> HARBOR-77-kite did not work", "HARBOR-77-kite"),
        ("Türcode: 5580. Bitte 5580 und dann #", "5580"),
    ],
)
def test_every_occurrence_of_a_found_secret_is_removed(text: str, secret: str) -> None:
    redacted, findings = redact(text)
    assert secret not in redacted
    assert len(findings) == text.count(secret)
    assert {f.rule for f in findings[1:]} == {"repeat"}


@pytest.mark.parametrize(
    "text",
    [
        # Too short or too common to follow: a two-digit code, a plain word.
        "Door code: 12#. Room 12 is on the left, 12 steps up.",
        "Password: summer (it is summer after all)",
        # Inside a longer number or word, the same characters are not the secret.
        "Alarm code 2419, invoice 124190 and order 2419-B",
    ],
)
def test_short_values_and_longer_words_holding_them_stay(text: str) -> None:
    first = scan(text)
    assert all(f.rule != "repeat" for f in first)
