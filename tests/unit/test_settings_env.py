"""One settings mechanism: the TOML file, overridden by ``HOURDESK_*`` variables; saving
writes the file's own values, never the environment's."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from hourdesk.app.core.settings import (
    Settings,
    SettingsError,
    env_name,
    load_settings,
    save_settings,
)
from hourdesk.app.startup import settings_or_defaults


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text('backups_keep = 5\ntheme = "nord"\n\n[timer]\nidle_minutes = 30\n')
    return path


def test_the_environment_overrides_the_file(config, monkeypatch) -> None:
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "3")
    monkeypatch.setenv("HOURDESK_TIMER__MAX_HOURS", "6")
    monkeypatch.setenv("HOURDESK_KEYS", '{"timer.start": "ctrl+t"}')
    settings = load_settings(config)
    assert settings.backups_keep == 3
    assert settings.timer.max_hours == 6
    assert settings.timer.idle_minutes == 30  # the rest of the section from the file
    assert settings.theme == "nord"
    assert settings.keys == {"timer.start": "ctrl+t"}


def test_a_variable_in_any_case_or_for_a_whole_section_overrides(config, monkeypatch) -> None:
    monkeypatch.setenv("hourdesk_backups_keep", "4")
    monkeypatch.setenv("HOURDESK_TIMER", '{"max_hours": 3}')
    settings = load_settings(config)
    assert settings.backups_keep == 4
    assert (settings.timer.max_hours, settings.timer.idle_minutes) == (3, 30)  # with the file
    assert Settings.model_validate({"theme": "nord"}).backups_keep == 4


def test_the_file_alone_without_variables(config, monkeypatch) -> None:
    monkeypatch.delenv("HOURDESK_BACKUPS_KEEP", raising=False)
    assert load_settings(config).backups_keep == 5
    assert load_settings(config.with_name("missing.toml")) == Settings()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HOURDESK_BACKUPS_KEEP", "lots"),
        ("HOURDESK_BACKUPS_KEEP", "0"),
        ("HOURDESK_TIMER__ROUNDING", "up7"),
        ("HOURDESK_TIMER__NO_SUCH", "1"),
        ("HOURDESK_KEYS", "{not json"),
    ],
)
def test_a_wrong_variable_is_one_line_naming_it(config, monkeypatch, name, value) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    said = str(caught.value)
    assert said.startswith(f"{name}=")
    assert "\n" not in said
    assert str(config) not in said  # the file is fine


def test_a_wrong_file_and_a_wrong_variable_are_both_named(config, monkeypatch) -> None:
    config.write_text("backups_keep = 0\n")
    monkeypatch.setenv("HOURDESK_TIMER__MAX_HOURS", "99")
    with pytest.raises(SettingsError) as caught:
        load_settings(config)
    said = str(caught.value)
    assert f"{config}: backups_keep:" in said
    assert "HOURDESK_TIMER__MAX_HOURS='99':" in said


def test_saving_writes_the_files_values_not_the_environments(config, monkeypatch) -> None:
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "3")
    monkeypatch.setenv("HOURDESK_TIMER__MAX_HOURS", "6")
    settings = load_settings(config)
    save_settings(settings.model_copy(update={"theme": "gruvbox"}), config)
    saved = tomllib.loads(config.read_text())
    assert saved["backups_keep"] == 5  # the file's own value stays
    assert "max_hours" not in saved["timer"]  # not in the file before, not now
    assert saved["timer"]["idle_minutes"] == 30
    assert saved["theme"] == "gruvbox"
    monkeypatch.delenv("HOURDESK_BACKUPS_KEEP")
    monkeypatch.delenv("HOURDESK_TIMER__MAX_HOURS")
    again = load_settings(config)
    assert (again.backups_keep, again.timer.max_hours, again.theme) == (5, 10, "gruvbox")


def test_a_changed_value_is_saved_even_where_a_variable_is_set(config, monkeypatch) -> None:
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "3")
    settings = load_settings(config)
    settings.backups_keep = 9
    save_settings(settings, config)
    assert tomllib.loads(config.read_text())["backups_keep"] == 9


def test_the_tui_runs_on_the_defaults_with_a_notice(config, monkeypatch) -> None:
    config.write_text("backups_keep = [\n")
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "3")
    settings, problem = settings_or_defaults(config, tui=True)
    assert settings.backups_keep == 3  # the defaults, with the variables that are right
    assert problem and str(config) in problem
    with pytest.raises(SettingsError):
        settings_or_defaults(config, tui=False)


def test_a_wrong_variable_gives_the_tui_the_plain_defaults(config, monkeypatch) -> None:
    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "lots")
    settings, problem = settings_or_defaults(config, tui=True)
    assert settings.backups_keep == 14
    assert problem and problem.startswith("HOURDESK_BACKUPS_KEEP='lots':")


def test_a_command_refuses_a_wrong_variable_in_one_line(cli, tmp_path) -> None:
    done = cli.run(
        "--db", tmp_path / "hourdesk.db", "client", "list", env={"HOURDESK_BACKUPS_KEEP": "lots"}
    )
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert "HOURDESK_BACKUPS_KEEP='lots'" in line and "Traceback" not in done.stderr


def _names(model: type[BaseModel], at: str = "") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        section = field.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            names += _names(section, f"{at}{name}.")
        else:
            names.append(at + name)
    return names


def test_the_readme_documents_every_setting_and_its_variable() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    documented = [row.split("`")[1] for row in rows]
    assert documented == _names(Settings)
    for name, row in zip(documented, rows, strict=True):
        assert f"`{env_name(tuple(name.split('.')))}`" in row


def test_a_saved_value_that_a_variable_overrides_is_named(monkeypatch, tmp_path) -> None:
    """The settings screen says which variables will win over what was just saved."""
    from hourdesk.app.core.settings import Settings, overridden

    monkeypatch.setenv("HOURDESK_BACKUPS_KEEP", "30")
    monkeypatch.setenv("HOURDESK_TIMER__MAX_HOURS", "8")
    chosen = Settings().model_copy(update={"backups_keep": 7})
    assert overridden(chosen) == ["HOURDESK_BACKUPS_KEEP"]
    assert overridden(Settings()) == []
