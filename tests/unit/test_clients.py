"""Clients: add, edit, list and find; bad values refused with the reason and the field."""

from __future__ import annotations

import pytest

from hourdesk.app.core.errors import Invalid, NotFound
from hourdesk.app.desk.facade import Desk
from hourdesk.storage.models import Client


def test_add_keeps_every_field(desk: Desk, clock) -> None:
    added = desk.clients.add(
        name="  Okafor &   Lindqvist ",
        emails="it@okafor.example, Billing@Okafor.example",
        company="Okafor & Lindqvist LLP",
        billing_address="400 Market Street\nPhiladelphia, PA 19106",
        rate="160.5",
        terms_days="30",
        payment_method="paypal",
        notes="Prefers phone calls.",
        prospect=True,
    )
    assert desk.clients.get(added.id) == added
    assert added.name == "Okafor & Lindqvist"
    assert added.emails == ["it@okafor.example", "Billing@Okafor.example"]
    assert added.company == "Okafor & Lindqvist LLP"
    assert added.billing_address == "400 Market Street\nPhiladelphia, PA 19106"
    assert added.rate_cents == 160_50
    assert (added.terms_days, added.payment_method) == (30, "paypal")
    assert added.notes == "Prefers phone calls."
    assert added.prospect is True
    assert added.created_at == clock.now()


def test_defaults_come_from_the_settings(desk: Desk) -> None:
    added = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
    assert added.rate_cents == desk.settings.default_rate_cents == 120_00
    assert (added.terms_days, added.payment_method, added.prospect) == (14, "bank", False)


def test_update_changes_only_what_is_given(desk: Desk, client: Client) -> None:
    updated = desk.clients.update(client.id, rate="155.00", terms_days=30)
    assert updated.rate_cents == 155_00
    assert updated.terms_days == 30
    assert updated.name == client.name
    assert updated.emails == client.emails
    assert updated.company == client.company
    assert desk.clients.get(client.id) == updated


def test_an_emptied_rate_is_the_default_rate_on_edit_as_on_add(desk: Desk, client: Client) -> None:
    """Clearing the rate field means "the default", never a rate of zero."""
    assert desk.clients.update(client.id, rate="").rate_cents == desk.settings.default_rate_cents
    added = desk.clients.add(name="Bluebird", emails="b@b.example", rate="")
    assert added.rate_cents == desk.settings.default_rate_cents


def test_update_replaces_the_email_list(desk: Desk, client: Client) -> None:
    updated = desk.clients.update(
        client.id, emails=["billing@harbordental.example", "office@harbordental.example"]
    )
    assert updated.emails == ["billing@harbordental.example", "office@harbordental.example"]
    assert desk.clients.by_email("BILLING@harbordental.example").id == client.id
    updated = desk.clients.update(client.id, emails="frontdesk@harbordental.example")
    assert updated.emails == ["frontdesk@harbordental.example"]
    assert desk.clients.by_email("office@harbordental.example") is None


def test_list_is_sorted_by_name_ignoring_case(desk: Desk) -> None:
    for name in ("zeta Labs", "Alpha Dental", "bluebird Bakery"):
        desk.clients.add(name=name, emails=f"{name.split()[0].lower()}@x.example")
    assert [c.name for c in desk.clients.list()] == ["Alpha Dental", "bluebird Bakery", "zeta Labs"]


def test_find_by_name_prefix_and_email(desk: Desk, client: Client) -> None:
    other = desk.clients.add(name="Harbor Marine", emails="ops@harbormarine.example")
    desk.clients.add(name="Castillo_Legal", emails="maria@castillo.example")
    assert desk.clients.find("harbor dental clinic").id == client.id
    assert desk.clients.find("Harbor D").id == client.id
    assert desk.clients.find("harbor m").id == other.id
    assert desk.clients.find("OFFICE@harbordental.example").id == client.id
    assert desk.clients.find("  ops@harbormarine.example ").id == other.id
    assert desk.clients.find("Castillo_").name == "Castillo_Legal"
    with pytest.raises(Invalid, match="More than one client"):
        desk.clients.find("Harbor")
    for pattern in ("%", "_arbor", "Harbor%Clinic"):  # LIKE wildcards are literal
        with pytest.raises(NotFound):
            desk.clients.find(pattern)


