"""A client's prepaid hours as the screens show them: what is left, yellow from 80 % used,
red once used up."""

from __future__ import annotations

from rich.text import Text

from hourdesk.app.core.durations import format_duration
from hourdesk.app.desk.billing.block_records import Standing


def prepaid_text(standing: Standing | None) -> Text:
    """``prepaid 6h00m left`` (empty without a usable block)."""
    if standing is None:
        return Text()
    if standing.left <= 0:
        beyond = f", {format_duration(-standing.left)} beyond" if standing.left else ""
        return Text(f"prepaid hours used up{beyond}", style="bold red")
    style = "yellow" if standing.mark else "green"
    return Text(f"prepaid {format_duration(standing.left)} left", style=style)
