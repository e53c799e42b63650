"""The guard's alternations grouped by first letter match exactly what they matched."""

from __future__ import annotations

import re

import pytest

from hourdesk.app.core.guard import labels
from hourdesk.app.core.guard.alternation import ByScript, Rare, _top_level, by_first_letter, needle
from hourdesk.app.core.guard.repeats import _alternatives
from hourdesk.app.core.guard.sentences import DONE_TO_WORDS


def test_alternatives_grouped_by_first_letter_match_what_they_matched() -> None:
    """Grouping keeps every match and its order; a group it cannot split stays as it is."""
    source = r"pass(?:word)?|pwd|p/w|key|kennwort|u|user|(?:x|y)z|[ab]c|a\|b"
    grouped = by_first_letter(source)
    text = "password pwd p/w key kennwort user u xz bc a|b passe keyed"
    assert [m.span() for m in re.finditer(grouped, text)] == [
        m.span() for m in re.finditer(f"(?:{source})", text)
    ]
    assert by_first_letter("pass|pwd|key").startswith("(?:p(?:ass|wd)|key")
    assert by_first_letter("a?b|abc") == "(?:a?b|abc)"


def test_a_needle_is_the_literal_text_every_match_starts_with() -> None:
    assert needle(re.compile(r"whsec_[A-Za-z0-9]{24}")) == "whsec_"
    assert needle(re.compile(r"SG\.(?<!x)[\w-]{16}")) == "SG"
    assert needle(re.compile(r"keys?:")) == "key"  # the "s" may be missing
    assert needle(re.compile(r"[sr]k_live")) == ""
    assert needle(re.compile(r"token", re.IGNORECASE)) == ""  # "TOKEN" matches too


@pytest.mark.parametrize(
    ("words", "rest"),
    [
        ("team[ ]?viewer|any[ ]?desk|splashtop", r"(?!\w)[^\n\d]{0,30}\d{3}"),
        ("recovery|backup|one-time", r"[ \t-]?(?:keys?|codes?)"),
        ("echo|printf", r"[ \t]+\S+[ \t]*\|"),
        ("pass|(?:x)y", "word"),  # a first word that is no literal: the plain search
    ],
)
def test_rare_words_find_what_the_pattern_finds(words: str, rest: str) -> None:
    rare = Rare(words, rest)
    text = (
        "teamviewer 123, team viewer 456 anydesk anydesk 789; backup codes backup-keys "
        "one-time code recovery key echo x | echo y | printf z | password xyword passwordword"
    ) * 10  # long enough to be searched word by word
    assert [m.span() for m in rare.finditer(text)] == [
        m.span() for m in rare.pattern.finditer(text)
    ]
    assert [m.span() for m in rare.finditer(text)]  # the text holds matches


@pytest.mark.parametrize("repeat", [1, 200])
def test_alternatives_split_by_script_find_what_one_pattern_finds(repeat: int) -> None:
    """Short texts and long ones (searched in two patterns, merged) alike, in order."""
    source = "pass|parola|пароль|код|κωδικός|code|パスワード|密码|kod"
    text = "pass пароль код parola κωδικός codes パスワード kod 密码 kodas, " * repeat
    split = ByScript(source, suffix=r"(?!\w)")
    whole = re.compile(f"(?:{source})(?!\\w)")
    assert [m.span() for m in split.finditer(text)] == [m.span() for m in whole.finditer(text)]
    search, pos, found = split.searcher(text), 0, []
    while (m := search(pos)) is not None:
        found.append(m.span())
        pos = m.end() + 7  # a search that skips ahead
    expected, pos = [], 0
    while (m := whole.search(text, pos)) is not None:
        expected.append(m.span())
        pos = m.end() + 7
    assert found == expected


def test_a_search_resumed_inside_a_shared_match_finds_what_the_pattern_finds() -> None:
    """A long text's matches are found once and shared; a search from inside one of them
    ("word" inside "password") is the pattern's own, and every searcher agrees."""
    split = ByScript("password|word|пароль|роль")
    whole = re.compile("(?:password|word|пароль|роль)")
    text = "a password, пароль and a passwordword. " * 40
    for pos in [*range(0, 60), len(text) - 5, len(text)]:
        for search in (split.searcher(text), split.searcher(text)):
            found = search(pos)
            expected = whole.search(text, pos)
            assert (found and found.span()) == (expected and expected.span()), pos


def test_the_pattern_of_repeated_values_matches_each_value_longest_first() -> None:
    values = sorted({"Hazel#12", "Hazel#123", "Haze", "4471", "44", "Birch_Lake9"})
    pattern = re.compile(_alternatives(values))
    for value in values:
        assert pattern.fullmatch(value)
    assert pattern.match("Hazel#1234").group() == "Hazel#123"
    assert pattern.match("Hazel#1").group() == "Haze"


@pytest.mark.parametrize(
    "source",
    [labels._PASSWORD_LABELS, labels._TOKEN_LABELS, labels.CODE_WORDS, DONE_TO_WORDS],
    ids=["password labels", "token labels", "code words", "what was done with a password"],
)
def test_the_guards_long_alternations_stay_grouped(source: str) -> None:
    """One alternative starting with a class or a group ("[şs]ifre") makes the whole list
    ungrouped, and the labels' search several times slower, finding the same."""
    assert not by_first_letter(source).startswith("(?:" + source[:12])
    assert all(alt[:1].isalnum() for alt in _top_level(source))
