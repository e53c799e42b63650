"""What the blind split unseen30 missed or flagged on its first run, each with variants of
our own, and the look-alikes beside them."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "I went with one of those word passwords for my laptop: purple tractor eats lemons\n"
            "all lower case, spaces between.",
            ["purple tractor eats lemons"],
        ),
        (
            "The passcode I set was either 'Quokka-88' or 'Quokka88', I mix them up.",
            ["Quokka-88", "Quokka88"],
        ),
        (
            '{"auths": {"registry.example": {"auth": "ZGVwbG95OlJlZ2lzdHJ5LVN0YXJ0LTIwMjY="}}}',
            ["ZGVwbG95OlJlZ2lzdHJ5LVN0YXJ0LTIwMjY="],
        ),
        (
            "the combination for the server room is 2580 — and the safe in my office is 14-36-22.",
            ["2580", "14-36-22"],
        ),
        (
            "I changed my windows password to: the cows come home at six\n\nwith spaces, all "
            "lowercase.",
            ["the cows come home at six"],
        ),
        ("One-time password shows as 4mx7kq but it changes.", ["4mx7kq"]),
        (
            "3) the office alarm: set = 5090, unset same code\n4) Zoom host key 418273\n",
            ["5090", "418273"],
        ),
    ],
)
def test_what_unseen30_missed_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "To change the shared service account use sudo passwd svc_backup. Update the vault.",
        '{"auths": {"registry.example": {"auth": "dXNlcm5hbWU6cGFzc3dvcmQ="}}}',
        "the word of the day: purple tractor\n\nwith spaces between the two words",
    ],
)
def test_their_look_alikes_stay(text: str) -> None:
    assert scan(text) == []