def test_find_unknown_says_how_to_add_it(desk: Desk, client: Client) -> None:
    with pytest.raises(NotFound) as refused:
        desk.clients.find("Nobody Inc")
    assert "Nobody Inc" in str(refused.value)
    assert "hourdesk client add" in str(refused.value)


def test_get_unknown(desk: Desk) -> None:
    with pytest.raises(NotFound, match="no client #42"):
        desk.clients.get(42)


def test_one_client_can_have_several_emails(desk: Desk) -> None:
    added = desk.clients.add(
        name="Castillo Legal", emails="maria@castillo.example; it@castillo.example"
    )
    assert added.emails == ["maria@castillo.example", "it@castillo.example"]
    assert desk.clients.find("it@castillo.example").id == added.id
    assert desk.clients.find("maria@castillo.example").id == added.id


def test_an_email_belongs_to_one_client(desk: Desk, client: Client) -> None:
    with pytest.raises(Invalid) as refused:
        desk.clients.add(name="Someone Else", emails="Office@HarborDental.example")
    assert refused.value.field == "emails"
    assert client.name in str(refused.value)
    other = desk.clients.add(name="Someone Else", emails="someone@else.example")
    with pytest.raises(Invalid) as refused:
        desk.clients.update(other.id, emails="someone@else.example, office@harbordental.example")
    assert refused.value.field == "emails"
    assert desk.clients.get(other.id).emails == ["someone@else.example"]
    assert [c.name for c in desk.clients.list()] == ["Harbor Dental Clinic", "Someone Else"]


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"rate": "-1"}, "rate", "negative"),
        ({"rate": "-0.01"}, "rate", "negative"),
        ({"rate": "150.005"}, "rate", "more than 2 decimals"),
        ({"rate": "abc"}, "rate", "not an amount"),
        ({"rate": "NaN"}, "rate", "not an amount"),
        ({"rate": "1e30"}, "rate", "too large"),
        ({"name": "   "}, "name", "needs a name"),
        ({"name": ""}, "name", "needs a name"),
        ({"emails": "maria@"}, "emails", "not an email address"),
        ({"emails": "maria castillo.example"}, "emails", "not an email address"),
        ({"emails": "a@x.example, b@@x.example"}, "emails", "not an email address"),
        ({"emails": "a@x.example, A@X.example"}, "emails", "listed twice"),
        ({"terms_days": -1}, "terms_days", "between 0 and 365"),
        ({"terms_days": 366}, "terms_days", "between 0 and 365"),
        ({"terms_days": "two weeks"}, "terms_days", "not a number of days"),
        ({"payment_method": "cash"}, "payment_method", "bank or paypal"),
    ],
)
def test_bad_values_are_refused_with_the_reason(
    desk: Desk, client: Client, fields: dict, field: str, reason: str
) -> None:
    good = {"name": "Castillo Legal", "emails": "maria@castillo.example", "rate": "150.00"}
    with pytest.raises(Invalid) as refused:
        desk.clients.add(**(good | fields))
    assert refused.value.field == field
    assert reason in str(refused.value)
    with pytest.raises(Invalid) as refused:
        desk.clients.update(client.id, **fields)
    assert refused.value.field == field
    assert desk.clients.get(client.id) == client
    assert [c.id for c in desk.clients.list()] == [client.id]


@pytest.mark.parametrize(
    ("text", "cents"), [("0", 0), ("150", 150_00), ("150.5", 150_50), ("$1,250.00", 1250_00)]
)
def test_good_rates(desk: Desk, text: str, cents: int) -> None:
    assert desk.clients.add(name="Bluebird", emails="b@b.example", rate=text).rate_cents == cents
