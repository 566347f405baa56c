"""The minutes as an e-mail draft (``.eml``), ready to send from the user's own mail client.

An RFC 5322 message built with the standard library's :mod:`email` package:
``Subject: Minutes: <title> (<date>)``, ``To:`` the attendees who have an address,
``multipart/alternative`` with the plain-text minutes first and the HTML minutes second (a
client shows the richest part it can), and ``X-Unsent: 1``, which Outlook, Thunderbird and
Apple Mail read as "open this as a draft", so the organiser reviews it and presses Send.
There is no ``From:``: the client fills in the sender's own account.

Lines end in CRLF, as RFC 5322 says; both parts are base64-encoded UTF-8, so any text
(emoji, a 300-character word) travels intact whatever the mail system does with long lines.
"""

from __future__ import annotations

import binascii
import re
from email.message import Message
from email.policy import SMTP
from email.utils import formataddr

from kickoff_tui.core.minutes.html import render_html
from kickoff_tui.core.minutes.model import Minutes
from kickoff_tui.core.minutes.text import render_text


def subject(m: Minutes) -> str:
    """``Minutes: Apollo kick-off (2026-11-26)``."""
    return f"Minutes: {m.title} ({m.date})" if m.date else f"Minutes: {m.title}"


def recipients(m: Minutes) -> list[str]:
    """``"Dana Scully" <dana@acme.example>`` for each attendee with an address, each once."""
    seen: dict[str, str] = {}
    for attendee in m.attendees:
        address = attendee.email.strip()
        if address and "@" in address and address.casefold() not in seen:
            seen[address.casefold()] = formataddr((attendee.name, address))
    return list(seen.values())


#: A fixed boundary, not a random one: the same minutes give the same file (a re-run of the
#: wrap-up recognises its own file). It can never occur in the parts, which are base64: no
#: base64 line holds a "-", let alone starts with "--".
BOUNDARY = "----kickoff-minutes-alternative"
_LINE = re.compile(".{1,76}")  # RFC 2045: base64 lines of at most 76 characters
_CRLF = "\r\n"


def _head(message: Message) -> str:
    """A message's or a part's header block, blank line included, as the policy writes it."""
    return message.as_string()


def _part(body: str, subtype: str) -> str:
    """A ``text/<subtype>`` part, UTF-8, base64: its headers from the email package, then
    the body, encoded in one call and cut into 76-character lines.

    The generator of the email package writes a body line by line in Python, which on a
    2,000-item meeting costs more than rendering the minutes; the headers are where its
    care matters (encoding, folding), and those still come from it.
    """
    part = Message(policy=SMTP)
    part["Content-Type"] = f"text/{subtype}"
    part.set_param("charset", "utf-8")
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload("")
    encoded = binascii.b2a_base64(body.encode("utf-8"), newline=False).decode("ascii")
    return _head(part) + _CRLF.join(_LINE.findall(encoded)) + _CRLF


def render_eml(m: Minutes) -> str:
    """Render the minutes as an e-mail draft.

    Args:
        m: the minutes, from :func:`~kickoff_tui.core.minutes.build_minutes`.

    Returns:
        The message, CRLF line ends, ASCII only (the parts are base64).
    """
    text, html = render_text(m), render_html(m)
    boundary = BOUNDARY
    message = Message(policy=SMTP)
    message["MIME-Version"] = "1.0"
    message["Subject"] = subject(m)
    to = recipients(m)
    if to:
        message["To"] = ", ".join(to)
    message["X-Unsent"] = "1"
    message["Content-Type"] = "multipart/alternative"
    message.set_param("boundary", boundary)
    message.set_payload("")
    return "".join((
        _head(message),
        f"--{boundary}{_CRLF}", _part(text, "plain"),
        f"--{boundary}{_CRLF}", _part(html, "html"),
        f"--{boundary}--{_CRLF}",
    ))
