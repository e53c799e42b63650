"""What the inbox looks like, on a small database with a fixed clock (ages are stable).

After an intended change of the screen: ``uv run pytest tests/ui/test_snapshots.py
--snapshot-update``, look at the new SVG, and commit it."""

from __future__ import annotations

from hourdesk.app.desk.facade import Desk


def fill(desk: Desk, clock) -> None:
    harbor = desk.clients.add(name="Harbor Dental Clinic", emails="office@harbordental.example")
    zoe = desk.clients.add(name="Zoë Ångström-Müller", emails="zoe@angstrom-photo.example")
    bakery = desk.clients.add(name="Bluebird Bakery", emails="hello@bluebird.example")
    clock.advance(days=-20)
    for client, subject, status, urgent in [
        (harbor, "Printer at the front desk prints blank pages", None, False),
        (zoe, "Lightroom catalogue on the NAS is [slow]", None, True),
        (bakery, "Card reader drops Wi-Fi every afternoon", "on_hold", False),
        (harbor, "New laptop for the hygienist", "in_progress", False),
        (bakery, "Email to suppliers bounces", None, False),
        (zoe, "Backup drive full", "closed", False),
    ]:
        clock.advance(days=3, hours=5)
        ticket = desk.tickets.new(
            client_id=client.id,
            subject=subject,
            body="Could you have a look?",
            priority="urgent" if urgent else "normal",
            billable=False,
        )
        if status == "on_hold":
            desk.tickets.set_status(ticket.ref, status, "waiting_on_client")
        elif status:
            desk.db.execute("UPDATE tickets SET status = ? WHERE id = ?", [status, ticket.id])
    desk.tickets.message("HD-0005", "Their password is Xy7#kq9Lmz", kind="message")
    clock.advance(hours=3)


def test_inbox(snap_compare, app, desk: Desk, clock) -> None:
    fill(desk, clock)
    assert snap_compare(app, terminal_size=(120, 40))
