"""The kick-off domain model: a session, its agenda and everything captured in it.

Every captured thing is an *item* with a stable id, a creation time, an update time and the
agenda section it came from. Items live in one list on the :class:`Session`, keyed by id, so
that two seats writing to the same session can be merged item by item (see
``store/merge.py``): the newer ``updated`` wins, and a deletion is a tombstone
(``deleted=True``, its text erased) so it merges too. Session-level fields carry their own
change stamps (:attr:`Session.stamps`) and merge field by field the same way.

This module never imports Textual.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

#: The version of the stored session document. Bump it and add a step to
#: ``MIGRATIONS`` whenever the stored shape changes.
SCHEMA_VERSION = 5

#: Generous bounds: a 100 KB paste must fit in a note, but a runaway paste must not grow
#: the store without limit.
MAX_TEXT = 250_000
MAX_SHORT = 2_000

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Short = Annotated[str, Field(max_length=MAX_SHORT)]


def new_id() -> str:
    """Return a short random id (12 hex characters) for an item."""
    return secrets.token_hex(6)


def new_session_id() -> str:
    """Return a short random id (8 hex characters) for a session, easy to type."""
    return secrets.token_hex(4)


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


class Level(StrEnum):
    """Likelihood or impact of a risk."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ActionStatus(StrEnum):
    """Where an action item stands."""

    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class RaidKind(StrEnum):
    """The five kinds of a RAID-log entry: risk, assumption, issue, dependency, constraint."""

    RISK = "risk"
    ASSUMPTION = "assumption"
    ISSUE = "issue"
    DEPENDENCY = "dependency"
    CONSTRAINT = "constraint"


class RaidStatus(StrEnum):
    """Where a RAID entry stands."""

    OPEN = "open"
    MITIGATED = "mitigated"
    CLOSED = "closed"


class QuestionStatus(StrEnum):
    """Where a question stands."""

    OPEN = "open"
    ANSWERED = "answered"
    DEFERRED = "deferred"


class SessionStatus(StrEnum):
    """Where a session stands: not started, in progress, or ended (wrap-up reached)."""

    PLANNED = "planned"
    RUNNING = "running"
    ENDED = "ended"


#: "A/R": accountable and doing the work (common on small teams).
RaciLetter = Literal["R", "A", "C", "I", "A/R"]


