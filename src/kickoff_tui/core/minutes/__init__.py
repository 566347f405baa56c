"""The minutes of a kick-off call, in every format, from one model.

:func:`build_minutes` turns a :class:`~kickoff_tui.core.models.Session` into a
:class:`Minutes`; the renderers are pure functions of it (``str`` out), so the formats never
disagree. One module per format: ``markdown``, ``text``, ``html``, ``tabular`` (CSV); the
document's shape (which parts, which headings, which columns) lives in ``layout``.

Typical use::

    text = render(session, "md")   # what the wrap-up copies

Writing files (``kickoff export``, the wrap-up pair) is :mod:`kickoff_tui.core.export`'s.

This package never imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable

from kickoff_tui.core.minutes.draft import render_eml
from kickoff_tui.core.minutes.html import render_html
from kickoff_tui.core.minutes.markdown import render_markdown
from kickoff_tui.core.minutes.model import (
    TBD,
    ActionLine,
    AttendeeLine,
    CommLine,
    DecisionLine,
    DeliverableLine,
    Entry,
    Minutes,
    ParkingLine,
    QuestionLine,
    RaciTable,
    RaidLine,
    SectionMinutes,
    build_minutes,
)
from kickoff_tui.core.minutes.tabular import neutralise, render_csv_actions, render_csv_raid
from kickoff_tui.core.minutes.text import render_text
from kickoff_tui.core.models import Session

#: Every format ``render`` accepts (``kickoff export --format``).
FORMATS: tuple[str, ...] = ("md", "txt", "html", "json", "csv", "eml")

#: The file extension of each format.
EXTENSIONS: dict[str, str] = {"md": ".md", "txt": ".txt", "html": ".html", "json": ".json",
                              "csv": ".csv", "eml": ".eml"}

_RENDERERS: dict[str, Callable[[Minutes], str]] = {
    "md": render_markdown,
    "txt": render_text,
    "html": render_html,
    "csv": render_csv_actions,
    "eml": render_eml,
}


def render_json(session: Session) -> str:
    """The whole session as stored and validated, private notes included.

    This is the session file, not the minutes: it is what a later ``resume`` or an import
    reads back, so nothing is left out.
    """
    return session.model_dump_json(indent=2) + "\n"


def render(session: Session, fmt: str) -> str:
    """Render a session in one of :data:`FORMATS`.

    For ``csv`` this is the action items; :func:`render_csv_raid` gives the RAID log and
    :func:`kickoff_tui.core.export.export_files` writes both.

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt == "json":
        return render_json(session)
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown minutes format {fmt!r} (choose from {', '.join(FORMATS)})"
        ) from None
    return renderer(build_minutes(session))


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "TBD",
    "ActionLine",
    "AttendeeLine",
    "CommLine",
    "DecisionLine",
    "DeliverableLine",
    "Entry",
    "Minutes",
    "ParkingLine",
    "QuestionLine",
    "RaciTable",
    "RaidLine",
    "SectionMinutes",
    "build_minutes",
    "neutralise",
    "render",
    "render_csv_actions",
    "render_csv_raid",
    "render_eml",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]
