"""Read inbound mail and web-form submissions into bounded, plain records.

Sources are Maildir folders, mbox files, single .eml files, folders of .eml
files and JSON exports of the website's contact form.  Every message becomes an
:class:`Incoming`, with notes on anything odd in ``defects``, or a
:class:`Rejected` with the reason and, when it was read, the raw bytes for
:func:`quarantine`.  Nothing inside a message can stop the rest of a batch.

Everything here is untrusted text.  ``from_addr`` in particular is whatever the
sender claimed: it is only good for matching a known client, never as proof.

Time limit
----------
``Limits.time_limit_s`` is enforced cooperatively, not with SIGALRM: signals
only reach the main thread while the application reads mail in worker threads,
and an exception raised from a signal handler can land inside the standard
library's own cleanup code.  Instead every step works on input bounded by the
limits, and a deadline is checked between steps: before each 16 KiB fed to the
MIME parser, at each MIME part it creates, before decoding each body part and
before each 64 KiB of HTML.  The super-linear paths of Python 3.11's standard
library are kept away from: MIME parameter lists are cut to 64 parameters before
the stdlib parses them (its parameter splitter is quadratic), nesting depth is
checked while parsing (the parser pays O(depth) per line), and HTML is defused
before ``html.parser`` sees it (stray ``<`` and unterminated declarations make
it quadratic).  A message that still overruns the deadline is rejected.
"""

from __future__ import annotations

from hourdesk.app.mail.mime import parse_message
from hourdesk.app.mail.quarantine import quarantine
from hourdesk.app.mail.records import FormRule, Incoming, Limits, Rejected
from hourdesk.app.mail.sources import read_sources
from hourdesk.app.mail.webform import parse_webform

__all__ = [
    "FormRule",
    "Incoming",
    "Limits",
    "Rejected",
    "parse_message",
    "parse_webform",
    "quarantine",
    "read_sources",
]