class _Model(BaseModel):
    """Base for stored models: foreign keys are refused so junk never enters the store."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class ItemBase(_Model):
    """What every captured item has: identity, provenance and merge metadata."""

    id: str = Field(default_factory=new_id, min_length=1, max_length=64)
    section: str = Field(
        default="", max_length=200, description="Id of the agenda section it was raised in."
    )
    created: datetime = Field(default_factory=utcnow)
    updated: datetime = Field(
        default_factory=utcnow, description="Last change; the newer wins a merge."
    )
    seat: Short = Field(default="", description="Who captured it (user@host of the seat).")
    seat_id: Short = Field(
        default="", description="Which seat captured it (one terminal or browser tab; see "
        "core/presence.py): a private note shows only there. Empty on older items."
    )
    deleted: bool = Field(
        default=False, description="Tombstone, so a deletion merges across seats."
    )

    def tombstone(self) -> Any:
        """The deleted form of this item: id, type, section and times, its text erased.

        What the user typed does not outlive a deletion; only what the item-by-item merge
        needs (the id, the kind and when it was deleted) is kept, so the deletion still
        reaches every seat. Required fields that must not be empty hold a placeholder.
        """
        data: dict[str, Any] = {
            "id": self.id,
            "section": self.section,
            "created": self.created,
            "updated": utcnow(),
            "deleted": True,
        }
        for name, info in type(self).model_fields.items():
            if name not in data and info.is_required():
                data[name] = "(deleted)" if _needs_text(info) else ""
        return type(self).model_validate(data)


def _needs_text(info: Any) -> bool:
    """Whether a string field refuses the empty string (``min_length``)."""
    return any(getattr(meta, "min_length", 0) for meta in info.metadata)


class ItemChange(_Model):
    """One dated change of a tracked item: who (the seat), when, in which meeting, what.

    ``before`` and ``after`` hold the changed fields' values (as JSON), so the minutes of an
    earlier meeting can show the item as it stood at that meeting's end.
    """

    at: datetime = Field(default_factory=utcnow)
    seat: Short = ""
    session_id: str = Field(default="", max_length=64, description="Where it was changed; "
                            "empty when changed outside a meeting (`kickoff done`).")
    session_title: Short = ""
    before: dict[str, Any] = Field(default_factory=dict)
    after: dict[str, Any] = Field(default_factory=dict)


class TrackedItem(ItemBase):
    """An item followed across meetings: actions, RAID entries, questions, parking lot.

    A follow-up meeting carries an open tracked item under the *same id*, with ``origin``
    naming the session it was raised in (its home); a change to it anywhere is a change to
    the one item (see ``core/tracking.py``), recorded in ``history``.
    """

    origin: str = Field(default="", max_length=64,
                        description="Home session id when carried here; empty at home.")
    history: list[ItemChange] = Field(default_factory=list)


class Note(ItemBase):
    """A note on the discussion. A private note never appears in the minutes."""

    type: Literal["note"] = "note"
    text: Text
    private: bool = False


class Decision(ItemBase):
    """A decision taken, optionally with who decided and why."""

    type: Literal["decision"] = "decision"
    text: Text
    decided_by: Short = ""
    rationale: Text = ""


class ActionItem(TrackedItem):
    """An action item. ``owner`` and ``due`` of ``None`` mean "TBD"."""

    type: Literal["action"] = "action"
    text: Text
    owner: Short | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN


class RaidEntry(TrackedItem):
    """An entry of the RAID log: a risk, assumption, issue, dependency or constraint."""

    type: Literal["raid"] = "raid"
    kind: RaidKind = RaidKind.RISK
    text: Text
    owner: Short | None = None
    likelihood: Level | None = None
    impact: Level | None = None
    mitigation: Text = ""
    status: RaidStatus = RaidStatus.OPEN


class Question(TrackedItem):
    """A question raised, who asked it, who answers it, and the answer once given."""

    type: Literal["question"] = "question"
    text: Text
    asked_by: Short = ""
    owner: Short | None = Field(default=None, description="Who answers it.")
    answer: Text = ""
    status: QuestionStatus = QuestionStatus.OPEN


class ParkingLotItem(TrackedItem):
    """An off-topic item to take elsewhere."""

    type: Literal["parking"] = "parking"
    text: Text
    owner: Short | None = None


class Attendee(ItemBase):
    """Somebody invited to the call."""

    type: Literal["attendee"] = "attendee"
    name: Short = Field(min_length=1)
    role: Short = ""
    organisation: Short = ""
    present: bool = True
    email: Short = Field(default="", description="Address the e-mail draft of the minutes goes to.")


class RaciRow(ItemBase):
    """One row of the RACI matrix: a deliverable or activity, and each person's letter."""

    type: Literal["raci"] = "raci"
    activity: Short = Field(min_length=1)
    assignments: dict[str, RaciLetter] = Field(default_factory=dict)

    @property
    def accountable(self) -> list[str]:
        """The people marked A or A/R (a well-formed row has exactly one)."""
        return [person for person, letter in self.assignments.items() if "A" in letter]


class Deliverable(ItemBase):
    """A deliverable or milestone, its due date and acceptance criteria."""

    type: Literal["deliverable"] = "deliverable"
    name: Short = Field(min_length=1)
    due: date | None = None
    acceptance: Text = ""
    milestone: bool = False


class CommunicationRow(ItemBase):
    """One row of the communication plan."""

    type: Literal["comm"] = "comm"
    what: Short = Field(min_length=1)
    audience: Short = ""
    channel: Short = ""
    frequency: Short = ""
    owner: Short | None = None


Item = Annotated[
    Note
    | Decision
    | ActionItem
    | RaidEntry
    | Question
    | ParkingLotItem
    | Attendee
    | RaciRow
    | Deliverable
    | CommunicationRow,
    Field(discriminator="type"),
]

#: Validates one item of any kind from its stored form (the journal replays items with it).
ITEM_ADAPTER: TypeAdapter[Item] = TypeAdapter(Item)


class AgendaSection(_Model):
    """One section of the agenda and its time box."""

    id: str = Field(min_length=1, max_length=200)
    title: Short = Field(min_length=1)
    box_minutes: float = Field(gt=0, le=24 * 60)
    prompts: list[Short] = Field(default_factory=list)
    tables: list[Short] = Field(
        default_factory=list,
        description="Item kinds shown as reference tables while the section runs (the "
        "template's `tables = [\"raci\"]`; names checked by the template loader).",
    )


class ClockState(_Model):
    """The persisted state of the meeting clock (see ``clock.py``).

    Seconds are accumulated *spent* time, never tick counts; time while the app was closed
    is not counted because only measured intervals are added.
    """

    started: bool = False
    paused: bool = False
    elapsed_s: float = Field(default=0.0, ge=0)
    section_used_s: dict[str, float] = Field(default_factory=dict)
    box_s: dict[str, float] = Field(
        default_factory=dict,
        description="Current box per section id, after extensions and rebalancing.",
    )
    bell_rung: list[str] = Field(default_factory=list)


