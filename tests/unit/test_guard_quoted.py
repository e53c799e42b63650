"""A value in quotes a few words after a password label and a word that gives it."""

from __future__ import annotations

import pytest

from hourdesk.app.core.guard import scan
from tests.perf.guard_recall import missed


@pytest.mark.parametrize(
    ("text", "secrets"),
    [
        (
            "the monitoring company calls my mobile and the password word for them is "
            "'pineapple' so they know it's a false alarm",
            ["pineapple"],
        ),
        ("Om larmbolaget ringer är lösenordet till dem 'Rödvin'.\nLars", ["Rödvin"]),
        ("ha a biztonsági cég felhív, a jelszó nekik 'pogácsa'.", ["pogácsa"]),
        (
            'nya lösenfrasen för valvet i Bitwarden är "blå traktor simmar långsamt" (små)',
            ["blå traktor simmar långsamt"],
        ),
        (
            'for the shared vault the master password we agreed is\n"copper kettle morning fog '
            'harbour"\n(all lower case)',
            ["copper kettle morning fog harbour"],
        ),
        (
            "> which passphrase did you use for the encrypted backup drive?\n"
            '"tangerine lighthouse borrowed seven kaya" - no quotes, single spaces.',
            ["tangerine lighthouse borrowed seven kaya"],
        ),
    ],
)
def test_a_quoted_value_after_a_password_label_is_found(text: str, secrets: list[str]) -> None:
    assert missed({"text": text, "secrets": secrets}) == [], scan(text)


@pytest.mark.parametrize(
    "text",
    [
        'the password field says "Incorrect password entered" every time',
        'the password policy is "at least twelve characters" now',
        'password authentication failed for user "reports"',
        '+ if password is None:\n"integrity": "sha512-abc"',
        'the password for "Main Office" wifi is on the card',
        "the password is 'only' for staff use",
        'the password is: "see the text message"',
        'Your password is "strong"',
        'the password is "the same as before"',
        "the password for the account — it's 'Anna' who has it",
    ],
)
def test_quoted_words_that_are_no_password_stay(text: str) -> None:
    assert scan(text) == []
