"""The learned look at passphrases of plain words (``guard/phrases.py``) and its training."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hourdesk.app.core.guard import _lower, phrases, scan
from tests.perf.guard_recall import missed

sys.path.insert(0, str(Path(__file__).parents[1] / "perf"))
import guard_scorer  # the trainer lives with the benchmarks


def _candidates(text: str) -> list[str]:
    return [text[a:b] for a, b in phrases.candidates(text)]


def test_a_run_of_plain_words_where_a_value_is_given_is_a_candidate() -> None:
    text = "the vault is: copper lantern whistles softly, and the door is the one we agreed on"
    assert _candidates(text) == ["copper lantern whistles softly"]


def test_a_run_after_a_word_that_gives_it_and_a_number_after_it() -> None:
    text = "I changed it to velvet tractor orbit 7 - all lowercase"
    assert _candidates(text) == ["velvet tractor orbit 7"]


@pytest.mark.parametrize(
    "text",
    [
        "password: two words",  # too short
        "password: one two three four five six seven eight",  # too long to be chosen
        "the new one is in the drawer of the desk",  # a word of prose in it
        "status update waiting for parts and labour",  # nothing gives a value
    ],
)
def test_what_is_no_candidate(text: str) -> None:
    assert _candidates(text) == []


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            "the master for the family vault is: copper lantern whistles softly",
            "copper lantern whistles softly",
        ),
        (
            "for the office password manager I picked: gravel sunrise mitten falcon",
            "gravel sunrise mitten falcon",
        ),
    ],
)
def test_a_passphrase_no_rule_names_is_found(text: str, secret: str) -> None:
    assert missed({"text": text, "secrets": [secret]}) == [], scan(text)
    assert {f.rule for f in scan(text)} == {"learned-phrase"}


@pytest.mark.parametrize(
    "text",
    [
        "the wifi is really slow today",
        "my password is: not something I would email",
        "Status: waiting for parts",
        "Note: meeting moved to Friday",
        "the vault is: locked again, sorry",
        "password policy: twelve characters minimum",
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


def test_what_the_rules_found_is_left_to_them() -> None:
    text = "the master for the family vault is: copper lantern whistles softly"
    at = text.index("copper")
    assert list(phrases.learned_phrases(text, _lower(text), [(at, len(text))])) == []


def test_the_weights_are_read_from_the_package() -> None:
    model = phrases.weights(phrases.WEIGHTS)
    assert "b" in model and len(model) > 1_000


def test_the_trainer_labels_the_runs_that_are_secrets() -> None:
    cases = [
        {
            "text": "vault: copper lantern whistles softly",
            "secrets": ["copper lantern whistles softly"],
        },
        {"text": "Printer: toner cartridge almost empty", "secrets": []},
    ]
    features, found = guard_scorer.examples(cases, phrases)
    assert found == [True, False]
    assert "pre=:" in features[0] and "in=lantern" in features[0]
