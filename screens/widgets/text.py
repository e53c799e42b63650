"""Untrusted text for the screen: never parsed as markup, control characters made visible."""

from __future__ import annotations

import re

from rich.text import Text

_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(value: object, *, one_line: bool = False) -> str:
    """Replace control and bidi-override characters by ``�``; optionally fold to one line."""
    text = _CONTROLS.sub("\ufffd", str(value))
    return " ".join(text.split()) if one_line else text.replace("\t", "    ")


def literal(value: object, style: str = "", *, one_line: bool = True) -> Text:
    """A Rich ``Text`` that shows ``value`` exactly, whatever brackets it holds."""
    return Text(clean(value, one_line=one_line), style=style)
