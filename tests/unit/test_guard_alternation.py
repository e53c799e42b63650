"""The guard's alternations grouped by first letter match exactly what they matched."""

from __future__ import annotations

import re

from hourdesk.app.core.guard.alternation import by_first_letter, needle


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
