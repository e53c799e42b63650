"""The inbox: pages, filters, search over ref/subject/client/thread, and every sort."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.settings import Settings
from hourdesk.app.desk.facade import Desk, build_desk
from hourdesk.app.desk.inbox import FILTERS, SORTS, InboxQuery
from hourdesk.storage.db import transaction
from hourdesk.storage.models import Ticket
from hourdesk.storage.statuses import OPEN_STATUSES, STATUSES

COUNT = 300
CLIENTS = ["Harbor Dental Clinic", "Bluebird Bakery", "Castillo Legal", "Northwind Outfitters"]
TOPICS = ["Printer offline", "Email bouncing", "VPN drops", "Backup failed", "Laptop slow"]
PLACES = ["front desk", "office", "warehouse", "home office"]
HOLD = {"on_hold": "waiting_on_client"}


def status_for(i: int) -> str:
    return STATUSES[i % len(STATUSES)]


def ticket_of(row) -> Ticket:
    """An inbox row is a ticket with its page-level extras."""
    return getattr(row, "ticket", row)


def refs(page) -> list[str]:
    return [ticket_of(r).ref for r in page.rows]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """300 tickets from 4 clients, every status, one word that is only in one thread."""
    clock = FixedClock(datetime(2025, 6, 1, 8, 0, tzinfo=UTC))
    path = Path(tmp_path_factory.mktemp("inbox")) / "inbox.db"
    desk = build_desk(path, clock=clock, settings=Settings())
    clients = [
        desk.clients.add(name=name, emails=f"it@{name.split()[0].lower()}.example")
        for name in CLIENTS
    ]
    with transaction(desk.db):
        for i in range(1, COUNT + 1):
            clock.advance(hours=1)
            ticket = desk.tickets.new(
                client_id=clients[i % len(clients)].id,
                subject=f"{TOPICS[i % len(TOPICS)]} at the {PLACES[i % len(PLACES)]}",
                body="The zeppelin is grounded." if i == 137 else "Please have a look.",
                priority="urgent" if i % 7 == 0 else "normal",
                billable=False,
            )
            if status_for(i) != "new":  # how a ticket got there is not what these tests see
                desk.db.execute(
                    "UPDATE tickets SET status = ?, hold_reason = ? WHERE id = ?",
                    [status_for(i), HOLD.get(status_for(i)), ticket.id],
                )
        for i in range(1, COUNT + 1, 11):  # older tickets touched later: "updated" differs
            clock.advance(minutes=5)
            desk.tickets.message(i, "Following up on this.")
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def everything(desk: Desk) -> list[Ticket]:
    return desk.tickets.list()


def query(**kw) -> InboxQuery:
    return InboxQuery(**({"status": "all", "limit": 1000} | kw))


def test_the_fixture_is_what_the_tests_assume(everything: list[Ticket]) -> None:
    assert len(everything) == COUNT
    assert set(Counter(t.status for t in everything)) == set(STATUSES)


# --- paging -------------------------------------------------------------------------------


def test_pages_cover_every_ticket_once(desk: Desk) -> None:
    seen = []
    q = InboxQuery(status="all", limit=100)
    for offset, size in ((0, 100), (100, 100), (200, 100), (300, 0)):
        page = desk.inbox.page(q.page(offset))
        assert page.total == COUNT
        assert page.query.offset == offset
        assert len(page.rows) == size
        seen += refs(page)
    assert len(seen) == len(set(seen)) == COUNT
    assert desk.inbox.page(q.page(-50)).query.offset == 0
    odd = desk.inbox.page(InboxQuery(status="all", limit=7, offset=295))
    assert (len(odd.rows), odd.total) == (5, COUNT)


def test_the_default_page_is_bounded(desk: Desk) -> None:
    page = desk.inbox.page(InboxQuery(limit=40))
    assert len(page.rows) == 40
    assert page.total > 40


# --- filters ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", FILTERS)
def test_status_filter(desk: Desk, everything: list[Ticket], status: str) -> None:
    wanted = {
        "all": set(STATUSES),
        "open": set(OPEN_STATUSES),
    }.get(status, {status})
    expected = {t.ref for t in everything if t.status in wanted}
    page = desk.inbox.page(query(status=status))
    assert set(refs(page)) == expected
    assert page.total == len(expected) > 0
    assert {ticket_of(r).status for r in page.rows} == wanted


def test_default_filter_is_open_tickets(desk: Desk, everything: list[Ticket]) -> None:
    page = desk.inbox.page(InboxQuery(limit=1000))
    assert page.total == sum(t.status in OPEN_STATUSES for t in everything)


def test_client_filter(desk: Desk, everything: list[Ticket]) -> None:
    bluebird = desk.clients.find("Bluebird Bakery")
    page = desk.inbox.page(query(client_id=bluebird.id))
    assert page.total == sum(t.client_id == bluebird.id for t in everything) == COUNT // 4
    assert {ticket_of(r).client_name for r in page.rows} == {"Bluebird Bakery"}
    both = desk.inbox.page(query(client_id=bluebird.id, status="closed"))
    expected = {t.ref for t in everything if t.client_id == bluebird.id and t.status == "closed"}
    assert set(refs(both)) == expected
    assert both.total == len(expected) > 0


# --- search -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["HD-0042", "hd-42", "#42", "42", "0042"])
def test_search_by_ref(desk: Desk, text: str) -> None:
    page = desk.inbox.page(query(text=text))
    assert refs(page) == ["HD-0042"]
    assert page.total == 1


@pytest.mark.parametrize("text", ["prin", "Printer", "PRINTER off", "printer offline"])
def test_search_by_subject_word_prefix(desk: Desk, everything: list[Ticket], text: str) -> None:
    expected = {t.ref for t in everything if t.subject.startswith("Printer offline")}
    page = desk.inbox.page(query(text=text))
    assert set(refs(page)) == expected
    assert page.total == len(expected) == COUNT // len(TOPICS)


def test_search_by_a_later_word_of_the_subject(desk: Desk, everything: list[Ticket]) -> None:
    expected = {t.ref for t in everything if "warehouse" in t.subject}
    assert set(refs(desk.inbox.page(query(text="wareh")))) == expected


@pytest.mark.parametrize("text", ["bluebird", "Bakery", "ebird bak"])
def test_search_by_client_name(desk: Desk, everything: list[Ticket], text: str) -> None:
    expected = {t.ref for t in everything if t.client_name == "Bluebird Bakery"}
    page = desk.inbox.page(query(text=text))
    assert set(refs(page)) == expected


@pytest.mark.parametrize("text", ["zeppelin", "Zeppe", "zeppelin grounded"])
def test_search_by_a_word_only_in_the_thread(desk: Desk, text: str) -> None:
    page = desk.inbox.page(query(text=text))
    assert refs(page) == ["HD-0137"]


@pytest.mark.parametrize("text", ["Ångström", "ångström", "ANGSTROM", "müller", "Zoe", "Photo"])
def test_search_by_client_name_ignores_case_and_accents(tmp_path: Path, text: str) -> None:
    desk = build_desk(tmp_path / "accents.db", settings=Settings())
    zoe = desk.clients.add(
        name="Zoë Ångström-Müller", emails="zoe@photo.example", company="Ångström Photo"
    )
    other = desk.clients.add(name="Bluebird Bakery", emails="hi@bluebird.example")
    desk.tickets.new(client_id=zoe.id, subject="Lightroom is slow")
    desk.tickets.new(client_id=other.id, subject="Card reader")
    assert refs(desk.inbox.page(query(text=text))) == ["HD-0001"]
    desk.close()


def test_search_within_filters(desk: Desk, everything: list[Ticket]) -> None:
    harbor = desk.clients.find("Harbor Dental Clinic")
    page = desk.inbox.page(query(text="vpn", status="open", client_id=harbor.id))
    expected = {
        t.ref
        for t in everything
        if t.subject.startswith("VPN") and t.status in OPEN_STATUSES and t.client_id == harbor.id
    }
    assert set(refs(page)) == expected
    assert page.total == len(expected) > 0


def test_search_without_match(desk: Desk) -> None:
    page = desk.inbox.page(query(text="kangaroo"))
    assert (page.rows, page.total) == ([], 0)


@pytest.mark.parametrize(
    "text",
    ['"', "*", "AND", "NEAR(", "%", "_", "\\", "-", "HD-", "'; DROP TABLE tickets; --", "  "],
)
def test_search_takes_any_text(desk: Desk, text: str) -> None:
    page = desk.inbox.page(query(text=text))
    assert page.total == len(page.rows)
    assert desk.inbox.page(query()).total == COUNT


# --- sorting ------------------------------------------------------------------------------


def _nocase(text: str) -> str:
    """SQLite's NOCASE folds ASCII letters only."""
    return text.translate(str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"))


SORT_KEYS = {
    "ref": lambda t: t.number,
    "client": lambda t: _nocase(t.client_name),
    "subject": lambda t: _nocase(t.subject),
    "status": lambda t: t.status,
    "priority": lambda t: t.priority,
    "age": lambda t: t.created_at,
    "updated": lambda t: t.updated_at,
}


def test_every_sort_key_is_tested() -> None:
    assert set(SORT_KEYS) == set(SORTS)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(SORT_KEYS))
