"""What the minutes hold of one item: a line per kind, every value a display string.

Each item kind's minutes hook (:mod:`kickoff_tui.core.kinds.registry`) builds one of these;
:class:`~kickoff_tui.core.minutes.model.Minutes` gathers them and every renderer lays them out.

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kickoff_tui.core.models import ActionStatus

#: Shown wherever an owner or a due date has not been agreed yet.
TBD = "TBD"


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
