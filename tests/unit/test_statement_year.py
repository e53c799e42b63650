"""A generated stretch of statements (references with typos, partial, combined and PayPal
payments with fees, credits that are no invoice payment) goes through the real import: no
credit is ever recorded against the wrong invoice. The full year is tests/perf/statement_year.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.perf.statement_year import run

pytestmark = pytest.mark.usefixtures("utc")


@pytest.mark.parametrize("rf", [False, True])
def test_no_credit_is_matched_wrongly(tmp_path: Path, rf: bool) -> None:
    outcome = run(tmp_path, invoices=40, seed=3, rf=rf)
    assert outcome.wrong == []
    assert outcome.right / outcome.payments > 0.75, outcome
    assert outcome.fees_cents > 0
