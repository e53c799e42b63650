"""The clients screen through Pilot: the form refuses bad values with the reason under the
field at fault, saves good ones, and edits."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label

from hourdesk.app.desk.facade import Desk
from hourdesk.screens.client_form import ClientForm
from hourdesk.screens.clients import ClientsScreen
from hourdesk.screens.inbox import InboxScreen

SIZE = (120, 40)


def errors(app) -> dict[str, str]:
    """The reasons shown under the fields, by field name; empty ones left out."""
    shown = {}
    for label in app.screen.query(".field-error").results(Label):
        text = str(label.render()).strip()
        if text:
            shown[label.id.removeprefix("error-")] = text
    return shown


async def retype(pilot: Pilot, field: str, text: str) -> None:
    """Replace what an Input holds, with keys."""
    pilot.app.screen.query_one(f"#field-{field}", Input).focus()
    await pilot.press("end", "ctrl+u", *text)


def fill(app, **values: str) -> None:
    """Set Inputs directly where typing is not what the test is about."""
    for field, text in values.items():
        app.screen.query_one(f"#field-{field}", Input).value = text


async def save(pilot: Pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def table_rows(app) -> list[list[str]]:
    table = app.screen.query_one("#clients", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_form_refuses_bad_values_with_the_reason_and_saves_good_ones(
    app, desk: Desk
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClientsScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)

        await save(pilot)
        assert errors(app) == {"name": "The client needs a name."}

        fill(app, name="Castillo")
        fill(app, emails="maria@")
        await save(pilot)
        assert list(errors(app)) == ["emails"]
        assert "not an email address" in errors(app)["emails"]

        fill(app, emails="maria@castillo.example")
        await retype(pilot, "rate", "-5")
        await save(pilot)
        assert list(errors(app)) == ["rate"]
        assert "negative" in errors(app)["rate"]
        assert app.screen.focused is app.screen.query_one("#field-rate")

        await retype(pilot, "rate", "1.555")
        await save(pilot)
        assert "more than 2 decimals" in errors(app)["rate"]

        await retype(pilot, "rate", "150.5")
        fill(app, terms_days="400")
        await save(pilot)
        assert list(errors(app)) == ["terms_days"]
        assert isinstance(app.screen, ClientForm)
        assert desk.clients.list() == []

        fill(app, terms_days="30")
        await save(pilot)
        assert isinstance(app.screen, ClientsScreen)
        assert table_rows(app)[0][:5] == [
            "Castillo",
            "maria@castillo.example",
            "",
            "$150.50",
            "net 30",
        ]
    (saved,) = desk.clients.list()
    assert (saved.name, saved.emails) == ("Castillo", ["maria@castillo.example"])
    assert (saved.rate_cents, saved.terms_days, saved.payment_method) == (150_50, 30, "bank")


async def test_edit_a_client(app, desk: Desk) -> None:
    desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example", rate="110")
    harbor = desk.clients.add(name="Harbor Dental", emails="office@harbor.example", rate="140")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "e")  # the second row: Harbor Dental
        await pilot.pause()
        assert isinstance(app.screen, ClientForm)
        assert app.screen.query_one("#field-name").value == "Harbor Dental"
        assert app.screen.query_one("#field-rate").value == "140.00"
        fill(app, emails="office@harbor.example, hello@bluebird.example")
        await save(pilot)
        assert "already belongs to client Bluebird Bakery" in errors(app)["emails"]
        fill(app, emails="office@harbor.example, billing@harbor.example")
        await retype(pilot, "rate", "155")
        await save(pilot)
        assert isinstance(app.screen, ClientsScreen)
        assert table_rows(app)[1][0] == "Harbor Dental"
        assert table_rows(app)[1][3] == "$155.00"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, InboxScreen)
    edited = desk.clients.get(harbor.id)
    assert edited.rate_cents == 155_00
    assert edited.emails == ["office@harbor.example", "billing@harbor.example"]
