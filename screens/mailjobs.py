"""Mail work behind the TUI: delivering the outbox and retrying it every few minutes.

Each job runs in a thread worker on a desk of its own (its own database connection), never
touches a widget, and reports back on the App's thread: a notification and a refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

    from app.desk import Desk
    from app.outbox import Attempt


def run_job(app: App, name: str, job: Callable[[Desk], object], done: Callable[[object], None]):
    """Run ``job(desk)`` in a thread on a separate desk; ``done(result)`` on the App's thread."""
    open_desk = app.desk.intake.separate_desk()

    def work() -> None:
        from app.errors import Refused
        from app.logs import explain, log_error

        desk = open_desk()
        try:
            result = job(desk)
        except Refused as exc:
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=10)
            return
        except Exception as exc:  # a worker must never take the TUI down
            log_error(f"{name} in the TUI", exc)
            app.call_from_thread(app.notify, explain(exc), severity="error", timeout=15)
            return
        finally:
            if desk is not app.desk:
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

    run_job(app, "outbox", lambda desk: desk.outbox.deliver(ids), done)


def start(app: App) -> None:
    """Retry what waits in the outbox now and every ``mail.retry_minutes``."""
    if app.desk.outbox.items():
        send_outbox(app)
    app.set_interval(app.desk.settings.mail.retry_minutes * 60, lambda: send_outbox(app))
