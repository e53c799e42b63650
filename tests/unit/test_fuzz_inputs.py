"""Bad input everywhere: arbitrary text at every parser gives a clean result or a clear error.

Hypothesis throws text at the parsers behind the CLI options and the TUI's form fields
(durations, amounts, dates and instants, ticket refs, client fields), at the settings (as
values and as whole TOML files), and at the CLI itself (random arguments through click's
``CliRunner``): the answer is a value, or the documented refusal, and never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import math
import sqlite3
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import hourdesk.app.cli.main
from hourdesk.app.core.clock import FixedClock, parse_instant
from hourdesk.app.core.durations import MAX_SECONDS, parse_duration
from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.money import MAX_RATE_CENTS, parse_amount
from hourdesk.app.core.settings import Settings, SettingsError, load_settings
from hourdesk.app.core.timefmt import parse_local
from hourdesk.app.desk.clients import client_values
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.storage.vault import MemoryVault
from tests.builders import ready_settings

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text of every kind, and text that looks almost right (digits, units, signs, separators).
anything = st.text(max_size=40)
almost = st.text(alphabet="0123456789 .,:-+$hHmMsTZz_#eE/", max_size=24)
texts = st.one_of(anything, almost)


def clear(exc: BaseException) -> None:
    """A refusal a user can act on: one short line with words in it."""
    text = str(exc)
    assert text.strip(), repr(exc)
    assert "Traceback" not in text
    assert len(text) < 600


# --- the parsers ---------------------------------------------------------------------------


@FUZZ
@given(texts)
@example("1e999999999")
@example("NaN")
@example("-0")
@example("9" * 40)
@example("2h61m")
@example("١٢")  # other scripts' digits
def test_parse_duration(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except Invalid as exc:
        clear(exc)
        return
    assert isinstance(seconds, int)
    assert 0 <= seconds <= MAX_SECONDS


@FUZZ
@given(texts)
@example("$1,250.00")
@example("Infinity")
@example("sNaN")
@example("1e-999999999")
@example("0.001")
@example("-0.00")
def test_parse_amount(text: str) -> None:
    try:
        cents = parse_amount(text)
    except Invalid as exc:
        clear(exc)
        return
    assert isinstance(cents, int)
    assert 0 <= cents <= MAX_RATE_CENTS


@pytest.fixture(scope="module")
def fuzz_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = tmp_path_factory.mktemp("fuzz") / "hourdesk.db"
    desk = build_desk(path, vault=MemoryVault(), clock=FixedClock(datetime(2026, 3, 2, tzinfo=UTC)))
    yield desk
    desk.close()


@FUZZ
@given(st.one_of(texts, st.from_regex(r"[A-Za-z#]{0,7}-?0*\d{0,12}", fullmatch=True)))
@example("HD-0000")
@example("#" + "9" * 10)
def test_parse_ref(fuzz_desk: Desk, text: str) -> None:
    try:
        number = fuzz_desk.parse_ref(text)
    except Invalid as exc:
        clear(exc)
        return
    assert isinstance(number, int)
    assert 1 <= number < 10**9
    assert fuzz_desk.parse_ref(fuzz_desk.ref(number)) == number


def _dates() -> st.SearchStrategy[str]:
    edges = st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-29", "2024-02-29", "2026-13-01"])
    times = st.sampled_from(["", " 00:00", "T23:59", " 24:00", "T12:00:00.123456"])
    zones = st.sampled_from(["", "Z", "+00:00", "+14:00", "-12:00", "+23:59", "+24:00"])
    return st.builds(lambda d, t, z: d + t + z, edges, times, zones)


KNOWN_YEAR_EDGE = "year 0 is out of range", "year 10000 is out of range"


@FUZZ
@given(st.one_of(texts, _dates()))
@example("2026-11-20 14:05")
def test_parse_local(text: str) -> None:
    try:
        value = parse_local(text)
    except Invalid as exc:
        clear(exc)
        return
    except ValueError as exc:  # a naive time at the very edge of the calendar: see below
        assert str(exc) in KNOWN_YEAR_EDGE
        return
    assert value.tzinfo is not None


def test_parse_local_at_the_edge_of_the_calendar(monkeypatch) -> None:
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    try:
        with pytest.raises(Invalid):
            parse_local("0001-01-01 00:00")
    finally:
        monkeypatch.undo()
        time.tzset()


@FUZZ
@given(st.one_of(texts, _dates()))
@example("2026-11-26T09:00:00Z")
def test_parse_instant(text: str) -> None:
    try:
        value = parse_instant(text)
    except ValueError as exc:
        clear(exc)
        return
    except OverflowError:  # a far offset at the edge of the calendar: see below
        return
    assert value.tzinfo is not None
    assert value.utcoffset().total_seconds() == 0


def test_parse_instant_at_the_edge_of_the_calendar() -> None:
    with pytest.raises(ValueError):
        parse_instant("0001-01-01T00:00+01:00")


@FUZZ
@given(
    name=texts,
    emails=st.one_of(texts, st.lists(texts, max_size=3), st.emails().map(str)),
    rate=st.one_of(st.none(), texts),
    terms=st.one_of(texts, st.integers()),
    method=st.one_of(st.sampled_from(["bank", "paypal"]), texts),
    company=texts,
)
def test_client_values(name, emails, rate, terms, method, company) -> None:
    try:
        values = client_values(
            name=name,
            emails=emails,
            rate=rate,
            terms_days=terms,
            payment_method=method,
            company=company,
        )
    except Invalid as exc:
        clear(exc)
        return
    assert values["name"].strip()
    assert 0 <= values["terms_days"] <= 365
    assert values["payment_method"] in ("bank", "paypal")


# --- settings ------------------------------------------------------------------------------

SETTING_PATHS = [
    ("business", "name"),
    ("business", "email"),
    ("default_rate",),
    ("default_terms_days",),
    ("locale",),
    ("ticket_prefix",),
    ("exports_dir",),
    ("payment", "bank_details"),
    ("timer", "max_hours"),
    ("timer", "idle_minutes"),
    ("timer", "rounding"),
    ("smtp", "host"),
    ("smtp", "port"),
    ("smtp", "security"),
    ("smtp", "timeout"),
    ("hold_policy",),
    ("reminders",),
    ("nonsense",),
    ("timer", "nonsense"),
]

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        texts,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _nest(pairs: list[tuple[tuple[str, ...], object]]) -> dict:
    data: dict = {}
    for path, value in pairs:
        node = data
        for key in path[:-1]:
            if not isinstance(node.get(key), dict):
                node[key] = {}
            node = node[key]
        node[path[-1]] = value
    return data


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(SETTING_PATHS), values), max_size=4))
@example([(("locale",), "\x00")])
@example([(("locale",), "x" * 300)])
@example([(("reminders",), [{"days": 3, "subject": "{", "body": "}"}])])
def test_settings_values(pairs) -> None:
    try:
        loaded = Settings.model_validate(_nest(pairs))
    except ValidationError as exc:
        assert exc.errors()
        return
    assert isinstance(loaded, Settings)
    assert math.isfinite(loaded.default_rate)


@FUZZ
@given(st.one_of(anything, st.text(alphabet='[]="\n.abcdefghilmnoprstux0123456789 ', max_size=80)))
@example("[timer]\nmax_hours = 99\n")
@example("locale = 'xx_XX'\n")
@example("[[reminders]]\ndays = 0\n")
def test_settings_files(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("config") / "config.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        loaded = load_settings(path)
    except SettingsError as exc:
        clear(exc)
        assert str(path) in str(exc)
        return
    assert isinstance(loaded, Settings)


# --- the command line ----------------------------------------------------------------------


def _vocabulary(group: click.Group) -> tuple[list[str], list[str]]:
    """Every command and subcommand name, and every option name, of the CLI."""
    names, options = [], set()

    def walk(command: click.Command) -> None:
        for param in command.params:
            options.update(o for o in param.opts if o.startswith("-"))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                names.append(name)
                walk(sub)

    walk(group)
    return sorted(set(names)), sorted(options)


COMMANDS, OPTIONS = _vocabulary(hourdesk.app.cli.main.cli)
TOP = sorted(hourdesk.app.cli.main.cli.commands)

# No path separators or ~: every file a command writes lands in the runner's own folder.
# No NUL either: a real command line cannot carry one.
safe_text = st.text(
    alphabet=st.characters(blacklist_characters="/\\~\x00", blacklist_categories=("Cs",)),
    max_size=16,
)
token = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(OPTIONS),
    st.sampled_from(["HD-0001", "HD-0002", "2026-0001", "1", "0", "-1", "2.5", "150.00", "x"]),
    st.sampled_from(["2026-03-01", "2026-03-01 10:00", "bank", "paypal", "md", "pdf", "json"]),
    safe_text,
)


def _leaves(
    group: click.Group, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _leaves(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


LEAVES = _leaves(hourdesk.app.cli.main.cli)


VALUES = [
    "HD-0001",
    "HD-0002",
    "HD-0099",
    "2026-0001",
    "2026-0002",
    "Acme",
    "it@acme.example",
    "1",
    "0",
    "-1",
    "2.5",
    "150.00",
    "0.01",
    "99999999",
    "2026-03-01",
    "2026-03-01 10:00",
    "2026-03-02 09:30",
    ".",
    "out",
]
value = st.one_of(st.sampled_from(VALUES), safe_text)


def _value(param: click.Parameter) -> st.SearchStrategy[str]:
    if isinstance(param.type, click.Choice):
        return st.one_of(st.sampled_from([str(c) for c in param.type.choices]), value)
    return value


@st.composite
def well_formed(draw) -> list[str]:
    """A real command with a random choice of its own options and arguments."""
    path, command = draw(st.sampled_from(LEAVES))
    args = list(path)
    for param in command.params:
        if isinstance(param, click.Option):
            if param.name == "db_path" or not (param.required or draw(st.booleans())):
                continue
            if param.is_flag:
                args.append(draw(st.sampled_from(param.opts + param.secondary_opts)))
            else:
                args += [param.opts[0], draw(_value(param))]
        else:
            count = 1 if param.nargs == 1 else draw(st.integers(0, 3))
            if param.required or draw(st.integers(0, 4)):
                args += [draw(_value(param)) for _ in range(count)]
    if draw(st.sampled_from([False] * 9 + [True])):  # now and then, one word too many
        args.insert(draw(st.integers(1, len(args))), draw(token))
    return args


arguments = st.one_of(
    well_formed(),
    well_formed(),
    well_formed(),
    well_formed(),
    st.lists(token, max_size=8),
    st.tuples(st.sampled_from(TOP), st.lists(token, max_size=7)).map(lambda t: [t[0], *t[1]]),
)


@pytest.fixture(scope="module")
def cli_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a client, tickets, a running timer and an invoice to poke at."""
    folder = tmp_path_factory.mktemp("cli-fuzz")
    clock = FixedClock(datetime(2026, 2, 28, 9, tzinfo=UTC))
    settings_ = ready_settings({"payment": {"bank_details": "Example Bank"}})
    desk = build_desk(folder / "hourdesk.db", vault=MemoryVault(), clock=clock, settings=settings_)
    try:
        client = desk.clients.add(name="Acme", emails="it@acme.example", rate="140")
        for subject in ("Printer", "VPN"):
            ticket = desk.tickets.new(client_id=client.id, subject=subject, body="Help.")
            desk.estimates.send(ticket.ref, hours="5")
            desk.estimates.approve(ticket.ref, text="Approved.")
        clock.advance(days=1)
        start = datetime(2026, 3, 1, 6, tzinfo=UTC)
        desk.timer.log("HD-0002", start=start, end=start.replace(hour=8))
        desk.completion.resolve("HD-0002", "Done.")
        desk.invoicing.issue(client.id)
        desk.timer.start("HD-0001")
    finally:
        desk.close()
    return folder


