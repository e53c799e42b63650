"""The whole ``hourdesk`` command: every area's commands registered on the root group."""

from __future__ import annotations

from hourdesk.app.cli import (  # noqa: F401  (each registers its commands on `cli`)
    billing,
    blocks,
    clients,
    data,
    export,
    intake,
    mail,
    statement,
    tickets,
    time,
)
from hourdesk.app.cli.base import cli


def main() -> None:
    cli(prog_name="hourdesk")
