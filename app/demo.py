"""The demo database: realistic clients and tickets, written through the desk's own rules."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

from hourdesk.app.core.clock import FixedClock
from hourdesk.app.core.money import plain
from hourdesk.app.core.settings import Settings, save_settings
from hourdesk.app.desk.facade import Desk

CLIENTS = [
    (
        "Harbor Dental Clinic",
        "office@harbordental.example",
        "Harbor Dental LLC",
        "12 Wharf Street\nPortland, ME 04101",
        "140.00",
        14,
        "bank",
    ),
    (
        "Zoë Ångström-Müller",
        "zoe@angstrom-photo.example",
        "",
        "Hafenstraße 7\n20459 Hamburg\nGermany",
        "120.00",
        30,
        "paypal",
    ),
    (
        "Okafor & Lindqvist Architects",
        "it@okafor-lindqvist.example",
        "Okafor & Lindqvist LLP",
        "400 Market Street, Suite 9\nPhiladelphia, PA 19106",
        "160.00",
        14,
        "bank",
    ),
    (
        "Bluebird Bakery",
        "hello@bluebirdbakery.example",
        "Bluebird Bakery Inc.",
        "88 Elm Avenue\nBurlington, VT 05401",
        "110.00",
        7,
        "bank",
    ),
    (
        "Castillo Legal",
        "maria@castillolegal.example",
        "Castillo Legal PC",
        "1200 Ocean Drive\nMiami, FL 33139",
        "175.00",
        14,
        "bank",
    ),
    (
        "Northwind Outfitters",
        "ops@northwind.example",
        "Northwind Outfitters Co.",
        "5 Trailhead Road\nBoulder, CO 80302",
        "150.00",
        21,
        "paypal",
    ),
    (
        "Kaito Nakamura Design",
        "kaito@nakamura.example",
        "",
        "2-14 Jingumae\nShibuya, Tokyo",
        "130.00",
        14,
        "paypal",
    ),
    (
        "Meadowbrook School PTA",
        "pta@meadowbrook.example",
        "Meadowbrook PTA",
        "77 School Lane\nAnn Arbor, MI 48104",
        "95.00",
        30,
        "bank",
    ),
]

REQUESTS = [
    (
        "Printer offline after Windows update",
        "Since the update last night nobody can print to the front desk printer. It shows offline.",
    ),
    (
        "Migrate mailboxes to Microsoft 365",
        "We want to move our five mailboxes from the old host to Microsoft 365 before renewal.",
    ),
    (
        "Wi-Fi drops in the back office",
        "The Wi-Fi in the back office drops every few minutes, video calls are impossible.",
    ),
    (
        "Backup job failing since Tuesday",
        "The nightly backup email says FAILED since Tuesday. Can you look at it?",
    ),
    (
        "Set up VPN for remote staff",
        "Two people will work from home from next month. They need access to the file server.",
    ),
    (
        "Renew SSL certificate for the website",
        "Our browser warns that the certificate expires in 10 days.",
    ),
    (
        "Laptop very slow after startup",
        "My laptop takes ten minutes to become usable in the morning.",
    ),
    (
        "QuickBooks cannot open the company file",
        "QuickBooks says the company file is in use, but nobody has it open.",
    ),
    (
        "Onboarding: accounts and laptop for a new hire",
        "Anna starts on Monday. She needs email, a laptop and access to the shared drive.",
    ),
    (
        "Suspicious email: did anyone click?",
        "We got an email pretending to be our bank. One colleague may have clicked the link.",
    ),
    (
        "Website contact form stopped sending",
        "Messages from the contact form on our website no longer arrive.",
    ),
    (
        "Question: which NAS should we buy?",
        "Quick question, no work needed yet: which NAS would you recommend for 4 people?",
    ),
]

REPLIES = [
    "Thanks, I'll have a look today and come back to you with an estimate.",
    "Could you send a screenshot of the error message?",
    "I checked remotely: the cause is clear, details below.",
]

# How far each demo ticket has come, cycled across the tickets.
STAGES = [
    "new",
    "estimate_sent",
    "in_progress",
    "waiting_on_client",
    "approved",
    "question",
    "declined",
    "resolved",
    "closed",
    "payment",
]
APPROVALS = [
    "Yes, that works for us. Please go ahead.",
    "Approved, thanks. Go ahead when you can.",
    "OK for the estimate, please start.",
]


def advance(desk: Desk, ref: str, stage: str, rng: random.Random) -> None:
    """Take a new ticket to ``stage`` through the desk's own rules."""
    if stage == "new":
        return
    if stage == "question":
        desk.estimates.approve(ref, text="Thanks! No rush, an answer by email is fine.")
        return
    if stage == "payment":
        desk.tickets.set_status(ref, "on_hold", "payment")
        return
    hours = rng.choice(["1h30m", "2h", "3h", "4h30m", "6h"])
    desk.estimates.send(ref, hours=hours, scope="Diagnose the cause, fix it, and confirm with you.")
    if stage == "estimate_sent":
        return
    if stage == "declined":
        desk.estimates.decline(ref, text="Too expensive for us right now, sorry.")
        return
    desk.clock.advance(hours=rng.randint(2, 30))
    desk.tickets.message(ref, rng.choice(APPROVALS), kind="message")
    message = desk.tickets.thread(desk.tickets.get(ref).id)[-1]
    desk.estimates.approve(ref, entry_id=message.id)
    if stage == "approved":
        return
    desk.tickets.set_status(ref, "in_progress")
    work(desk, ref, rng, share=rng.choice([0.3, 0.6, 0.85]) if stage != "closed" else 0.9)
    if stage == "waiting_on_client":
        desk.tickets.set_status(ref, "on_hold", "waiting_on_client")
    elif stage in ("resolved", "closed"):
        desk.completion.resolve(ref, rng.choice(SUMMARIES))
        if stage == "closed":
            ticket = desk.tickets.get(ref)
            invoice = desk.invoicing.issue(ticket.client_id, [ref])
            if not invoice.number.endswith("-0002"):  # one stays unpaid: the payment hold
                client = desk.clients.get(ticket.client_id)
                desk.payments.pay(
                    invoice.number,
                    amount=plain(invoice.total_cents),
                    method=client.payment_method,
                    reference="demo transfer",
                )


