"""The minutes as one intermediate model, built once from a session.

Every output format (Markdown, plain text, HTML, CSV) is rendered from the same
:class:`Minutes`, and every value in it is already a display string, so the formats can never
disagree about what an owner, a date or a time used is: they only lay it out differently.

What is left out, on purpose:

* private notes (they never leave the session file);
* deleted items (tombstones kept only so deletions merge across seats);
* empty parts: a list with nothing in it is an empty tuple and the renderers skip it.

This module never imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kickoff_tui.core.clock import format_duration as clock_text
from kickoff_tui.core.history import ChangedSince, as_of_end
from kickoff_tui.core.kinds import kind_of
from kickoff_tui.core.kinds.lines import (
    TBD,
    ActionLine,
    AttendeeLine,
    CommLine,
    DecisionLine,
    DeliverableLine,
    Entry,
    ParkingLine,
    QuestionLine,
    RaidLine,
)
from kickoff_tui.core.models import (
    Attendee,
    RaciRow,
    RaidKind,
    Session,
    SessionStatus,
)
from kickoff_tui.core.people import Roster, split_people
from kickoff_tui.core.safetext import bidi_visible
from kickoff_tui.core.textutil import record_line as one_line

#: The order of the RAID log: the acronym's order, then constraints.
RAID_ORDER: tuple[RaidKind, ...] = (
    RaidKind.RISK,
    RaidKind.ASSUMPTION,
    RaidKind.ISSUE,
    RaidKind.DEPENDENCY,
    RaidKind.CONSTRAINT,
)

_RAID_RANK = {kind.value: rank for rank, kind in enumerate(RAID_ORDER)}

# C0/C1 control characters other than newline and tab: an escape sequence pasted into a note
# must not reach a terminal (``kickoff export`` prints to stdout) or a mail client.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Normalise user text for the minutes: one kind of line break, no control characters.

    Line separators of every kind become ``\\n``, tabs become spaces (a tab has no width a
    renderer could trust), trailing blanks are dropped and the whole is stripped.
    """
    if text.isprintable():  # the common case, checked in C
        return text.strip()
    text = bidi_visible(text)  # an override must not reorder what the reader sees
    lines = [_CONTROL.sub("", line.expandtabs(4)).rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip()


def _local(moment: datetime) -> datetime:
    """An aware datetime in the local time zone (a naive one is taken as already local)."""
    return moment.astimezone() if moment.tzinfo is not None else moment


# -- the parts of the minutes ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionMinutes:
    """One agenda section: its time box, the time used and what was said in it.

    ``number`` is ``None`` for the catch-all group of items whose section is not on the agenda.
    """

    number: int | None
    title: str
    box: str
    used: str
    over: str  # "+02:30" past the box, else ""
    entries: tuple[Entry, ...]
    box_s: float = 0.0
    used_s: float = 0.0

    @property
    def heading(self) -> str:
        """``3. Deliverables, timeline & quality`` (or the bare title when unnumbered)."""
        return f"{self.number}. {self.title}" if self.number is not None else self.title


@dataclass(frozen=True, slots=True)
class RaciTable:
    """The RACI matrix with people as columns; a cell is ``R``, ``A``, ``C``, ``I`` or ``""``."""

    people: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]

    def by_letter(self, letters: tuple[str, ...]) -> list[tuple[str, list[str]]]:
        """One row's people grouped by letter, A first: ``[("A", ["Tom"]), ("R", [...])]``."""
        grouped: list[tuple[str, list[str]]] = []
        for letter in "ARCI":
            named = [p for p, mine in zip(self.people, letters, strict=True) if mine == letter]
            if named:
                grouped.append((letter, named))
        return grouped