@pytest.fixture
def invoke(cli_folder: Path, monkeypatch: pytest.MonkeyPatch):
    """Run the CLI in this process, on the fuzz database, in a folder of its own; never the
    TUI, and every desk a command opened closed afterwards."""
    monkeypatch.setattr(hourdesk.app.cli.base, "_run_tui", lambda session: click.echo("(the TUI)"))
    opened = []
    original = hourdesk.app.cli.base.Session.desk

    def tracked(self):
        desk = original(self)
        if desk not in opened:
            opened.append(desk)
        return desk

    monkeypatch.setattr(hourdesk.app.cli.base.Session, "desk", tracked)
    monkeypatch.chdir(cli_folder)
    runner = CliRunner()
    env = {
        "HOURDESK_DB": str(cli_folder / "hourdesk.db"),
        "HOURDESK_NOW": "2026-03-02T10:00:00Z",
        "TZ": "UTC",
    }

    def run(args: list[str]):
        try:
            return runner.invoke(hourdesk.app.cli.main.cli, args, env=env, catch_exceptions=True)
        finally:
            while opened:
                with contextlib.suppress(sqlite3.Error):
                    opened.pop().close()
            for made in (cli_folder / "backups").glob("hourdesk-2*.db"):
                made.unlink()  # manual backups pile up otherwise

    return run


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(arguments)
@example(["smtp-password"])
@example(["log", "HD-0001", "--from", "0001-01-01 00:00", "--to", "0001-01-01 01:00"])
@example(["pay", "2026-0001", "--amount", "1e9", "--method", "bank"])
@example(["report", "--from", "9999-12-31", "--to", "0001-01-01"])
@example(["check", "--json"])
@example(["restore", "hourdesk.db"])
@example(["backup", "unexpected error"])  # written, then: "… already exists"
@example(["backup", "./unexpected error"])
def test_random_command_lines(invoke, args: list[str]) -> None:
    result = invoke(args)
    event(f"exit {result.exit_code}")
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, output, result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), (args, repr(result.exception))
    assert "Traceback" not in output, (args, output)
    # the crash message itself: an argument echoed back may hold the words
    # ("backup 'unexpected error'": "… unexpected error already exists")
    assert "hourdesk: unexpected error (" not in output, (args, output)


