"""Numbered schema migrations, keyed on ``PRAGMA user_version``.

Migration N brings a database from version N-1 to N. Never edit a released migration:
add a new one. Instants are integer seconds since the epoch (UTC); money is integer cents.
"""

MIGRATIONS: tuple[str, ...] = (
    # 1: clients, tickets, the append-only thread, estimates, approvals, time entries.
    """
    CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        company TEXT NOT NULL DEFAULT '',
        billing_address TEXT NOT NULL DEFAULT '',
        rate_cents INTEGER NOT NULL CHECK (rate_cents >= 0),
        terms_days INTEGER NOT NULL DEFAULT 14 CHECK (terms_days BETWEEN 0 AND 365),
        payment_method TEXT NOT NULL DEFAULT 'bank' CHECK (payment_method IN ('bank', 'paypal')),
        notes TEXT NOT NULL DEFAULT '',
        prospect INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX clients_name ON clients(name COLLATE NOCASE);

    CREATE TABLE client_emails (
        email TEXT PRIMARY KEY COLLATE NOCASE,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX client_emails_client ON client_emails(client_id, position);

    CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL UNIQUE CHECK (number > 0),
        client_id INTEGER NOT NULL REFERENCES clients(id),
        subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),
        channel TEXT NOT NULL
            CHECK (channel IN ('email', 'web', 'referral', 'phone', 'other')),
        priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'urgent')),
        billable INTEGER NOT NULL DEFAULT 1 CHECK (billable IN (0, 1)),
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN
            ('new', 'on_hold', 'approved', 'in_progress', 'resolved', 'closed')),
        hold_reason TEXT CHECK (hold_reason IS NULL OR hold_reason IN
            ('awaiting_approval', 'payment', 'waiting_on_client', 'declined')),
        referred_by TEXT NOT NULL DEFAULT '',
        flagged INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    );
    CREATE INDEX tickets_updated ON tickets(updated_at);
    CREATE INDEX tickets_status ON tickets(status, updated_at);
    CREATE INDEX tickets_client ON tickets(client_id, updated_at);
    CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets
    BEGIN SELECT RAISE(ABORT, 'tickets are never deleted'); END;
    CREATE TRIGGER tickets_number_fixed BEFORE UPDATE OF number ON tickets
    WHEN NEW.number <> OLD.number
    BEGIN SELECT RAISE(ABORT, 'a ticket number never changes'); END;

    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        kind TEXT NOT NULL,
        author TEXT NOT NULL CHECK (author IN ('client', 'consultant', 'system')),
        body TEXT NOT NULL DEFAULT '',
        data TEXT NOT NULL DEFAULT '{}',
        message_id TEXT UNIQUE,
        received_at INTEGER,
        created_at INTEGER NOT NULL
    );
    CREATE INDEX entries_ticket ON entries(ticket_id, id);
    CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries
    BEGIN SELECT RAISE(ABORT, 'the thread is append-only: add a correction instead'); END;
    CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
    BEGIN SELECT RAISE(ABORT, 'the thread is append-only: add a correction instead'); END;

    CREATE VIRTUAL TABLE ticket_search USING fts5(
        subject, content='tickets', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER tickets_search_insert AFTER INSERT ON tickets
    BEGIN INSERT INTO ticket_search(rowid, subject) VALUES (NEW.id, NEW.subject); END;
    CREATE TRIGGER tickets_search_update AFTER UPDATE OF subject ON tickets
    BEGIN
        INSERT INTO ticket_search(ticket_search, rowid, subject)
            VALUES ('delete', OLD.id, OLD.subject);
        INSERT INTO ticket_search(rowid, subject) VALUES (NEW.id, NEW.subject);
    END;
    CREATE VIRTUAL TABLE entry_search USING fts5(
        body, content='', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entries_search_insert AFTER INSERT ON entries
    BEGIN INSERT INTO entry_search(rowid, body) VALUES (NEW.id, NEW.body); END;

    CREATE TABLE estimates (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        version INTEGER NOT NULL CHECK (version > 0),
        billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
        seconds INTEGER NOT NULL CHECK (seconds >= 0),
        rate_cents INTEGER NOT NULL CHECK (rate_cents >= 0),
        scope TEXT NOT NULL DEFAULT '',
        sent_at INTEGER NOT NULL,
        UNIQUE (ticket_id, version)
    );
    CREATE TRIGGER estimates_no_update BEFORE UPDATE ON estimates
    BEGIN SELECT RAISE(ABORT, 'a sent estimate never changes: send a new version'); END;
    CREATE TRIGGER estimates_no_delete BEFORE DELETE ON estimates
    BEGIN SELECT RAISE(ABORT, 'a sent estimate never changes: send a new version'); END;

    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        estimate_id INTEGER NOT NULL REFERENCES estimates(id),
        outcome TEXT NOT NULL CHECK (outcome IN ('approved', 'declined')),
        text TEXT NOT NULL,
        source_entry_id INTEGER REFERENCES entries(id),
        received_at INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL
    );
    CREATE INDEX decisions_estimate ON decisions(estimate_id, id);
    CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'a recorded approval never changes'); END;
    CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'a recorded approval never changes'); END;

    CREATE TABLE time_entries (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        category TEXT NOT NULL
            CHECK (category IN ('investigation', 'implementation', 'verification')),
        start_at INTEGER NOT NULL,
        end_at INTEGER CHECK (end_at IS NULL OR end_at >= start_at),
        billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
        note TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    );
    CREATE INDEX time_entries_ticket ON time_entries(ticket_id, start_at);
    CREATE INDEX time_entries_start ON time_entries(start_at);
    CREATE UNIQUE INDEX time_entries_one_running ON time_entries((end_at IS NULL))
        WHERE end_at IS NULL;
    """,
    # 2: invoices and credit notes, their lines, and the lock on billed time.
    """
    CREATE TABLE invoices (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        seq INTEGER NOT NULL CHECK (seq > 0),
        kind TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
        credits_invoice_id INTEGER REFERENCES invoices(id),
        client_id INTEGER NOT NULL REFERENCES clients(id),
        issue_date TEXT NOT NULL,
        due_date TEXT NOT NULL,
        total_cents INTEGER NOT NULL,
        document TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'void')),
        void_reason TEXT,
        voided_at INTEGER,
        created_at INTEGER NOT NULL,
        UNIQUE (year, seq),
        CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL))
    );
    CREATE INDEX invoices_client ON invoices(client_id, issue_date);
    CREATE INDEX invoices_credits ON invoices(credits_invoice_id);
    CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
    BEGIN SELECT RAISE(ABORT, 'an issued invoice is never deleted: void it'); END;
    CREATE TRIGGER invoices_immutable BEFORE UPDATE ON invoices
    WHEN OLD.status = 'void'
        OR NEW.status NOT IN (OLD.status, 'void')
        OR NEW.number IS NOT OLD.number OR NEW.year IS NOT OLD.year OR NEW.seq IS NOT OLD.seq
        OR NEW.kind IS NOT OLD.kind OR NEW.credits_invoice_id IS NOT OLD.credits_invoice_id
        OR NEW.client_id IS NOT OLD.client_id OR NEW.issue_date IS NOT OLD.issue_date
        OR NEW.due_date IS NOT OLD.due_date OR NEW.total_cents IS NOT OLD.total_cents
        OR NEW.document IS NOT OLD.document OR NEW.created_at IS NOT OLD.created_at
        OR (NEW.status = 'issued'
            AND (NEW.void_reason IS NOT OLD.void_reason OR NEW.voided_at IS NOT OLD.voided_at))
    BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: void it or add a credit note'); END;

    CREATE TABLE invoice_lines (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        position INTEGER NOT NULL,
        ticket_id INTEGER REFERENCES tickets(id),
        seconds INTEGER NOT NULL,
        billed_seconds INTEGER NOT NULL,
        rounding TEXT NOT NULL,
        rate_cents INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL,
        UNIQUE (invoice_id, position)
    );
    CREATE INDEX invoice_lines_ticket ON invoice_lines(ticket_id);
    CREATE TRIGGER invoice_lines_no_update BEFORE UPDATE ON invoice_lines
    BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: void it or add a credit note'); END;
    CREATE TRIGGER invoice_lines_no_delete BEFORE DELETE ON invoice_lines
    BEGIN SELECT RAISE(ABORT, 'an issued invoice never changes: void it or add a credit note'); END;

    ALTER TABLE time_entries ADD COLUMN invoice_id INTEGER REFERENCES invoices(id);
    CREATE INDEX time_entries_invoice ON time_entries(invoice_id);
    CREATE TRIGGER time_entries_billed_update BEFORE UPDATE ON time_entries
    WHEN OLD.invoice_id IS NOT NULL AND NOT (
        NEW.invoice_id IS NULL
        AND (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'void'
        AND NEW.ticket_id = OLD.ticket_id AND NEW.category = OLD.category
        AND NEW.start_at = OLD.start_at AND NEW.end_at IS OLD.end_at
        AND NEW.billable = OLD.billable AND NEW.note = OLD.note
    )
    BEGIN SELECT RAISE(ABORT, 'billed time is locked: void the invoice to change it'); END;
    CREATE TRIGGER time_entries_billed_delete BEFORE DELETE ON time_entries
    WHEN OLD.invoice_id IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'billed time is locked: void the invoice to change it'); END;
    CREATE TRIGGER time_entries_no_backdating BEFORE INSERT ON time_entries
    WHEN NEW.start_at < (SELECT max(end_at) FROM time_entries
                         WHERE ticket_id = NEW.ticket_id AND invoice_id IS NOT NULL)
    BEGIN SELECT RAISE(ABORT, 'that time falls in a period already invoiced'); END;
    """,
    # 3: payments, invoice events (sent, reminders), payment clearances for urgent tickets.
    """
    CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
        paid_on TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('bank', 'paypal')),
        reference TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    );
    CREATE INDEX payments_invoice ON payments(invoice_id);
    CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
    BEGIN SELECT RAISE(ABORT, 'a recorded payment never changes: record a correction'); END;
    CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
    BEGIN SELECT RAISE(ABORT, 'a recorded payment never changes: record a correction'); END;

    CREATE TABLE invoice_events (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES invoices(id),
        kind TEXT NOT NULL CHECK (kind IN ('sent', 'reminder')),
        step INTEGER NOT NULL DEFAULT 0,
        channel TEXT NOT NULL CHECK (channel IN ('smtp', 'draft', 'manual')),
        detail TEXT NOT NULL DEFAULT '',
        at INTEGER NOT NULL
    );
    CREATE INDEX invoice_events_invoice ON invoice_events(invoice_id, kind);
    CREATE UNIQUE INDEX invoice_events_one_reminder_per_step ON invoice_events(invoice_id, step)
        WHERE kind = 'reminder';
    CREATE TRIGGER invoice_events_no_update BEFORE UPDATE ON invoice_events
    BEGIN SELECT RAISE(ABORT, 'invoice history is append-only'); END;
    CREATE TRIGGER invoice_events_no_delete BEFORE DELETE ON invoice_events
    BEGIN SELECT RAISE(ABORT, 'invoice history is append-only'); END;

    CREATE TABLE clearances (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        created_at INTEGER NOT NULL
    );
    CREATE INDEX clearances_ticket ON clearances(ticket_id);
    """,
    # 4: time-limited access grants; the secret itself lives in the OS keyring only.
    """
    CREATE TABLE grants (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL REFERENCES tickets(id),
        label TEXT NOT NULL CHECK (length(trim(label)) > 0),
        key_name TEXT NOT NULL UNIQUE,
        expires_at INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        removed_at INTEGER,
        removed_why TEXT
    );
    CREATE INDEX grants_ticket ON grants(ticket_id);
    CREATE INDEX grants_live ON grants(expires_at) WHERE removed_at IS NULL;
    """,
    # 5: indexes for years of data. The running timer and an invoice's credit notes are found
    # in a small partial index whatever statistics ANALYZE left (without them the planner
    # walked every time entry to find the running one; with them it read every invoice for
    # each invoice it checked for credit notes). The inbox maps thread-search hits to their
    # tickets through a narrow covering index instead of the entries themselves.
    """
    CREATE INDEX time_entries_running ON time_entries(start_at) WHERE end_at IS NULL;
    CREATE INDEX invoices_credit_notes ON invoices(credits_invoice_id)
        WHERE credits_invoice_id IS NOT NULL;
    CREATE INDEX entries_thread_ticket ON entries(id, ticket_id);
    """,
    # 6: one decision per estimate version (the desk checks it first, in the same transaction).
    """
    CREATE TRIGGER decisions_one_per_version BEFORE INSERT ON decisions
    WHEN EXISTS (SELECT 1 FROM decisions WHERE estimate_id = NEW.estimate_id)
    BEGIN SELECT RAISE(ABORT, 'that estimate version is already decided: send a new version'); END;
    """,
    # 7: the outbox, and how far `hourdesk fetch` got in each IMAP folder. An outgoing
    # message is stored whole, with its Message-ID, before any attempt to send it; a sender
    # claims it (state 'sending') in a write transaction, and records 'data' just before the
    # server receives the text. Delivered messages never go back to the queue.
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        ticket_id INTEGER REFERENCES tickets(id),
        invoice_id INTEGER REFERENCES invoices(id),
        recipient TEXT NOT NULL,
        subject TEXT NOT NULL,
        raw BLOB NOT NULL,
        channel TEXT NOT NULL CHECK (channel IN ('smtp', 'draft')),
        drafts_dir TEXT NOT NULL DEFAULT '',
        draft_stem TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'queued'
            CHECK (state IN ('queued', 'sending', 'sent', 'drafted', 'unknown')),
        phase TEXT CHECK (phase IS NULL OR phase IN ('claimed', 'data')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        claimed_by TEXT,
        claimed_at INTEGER,
        created_at INTEGER NOT NULL,
        done_at INTEGER
    );
    CREATE INDEX outbox_pending ON outbox(state, id) WHERE state NOT IN ('sent', 'drafted');
    CREATE TRIGGER outbox_delivered_stays BEFORE UPDATE ON outbox
    WHEN OLD.state IN ('sent', 'drafted')
    BEGIN SELECT RAISE(ABORT, 'a delivered message stays delivered'); END;
    CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
    BEGIN SELECT RAISE(ABORT, 'the outbox keeps every message'); END;

    CREATE TABLE imap_state (
        account TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL
    );
    """,
    # 8: credits read from bank and PayPal statements, and the payments recorded from them.
    # A transaction is known by the bank's id (or a hash of date, amount and text) once only;
    # a credit pays an invoice at most once.
    """
    CREATE TABLE statement_credits (
        id INTEGER PRIMARY KEY,
        txn_key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL CHECK (source IN ('ofx', 'csv', 'paypal')),
        posted_on TEXT NOT NULL,
        amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
        fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
        payer TEXT NOT NULL DEFAULT '',
        memo TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'matched', 'ignored')),
        note TEXT NOT NULL DEFAULT '',
        imported_at INTEGER NOT NULL
    );
    CREATE INDEX statement_credits_open ON statement_credits(posted_on) WHERE status = 'open';
    CREATE TRIGGER statement_credits_no_delete BEFORE DELETE ON statement_credits
    BEGIN SELECT RAISE(ABORT, 'an imported statement line is never deleted'); END;
    CREATE TRIGGER statement_credits_fixed BEFORE UPDATE OF txn_key, source, posted_on,
        amount_cents, fee_cents, payer, memo ON statement_credits
    BEGIN SELECT RAISE(ABORT, 'an imported statement line is never changed'); END;
    ALTER TABLE payments ADD COLUMN statement_id INTEGER REFERENCES statement_credits(id);
    ALTER TABLE payments ADD COLUMN fee_cents INTEGER NOT NULL DEFAULT 0 CHECK (fee_cents >= 0);
    CREATE UNIQUE INDEX payments_once_per_credit ON payments(statement_id, invoice_id)
        WHERE statement_id IS NOT NULL;
    """,
    # 9: prepaid hour blocks. A block is sold on an invoice of its own; its balance is the
    # sum of its append-only history (sale, drawdown, return, rollover, lapse, void, credit).
    # A client may let blocks be drawn before their invoice is paid.
    """
    CREATE TABLE blocks (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id),
        invoice_id INTEGER NOT NULL UNIQUE REFERENCES invoices(id),
        seconds INTEGER NOT NULL CHECK (seconds > 0),
        rate_cents INTEGER NOT NULL CHECK (rate_cents >= 0),
        expires_on TEXT,
        rollover TEXT NOT NULL DEFAULT 'none' CHECK (rollover IN ('none', 'all', 'some')),
        rollover_seconds INTEGER NOT NULL DEFAULT 0 CHECK (rollover_seconds >= 0),
        created_at INTEGER NOT NULL
    );
    CREATE INDEX blocks_client ON blocks(client_id, id);
    CREATE TRIGGER blocks_fixed BEFORE UPDATE ON blocks
    BEGIN SELECT RAISE(ABORT, 'a sold block never changes: its history records what happens'); END;
    CREATE TRIGGER blocks_no_delete BEFORE DELETE ON blocks
    BEGIN SELECT RAISE(ABORT, 'a sold block never changes: its history records what happens'); END;

    CREATE TABLE block_events (
        id INTEGER PRIMARY KEY,
        block_id INTEGER NOT NULL REFERENCES blocks(id),
        kind TEXT NOT NULL CHECK (kind IN
            ('sale', 'drawdown', 'return', 'rollover', 'lapse', 'void', 'credit')),
        seconds INTEGER NOT NULL,
        ticket_id INTEGER REFERENCES tickets(id),
        invoice_id INTEGER REFERENCES invoices(id),
        other_block_id INTEGER REFERENCES blocks(id),
        detail TEXT NOT NULL DEFAULT '',
        at INTEGER NOT NULL
    );
    CREATE INDEX block_events_block ON block_events(block_id, id);
    CREATE INDEX block_events_invoice ON block_events(invoice_id) WHERE invoice_id IS NOT NULL;
    CREATE TRIGGER block_events_no_update BEFORE UPDATE ON block_events
    BEGIN SELECT RAISE(ABORT, 'block history is append-only'); END;
    CREATE TRIGGER block_events_no_delete BEFORE DELETE ON block_events
    BEGIN SELECT RAISE(ABORT, 'block history is append-only'); END;
    CREATE TRIGGER block_events_never_below_zero AFTER INSERT ON block_events
    WHEN (SELECT sum(seconds) FROM block_events WHERE block_id = NEW.block_id) < 0
    BEGIN SELECT RAISE(ABORT, 'a block never gives more hours than it has'); END;

    CREATE TABLE block_terms (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id),
        before_payment INTEGER NOT NULL DEFAULT 0 CHECK (before_payment IN (0, 1))
    );
    """,
    # The clients on payment hold, read for every page of the inbox, without reading each
    # invoice's document (status is stored after it, so reading it read the whole document).
    """
    CREATE INDEX invoices_due ON invoices(client_id, status, kind, due_date, total_cents);
    """,
    # The invoices left to pay, kept by triggers, so that the payment hold reads those and not
    # every invoice a client ever had. An invoice is in it when it is an issued invoice whose
    # total is more than its payments and issued credit notes (app/desk/billing/balance.py,
    # as of this migration); ``hourdesk check`` compares the two.
    """
    CREATE TABLE unpaid (
        invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
        client_id INTEGER NOT NULL REFERENCES clients(id),
        due_date TEXT NOT NULL
    );
    CREATE INDEX unpaid_client ON unpaid(client_id, due_date);
    CREATE VIEW unpaid_now AS
        SELECT i.id AS invoice_id, i.client_id, i.due_date FROM invoices i
        WHERE i.kind = 'invoice' AND i.status = 'issued' AND i.total_cents
            - coalesce((SELECT sum(amount_cents) FROM payments p WHERE p.invoice_id = i.id), 0)
            - coalesce((SELECT -sum(total_cents) FROM invoices c
                        WHERE c.credits_invoice_id = i.id AND c.status = 'issued'), 0) > 0;
    INSERT INTO unpaid SELECT * FROM unpaid_now;
    CREATE TRIGGER unpaid_issued AFTER INSERT ON invoices BEGIN
        DELETE FROM unpaid WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
        INSERT INTO unpaid SELECT * FROM unpaid_now
        WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
    END;
    CREATE TRIGGER unpaid_voided AFTER UPDATE OF status ON invoices BEGIN
        DELETE FROM unpaid WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
        INSERT INTO unpaid SELECT * FROM unpaid_now
        WHERE invoice_id IN (NEW.id, NEW.credits_invoice_id);
    END;
    CREATE TRIGGER unpaid_paid AFTER INSERT ON payments BEGIN
        DELETE FROM unpaid WHERE invoice_id = NEW.invoice_id;
        INSERT INTO unpaid SELECT * FROM unpaid_now WHERE invoice_id = NEW.invoice_id;
    END;
    """,
)


SCHEMA_VERSION = len(MIGRATIONS)
