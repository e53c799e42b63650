"""The guard's learned look: what it finds that no rule names, what it leaves, and how its
weights are trained (``tests/perf/guard_scorer.py``)."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

from hourdesk.app.core import guard
from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.guard import _lower, redact, scan, scorer
from hourdesk.app.core.guard.scorer import THRESHOLD, candidates, learned_values, weights

sys.path.insert(0, str(Path(__file__).parents[1] / "perf"))
import guard_scorer  # the trainer lives with the benchmarks


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # a code in groups, after words for an alarm in Portuguese
        ("o código do alarme mudou: agora é 7 3 1 9 e depois a tecla OFF.", "7 3 1 9"),
        # a code a locked tablet wants, with no word for a code at all
        ("hey the tablet at the till is locked, it wants 6 1 9 0 then OK", "6 1 9 0"),
    ],
)
def test_what_no_rule_names_is_found_by_the_learned_look(text: str, secret: str) -> None:
    findings = scan(text)
    assert [(text[f.start : f.end], f.rule) for f in findings] == [(secret, "learned")]
    assert secret not in redact(text)[0]
    assert guard.explain(text)[0].endswith("(learned)")
    with pytest.raises(Invalid, match="holds a credential"):  # typed by the consultant
        guard.check_consultant_text(text, "text")


@pytest.mark.parametrize(
    "text",
    [
        "the tablet runs Windows11 and the login page loads slowly",
        "royal mail tracking for the camera is QF123456789GB, repair ref RMA-77412",
        "IPv4 Address: 192.168.0.23\nSubnet Mask: 255.255.255.0",
        "the alarm was fitted in 2019, the code panel is in room 2301",
        # the number a code is sent to
        "the 2FA code goes by SMS to +44 7700 900412",
        "the door code texts go to +46 70 123 45 67",
        "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ7v9Kx2Lp0Zr8Wm4Nd3Yt6Bq1Ec\n"
        "-----END CERTIFICATE-----",
    ],
)
def test_look_alikes_stay(text: str) -> None:
    assert scan(text) == []


def test_plain_words_and_short_numbers_are_no_candidates() -> None:
    text = "the password is summer 123 and Tulip77 (code 4412, or 5 9 0 2)"
    assert [text[a:b] for a, b in candidates(text)] == ["Tulip77", "4412", "5 9 0 2"]


def test_digit_and_key_groups_are_what_their_plain_pattern_finds() -> None:
    """The groups' pattern reads its first character before its look-behind (for speed)
    and finds what the plain spelling finds, at a text's start and after any character."""
    plain = re.compile(
        r"(?<![\w:./+-])\d{1,4}(?:[ -]\d{1,4}){1,5}(?![\w:/-]|\.\d)"
        r"|(?<!\S)[A-Z2-7]{4}(?: [A-Z2-7]{4}){3,12}(?!\S)"
    )
    pieces = ["1 9 7 3", "3-7-1-9", "JBSW Y3DP EHPK 3PXP", "12.5", "a", "x:", "/", "+", " ", "\n"]
    for text in ("".join(p) for p in itertools.product(pieces, repeat=3)):
        found = [m.span() for m in scorer._GROUPS.finditer(text)]
        assert found == [m.span() for m in plain.finditer(text)], text


def test_a_token_ends_at_cjk_punctuation() -> None:
    text = "シリアル番号は PF3K9ZQ1、型番は 20XW-00A8JP です。パスワード「Sakura#2026」"
    assert [text[a:b] for a, b in candidates(text)] == ["PF3K9ZQ1", "20XW-00A8JP", "Sakura#2026"]


def test_what_the_rules_found_is_left_to_them() -> None:
    text = "o código do alarme mudou: agora é 7 3 1 9 e depois a tecla OFF."
    at = text.index("7 3 1 9")
    assert list(learned_values(text, _lower(text), [(at, at + 7)])) == []


def test_the_weights_are_read_from_the_package() -> None:
    model = weights()
    assert "b" in model and len(model) > 10_000
    assert all(isinstance(w, float) for w in model.values())
    assert THRESHOLD > 0


def test_the_trainer_labels_the_tokens_inside_a_secret() -> None:
    cases = [{"text": "pw is Tulip77 and ticket T-4412", "secrets": ["Tulip77"]}]
    features, found = guard_scorer.examples(cases, scorer)
    assert found == [True, False]
    assert "sh=Aa9" in features[0]


def test_the_trainer_fits_a_model_that_tells_them_apart() -> None:
    features = [["b", "p1=is", "sh=Aa9"], ["b", "p1=ticket", "sh=A#9"]] * 50
    found = [True, False] * 50
    weights = guard_scorer.fit(features, found)
    score = [sum(weights[f] for f in row) for row in features[:2]]
    assert score[0] > 1 > -1 > score[1]


def test_the_trainer_takes_the_look_alikes_the_tests_hold_the_guard_to() -> None:
    texts = guard_scorer.test_lookalikes()
    assert "the tablet runs Windows11 and the login page loads slowly" in texts
    assert not any("Hunter2!x" in text for text in texts)  # a linearity test's input