def test_a_bad_hourdesk_now_is_named(cli_folder: Path, monkeypatch) -> None:
    monkeypatch.chdir(cli_folder)
    result = CliRunner().invoke(
        hourdesk.app.cli.main.cli,
        ["ticket", "list"],
        env={"HOURDESK_NOW": "yesterday-ish", "HOURDESK_DB": str(cli_folder / "hourdesk.db")},
    )
    assert result.exit_code == 1
    assert "HOURDESK_NOW" in result.output


@FUZZ
@given(
    st.lists(
        st.one_of(st.sampled_from(["--json", "--format", "--db", "--demo"]), safe_text), max_size=4
    )
)
@example(["--format", "{ref.__class__}"])
@example(["--format", "{0}"])
@example(["--format", "{elapsed:>99999999999}"])
@example(["--format", "{"])
def test_status_arguments(cli_folder: Path, monkeypatch: pytest.MonkeyPatch, args) -> None:
    from hourdesk.app.cli.quick_status import main

    monkeypatch.chdir(cli_folder)
    monkeypatch.setenv("HOURDESK_DB", str(cli_folder / "hourdesk.db"))
    monkeypatch.setenv("HOURDESK_NOW", "2026-03-02T10:00:00Z")
    out, err = io.StringIO(), io.StringIO()
    try:
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["status", *args])
    except SystemExit as exc:
        code = exc.code
    assert code in (0, 1, 2, None), (args, code, err.getvalue())
    assert "Traceback" not in out.getvalue() + err.getvalue()
