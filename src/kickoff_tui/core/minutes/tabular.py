"""CSV exports of the action items and of the RAID log, shaped for tracker import.

The columns are the ones Jira, Asana, Linear or GitHub (through a spreadsheet) map on import
(PRODUCT.md): actions ``Summary, Assignee, Due date, Status, Priority, Labels, Description,
Meeting, Section, Id``; RAID ``Summary, Type, Owner, Likelihood, Impact, Mitigation, Status,
Meeting, Section, Id``. Dates are ISO ``YYYY-MM-DD``; a value not recorded is an empty cell,
never "TBD" (a tracker would read it as a name or fail to parse it as a date). The summary is
the text's first line, at most 255 characters (Jira's limit); the whole text is the
description when it says more. The id lets an importer recognise an item it has seen before.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some of them skip first) as a formula: CSV injection. Such a cell gets a
leading ``'``, the convention spreadsheets display as plain text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kickoff_tui.core.minutes.model import Minutes

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ACTION_HEADERS = ("Summary", "Assignee", "Due date", "Status", "Priority", "Labels",
                  "Description", "Meeting", "Section", "Id")
RAID_HEADERS = ("Summary", "Type", "Owner", "Likelihood", "Impact", "Mitigation", "Status",
                "Meeting", "Section", "Id")
#: The longest summary trackers take (Jira: 255 characters).
SUMMARY_MAX = 255
#: The label every exported item carries, so an import can be found again.
LABEL = "kickoff"


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes where needed
    writer.writerow(headers)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _summary(text: str) -> tuple[str, str]:
    """``(summary, description)``: the first line, and the whole text when it says more."""
    first = text.split("\n", 1)[0].strip()
    if len(first) > SUMMARY_MAX:
        first = first[: SUMMARY_MAX - 1].rstrip() + "…"
    return first, ("" if first == text else text)


def meeting_name(m: Minutes) -> str:
    """``Apollo kick-off (2026-11-26)``: the meeting an item came from."""
    return f"{m.title} ({m.date})" if m.date else m.title


def render_csv_actions(m: Minutes) -> str:
    """The action items as CSV, one row each, with a header row."""
    meeting = meeting_name(m)
    rows = []
    for a in m.actions:
        summary, description = _summary(a.text)
        rows.append((summary, a.owner, a.due, a.status, "", LABEL, description, meeting,
                     a.section, a.id))
    return _csv(ACTION_HEADERS, rows)


def render_csv_raid(m: Minutes) -> str:
    """The RAID log as CSV, one row per entry, with a header row."""
    meeting = meeting_name(m)
    rows = []
    for r in m.raid:  # no description column: the summary is the whole text
        rows.append((r.text, r.kind.capitalize(), r.owner,
                     r.likelihood, r.impact, r.mitigation, r.status, meeting, r.section, r.id))
    return _csv(RAID_HEADERS, rows)
