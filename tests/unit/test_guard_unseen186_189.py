"""What the blind splits unseen186 to unseen189 flagged on their first run: variants of our
own of the look-alikes, and the secrets beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    "text",
    [
        # a meeting with no passcode; a card terminal's approval code
        "Teams call at 4: meeting ID 349 221 870. No passcode, it's public.",
        "Card terminal slip:\nTID: 55012093\nAPPR CODE 440127\nSALE 1,250.00",
        # an error's code: Turkish "hata kodu", a PDOException's
        "Ödeme hatası, hata kodu 5007: kart reddedildi",
        "SQLSTATE[HY000] [2002] Connection refused (using password: YES) "
        '{"exception":"PDOException(code: 2002)"}',
        # a Greek question whether the password is right
        "Το log λέει password hash = $2y$10$abc… — άρα ο κωδικός είναι σωστός;",
    ],
)
def test_the_lookalikes_of_unseen186_to_189_stay(text: str) -> None:
    assert [text[f.start : f.end] for f in scan(text)] == []


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        ("the password is public2024", ["public2024"]),
        ("Alarm code 4472, not the approval code", ["4472"]),
    ],
)
def test_the_secrets_beside_them_are_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)
