"""A search with many hits reads the tickets in index order and looks each up among the hits;
with few, the hits first. Both must give the same pages, counts and keys."""

from __future__ import annotations

import pytest

from hourdesk.app.desk import inbox
from hourdesk.app.desk.facade import Desk
from hourdesk.app.desk.inbox import FILTERS, SORTS, Finder, InboxQuery
from tests.unit.test_inbox import desk  # noqa: F401  (the fixture: 300 tickets, every status)


def pages(shown: Desk, finder: Finder, text: str, status: str, sort: str) -> list:
    """Every page of the search, found by the key of the one before."""
    found, query = [], InboxQuery(text=text, status=status, sort=sort, limit=7)
    while True:
        page = finder.find(query)
        found.append((page.ids, page.total))
        if not page.ids or query.offset + query.limit >= page.total:
            return found
        query = query.following(shown.inbox.show(page, query))


@pytest.mark.parametrize("text", ["printer", "p", "grounded", "HD-0042"])
def test_either_way_of_reading_gives_the_same_pages(desk, monkeypatch, text) -> None:  # noqa: F811
    finder = Finder(desk.db.conn)
    by_hits = {(s, o): pages(desk, finder, text, s, o) for s in FILTERS for o in SORTS}
    monkeypatch.setattr(inbox, "MANY_HITS", 0)
    assert {(s, o): pages(desk, finder, text, s, o) for s in FILTERS for o in SORTS} == by_hits
    assert any(total for runs in by_hits.values() for _, total in runs)
