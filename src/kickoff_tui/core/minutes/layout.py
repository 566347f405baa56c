"""The shape of the minutes document, shared by the Markdown, plain-text and HTML renderers.

:func:`layout` decides once which parts appear, in which order, under which heading and with
which table columns; each renderer only turns these blocks into its own syntax. So a part
left out (nothing in it), a column dropped (empty in every row) or a heading renamed is the
same in every format.

The order is PRODUCT.md's, for the reader who stops after ten lines: the title block, a
**Summary** (decisions; open actions by owner with due dates; risks rated high; open
questions; the next step and the next meeting's date), then the body, each item once:
Decisions, Action items (by owner), RAID log, Questions, Notes by section, People
(attendees, RACI), Plans (deliverables, milestones, communication plan), Parking lot, and
last the agenda with the time used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kickoff_tui.core.minutes.model import (
    TBD,
    ActionLine,
    Minutes,
    RaidLine,
    SectionMinutes,
)
from kickoff_tui.core.models import ActionStatus, RaidKind


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading: level 1 is the title, 2 a part, 3 a sub-part."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Facts:
    """Label/value lines under the title (project, date, times...)."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header cells and rows of the same length; cells may hold line breaks.

    A renderer that cannot show it well (plain text, where a wide table would wrap) lists
    the rows instead: the first cell as the entry, the other non-empty cells after it.
    ``as_list``, when given, is the list to show then (the RACI reads better by letter).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    as_list: Bullets | None = None


@dataclass(frozen=True, slots=True)
class Bullet:
    """A list entry, an optional label shown emphasised before it, and sub-entries."""

    text: str
    label: str = ""
    children: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[Bullet, ...]


@dataclass(frozen=True, slots=True)
class Tasks:
    """One owner's action items: a task list in Markdown, a table or a list elsewhere."""

    actions: tuple[ActionLine, ...]


@dataclass(frozen=True, slots=True)
class TimeChart:
    """The agenda's time, planned against used per section, drawn where a format can."""

    sections: tuple[SectionMinutes, ...]


