"""The guard's alternations grouped by first letter match exactly what they matched."""

from __future__ import annotations

import re

from hourdesk.app.core.guard.alternation import by_first_letter


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
