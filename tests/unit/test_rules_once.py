"""Each rule of the process is decided in app/desk/rules.py and nowhere else: the areas gather
the facts and ask there. A second copy of a rule shows as its words or its test elsewhere."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.errors import Invalid, Refused
from hourdesk.app.desk import rules
from hourdesk.storage.models import Decision, Estimate, Ticket

ROOT = Path(__file__).resolve().parents[2]
CODE = [p for folder in ("app", "screens") for p in (ROOT / folder).rglob("*.py")]
RULES = ROOT / "app" / "desk" / "rules.py"

# The words (or the test) by which each rule decides; each may appear only in rules.py.
MARKS = {
    "no work on finished tickets": 'status in ("resolved", "closed")',
    "the payment hold": "New work is paused",
    "the approval gate": "waiting for approval of estimate",
    "billable only after the approval": "billable time before that is refused",
    "an approval not before its estimate": "cannot approve it",
    "the budget stop": "Beyond the approved budget",
    "no way around the gate by status": "approved only by the client's written",
}


@pytest.mark.parametrize("rule", sorted(MARKS))
def test_each_rule_is_decided_once(rule: str) -> None:
    mark = MARKS[rule]
    places = [p.relative_to(ROOT) for p in CODE if mark in p.read_text(encoding="utf-8")]
    assert places == [RULES.relative_to(ROOT)], f"{rule}: {places}"


def test_the_rules_read_nothing_but_their_arguments() -> None:
    """No database, clock or desk in the rules: the same facts give the same answer."""
    tree = ast.parse(RULES.read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    assert imported <= {
        "__future__",
        "dataclasses",
        "datetime",
        "typing",
        "hourdesk.app.core.durations",
        "hourdesk.app.core.errors",
        "hourdesk.app.core.timefmt",
        "hourdesk.storage.models",
    }


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 20, hour, minute, tzinfo=UTC)


def _ticket(status: str = "approved", priority: str = "normal") -> Ticket:
    return Ticket(
        id=1, number=7, ref="HD-0007", client_id=1, client_name="Acme", subject="s",
        channel="email", priority=priority, billable=True, status=status, hold_reason=None,
        referred_by="", flagged=False, created_at=_at(6), updated_at=_at(6),
    )  # fmt: skip


APPROVED_AT = datetime(2026, 11, 20, 8, tzinfo=UTC)


def _estimate(seconds: int = 3600, approved_at: datetime | None = APPROVED_AT) -> Estimate:
    decision = None
    if approved_at is not None:
        decision = Decision(
            id=1, estimate_id=1, outcome="approved", text="ok", source_entry_id=None,
            received_at=approved_at,
            recorded_at=approved_at,
        )  # fmt: skip
    return Estimate(
        id=1, ticket_id=1, version=1, billable=True, seconds=seconds, rate_cents=15000,
        scope="", sent_at=_at(7, 15), decision=decision,
    )  # fmt: skip


def test_an_approval_before_its_estimate_or_from_the_future_is_refused() -> None:
    estimate = _estimate(approved_at=None)
    now = int(_at(12).timestamp())
    with pytest.raises(Invalid, match="before estimate v1 was sent"):
        rules.refuse_early_approval(estimate, "received", int(_at(6, 48).timestamp()), now)
    with pytest.raises(Invalid, match="future"):
        rules.refuse_early_approval(estimate, "received", now + 1, now)
    rules.refuse_early_approval(estimate, "received", int(_at(7, 15).timestamp()), now)


def test_the_budget_stop_splits_at_the_approved_time() -> None:
    start = int(_at(9).timestamp())
    assert rules.budget_split(_estimate(3600), 0, start, start + 3 * 3600) == start + 3600
    assert rules.budget_split(_estimate(3600), 1800, start, start + 3600) == start + 1800
    assert rules.budget_split(_estimate(3600), 3600, start, start + 60) == start
    assert rules.budget_split(_estimate(3600), 0, start, start + 3600) is None
    assert rules.budget_split(_estimate(approved_at=None), 0, start, start + 9999) is None


def test_the_gate_and_the_hold() -> None:
    now = int(_at(12).timestamp())
    ticket = _ticket()
    assert rules.gate(ticket, rules.Budget(0, _estimate()), now).billable
    assert not rules.gate(ticket, rules.Budget(3600, _estimate()), now).billable
    assert not rules.gate(ticket, rules.Budget(0, _estimate(approved_at=None)), now).billable
    assert rules.gate(ticket, rules.Budget(2900, _estimate()), now).warning.endswith(
        "80% of its approved budget."
    )
    with pytest.raises(Refused, match="no more time"):
        rules.refuse_done(_ticket("resolved"), "time")
    with pytest.raises(Refused, match="New work is paused"):
        rules.hold_warning(ticket, "Acme owes.", pause=True, oldest="2026-0001", cleared=False)
    assert (
        rules.hold_warning(ticket, "Acme owes.", pause=False, oldest="x", cleared=False)
        == "Acme owes."
    )
    urgent = _ticket(priority="urgent")
    assert rules.hold_warning(urgent, "Acme owes.", pause=True, oldest="x", cleared=True) == ""
