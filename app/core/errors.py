"""Refusals: a rule or a bad input said no, with the reason and what to do next.

The next step is said in the words of the interface in use: a command for the CLI, and keys
for the TUI where they differ (``keys``). The TUI switches the voice while it runs.
"""

_voice = {"keys": False}


def speak_keys(on: bool) -> None:
    """Refusals name the TUI's keys (``on``) or the CLI's commands; set by the TUI."""
    _voice["keys"] = on


class Refused(Exception):
    """An action was refused. ``str()`` gives the reason followed by the next step."""

    def __init__(self, reason: str, hint: str = "", *, keys: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint
        self.keys = keys

    def __str__(self) -> str:
        hint = self.keys if self.keys and _voice["keys"] else self.hint
        return f"{self.reason} {hint}".strip()


class NotFound(Refused):
    """What was asked for does not exist."""


class Invalid(Refused):
    """An input value is not acceptable."""

    def __init__(self, field: str, reason: str, hint: str = "", *, keys: str = "") -> None:
        super().__init__(reason, hint, keys=keys)
        self.field = field
