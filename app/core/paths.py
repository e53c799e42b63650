"""Where hourdesk keeps its files (platform user dirs), and which database to open."""

from __future__ import annotations

import os
from pathlib import Path

from hourdesk.app.core import environ

APP = "hourdesk"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def config_file() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "config.toml"


def default_exports_dir() -> Path:
    from platformdirs import user_documents_path

    return user_documents_path() / APP


def database_path(explicit: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Path:
    """``--db``, else ``HOURDESK_DB``, else the demo or the real database in the data dir."""
    if explicit:
        return Path(explicit).expanduser()
    if not demo and (env := environ.database()):
        return Path(env).expanduser()
    return data_dir() / ("demo.db" if demo else "hourdesk.db")
