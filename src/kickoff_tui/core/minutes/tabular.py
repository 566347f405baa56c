"""CSV exports of the action items and of the RAID log, for Jira, Trello, Asana or a spreadsheet.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some of them skip first) as a formula: CSV injection. Such a cell gets a
leading ``'``, the convention spreadsheets display as plain text. The id column lets an
importer recognise an item it has seen before.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from kickoff_tui.core.minutes.model import Minutes

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

ACTION_HEADERS = ("Action", "Owner", "Due", "Status", "Section", "ID")
RAID_HEADERS = (
    "Kind", "Description", "Owner", "Likelihood", "Impact", "Mitigation", "Status", "Section", "ID"
)


def neutralise(cell: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would run as a formula."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def _csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes where needed
    writer.writerow(headers)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def render_csv_actions(m: Minutes) -> str:
    """The action items as CSV, one row each, with a header row."""
    return _csv(
        ACTION_HEADERS,
        ((a.text, a.owner, a.due, a.status, a.section, a.id) for a in m.actions),
    )


def render_csv_raid(m: Minutes) -> str:
    """The RAID log as CSV, one row per entry, with a header row."""
    return _csv(
        RAID_HEADERS,
        (
            (r.kind, r.text, r.owner, r.likelihood, r.impact, r.mitigation, r.status,
             r.section, r.id)
            for r in m.raid
        ),
    )