SUMMARIES = [
    "Found the cause, applied the fix and tested it with you on the phone.",
    "Updated the configuration, verified it from two machines, documented the change.",
    "Replaced the failing component, ran a full test, and cleaned up the old settings.",
]


def work(desk: Desk, ref: str, rng: random.Random, share: float) -> None:
    """Book time in the three categories, up to ``share`` of the approved estimate."""
    ticket = desk.tickets.get(ref)
    budget = desk.estimates.current(ticket.id).seconds * share
    for category, part in (("investigation", 0.3), ("implementation", 0.5), ("verification", 0.2)):
        seconds = int(budget * part) // 60 * 60
        if seconds:
            desk.clock.advance(minutes=rng.randint(10, 600))
            start = desk.clock.now()
            desk.clock.advance(seconds=seconds)
            desk.timer.log(
                ref,
                start=start,
                seconds=seconds,
                category=category,
                note=rng.choice(["", "remote session", "on site"]),
            )


DEMO_SETTINGS = {
    "business": {
        "name": "Alex Rivera IT Consulting",
        "address": "118 Harbor View Road\nPortland, ME 04101\nUSA",
        "email": "alex@rivera-it.example",
        "phone": "+1 207 555 0142",
    },
    "default_rate": "140.00",
    "payment": {
        "bank_details": "Alex Rivera IT Consulting\nFirst Coastal Bank, Portland ME\n"
        "Routing (ABA) 011000028 · Account 4401 2287 6650\nSWIFT FCBKUS33",
        "paypal_address": "billing@rivera-it.example",
    },
    "timer": {"rounding": "up6"},
}


def ensure_demo_settings(path: Path) -> None:
    """The demo's own settings file, so the demo never touches the real configuration."""
    if not path.exists():
        save_settings(Settings.model_validate(DEMO_SETTINGS), path)


def ensure_demo(desk: Desk, tickets: int = 48, seed: int = 7) -> None:
    """Fill an empty database with the demo data; leave a used one alone."""
    if desk.db.execute("SELECT count(*) FROM clients").fetchone()[0]:
        return
    rng = random.Random(seed)
    clock = FixedClock(desk.clock.now() - timedelta(days=60))
    demo = Desk(desk.db, desk.vault, clock, desk.settings)
    clients = [
        demo.clients.add(
            name=name,
            emails=[email],
            company=company,
            billing_address=address,
            rate=rate,
            terms_days=terms,
            payment_method=method,
        )
        for name, email, company, address, rate, terms, method in CLIENTS
    ]
    for n in range(tickets):
        clock.advance(minutes=rng.randint(20, 1700))
        stage = STAGES[n % len(STAGES)]
        subject, body = REQUESTS[-1] if stage == "question" else REQUESTS[n % (len(REQUESTS) - 1)]
        ticket = demo.tickets.new(
            client_id=clients[n % len(clients)].id,
            subject=subject,
            body=body,
            channel=rng.choice(["email", "email", "web", "referral", "phone"]),
            priority="urgent" if n % 9 == 4 else "normal",
            billable=stage != "question",
            referred_by="Harbor Dental Clinic" if n % 11 == 3 else "",
        )
        clock.advance(minutes=rng.randint(5, 240))
        demo.tickets.message(ticket.ref, REPLIES[n % len(REPLIES)], kind="reply")
        if demo.tickets.get(ticket.ref).hold_reason != "payment":
            advance(demo, ticket.ref, stage, rng)
    sell_blocks(demo, clients[0], clients[4])


def sell_blocks(desk: Desk, paid, trusted) -> None:
    """Prepaid hours: ``paid`` bought 10 h and paid for them, and its resolved tickets draw
    on them; ``trusted`` may draw its 5 h before paying."""
    today = desk.clock.now().astimezone().date()
    block = desk.blocks.sell(
        paid.id, "10", expires=today + timedelta(days=180), rollover="2", rate="130"
    )
    desk.payments.pay(block.number, amount="1300", method="bank", reference="demo transfer")
    for subject, minutes in (("Quarterly backup restore test", 150), ("New hire laptop", 90)):
        ticket = desk.tickets.new(client_id=paid.id, subject=subject, body="As agreed.")
        desk.estimates.send(ticket.ref, hours="3")
        desk.estimates.approve(ticket.ref, text="Yes, from our prepaid hours please.")
        start = desk.clock.now()
        desk.clock.advance(minutes=minutes)
        desk.timer.log(ticket.ref, start=start, seconds=minutes * 60)
        desk.clock.advance(hours=1)
        desk.completion.resolve(ticket.ref, SUMMARIES[0])
        desk.invoicing.issue(paid.id, [ticket.ref])
    desk.blocks.set_before_payment(trusted.id, True)
    desk.blocks.sell(trusted.id, "5", expires=today + timedelta(days=90))
