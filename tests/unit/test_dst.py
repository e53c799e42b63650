"""Local times across daylight-saving changes: a time in the spring-forward gap is refused
with the reason, a time the fall-back repeats asks for its offset, and times shown in the
local zone read back to the same instant (New York and Berlin)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.timefmt import local, parse_local

ZONES = {
    "America/New_York": {"gap": "2026-03-08 02:30", "twice": "2026-11-01 01:30"},
    "Europe/Berlin": {"gap": "2026-03-29 02:30", "twice": "2026-10-25 02:30"},
}


@pytest.mark.parametrize("zone", ZONES)
def test_a_time_in_the_gap_is_refused_with_the_reason(local_zone, zone) -> None:
    local_zone(zone)
    with pytest.raises(Invalid) as refused:
        parse_local(ZONES[zone]["gap"], "from")
    text = str(refused.value)
    assert refused.value.field == "from"
    assert f"{ZONES[zone]['gap']} does not exist" in text and "clocks go forward" in text
    assert "01:30" in text and "03:30" in text  # the times the clock did show
    assert "\n" not in text


@pytest.mark.parametrize(
    ("zone", "first", "second"),
    [("America/New_York", "-04:00", "-05:00"), ("Europe/Berlin", "+02:00", "+01:00")],
)
def test_a_repeated_time_asks_for_its_offset(local_zone, zone, first, second) -> None:
    local_zone(zone)
    twice = ZONES[zone]["twice"]
    with pytest.raises(Invalid) as refused:
        parse_local(twice, "to")
    text = str(refused.value)
    assert "happens twice" in text and f"{twice}{first}" in text and f"{twice}{second}" in text

    one, two = parse_local(twice + first), parse_local(twice + second)
    assert two - one == timedelta(hours=1)


@pytest.mark.parametrize("zone", ZONES)
def test_shown_times_read_back_to_the_same_instant(local_zone, zone) -> None:
    local_zone(zone)
    for change in (ZONES[zone]["gap"], ZONES[zone]["twice"]):
        around = datetime.fromisoformat(change).replace(tzinfo=UTC) - timedelta(hours=5)
        for step in range(10 * 4):
            instant = around + timedelta(minutes=15 * step)
            assert parse_local(local(instant)) == instant, local(instant)


@pytest.mark.parametrize("zone", ZONES)
def test_ordinary_times_are_unchanged(local_zone, zone) -> None:
    local_zone(zone)
    summer = parse_local("2026-07-01 12:00")
    assert summer.astimezone(UTC).hour == (16 if zone == "America/New_York" else 10)
    assert local(summer) == "2026-07-01 12:00"


def test_log_across_the_change_bills_the_real_duration(cli, tmp_path) -> None:
    db = tmp_path / "dst.db"
    env = {"TZ": "America/New_York", "HOURDESK_NOW": "2026-12-01T12:00:00Z"}
    cli.run("--db", db, "client", "add", "Acme", "--email", "it@acme.example", env=env)
    cli.run("--db", db, "ticket", "new", "--client", "Acme", "--subject", "x", "--no-billable",
            env=env)  # fmt: skip

    def log(start: str, end: str):
        return cli.run("--db", db, "log", "HD-0001", "--from", start, "--to", end, env=env)

    gap = log("2026-03-08 01:00", "2026-03-08 02:30")
    assert gap.returncode == 1 and gap.stdout == ""
    assert gap.stderr.count("\n") == 1 and "2026-03-08 02:30 does not exist" in gap.stderr
    assert "Traceback" not in gap.stderr

    twice = log("2026-11-01 00:30", "2026-11-01 01:30")
    assert twice.returncode == 1 and "happens twice" in twice.stderr
    assert "2026-11-01 01:30-05:00" in twice.stderr

    assert log("2026-03-08 01:30", "2026-03-08 03:30").returncode == 0  # 1 hour of work
    assert log("2026-11-01 00:30", "2026-11-01 01:30-05:00").returncode == 0  # 2 hours
    entries = json.loads(cli.run("--db", db, "entries", "HD-0001", "--json", env=env).stdout)
    assert [e["seconds"] for e in entries] == [3600, 7200]
    assert [e["start"] for e in entries] == ["2026-03-08T06:30:00Z", "2026-11-01T04:30:00Z"]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(list(ZONES)),
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)),
)
@example("America/New_York", datetime(2026, 3, 8, 2, 30))
@example("Europe/Berlin", datetime(2026, 3, 29, 2, 0))
@example("Europe/Berlin", datetime(2026, 10, 25, 2, 59))
def test_a_local_time_is_taken_as_typed_or_refused(local_zone, zone: str, wall: datetime) -> None:
    """Property: the instant parsed shows the very wall time typed; nothing is shifted."""
    local_zone(zone)
    typed = wall.replace(second=0, microsecond=0)
    try:
        instant = parse_local(typed.isoformat(" ", "minutes"))
    except Invalid as refused:
        assert "does not exist" in str(refused) or "happens twice" in str(refused)
        return
    assert instant.astimezone().replace(tzinfo=None) == typed