@dataclass(frozen=True, slots=True)
class Minutes:
    """Everything the minutes say, as display strings, ready for any renderer.

    ``facts`` are the header lines (project, date, start, end, duration...) as
    ``(label, value)`` pairs; ``timed`` says whether the clock ever ran, so that renderers
    show time used only when there is some. Empty parts are empty tuples.
    """

    title: str
    facts: tuple[tuple[str, str], ...]
    timed: bool
    attendees: tuple[AttendeeLine, ...] = ()
    sections: tuple[SectionMinutes, ...] = ()
    decisions: tuple[DecisionLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    raid: tuple[RaidLine, ...] = ()
    questions_answered: tuple[QuestionLine, ...] = ()
    questions_open: tuple[QuestionLine, ...] = ()
    parking: tuple[ParkingLine, ...] = ()
    raci: RaciTable = field(default_factory=lambda: RaciTable((), ()))
    deliverables: tuple[DeliverableLine, ...] = ()
    comms: tuple[CommLine, ...] = ()
    next_steps: tuple[str, ...] = ()
    next_meeting: str = ""
    date: str = ""

    @property
    def discussed(self) -> tuple[SectionMinutes, ...]:
        """The sections that have notes or decisions to show."""
        return tuple(s for s in self.sections if s.entries)


# -- building -------------------------------------------------------------------------------


class _Names:
    """People named as in the attendee list: a name that means one attendee becomes theirs."""

    def __init__(self, attendees: list[Attendee]) -> None:
        self.roster = Roster(one_line(a.name) for a in attendees)
        self._seen: dict[str, str] = {}

    def __call__(self, value: str | None) -> str:
        text = one_line(value or "")
        if not text or not self.roster:
            return text
        found = self._seen.get(text)
        if found is None:
            found = self.roster.resolve(text)
            self._seen[text] = found
        return found

    def many(self, value: str) -> str:
        """A field naming several people, each resolved (``"tom, marcus"``)."""
        if "," not in value and ";" not in value:
            return self(value)
        return ", ".join(self(name) for name in split_people(one_line(value)))


class _Parts:
    """The minutes being built, as each kind's minutes hook sees them (the registry's
    :class:`~kickoff_tui.core.kinds.spec.MinutesContext`), and the lines it gave so far."""

    def __init__(self, names: _Names, titles: dict[str, tuple[int, str]],
                 since: dict[str, ChangedSince]) -> None:
        self.names_of = names
        self.titles = titles
        self.since = since
        self.lines: dict[str, list[Any]] = {}

    def clean(self, text: str) -> str:
        return clean_text(text)

    def line(self, text: str) -> str:
        return one_line(text)

    def name(self, value: str | None) -> str:
        return self.names_of(value)

    def names(self, value: str) -> str:
        return self.names_of.many(value)

    def marked(self, item: Any, text: str) -> str:
        change = self.since.get(item.id)
        return f"{text} ({change.describe()})" if change is not None else text

    def section(self, section_id: str) -> str:
        found = self.titles.get(section_id)
        return found[1] if found else ""

    def count(self, part: str) -> int:
        return len(self.lines.get(part, ()))

    def get(self, part: str) -> tuple[Any, ...]:
        """The lines of one part of the minutes, in the order the items were raised."""
        return tuple(self.lines.get(part, ()))


def _facts(session: Session) -> tuple[tuple[str, str], ...]:
    facts: list[tuple[str, str]] = []
    if project := one_line(session.project):
        facts.append(("Project", project))
    start = _local(session.started_at) if session.started_at else None
    end = _local(session.ended_at) if session.ended_at else None
    day = start or _local(session.created)
    facts.append(("Date", day.strftime("%Y-%m-%d")))
    if start is not None:
        facts.append(("Started", start.strftime("%H:%M %Z").strip()))
    if end is not None:
        # A call that runs past midnight says which day it ended.
        fmt = "%H:%M %Z" if start is None or end.date() == start.date() else "%Y-%m-%d %H:%M %Z"
        facts.append(("Ended", end.strftime(fmt).strip()))
    planned_s = session.planned_minutes * 60
    elapsed = session.clock.elapsed_s
    if elapsed > 0:
        delta = elapsed - planned_s
        if round(delta) > 0:
            against = f"{clock_text(delta)} over plan"
        elif round(delta) < 0:
            against = f"{clock_text(-delta)} under plan"
        else:
            against = "on plan"
        facts.append(
            ("Duration", f"{clock_text(elapsed)} of {clock_text(planned_s)} planned ({against})")
        )
    else:
        facts.append(("Planned length", clock_text(planned_s)))
    if session.status is not SessionStatus.ENDED:
        facts.append(("Status", "in progress" if session.status is SessionStatus.RUNNING
                      else "not started"))
    return tuple(facts)


def _raci(rows: list[RaciRow], attendees: list[Attendee], names: _Names) -> RaciTable:
    """People as columns: attendees first in their order, then anybody else as first met."""
    named: dict[str, None] = {}
    assigned = {names(p) for row in rows for p in row.assignments}
    for attendee in attendees:
        name = one_line(attendee.name)
        if name in assigned:
            named[name] = None
    for row in rows:
        for person in row.assignments:
            named.setdefault(names(person), None)
    people = tuple(named)
    table_rows = []
    for row in rows:
        letters = {names(p): letter for p, letter in row.assignments.items()}
        table_rows.append((one_line(row.activity), tuple(letters.get(p, "") for p in people)))
    return RaciTable(people, tuple(table_rows))


def next_meeting_text(session: Session) -> str:
    """``Tue 8 Dec 2026, 10:00``, or ``""`` when no date was agreed."""
    when = session.next_meeting
    if when is None:
        return ""
    text = f"{_DAYS[when.weekday()]} {when.day} {_MONTHS[when.month - 1]} {when.year}"
    if session.next_meeting_time is not None:
        text += f", {session.next_meeting_time:%H:%M}"
    return text


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def build_minutes(session: Session) -> Minutes:
    """Build the minutes of a session: the one model every format is rendered from.

    People are named as in the attendee list: an owner typed "Priya" (in a dialog, or before
    the attendee was added) reads "Priya Shah" when that names one attendee. The next step is
    ``session.next_step`` with the next meeting's date; the open actions are in the summary.

    Questions count as answered when their status says so or an answer was written down;
    the rest (open or deferred) are listed as open with who is to answer them. Decisions are
    the decision log only: the notes of a section no longer repeat them.
    """
    # A meeting ended before: its items as they stood at its end, each marked with what
    # became of it since ("done 2026-12-03 in Sprint 0 planning").
    session, since = as_of_end(session)
    titles: dict[str, tuple[int, str]] = {
        s.id: (n, one_line(s.title)) for n, s in enumerate(session.sections, start=1)
    }
    # One pass over the items, oldest first; ``created`` sorts items merged from two seats.
    live: list[Any] = sorted(session.live(), key=lambda item: item.created)
    attendees: list[Attendee] = [item for item in live if isinstance(item, Attendee)]
    names = _Names(attendees)
    parts = _Parts(names, titles, since)
    entries: dict[str, list[Entry]] = {}
    for item in live:
        hook = kind_of(item).minutes
        found = hook(item, parts) if hook is not None else None
        if found is None:
            continue
        part, line = found
        if part == "discussion":
            entries.setdefault(item.section, []).append(line)
        else:
            parts.lines.setdefault(part, []).append(line)

    clock = session.clock
    timed = clock.started or clock.elapsed_s > 0
    sections: list[SectionMinutes] = []
    for number, section in enumerate(session.sections, start=1):
        box_s = clock.box_s.get(section.id, section.box_minutes * 60)
        used_s = clock.section_used_s.get(section.id, 0.0)
        over = f"+{clock_text(used_s - box_s)}" if round(used_s - box_s) > 0 else ""
        sections.append(
            SectionMinutes(
                number=number,
                title=titles[section.id][1],
                box=clock_text(box_s),
                used=clock_text(used_s) if timed else "",
                over=over if timed else "",
                entries=tuple(entries.get(section.id, ())),
                box_s=box_s,
                used_s=used_s if timed else 0.0,
            )
        )
    # Items raised somewhere that is not on this agenda (a changed template, an old file)
    # are still minuted, in a group of their own at the end.
    stray = [e for sid, group in entries.items() if sid not in titles for e in group]
    if stray:
        sections.append(SectionMinutes(None, "Other notes", "", "", "", tuple(stray)))

    next_steps = (text,) if (text := clean_text(session.next_step)) else ()
    day = session.started_at or session.created
    return Minutes(
        title=one_line(session.title),
        facts=_facts(session),
        timed=timed,
        attendees=parts.get("attendees"),
        sections=tuple(sections),
        decisions=parts.get("decisions"),
        actions=parts.get("actions"),
        # The RAID log in the acronym's order, each kind in the order raised.
        raid=tuple(sorted(parts.get("raid"), key=lambda line: _RAID_RANK[line.kind])),
        questions_answered=parts.get("questions_answered"),
        questions_open=parts.get("questions_open"),
        parking=parts.get("parking"),
        raci=_raci(list(parts.get("raci")), attendees, names),
        deliverables=parts.get("deliverables"),
        comms=parts.get("comms"),
        next_steps=next_steps,
        next_meeting=next_meeting_text(session),
        date=_local(day).strftime("%Y-%m-%d"),
    )


__all__ = [
    "RAID_ORDER",
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
    "clean_text",
    "clock_text",
    "next_meeting_text",
    "one_line",
]
