"""Dates as people type and say them: ``fri``, ``+3d``, ``2026-12-04`` in, ``Fri 4 Dec`` out.

Pure functions of the text and "today" (no clock, no locale), shared by the capture line, the
edit dialog and the item kinds' echo lines; and the one rule for comparing stored times
(:func:`aware`), which the store's merge, the history and the quick listings share. Only the
standard library is imported here.

This module never imports Textual.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

DUE_HINT = "use YYYY-MM-DD, today, tomorrow, mon..sun, +3d, +2w"

_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RELATIVE_RE = re.compile(r"\+(\d{1,5})([dw])", re.IGNORECASE)

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(_WEEKDAY_NAMES)},
    **{name[:3]: i for i, name in enumerate(_WEEKDAY_NAMES)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
# English on purpose: strftime("%a") follows the process locale, the minutes do not.
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_due(value: str, today: date) -> date:
    """Read a due date.

    Accepted: ``YYYY-MM-DD``; ``today``; ``tomorrow``; a weekday (``friday``, ``fri``, also
    ``tues``, ``thur``, ``thurs``), meaning the next such day strictly after today, so on a
    Friday ``fri`` is a week later (said on a Friday, "due Friday" means next week's); ``+3d``
    (days) and ``+2w`` (weeks) from today. Case-insensitive.

    Raises:
        ValueError: ``could not read due date 'x' (use YYYY-MM-DD, today, ...)``.
    """
    word = value.strip().lower()
    try:
        if word == "today":
            return today
        if word == "tomorrow":
            return today + timedelta(days=1)
        if word in _WEEKDAYS:
            ahead = (_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1
            return today + timedelta(days=ahead)
        match = _RELATIVE_RE.fullmatch(word)
        if match:
            count = int(match[1])
            return today + timedelta(days=count * (7 if match[2] == "w" else 1))
        match = _ISO_DATE_RE.fullmatch(word)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except (ValueError, OverflowError):
        pass  # 2026-02-30, or +99999w past the year 9999: same message as any unreadable date
    raise ValueError(f"could not read due date {value!r} ({DUE_HINT})")


def format_day(day: date | None, today: date | None = None) -> str:
    """A day as people say it, ``Fri 4 Dec``, with the year when it is not ``today``'s year.

    The one day format of Kickoff (the capture echo, the lists, the minutes): English names
    whatever the process locale, so the record reads the same on every seat. A missing day
    is ``TBD``.

    Args:
        day: the day, or ``None`` when none was agreed.
        today: the day it is now; ``None`` means the machine's ``date.today()`` (tests pass one).
    """
    if day is None:
        return "TBD"
    text = f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]}"
    if day.year != (today or date.today()).year:
        text += f" {day.year}"
    return text


#: The time before every stored stamp (a field never stamped compares as this).
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def aware(moment: datetime | None) -> datetime:
    """``moment`` as an aware datetime (naive ones are read as UTC); ``None`` is :data:`EPOCH`.

    Sessions written by older versions hold naive times: every comparison of stored times goes
    through here, so a naive and an aware time never meet.
    """
    if moment is None:
        return EPOCH
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
