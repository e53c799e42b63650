"""Layers: storage/, exports/ and the desk modules under app/ never import Textual (or the
screens); only app.tui (the App) and app.cli (which starts it) may."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"hourdesk.app.tui", "hourdesk.app.cli.main"}

PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys

    allowed = set(sys.argv[1].split(","))
    imported = []
    for package in ("hourdesk.storage", "hourdesk.exports", "hourdesk.app"):
        module = importlib.import_module(package)
        imported.append(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if info.name in allowed:
                continue
            importlib.import_module(info.name)
            imported.append(info.name)
    loaded = sorted(
        name for name in sys.modules
        if name.split(".")[0] == "textual" or name.startswith(("hourdesk.screens", "screens"))
    )
    print(json.dumps({"imported": imported, "loaded": loaded}))
    """
)


def probe(allowed: set[str], pycache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, ",".join(sorted(allowed))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_no_textual_below_the_app(pycache: Path) -> None:
    result = probe(ALLOWED, pycache)
    expected = {
        f"hourdesk.{package}.{path.stem}"
        for package in ("storage", "exports", "app")
        for path in (ROOT / package).glob("*.py")
        if path.stem != "__init__"
    } - ALLOWED
    assert expected <= set(result["imported"])  # every module was really imported
    assert {
        "hourdesk.storage.db",
        "hourdesk.app.desk.facade",
        "hourdesk.app.desk.tickets",
        "hourdesk.app.desk.inbox",
    } <= set(result["imported"])
    assert result["loaded"] == []


def test_storage_and_exports_never_import_upward() -> None:
    """The layers point one way: storage/ imports nothing of hourdesk's above it; exports/
    only storage/ (and itself); neither reaches into app/ or screens/, not even lazily."""
    import ast

    allowed = {"storage": {"storage"}, "exports": {"storage", "exports"}}
    found = []
    for package, may in allowed.items():
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = (
                    [node.module or ""]
                    if isinstance(node, ast.ImportFrom)
                    else [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else []
                )
                for name in names:
                    top = name.removeprefix("hourdesk.").split(".")[0]
                    if top in {"app", "screens", "storage", "exports"} and top not in may:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {name}")
    assert found == []


def test_one_import_root(pycache: Path) -> None:
    """Everything is imported as ``hourdesk.…``: the TUI's whole import graph loads no bare
    ``app``, ``screens``, ``storage`` or ``exports`` module, and the wheel ships one root."""
    import tomllib

    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    code = (
        "import sys, json; import hourdesk.app.tui, hourdesk.app.cli.main;"
        "import hourdesk.app.cli.launch;"
        "print(json.dumps(sorted(n for n in sys.modules"
        " if n.split('.')[0] in ('app', 'screens', 'storage', 'exports'))))"
    )
    done = subprocess.run(
        [sys.executable, "-P", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = config["tool"]["setuptools"]["packages"]
    assert {p.split(".")[0] for p in packages} == {"hourdesk"}


def test_the_import_contracts_hold() -> None:
    """One-way layers and no cycles, as pyproject.toml's [tool.importlinter] states them."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
