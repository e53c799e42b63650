"""Refusals: a rule or a bad input said no, with the reason and what to do next."""


class Refused(Exception):
    """An action was refused. ``str()`` gives the reason followed by the next step."""

    def __init__(self, reason: str, hint: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.reason} {self.hint}".strip()


class NotFound(Refused):
    """What was asked for does not exist."""


class Invalid(Refused):
    """An input value is not acceptable."""

    def __init__(self, field: str, reason: str, hint: str = "") -> None:
        super().__init__(reason, hint)
        self.field = field
