"""Money and durations typed the way people type them: a clean value or Invalid, never
another exception; amounts round half-up to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from hourdesk.app.core.durations import MAX_SECONDS, format_clock, format_duration, parse_duration
from hourdesk.app.core.errors import Invalid
from hourdesk.app.core.money import (
    MAX_RATE_CENTS,
    amount_for,
    format_usd,
    parse_amount,
    plain,
    to_decimal,
)

# --- durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("2.5", 9000),
        ("2h30m", 9000),
        ("2h 30m", 9000),
        ("2H30M", 9000),
        ("90m", 5400),
        ("90 min", 5400),
        ("45 minutes", 2700),
        ("1:45", 6300),
        ("0:05", 300),
        ("2 hours", 7200),
        ("1 hour", 3600),
        ("2hrs", 7200),
        ("1.5h", 5400),
        ("3", 10800),
        (" 0.25 ", 900),
        ("0", 0),
        ("1000", MAX_SECONDS),
    ],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "not a duration"),
        ("abc", "not a duration"),
        ("two hours", "not a duration"),
        ("1:60", "not a duration"),
        ("1:5", "not a duration"),
        ("h", "not a duration"),
        ("2h30", "not a duration"),
        ("nan", "not a duration"),
        ("inf", "not a duration"),
        ("1e999999999999", "not a duration"),
        ("-1", "negative"),
        ("-0.5", "negative"),
        ("1001", "more than 1,000 hours"),
        ("1000h1m", "more than 1,000 hours"),
    ],
)
def test_parse_duration_refuses(text: str, reason: str) -> None:
    with pytest.raises(Invalid) as refused:
        parse_duration(text, "hours")
    assert refused.value.field == "hours"
    assert reason in str(refused.value)
    assert "2h30m" in str(refused.value) or "Check" in str(refused.value)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | st.from_regex(r"\A[0-9.:hm eEr-]{1,14}\Z"))
@example("1e999999999999")
@example("9" * 60)
@example("sNaN")
@example("١:٣٠")
def test_parse_duration_never_crashes(text: str) -> None:
    try:
        seconds = parse_duration(text)
    except Invalid as refused:
        assert refused.field == "time"
        return
    assert isinstance(seconds, int)
    assert 0 <= seconds <= MAX_SECONDS


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=59))
def test_a_formatted_duration_parses_back(hours: int, minutes: int) -> None:
    seconds = hours * 3600 + minutes * 60
    assert parse_duration(format_duration(seconds)) == seconds
    assert parse_duration(f"{hours}:{minutes:02d}") == seconds


def test_format_duration_and_clock() -> None:
    assert format_duration(0) == "0h00m"
    assert format_duration(7800) == "2h10m"
    assert format_duration(-300) == "-0h05m"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(-5) == "0:00:00"


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("150", 150_00),
        ("150.5", 150_50),
        ("150.00", 150_00),
        ("0.01", 1),
        ("$1,250.00", 1250_00),
        (" $ 99.99 ", 99_99),
        ("0", 0),
        ("100000", MAX_RATE_CENTS),
    ],
)
def test_parse_amount(text: str, cents: int) -> None:
    assert parse_amount(text) == cents


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("-1", "negative"),
        ("150.005", "more than 2 decimals"),
        ("0.001", "more than 2 decimals"),
        ("abc", "not an amount"),
        ("", "not an amount"),
        ("NaN", "not an amount"),
        ("Infinity", "not an amount"),
        ("100000.01", "too large"),
        ("1e30", "too large"),
        ("9" * 40, "too large"),
    ],
)
def test_parse_amount_refuses(text: str, reason: str) -> None:
    with pytest.raises(Invalid) as refused:
        parse_amount(text, "rate")
    assert refused.value.field == "rate"
    assert reason in str(refused.value)


def test_zero_can_be_refused() -> None:
    with pytest.raises(Invalid, match="more than zero"):
        parse_amount("0", allow_zero=False)
    assert parse_amount("0.01", allow_zero=False) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20) | st.from_regex(r"\A[-$0-9.,eE ]{1,16}\Z"))
@example("1e999999")
@example("9e999999999")
@example("-1e999999")
@example("1e-999999999")
@example("sNaN")
def test_parse_amount_never_crashes(text: str) -> None:
    try:
        cents = parse_amount(text)
    except Invalid as refused:
        assert refused.field == "amount"
        return
    assert isinstance(cents, int)
    assert 0 <= cents <= MAX_RATE_CENTS


@given(st.integers(min_value=0, max_value=MAX_RATE_CENTS))
def test_cents_round_trip_through_plain(cents: int) -> None:
    assert parse_amount(plain(cents)) == cents
    assert to_decimal(cents) == Decimal(cents) / 100


@pytest.mark.parametrize(
    ("seconds", "rate_cents", "cents"),
    [
        (3600, 150_00, 150_00),
        (5400, 150_00, 225_00),
        (60, 100_00, 167),  # 1.6666… rounds up
        (3, 150_00, 13),  # 12.5 cents: half-up, not to even
        (1800, 1, 1),  # 0.5 cent
        (9000, 1, 3),  # 2.5 cents
        (5400, 1, 2),  # 1.5 cents
        (1, 1, 0),
        (0, 150_00, 0),
    ],
)
def test_amount_for_rounds_half_up(seconds: int, rate_cents: int, cents: int) -> None:
    assert amount_for(seconds, rate_cents) == cents


@given(st.integers(min_value=0, max_value=MAX_SECONDS), st.integers(0, MAX_RATE_CENTS))
def test_amount_for_is_within_half_a_cent(seconds: int, rate_cents: int) -> None:
    exact = Decimal(seconds) * rate_cents / 3600
    cents = amount_for(seconds, rate_cents)
    assert isinstance(cents, int)
    assert -Decimal("0.5") < cents - exact <= Decimal("0.5")


def test_format_usd() -> None:
    assert format_usd(1250_00) == "$1,250.00"
    assert format_usd(5) == "$0.05"