def test_sort(desk: Desk, everything: list[Ticket], sort: str, descending: bool) -> None:
    newest_first = sorted(everything, key=lambda t: t.number, reverse=True)  # the tie-break
    expected = [t.ref for t in sorted(newest_first, key=SORT_KEYS[sort], reverse=descending)]
    q = query(sort=sort, descending=descending)
    assert refs(desk.inbox.page(q)) == expected
    paged = []
    for offset in range(0, COUNT, 64):
        paged += refs(desk.inbox.page(replace(q, limit=64, offset=offset)))
    assert paged == expected


def test_updated_order_is_not_creation_order(everything: list[Ticket]) -> None:
    """Otherwise the "updated" sort above would prove nothing beyond "ref"."""
    by_updated = sorted(everything, key=lambda t: (t.updated_at, t.number))
    assert [t.number for t in by_updated] != sorted(t.number for t in everything)


# --- keyset paging ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "printer"], ids=["no search", "search"])
@pytest.mark.parametrize("status", ["open", "all", "on_hold"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("sort", list(SORT_KEYS))
def test_keyset_pages_are_the_counted_pages(
    desk: Desk, sort: str, descending: bool, status: str, text: str
) -> None:
    """Next and previous page by the edge row's key give exactly the rows OFFSET gives."""
    q = InboxQuery(status=status, text=text, sort=sort, descending=descending)
    q = replace(q, limit=max(1, desk.inbox.page(q).total // 4))  # four or five pages
    page = desk.inbox.page(q)
    counted = [refs(page)]
    while page.query.offset + q.limit < page.total:
        page = desk.inbox.page(page.query.following(page))
        assert page.query.after is not None
        counted_page = desk.inbox.page(q.page(page.query.offset))
        assert refs(page) == refs(counted_page), page.query.offset
        counted.append(refs(page))
    assert len(counted) > 2  # first, middle and last pages
    assert sum(map(len, counted)) == page.total
    for expected in reversed(counted[:-1]):  # back again, page by page
        page = desk.inbox.page(page.query.previous(page))
        assert refs(page) == expected
    assert page.query.offset == 0


def test_one_character_does_not_match_inside_client_names(
    desk: Desk, everything: list[Ticket]
) -> None:
    """``l`` is in three client names; alone it finds only words starting with it."""
    expected = {t.ref for t in everything if t.subject.startswith("Laptop")}
    assert set(refs(desk.inbox.page(query(text="l")))) == expected
    bluebird = {t.ref for t in everything if t.client_name == "Bluebird Bakery"}
    assert bluebird <= set(refs(desk.inbox.page(query(text="bl"))))


def test_a_read_only_connection_finds_the_same(desk: Desk) -> None:
    from hourdesk.app.desk.inbox import Finder, read_only

    reader = read_only(desk.db.conn)
    try:
        for q in (query(text="printer"), query(text="harb", sort="client"), InboxQuery()):
            assert Finder(reader).find(q) == desk.inbox.finder.find(q)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.execute("UPDATE tickets SET subject = 'x'")
    finally:
        reader.close()