Block = Heading | Facts | Table | Bullets | Tasks | TimeChart


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], optional: Sequence[int] = (),
    as_list: Bullets | None = None,
) -> Table:
    """Build a table, dropping the ``optional`` columns that are empty in every row."""
    drop = {i for i in optional if not any(row[i] for row in rows)}
    if not drop:
        return Table(tuple(headers), tuple(tuple(row) for row in rows), as_list)
    keep = [i for i in range(len(headers)) if i not in drop]
    return Table(
        tuple(headers[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in rows),
        as_list,
    )


def actions_table(actions: Sequence[ActionLine]) -> Table:
    """One owner's action items as a table, for formats without task lists."""
    return table(
        ("Action", "Due", "Status"),
        [(a.text, a.due_shown, a.status) for a in actions],
    )


def by_owner(actions: Sequence[ActionLine], people: Sequence[str]) -> list[
    tuple[str, list[ActionLine]]
]:
    """Actions grouped by owner: attendees in list order, then others A-Z, then ``TBD``."""
    groups: dict[str, list[ActionLine]] = {}
    for action in actions:
        groups.setdefault(action.owner, []).append(action)
    rank = {name: n for n, name in enumerate(people)}
    order = sorted(groups, key=lambda o: (not o, o not in rank, rank.get(o, 0), o.casefold()))
    return [(owner or TBD, groups[owner]) for owner in order]


_RAID_TITLES = {
    RaidKind.RISK.value: ("Risks", "Risk"),
    RaidKind.ASSUMPTION.value: ("Assumptions", "Assumption"),
    RaidKind.ISSUE.value: ("Issues", "Issue"),
    RaidKind.DEPENDENCY.value: ("Dependencies", "Dependency"),
    RaidKind.CONSTRAINT.value: ("Constraints", "Constraint"),
}
#: Kinds rated by likelihood and impact (the others never show those columns).
_RATED = (RaidKind.RISK.value, RaidKind.DEPENDENCY.value)


def _raid_blocks(lines: Sequence[RaidLine]) -> list[Block]:
    """One sub-part per kind present, with the columns that kind has.

    Likelihood and impact only for risks and dependencies; an owner is "TBD" only on a risk
    (a risk needs somebody to watch it; an assumption or a constraint need not have one).
    """
    blocks: list[Block] = [Heading(2, "RAID log")]
    groups: dict[str, list[RaidLine]] = {}
    for line in lines:
        groups.setdefault(line.kind, []).append(line)
    for kind, group in groups.items():
        plural, singular = _RAID_TITLES[kind]
        blocks.append(Heading(3, plural))
        if kind in _RATED:
            needs_owner = kind == RaidKind.RISK.value
            blocks.append(
                table(
                    (singular, "Owner", "Likelihood", "Impact", "Mitigation", "Status"),
                    [
                        (r.text, r.owner or (TBD if needs_owner else ""), r.likelihood,
                         r.impact, r.mitigation, r.status)
                        for r in group
                    ],
                    optional=(1, 2, 3, 4),
                )
            )
        else:
            blocks.append(
                table(
                    (singular, "Owner", "Mitigation", "Status"),
                    [(r.text, r.owner, r.mitigation, r.status) for r in group],
                    optional=(1, 2),
                )
            )
    return blocks


def _first_line(text: str, limit: int = 120) -> str:
    """The first line of an item's text, shortened for the summary."""
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _summary(m: Minutes) -> list[Block]:
    """The ten lines a sponsor reads: what was decided, who does what by when, what could
    go wrong, what is still open and when the next meeting is."""
    items: list[Bullet] = []
    if m.decisions:
        items.append(Bullet("", f"Decisions ({len(m.decisions)})",
                            tuple(_first_line(d.text) for d in m.decisions if d.text)))
    open_actions = [a for a in m.actions if a.status == ActionStatus.OPEN.value]
    if open_actions:
        people = [a.name for a in m.attendees]
        # By owner, and each owner's soonest first: who does what by when.
        items.append(Bullet("", f"Actions ({len(open_actions)} open)", tuple(
            f"{owner}: {_first_line(a.text, 80)} (due {a.due_shown})"
            for owner, group in by_owner(open_actions, people)
            for a in sorted(group, key=lambda a: (not a.due, a.due))
        )))
    high = [r for r in m.raid if r.kind == RaidKind.RISK.value and r.status != "closed"
            and "high" in (r.likelihood, r.impact)]
    if high:
        items.append(Bullet("", f"High risks ({len(high)})", tuple(
            f"{_first_line(r.text)} ({r.owner or TBD})" for r in high)))
    if m.questions_open:
        items.append(Bullet("", f"Open questions ({len(m.questions_open)})", tuple(
            f"{_first_line(q.text)} ({q.owner or TBD})" for q in m.questions_open)))
    step = m.next_steps[0] if m.next_steps else ""
    items.append(Bullet(step or "not agreed", "Next step"))
    items.append(Bullet(m.next_meeting or "not set", "Next meeting"))
    return [Heading(2, "Summary"), Bullets(tuple(items))]


def _raci_list(m: Minutes) -> Bullets:
    """The RACI by activity and letter: reads in a mail client where 40 columns cannot."""
    return Bullets(tuple(
        Bullet(activity, "", tuple(f"{letter}: {', '.join(people)}"
                                   for letter, people in m.raci.by_letter(letters)))
        for activity, letters in m.raci.rows
    ))


#: The last minutes laid out and their blocks: the e-mail draft renders the same minutes as
#: text and as HTML, and need not lay them out twice. Blocks are never changed once made.
_LAST: list[tuple[Minutes, tuple[Block, ...]]] = []


def layout(m: Minutes) -> tuple[Block, ...]:
    """The minutes as an ordered sequence of blocks; parts with nothing in them are left out."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is m:
        return last[1]
    blocks = tuple(_layout(m))
    _LAST[:] = [(m, blocks)]
    return blocks


def _layout(m: Minutes) -> list[Block]:
    blocks: list[Block] = [Heading(1, f"Minutes: {m.title}"), Facts(m.facts)]
    blocks += _summary(m)
    if m.decisions:
        blocks += [
            Heading(2, "Decisions"),
            table(
                ("No.", "Decision", "Decided by", "Rationale", "Section"),
                [(str(d.number), d.text, d.decided_by, d.rationale, d.section)
                 for d in m.decisions],
                optional=(2, 3, 4),
            ),
        ]
    if m.actions:
        blocks.append(Heading(2, "Action items"))
        for owner, group in by_owner(m.actions, [a.name for a in m.attendees]):
            blocks += [Heading(3, owner), Tasks(tuple(group))]
    if m.raid:
        blocks += _raid_blocks(m.raid)
    if m.questions_open or m.questions_answered:
        blocks.append(Heading(2, "Questions"))
    if m.questions_open:
        blocks += [
            Heading(3, "Open"),
            table(
                ("Question", "Asked by", "To answer", "Status"),
                [(q.text, q.asked_by, q.owner or TBD, q.status) for q in m.questions_open],
                optional=(1,),
            ),
        ]
    if m.questions_answered:
        blocks += [
            Heading(3, "Answered"),
            table(
                ("Question", "Asked by", "Answered by", "Answer"),
                [(q.text, q.asked_by, q.owner, q.answer) for q in m.questions_answered],
                optional=(1, 2),
            ),
        ]
    if m.discussed:
        blocks.append(Heading(2, "Notes"))
        for section in m.discussed:
            blocks.append(Heading(3, section.heading))
            blocks.append(Bullets(tuple(Bullet(e.text) for e in section.entries)))
    if m.attendees or m.raci.rows:
        blocks.append(Heading(2, "People"))
    if m.attendees:
        blocks += [
            Heading(3, "Attendees"),
            table(
                ("Name", "Role", "Organisation", "E-mail", "Attendance"),
                [(a.name, a.role, a.organisation, a.email, a.attendance) for a in m.attendees],
                optional=(1, 2, 3),
            ),
        ]
    if m.raci.rows:
        blocks += [
            Heading(3, "RACI"),
            table(
                ("Deliverable / activity", *m.raci.people),
                [(activity, *letters) for activity, letters in m.raci.rows],
                as_list=_raci_list(m),
            ),
        ]
    if m.deliverables or m.comms:
        blocks.append(Heading(2, "Plans"))
    if m.deliverables:
        blocks += [
            Heading(3, "Deliverables and milestones"),
            table(
                ("Deliverable", "Type", "Due", "Acceptance criteria"),
                [(d.name, d.kind, d.due or TBD, d.acceptance) for d in m.deliverables],
                optional=(3,),
            ),
        ]
    if m.comms:
        blocks += [
            Heading(3, "Communication plan"),
            table(
                ("What", "Audience", "Channel", "Frequency", "Owner"),
                [(c.what, c.audience, c.channel, c.frequency, c.owner or TBD)
                 for c in m.comms],
                optional=(1, 2, 3),
            ),
        ]
    if m.parking:
        blocks += [
            Heading(2, "Parking lot"),
            Bullets(
                tuple(
                    Bullet(f"{p.text} (owner: {p.owner})" if p.owner else p.text)
                    for p in m.parking
                )
            ),
        ]
    agenda = tuple(s for s in m.sections if s.number is not None)
    if agenda:
        blocks.append(Heading(2, "Agenda and time used"))
        if m.timed:
            blocks.append(TimeChart(agenda))
        blocks.append(
            table(
                ("No.", "Section", "Time box", "Time used", "Over"),
                [(str(s.number), s.title, s.box, s.used, s.over) for s in agenda],
                optional=(3, 4),
            )
        )
    return blocks
