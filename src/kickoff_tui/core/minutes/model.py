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

from kickoff_tui.core.history import as_of_end
from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    Attendee,
    CommunicationRow,
    Decision,
    Deliverable,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    Session,
    SessionStatus,
)
from kickoff_tui.core.people import Roster, split_people
from kickoff_tui.core.safetext import bidi_visible

#: Shown wherever an owner or a due date has not been agreed yet.
TBD = "TBD"

#: The order of the RAID log: the acronym's order, then constraints.
RAID_ORDER: tuple[RaidKind, ...] = (
    RaidKind.RISK,
    RaidKind.ASSUMPTION,
    RaidKind.ISSUE,
    RaidKind.DEPENDENCY,
    RaidKind.CONSTRAINT,
)

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


def one_line(text: str) -> str:
    """User text for a place that holds one line (a name, a title): breaks become spaces."""
    if text.isprintable():
        return text.strip()
    return " ".join(_CONTROL.sub("", bidi_visible(text)).split())


def clock_text(seconds: float) -> str:
    """Seconds as ``MM:SS``, or ``H:MM:SS`` from an hour up (the clock's own notation)."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def _local(moment: datetime) -> datetime:
    """An aware datetime in the local time zone (a naive one is taken as already local)."""
    return moment.astimezone() if moment.tzinfo is not None else moment


# -- the parts of the minutes ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AttendeeLine:
    """One attendee: name, role, organisation and whether they were there."""

    name: str
    role: str
    organisation: str
    present: bool
    email: str = ""

    @property
    def attendance(self) -> str:
        """``present`` or ``absent``."""
        return "present" if self.present else "absent"


@dataclass(frozen=True, slots=True)
class Entry:
    """A note or a decision as it reads in the discussion of a section."""

    kind: str  # "note" or "decision"
    text: str


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
class DecisionLine:
    """An entry of the decision log."""

    number: int
    text: str
    decided_by: str
    rationale: str
    section: str


@dataclass(frozen=True, slots=True)
class ActionLine:
    """An action item; ``owner`` and ``due`` are ``""`` when not agreed (shown as ``TBD``)."""

    id: str
    text: str
    owner: str
    due: str
    status: str
    section: str

    @property
    def done(self) -> bool:
        """Whether the task box is ticked (done, or cancelled and so closed)."""
        return self.status != ActionStatus.OPEN.value

    @property
    def due_shown(self) -> str:
        """The due date, or ``TBD``."""
        return self.due or TBD


@dataclass(frozen=True, slots=True)
class RaidLine:
    """An entry of the RAID log; a value not recorded is ``""``."""

    id: str
    kind: str
    text: str
    owner: str
    likelihood: str
    impact: str
    mitigation: str
    status: str
    section: str


@dataclass(frozen=True, slots=True)
class QuestionLine:
    """A question, who asked it, who answers it and the answer so far."""

    text: str
    asked_by: str
    owner: str
    answer: str
    status: str


@dataclass(frozen=True, slots=True)
class ParkingLine:
    """A parking-lot item and, when somebody took it, its owner."""

    text: str
    owner: str


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
class DeliverableLine:
    """A deliverable or milestone, its due date and acceptance criteria."""

    name: str
    kind: str  # "Deliverable" or "Milestone"
    due: str
    acceptance: str


@dataclass(frozen=True, slots=True)
class CommLine:
    """A row of the communication plan."""

    what: str
    audience: str
    channel: str
    frequency: str
    owner: str


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

    def marked(item: Any, text: str) -> str:
        change = since.get(item.id)
        return f"{text} ({change.describe()})" if change is not None else text

    titles: dict[str, tuple[int, str]] = {
        s.id: (n, one_line(s.title)) for n, s in enumerate(session.sections, start=1)
    }

    def section_title(section_id: str) -> str:
        found = titles.get(section_id)
        return found[1] if found else ""

    # One pass over the items, oldest first; ``created`` sorts items merged from two seats.
    live: list[Any] = sorted(session.live(), key=lambda item: item.created)
    attendees: list[Attendee] = [item for item in live if isinstance(item, Attendee)]
    names = _Names(attendees)
    entries: dict[str, list[Entry]] = {}
    decisions: list[DecisionLine] = []
    actions: list[ActionLine] = []
    raid: dict[str, list[RaidLine]] = {kind.value: [] for kind in RAID_ORDER}
    answered: list[QuestionLine] = []
    open_questions: list[QuestionLine] = []
    parking: list[ParkingLine] = []
    raci_rows: list[RaciRow] = []
    deliverables: list[DeliverableLine] = []
    comms: list[CommLine] = []

    for item in live:
        if isinstance(item, Note):
            if item.private:
                continue  # private notes never leave the session file
            text = clean_text(item.text)
            if text:
                entries.setdefault(item.section, []).append(Entry("note", text))
        elif isinstance(item, Decision):
            decisions.append(
                DecisionLine(
                    number=len(decisions) + 1,
                    text=clean_text(item.text),
                    decided_by=names.many(item.decided_by),
                    rationale=clean_text(item.rationale),
                    section=section_title(item.section),
                )
            )
        elif isinstance(item, ActionItem):
            actions.append(
                ActionLine(
                    id=item.id,
                    text=marked(item, clean_text(item.text)),
                    owner=names(item.owner),
                    due=item.due.isoformat() if item.due else "",
                    status=item.status.value,
                    section=section_title(item.section),
                )
            )
        elif isinstance(item, RaidEntry):
            raid[item.kind.value].append(
                RaidLine(
                    id=item.id,
                    kind=item.kind.value,
                    text=marked(item, clean_text(item.text)),
                    owner=names(item.owner),
                    likelihood=item.likelihood.value if item.likelihood else "",
                    impact=item.impact.value if item.impact else "",
                    mitigation=clean_text(item.mitigation),
                    status=item.status.value,
                    section=section_title(item.section),
                )
            )
        elif isinstance(item, Question):
            answer = clean_text(item.answer)
            question = QuestionLine(
                text=marked(item, clean_text(item.text)),
                asked_by=names(item.asked_by),
                owner=names(item.owner),
                answer=answer,
                status=item.status.value,
            )
            if item.status is QuestionStatus.ANSWERED or answer:
                answered.append(question)
            else:
                open_questions.append(question)
        elif isinstance(item, ParkingLotItem):
            parking.append(ParkingLine(marked(item, clean_text(item.text)), names(item.owner)))
        elif isinstance(item, RaciRow):
            raci_rows.append(item)
        elif isinstance(item, Deliverable):
            deliverables.append(
                DeliverableLine(
                    name=one_line(item.name),
                    kind="Milestone" if item.milestone else "Deliverable",
                    due=item.due.isoformat() if item.due else "",
                    acceptance=clean_text(item.acceptance),
                )
            )
        elif isinstance(item, CommunicationRow):
            comms.append(
                CommLine(
                    what=one_line(item.what),
                    audience=one_line(item.audience),
                    channel=one_line(item.channel),
                    frequency=one_line(item.frequency),
                    owner=names(item.owner),
                )
            )

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
        attendees=tuple(
            AttendeeLine(
                one_line(a.name), one_line(a.role), one_line(a.organisation), a.present,
                one_line(a.email),
            )
            for a in attendees
        ),
        sections=tuple(sections),
        decisions=tuple(decisions),
        actions=tuple(actions),
        raid=tuple(line for kind in RAID_ORDER for line in raid[kind.value]),
        questions_answered=tuple(answered),
        questions_open=tuple(open_questions),
        parking=tuple(parking),
        raci=_raci(raci_rows, attendees, names),
        deliverables=tuple(deliverables),
        comms=tuple(comms),
        next_steps=next_steps,
        next_meeting=next_meeting_text(session),
        date=_local(day).strftime("%Y-%m-%d"),
    )
