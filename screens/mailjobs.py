"""Mail work behind the TUI: the outbox (sent, retried every few minutes), the watched
Maildir (new mail within seconds) and the IMAP folder (every few minutes).

Each job runs in a thread worker on a desk of its own (its own database connection), never
touches a widget, and reports back on the App's thread: a notification and a refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from hourdesk.app.desk.facade import Desk
    from hourdesk.app.desk.intake import IntakeSummary
    from hourdesk.app.desk.maildirwatch import MaildirWatch
    from hourdesk.app.desk.outbox import Attempt


def run_job(
    app: App,
    name: str,
    job: Callable[[Desk], object],
    done: Callable[[object], None],
    ready: Callable[[], bool] = lambda: True,
):
    """Run ``job(desk)`` in a thread on a separate desk; ``done(result)`` on the App's thread.

    ``ready()`` runs first in the thread: when it says no, no desk is opened. A job still
    running from the last tick is left to finish instead of started again.
    """
    if any(w.name == name and not w.is_finished for w in app.workers):
        return None
    open_desk = app.desk.intake.separate_desk()

    def work() -> None:
        from hourdesk.app.core.errors import Refused
        from hourdesk.app.core.logs import explain, log_error

        desk = None
        try:
            if not ready():
                return
            desk = open_desk()
            result = job(desk)
        except Refused as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=10)
            app.call_from_thread(app.changed)  # a refusal may have queued something
            return
        except Exception as exc:  # a worker must never take the TUI down
            log_error(f"{name} in the TUI", exc)
            app.call_from_thread(app.notify, explain(exc), severity="error", timeout=15)
            return
        finally:
            if desk is not None and desk is not app.desk:
                desk.close()
        app.call_from_thread(done, result)

    return app.run_worker(work, name=name, group="mail", thread=True, exit_on_error=False)


def send_outbox(app: App, ids: list[int] | None = None) -> None:
    """Deliver the outbox (or the messages ``ids``) and say what happened to each."""

    def done(attempts: list[Attempt]) -> None:
        for attempt in attempts:
            if attempt.delivered:
                app.notify(f"{attempt.ref or 'Mail'}: {attempt.text}", timeout=6)
            else:
                app.notify(
                    f"{attempt.ref or 'Mail'} waits in the outbox: {attempt.text}",
                    severity="error" if attempt.state == "unknown" else "warning",
                    timeout=15,
                )
        if attempts:
            app.changed()

    name = "outbox" if ids is None else f"outbox-{ids}"  # a reply never waits for a retry
    run_job(app, name, lambda desk: desk.outbox.deliver(ids), done)


def send_invoice(app: App, number: str) -> None:
    """Send (or draft, as mail.outgoing says) one invoice with its PDF."""

    def job(desk: Desk) -> str:
        drafts = desk.outbox.drafts_dir() if desk.outbox.channel() == "draft" else None
        return desk.mailer.send_invoice(number, drafts)

    def done(detail: str) -> None:
        app.notify(f"Invoice {number}: {detail}", timeout=8)
        app.changed()

    run_job(app, f"invoice-{number}", job, done)


def send_reminders(app: App) -> None:
    """Send (or draft) every reminder that is due; each step goes out once."""

    def job(desk: Desk):
        drafts = desk.outbox.drafts_dir() if desk.outbox.channel() == "draft" else None
        return desk.mailer.remind(drafts=drafts)

    def done(outcomes) -> None:
        for o in outcomes:
            if o.error:
                app.notify(f"{o.due.number} step {o.due.step}: {o.error}", severity="warning")
            else:
                app.notify(f"{o.due.number} step {o.due.step}: {o.where}", timeout=8)
        app.changed()

    run_job(app, "reminders", job, done)


def took_in(app: App, summary: IntakeSummary | None) -> None:
    """Tell what new mail became, and refresh the screen."""
    if summary is None or not summary.messages:
        return
    refs = ", ".join(summary.new_refs[:10])
    app.notify(f"New mail: {summary.total()}" + (f"; new: {refs}" if refs else ""), timeout=10)
    app.changed()


def watch_maildir(app: App, watcher: MaildirWatch) -> None:
    run_job(app, "maildir", watcher.take_in, lambda s: took_in(app, s), ready=watcher.poll)


def fetch_imap(app: App) -> None:
    from hourdesk.app.desk.imapfetch import Fetcher

    def done(summary) -> None:
        if summary.fetched:
            app.notify(f"IMAP: {summary.total()}", timeout=10)
            app.changed()

    run_job(app, "imap", lambda desk: Fetcher(desk).run(), done)


def start(app: App) -> None:
    """Retry the outbox now and every ``mail.retry_minutes``; watch the Maildir and the IMAP
    folder when the settings name them."""
    from hourdesk.app.desk.maildirwatch import POLL_SECONDS, MaildirWatch

    mail, imap = app.desk.settings.mail, app.desk.settings.imap
    if app.desk.outbox.items():
        send_outbox(app)
    app.set_interval(mail.retry_minutes * 60, lambda: send_outbox(app))
    if mail.maildir:
        watcher = MaildirWatch(mail.maildir)
        watch_maildir(app, watcher)
        app.set_interval(POLL_SECONDS, lambda: watch_maildir(app, watcher))
    if imap.host and imap.every_minutes:
        fetch_imap(app)
        app.set_interval(imap.every_minutes * 60, lambda: fetch_imap(app))