class Session(_Model):
    """A kick-off session: the agenda, the clock and everything captured."""

    schema_version: int = SCHEMA_VERSION
    id: str = Field(default_factory=new_session_id, min_length=1, max_length=64)
    title: Short = Field(min_length=1)
    project: Short = ""
    template: Short = "kickoff"
    created: datetime = Field(default_factory=utcnow)
    updated: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    ended_at: datetime | None = None
    status: SessionStatus = SessionStatus.PLANNED
    planned_minutes: float = Field(default=60, gt=0, le=24 * 60)
    sections: list[AgendaSection] = Field(min_length=1)
    current: int = Field(default=0, ge=0)
    clock: ClockState = Field(default_factory=ClockState)
    next_step: Text = ""
    next_meeting: date | None = Field(default=None, description="Date of the next meeting.")
    next_meeting_time: time | None = Field(
        default=None, description="Local time of the next meeting, when agreed."
    )
    facilitator: Short = Field(
        default="", description="The seat that started the meeting: note-takers may follow it."
    )
    follows: str | None = Field(default=None, max_length=64,
                                description="The session this one follows up (its source).")
    items: list[Item] = Field(default_factory=list)
    stamps: dict[str, datetime] = Field(
        default_factory=dict,
        description="When each session-level field (next_step, status, clock...) last "
        "changed; the newer stamp wins a merge between seats.",
    )

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"written by a newer Kickoff (schema {value}; "
                f"this one reads up to {SCHEMA_VERSION})"
            )
        return value

    # -- queries -------------------------------------------------------------------------

    def live(self, *types: str) -> list[Any]:
        """Items not deleted, optionally only of the given ``type`` values, oldest first."""
        return [i for i in self.items if not i.deleted and (not types or i.type in types)]

    def in_section(self, section_id: str, *types: str) -> list[Any]:
        """Live items raised in one section."""
        return [i for i in self.live(*types) if i.section == section_id]

    def find(self, item_id: str) -> Any | None:
        """The item with this id (deleted or not), or ``None``."""
        for item in self.items:
            if item.id == item_id:
                return item
        return None

    def section_by_id(self, section_id: str) -> AgendaSection | None:
        """The agenda section with this id, or ``None``."""
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def current_section(self) -> AgendaSection:
        """The section the meeting is in now."""
        return self.sections[min(self.current, len(self.sections) - 1)]

    @property
    def attendees(self) -> list[Attendee]:
        """Live attendees, in the order they were added."""
        return self.live("attendee")


# -- schema migrations ----------------------------------------------------------------------


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 kept attendees in their own top-level list; schema 2 makes them items."""
    doc = dict(doc)
    attendees = doc.pop("attendees", []) or []
    people = [{"type": "attendee", **person} for person in attendees]
    doc["items"] = people + list(doc.get("items", []))
    doc["schema_version"] = 2
    return doc


def _v2_to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 stamps each session-level field; a schema 2 document has no stamps yet
    (every field counts as changed at the beginning of time, so any later change wins)."""
    doc = dict(doc)
    doc.setdefault("stamps", {})
    doc["schema_version"] = 3
    return doc


def _v3_to_v4(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 4 adds follow-ups (``follows``, ``origin``, ``history``), all with defaults.

    The bump is what matters: an older Kickoff then says "written by a newer Kickoff"
    instead of taking the new fields for damage and setting the file aside.
    """
    return {**doc, "schema_version": 4}


#: Section ids that showed a reference table before sections declared their ``tables``.
LEGACY_TABLES = {"stakeholders": "raci", "deliverables": "deliverable", "communication": "comm"}


def _v4_to_v5(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 5 lets each section name its reference tables (``tables``); before, three
    section ids of the built-in agenda had one each, so those sections keep it."""
    sections = doc.get("sections")
    if isinstance(sections, list):
        sections = [
            {**section, "tables": [LEGACY_TABLES[section["id"]]]}
            if isinstance(section, dict) and "tables" not in section
            and isinstance(section.get("id"), str) and section["id"] in LEGACY_TABLES
            else section
            for section in sections
        ]
        return {**doc, "sections": sections, "schema_version": 5}
    return {**doc, "schema_version": 5}


#: ``version -> step`` upgrading a document from that version to the next.
MIGRATIONS = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}


def migrate(doc: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Upgrade a stored document to :data:`SCHEMA_VERSION`.

    Args:
        doc: the raw stored document.

    Returns:
        The upgraded document and whether anything changed (the caller keeps the original).
    """
    version = doc.get("schema_version", 1)
    changed = False
    while isinstance(version, int) and version < SCHEMA_VERSION and version in MIGRATIONS:
        doc = MIGRATIONS[version](doc)
        version = doc["schema_version"]
        changed = True
    return doc, changed


def load_session(doc: dict[str, Any]) -> Session:
    """Validate a stored document (after migration) into a :class:`Session`.

    Raises:
        pydantic.ValidationError: the document is not a valid session.
    """
    doc, _ = migrate(doc)
    return Session.model_validate(doc)
