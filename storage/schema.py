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
)

SCHEMA_VERSION = len(MIGRATIONS)
