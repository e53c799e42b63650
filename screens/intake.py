"""Mail intake: read a Maildir, an mbox, .eml files or a web-form export into tickets.

The reading runs in a thread worker on its own database connection; the worker never touches
a widget, it hands each summary line to the screen through ``call_from_thread``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, Select, Static

from hourdesk.app.core.errors import Refused
from hourdesk.app.desk.intake import IntakeLine, IntakeSummary
from hourdesk.screens.widgets.footer import KeysFooter
from hourdesk.screens.widgets.text import literal
from hourdesk.screens.widgets.timer_bar import TimerBar

OUTCOME_STYLES = {
    "imported": "bold green",
    "appended": "cyan",
    "duplicate": "dim",
    "quarantined": "bold yellow",
    "acknowledged": "green",
    "not acknowledged": "bold red",
}


def parse_paths(text: str) -> list[Path]:
    """One path (spaces allowed) when it exists, else shell-style words; ``~`` expanded."""
    text = text.strip()
    if not text:
        return []
    whole = Path(text).expanduser()
    if whole.exists():
        return [whole]
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return [Path(word).expanduser() for word in words]


def line_text(line: IntakeLine) -> Text:
    text = Text(f"{line.outcome:<12} ", style=OUTCOME_STYLES.get(line.outcome, ""))
    text.append(f"{line.ref or '-':<8} ", style="bold")
    text.append_text(literal(line.text))
    for note in line.notes:
        text.append("\n" + " " * 22 + "· ", style="dim").append_text(literal(note, "dim"))
    return text


class IntakeScreen(Screen):
    """Type a path and press enter; the summary lists what became of each message."""

    BINDINGS = [
        Binding("escape", "app.home", "Inbox", id="intake.inbox"),
        Binding("ctrl+r", "run", "Read mail", id="intake.read_mail"),
    ]
    DEFAULT_CSS = """
    IntakeScreen #intake-form { height: auto; padding: 0 1; }
    IntakeScreen #intake-form Label { margin-top: 1; color: $text-muted; }
    IntakeScreen #intake-status { padding: 0 1; margin-top: 1; height: auto; }
    IntakeScreen #intake-lines { height: 1fr; padding: 0 1; }
    IntakeScreen #intake-quarantine { padding: 0 1; height: auto; color: $warning; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.summary: IntakeSummary | None = None

    @property
    def desk(self):
        return self.app.desk

    def compose(self) -> ComposeResult:
        drafts = self.desk.exports_dir() / "acknowledgements"
        options = [
            ("No acknowledgement", "none"),
            (f"Acknowledgement drafts (.eml) in {drafts}", "drafts"),
        ]
        if self.desk.settings.smtp.host:
            options.append(("Send acknowledgements by SMTP", "smtp"))
        yield Header()
        with VerticalScroll(id="intake-form"):
            yield Label(
                "Path: a Maildir, an mbox, an .eml file or a folder of them, or a web-form "
                ".json (several: spaces)"
            )
            yield Input(placeholder="~/Mail/INBOX", id="intake-path")
            yield Label("For each new ticket")
            yield Select(options, value="none", allow_blank=False, id="intake-ack")
        yield Static("", id="intake-status")
        yield VerticalScroll(id="intake-lines")
        yield Static("", id="intake-quarantine")
        yield TimerBar()
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Mail intake"
        self.set_focus(self.query_one("#intake-path", Input), scroll_visible=False)

    @on(Input.Submitted, "#intake-path")
    def _submitted(self) -> None:
        self.action_run()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "run":
            return not self.running
        return True

    def action_run(self) -> None:
        if self.running:
            return
        paths = parse_paths(self.query_one("#intake-path", Input).value)
        status = self.query_one("#intake-status", Static)
        if not paths:
            status.update(Text("Type the path of a mail folder or file first.", style="yellow"))
            return
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            status.update(literal(f"No such file or folder: {', '.join(missing)}", "bold red"))
            return
        ack = self.query_one("#intake-ack", Select).value
        drafts = self.desk.exports_dir() / "acknowledgements" if ack == "drafts" else None
        self.query_one("#intake-lines", VerticalScroll).remove_children()
        self.query_one("#intake-quarantine", Static).update("")
        status.update(Text("Reading…", style="bold"))
        self.running = True
        self.refresh_bindings()
        self.read_mail(self.desk.intake.separate_desk(), paths, drafts, ack == "smtp")

    @work(thread=True, exclusive=True, group="intake")
    def read_mail(self, open_desk, paths: list[Path], drafts: Path | None, send: bool) -> None:
        """Off the UI thread, on a connection of its own; results go back as calls."""
        try:
            desk = open_desk()
        except Exception as exc:
            self.app.call_from_thread(self.finished, None, f"Intake could not start: {exc}")
            return
        try:
            summary = desk.intake.run(
                paths,
                ack_drafts=drafts,
                ack_send=send,
                on_line=lambda line: self.app.call_from_thread(self.add_line, line),
            )
        except Refused as exc:
            self.app.call_from_thread(self.finished, None, str(exc))
        except Exception as exc:  # reported on screen; the next run starts afresh
            self.app.call_from_thread(self.finished, None, f"Intake stopped: {exc}")
        else:
            self.app.call_from_thread(self.finished, summary, "")
        finally:
            if desk is not self.desk:
                desk.close()

    def add_line(self, line: IntakeLine) -> None:
        lines = self.query_one("#intake-lines", VerticalScroll)
        lines.mount(Static(line_text(line), classes="intake-line"))
        lines.scroll_end(animate=False)

    def finished(self, summary: IntakeSummary | None, error: str) -> None:
        self.running = False
        self.summary = summary
        self.refresh_bindings()
        status = self.query_one("#intake-status", Static)
        if summary is None:
            status.update(literal(error, "bold red"))
            return
        status.update(literal(summary.total(), "bold"))
        if summary.quarantined:
            self.query_one("#intake-quarantine", Static).update(
                literal(f"Set aside with the reasons in {summary.quarantine_dir}")
            )
        if summary.new_refs:
            self.notify(
                f"{len(summary.new_refs)} new ticket{'' if len(summary.new_refs) == 1 else 's'}: "
                + ", ".join(summary.new_refs[:10])
                + ("…" if len(summary.new_refs) > 10 else "")
            )
        self.app.changed()
