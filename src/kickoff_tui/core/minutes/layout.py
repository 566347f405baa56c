"""The shape of the minutes document, shared by the Markdown, plain-text and HTML renderers.

:func:`layout` decides once which parts appear, in which order, under which heading and with
which table columns; each renderer only turns these blocks into its own syntax. So a part
left out (nothing in it), a column dropped (empty in every row) or a heading renamed is the
same in every format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kickoff_tui.core.minutes.model import ActionLine, Minutes, RaidLine
from kickoff_tui.core.models import RaidKind


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
    """A table: header cells and rows of the same length; cells may hold line breaks."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Bullet:
    """A list entry, with an optional label shown emphasised before it (``Decision:``)."""

    text: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[Bullet, ...]


@dataclass(frozen=True, slots=True)
class Tasks:
    """The action items: a task list in Markdown, a table elsewhere (see :func:`actions_table`)."""

    actions: tuple[ActionLine, ...]


Block = Heading | Facts | Table | Bullets | Tasks


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], optional: Sequence[int] = ()
) -> Table:
    """Build a table, dropping the ``optional`` columns that are empty in every row."""
    drop = {i for i in optional if not any(row[i] for row in rows)}
    if not drop:
        return Table(tuple(headers), tuple(tuple(row) for row in rows))
    keep = [i for i in range(len(headers)) if i not in drop]
    return Table(
        tuple(headers[i] for i in keep), tuple(tuple(row[i] for i in keep) for row in rows)
    )


def actions_table(actions: Sequence[ActionLine]) -> Table:
    """The action items as a table, for formats without task lists."""
    return table(
        ("No.", "Action", "Owner", "Due", "Status"),
        [(str(n), a.text, a.owner, a.due, a.status) for n, a in enumerate(actions, start=1)],
    )


_RAID_TITLES = {
    RaidKind.RISK.value: ("Risks", "Risk"),
    RaidKind.ASSUMPTION.value: ("Assumptions", "Assumption"),
    RaidKind.ISSUE.value: ("Issues", "Issue"),
    RaidKind.DEPENDENCY.value: ("Dependencies", "Dependency"),
    RaidKind.CONSTRAINT.value: ("Constraints", "Constraint"),
}


def _raid_blocks(lines: Sequence[RaidLine]) -> list[Block]:
    """One sub-part per kind present; likelihood and impact only where they mean something."""
    blocks: list[Block] = [Heading(2, "RAID log")]
    groups: dict[str, list[RaidLine]] = {}
    for line in lines:
        groups.setdefault(line.kind, []).append(line)
    for kind, group in groups.items():
        plural, singular = _RAID_TITLES[kind]
        blocks.append(Heading(3, plural))
        if kind == RaidKind.RISK.value:
            blocks.append(
                table(
                    (singular, "Owner", "Likelihood", "Impact", "Mitigation", "Status"),
                    [
                        (r.text, r.owner, r.likelihood, r.impact, r.mitigation, r.status)
                        for r in group
                    ],
                    optional=(2, 3, 4),
                )
            )
        else:
            blocks.append(
                table(
                    (singular, "Owner", "Mitigation", "Status"),
                    [(r.text, r.owner, r.mitigation, r.status) for r in group],
                    optional=(2,),
                )
            )
    return blocks


def layout(m: Minutes) -> list[Block]:
    """The minutes as an ordered list of blocks; parts with nothing in them are left out."""
    blocks: list[Block] = [Heading(1, f"Minutes: {m.title}"), Facts(m.facts)]
    if m.attendees:
        blocks += [
            Heading(2, "Attendees"),
            table(
                ("Name", "Role", "Organisation", "Attendance"),
                [(a.name, a.role, a.organisation, a.attendance) for a in m.attendees],
                optional=(1, 2),
            ),
        ]
    agenda = [s for s in m.sections if s.number is not None]
    if agenda:
        blocks += [
            Heading(2, "Agenda"),
            table(
                ("No.", "Section", "Time box", "Time used", "Over"),
                [(str(s.number), s.title, s.box, s.used, s.over) for s in agenda],
                optional=(3, 4),
            ),
        ]
    if m.discussed:
        blocks.append(Heading(2, "Discussion"))
        for section in m.discussed:
            blocks.append(Heading(3, section.heading))
            blocks.append(
                Bullets(
                    tuple(
                        Bullet(e.text, "Decision" if e.kind == "decision" else "")
                        for e in section.entries
                    )
                )
            )
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
        blocks += [Heading(2, "Action items"), Tasks(m.actions)]
    if m.raid:
        blocks += _raid_blocks(m.raid)
    if m.questions_open:
        blocks += [
            Heading(2, "Open questions"),
            table(
                ("Question", "Asked by", "To answer", "Status"),
                [(q.text, q.asked_by, q.owner, q.status) for q in m.questions_open],
                optional=(1,),
            ),
        ]
    if m.questions_answered:
        blocks += [
            Heading(2, "Questions answered"),
            table(
                ("Question", "Asked by", "Answered by", "Answer"),
                [(q.text, q.asked_by, q.owner, q.answer) for q in m.questions_answered],
                optional=(1,),
            ),
        ]
    if m.deliverables:
        blocks += [
            Heading(2, "Deliverables and milestones"),
            table(
                ("Deliverable", "Type", "Due", "Acceptance criteria"),
                [(d.name, d.kind, d.due, d.acceptance) for d in m.deliverables],
                optional=(3,),
            ),
        ]
    if m.raci.rows:
        blocks += [
            Heading(2, "RACI"),
            table(
                ("Deliverable / activity", *m.raci.people),
                [(activity, *letters) for activity, letters in m.raci.rows],
            ),
        ]
    if m.comms:
        blocks += [
            Heading(2, "Communication plan"),
            table(
                ("What", "Audience", "Channel", "Frequency", "Owner"),
                [(c.what, c.audience, c.channel, c.frequency, c.owner) for c in m.comms],
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
    if m.next_steps:
        blocks += [Heading(2, "Next steps"), Bullets(tuple(Bullet(s) for s in m.next_steps))]
    return blocks
