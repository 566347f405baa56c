"""Where to add a new item kind: here, one :class:`ItemKind` declaration per kind.

Each declaration below is everything Kickoff knows about one kind of item: its labels, the
capture-line prefixes that make one, the edit dialog's fields, its list columns, its part of
the minutes and its completeness rules. The capture parser, the lists, the edit dialog, the
minutes and the wrap-up check all read these declarations and nothing else.

To add a kind: write its stored model in :mod:`kickoff_tui.core.models` (a pydantic class with
a ``type`` literal, added to the ``Item`` union: that is the file format) and declare it here,
in :data:`KINDS`. Its minutes hook names the part of the minutes it joins; a part of its own
(not an existing one) also needs its place in ``core/minutes/layout.py``. A kind with a
``table`` can be shown as a reference table by a template section (``tables = ["raci"]``, see
``core/templates/kickoff.toml``), and gets its "Add …" palette command from the table's ``add``
and ``add_help``.

This module never imports Textual.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kickoff_tui.core.dates import format_day
from kickoff_tui.core.findings import (
    ACTION_NO_DUE,
    ACTION_NO_OWNER,
    QUESTION_NO_OWNER,
    RACI_ACCOUNTABLE,
    RISK_NO_MITIGATION,
    RISK_NO_OWNER,
    RISK_NO_RATING,
    blank,
    quote,
)
from kickoff_tui.core.kinds.lines import (
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
from kickoff_tui.core.kinds.spec import (
    CheckContext,
    Column,
    FormField,
    ItemKind,
    MinutesContext,
    Prefix,
    ReferenceTable,
    fmt_due,
    fmt_owner,
    one_line,
)
from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    Attendee,
    CommunicationRow,
    Decision,
    Deliverable,
    Level,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
)

#: Widths of the columns every list shares.
OWNER = 14
DUE = 10
STATUS = 12

#: The edit dialog's label of a due date.
DUE_LABEL = "Due (YYYY-MM-DD, today, fri, +3d…)"


def _choices(enum: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


LEVELS = ("", *_choices(Level))


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


_TASK_BOX = {"done": "[x]", "cancelled": "[-]"}


def status_text(item: Any) -> str:
    """An item's status as it is stored (``open``, ``answered``…)."""
    return str(item.status.value)


def task_status(item: Any) -> str:
    """An action's status with its task box: ``[ ] open``, ``[x] done``, ``[-] cancelled``."""
    status = status_text(item)
    return f"{_TASK_BOX.get(status, '[ ]')} {status}"


def status_style(item: Any) -> str:
    """Settled statuses in green, cancelled ones dim."""
    return {"done": "green", "answered": "green", "closed": "green",
            "cancelled": "dim"}.get(item.status.value, "")


def level_cell(item: Any) -> str:
    """``H/M`` for a rated RAID entry (likelihood/impact), ``""`` when not rated."""
    if not (item.likelihood or item.impact):
        return ""
    return "/".join(v.value[0].upper() if v else "?" for v in (item.likelihood, item.impact))


def _status_column(cell: Any, width: int, narrow: int) -> Column:
    return Column("status", "Status", cell, width, narrow, style=status_style)


# -- notes ------------------------------------------------------------------------------------


def _note_minutes(item: Note, m: MinutesContext) -> tuple[str, Any] | None:
    if item.private:
        return None  # private notes never leave the session file
    text = m.clean(item.text)
    return ("discussion", Entry("note", text)) if text else None


NOTE = ItemKind(
    name="note", model=Note, label="Note", plural="Notes",
    item_label=lambda item: "Private" if item.private else "Note",
    prefixes=(
        Prefix(("n", "note"), "Note", "note on the current section (also: no prefix)",
               verbatim=True),
        Prefix(("pn",), "Private note", "private note, never in the minutes", private=True,
               verbatim=True),
    ),
    fields=(FormField("text", "Note", "text"),
            FormField("private", "Private (left out of the minutes)", "check")),
    from_capture=lambda c, section, seat: Note(text=c.text, private=c.private, section=section,
                                               seat=seat),
    minutes=_note_minutes,
)

# -- decisions --------------------------------------------------------------------------------


def _decision_echo(c: Any, today: date | None) -> list[str]:
    return [p for p in (f"by {', '.join(c.people)}" if c.people else "",
                        "why" if c.rationale else "") if p]


DECISION = ItemKind(
    name="decision", model=Decision, label="Decision", plural="Decisions",
    prefixes=(Prefix(("d", "decision"), "Decision", "decision; @who decided (all of them), why:",
                     frozenset({"owner", "rationale"}), every_person=True),),
    fields=(FormField("text", "Decision", "text"), FormField("decided_by", "Decided by", "line"),
            FormField("rationale", "Why", "text")),
    columns=(Column("text", "Decision", lambda i: one_line(i.text), None),
             Column("by", "Decided by", lambda i: i.decided_by, 18, 12, name=True)),
    owner=lambda item: str(item.decided_by or ""),
    from_capture=lambda c, section, seat: Decision(
        text=c.text, decided_by=", ".join(c.people), rationale=c.rationale, section=section,
        seat=seat),
    echo=_decision_echo,
    minutes=lambda item, m: ("decisions", DecisionLine(
        number=m.count("decisions") + 1, text=m.clean(item.text),
        decided_by=m.names(item.decided_by), rationale=m.clean(item.rationale),
        section=m.section(item.section))),
)

# -- action items -----------------------------------------------------------------------------


def _action_echo(c: Any, today: date | None) -> list[str]:
    return [c.owner or "owner TBD", f"due {format_day(c.due, today)}" if c.due else "due TBD"]


def _action_check(item: ActionItem, check: CheckContext) -> None:
    if item.section == check.wrapup_id and item.status is not ActionStatus.CANCELLED:
        check.next_step_taken()
    if item.status is not ActionStatus.OPEN:
        return  # a done action needs no owner any more
    what = f"Action {quote(item.text)}"
    check.owner(what, item.owner, item)
    if blank(item.owner):
        check.report(ACTION_NO_OWNER, f"{what} has no owner", item)
    if item.due is None:
        check.report(ACTION_NO_DUE, f"{what} has no due date", item)


ACTION = ItemKind(
    name="action", model=ActionItem, label="Action", plural="Actions",
    prefixes=(Prefix(("a", "action"), "Action", "action item; @owner, due:DATE",
                     frozenset({"owner", "due"})),),
    fields=(FormField("text", "Action", "text"), FormField("owner", "Owner", "owner"),
            FormField("due", DUE_LABEL, "due"),
            FormField("status", "Status", "choice", _choices(ActionStatus))),
    columns=(_status_column(task_status, STATUS, 8),
             Column("text", "Action", lambda i: one_line(i.text), None),
             Column("owner", "Owner", lambda i: fmt_owner(i.owner), OWNER, 10, name=True),
             Column("due", "Due", lambda i: fmt_due(i.due), DUE, 6, date=True)),
    owner=lambda item: fmt_owner(item.owner),
    due=lambda item: fmt_due(item.due),
    state=task_status, state_style=status_style,
    from_capture=lambda c, section, seat: ActionItem(
        text=c.text, owner=c.owner, due=c.due, section=section, seat=seat),
    echo=_action_echo,
    minutes=lambda item, m: ("actions", ActionLine(
        id=item.id, text=m.marked(item, m.clean(item.text)), owner=m.name(item.owner),
        due=_iso(item.due), status=item.status.value, section=m.section(item.section))),
    check=_action_check,
)

# -- the RAID log -----------------------------------------------------------------------------

#: Inline fields of a rated RAID entry (PRODUCT.md: "for risks"; a dependency is a risk on
#: somebody else's delivery, so it is rated too).
_RATED = frozenset({"owner", "level", "likelihood", "impact", "mitigation"})
_UNRATED = frozenset({"owner", "mitigation"})


def _raid_echo(c: Any, today: date | None) -> list[str]:
    parts = []
    if c.owner:
        parts.append(c.owner)
    elif c.raid_kind in (None, RaidKind.RISK):
        parts.append("owner TBD")  # flagged at wrap-up: say so as it is typed
    if c.likelihood and c.likelihood == c.impact:
        parts.append(c.likelihood.value)
    else:
        if c.likelihood:
            parts.append(f"L {c.likelihood.value}")
        if c.impact:
            parts.append(f"I {c.impact.value}")
    if c.mitigation:
        parts.append("mitigation")
    return parts


def _raid_check(item: RaidEntry, check: CheckContext) -> None:
    if item.status is RaidStatus.CLOSED:
        return
    check.owner(f"{item.kind.value.capitalize()} {quote(item.text)}", item.owner, item)
    if item.kind is not RaidKind.RISK:
        return
    what = f"Risk {quote(item.text)}"
    if item.likelihood is None or item.impact is None:
        missing = " and ".join(name for name, value in (("likelihood", item.likelihood),
                                                        ("impact", item.impact)) if value is None)
        check.report(RISK_NO_RATING, f"{what} has no {missing}", item)
    if blank(item.owner):
        check.report(RISK_NO_OWNER, f"{what} has no owner", item)
    if blank(item.mitigation):
        check.report(RISK_NO_MITIGATION, f"{what} has no mitigation", item)


RAID = ItemKind(
    name="raid", model=RaidEntry, label="RAID entry", plural="RAID",
    item_label=lambda item: str(item.kind.value).capitalize(),
    prefixes=(
        Prefix(("r", "risk"), "Risk", "risk; @owner, L: I: !high, mit:", _RATED, RaidKind.RISK),
        Prefix(("dep", "dependency"), "Dependency", "dependency; @owner, L: I:, mit:", _RATED,
               RaidKind.DEPENDENCY),
        Prefix(("as", "assumption"), "Assumption", "assumption; @owner, mit:", _UNRATED,
               RaidKind.ASSUMPTION),
        Prefix(("issue",), "Issue", "issue; @owner, mit:", _UNRATED, RaidKind.ISSUE),
        Prefix(("c", "constraint"), "Constraint", "constraint; @owner, mit:", _UNRATED,
               RaidKind.CONSTRAINT),
    ),
    fields=(FormField("kind", "Kind", "choice", _choices(RaidKind)),
            FormField("text", "Entry", "text"), FormField("owner", "Owner", "owner"),
            FormField("likelihood", "Likelihood", "choice", LEVELS),
            FormField("impact", "Impact", "choice", LEVELS),
            FormField("mitigation", "Mitigation", "text"),
            FormField("status", "Status", "choice", _choices(RaidStatus))),
    columns=(Column("kind", "Kind", lambda i: str(i.kind.value).capitalize(), 11, 6),
             Column("text", "Entry", lambda i: one_line(i.text), None),
             Column("owner", "Owner", lambda i: fmt_owner(i.owner), OWNER, 10, name=True),
             Column("level", "L/I", level_cell, 4),
             Column("status", "Status", status_text, 9, 6)),
    owner=lambda item: fmt_owner(item.owner),
    state=lambda item: f"{level_cell(item)} {item.status.value}".strip(),
    from_capture=lambda c, section, seat: RaidEntry(
        kind=c.raid_kind or RaidKind.RISK, text=c.text, owner=c.owner, likelihood=c.likelihood,
        impact=c.impact, mitigation=c.mitigation, section=section, seat=seat),
    echo=_raid_echo,
    minutes=lambda item, m: ("raid", RaidLine(
        id=item.id, kind=item.kind.value, text=m.marked(item, m.clean(item.text)),
        owner=m.name(item.owner), likelihood=item.likelihood.value if item.likelihood else "",
        impact=item.impact.value if item.impact else "", mitigation=m.clean(item.mitigation),
        status=item.status.value, section=m.section(item.section))),
    check=_raid_check,
)

# -- questions --------------------------------------------------------------------------------


def _question_minutes(item: Question, m: MinutesContext) -> tuple[str, Any]:
    answer = m.clean(item.answer)
    line = QuestionLine(text=m.marked(item, m.clean(item.text)), asked_by=m.name(item.asked_by),
                        owner=m.name(item.owner), answer=answer, status=item.status.value)
    # Answered when its status says so or an answer was written down; else still open.
    answered = item.status is QuestionStatus.ANSWERED or answer
    return ("questions_answered" if answered else "questions_open", line)


def _question_check(item: Question, check: CheckContext) -> None:
    if item.status is QuestionStatus.ANSWERED or not blank(item.answer):
        return
    check.owner(f"Question {quote(item.text)}", item.owner, item)
    if blank(item.owner):
        check.report(QUESTION_NO_OWNER,
                     f"Open question {quote(item.text)} has nobody to answer it", item)


QUESTION = ItemKind(
    name="question", model=Question, label="Question", plural="Questions",
    prefixes=(Prefix(("q", "question"), "Question", "question; @who answers, ans:",
                     frozenset({"owner", "answer"})),),
    fields=(FormField("text", "Question", "text"), FormField("asked_by", "Asked by", "line"),
            FormField("owner", "Who answers", "owner"), FormField("answer", "Answer", "text"),
            FormField("status", "Status", "choice", _choices(QuestionStatus))),
    columns=(_status_column(status_text, 9, 6),
             Column("text", "Question", lambda i: one_line(i.text), None),
             Column("owner", "Answers", lambda i: fmt_owner(i.owner), OWNER, 10, name=True),
             Column("answer", "Answer", lambda i: one_line(i.answer, 60), 20, 0)),
    owner=lambda item: fmt_owner(item.owner),
    state=status_text, state_style=status_style,
    from_capture=lambda c, section, seat: Question(
        text=c.text, owner=c.owner, answer=c.answer,
        status=QuestionStatus.ANSWERED if c.answer else QuestionStatus.OPEN,
        section=section, seat=seat),
    echo=lambda c, today: [p for p in (f"for {c.owner}" if c.owner else "",
                                       "answered" if c.answer else "") if p],
    minutes=_question_minutes,
    check=_question_check,
)

# -- the parking lot --------------------------------------------------------------------------

PARKING = ItemKind(
    name="parking", model=ParkingLotItem, label="Parked", plural="Parked",
    prefixes=(Prefix(("p", "park"), "Parking lot", "parking-lot item; @owner",
                     frozenset({"owner"})),),
    fields=(FormField("text", "Parked item", "text"), FormField("owner", "Owner", "owner")),
    columns=(Column("text", "Parked item", lambda i: one_line(i.text), None),
             Column("owner", "Owner", lambda i: i.owner or "", OWNER, 10, name=True)),
    owner=lambda item: str(item.owner or ""),
    from_capture=lambda c, section, seat: ParkingLotItem(
        text=c.text, owner=c.owner, section=section, seat=seat),
    echo=lambda c, today: [c.owner] if c.owner else [],
    minutes=lambda item, m: ("parking", ParkingLine(m.marked(item, m.clean(item.text)),
                                                    m.name(item.owner))),
    check=lambda item, check: check.owner(f"Parking-lot item {quote(item.text)}", item.owner,
                                          item),
)

# -- reference tables: attendees, RACI, deliverables, communication plan ----------------------

ATTENDEE = ItemKind(
    name="attendee", model=Attendee, label="Attendee", plural="Attendees", main="name",
    noun="attendee",
    fields=(FormField("name", "Name", "line"), FormField("role", "Role", "line"),
            FormField("organisation", "Organisation", "line"),
            FormField("present", "Present", "check")),
    columns=(Column("name", "Name", lambda i: i.name, None),
             Column("role", "Role", lambda i: i.role, 20, 12),
             Column("org", "Organisation", lambda i: i.organisation, 16, 0),
             Column("present", "Here", lambda i: "present" if i.present else "absent", 8, 7)),
    table=ReferenceTable("Attendees", "Add attendee", "Add somebody to the attendee list."),
    state=lambda item: "present" if item.present else "absent",
    minutes=lambda item, m: ("attendees", AttendeeLine(
        m.line(item.name), m.line(item.role), m.line(item.organisation), item.present,
        m.line(item.email))),
)


def _raci_person(person: str) -> Column:
    """The RACI grid's column of one person: their letter, bold when accountable."""
    def letter(row: Any) -> str:
        return str(row.assignments.get(person, ""))

    return Column(f"p:{person}", person, letter, 10, 9, name=True,
                  style=lambda row: "bold" if "A" in letter(row) else "")


def _raci_check(item: RaciRow, check: CheckContext) -> None:
    accountable = item.accountable
    if len(accountable) == 1:
        return
    row = f"RACI row {quote(item.activity)}"
    if not accountable:
        message = f"{row} has no A (nobody accountable)"
    else:
        message = f"{row} has {len(accountable)} As ({', '.join(accountable)}); keep one"
    check.report(RACI_ACCOUNTABLE, message, item)


RACI = ItemKind(
    name="raci", model=RaciRow, label="RACI", plural="RACI", main="activity", noun="RACI row",
    fields=(FormField("activity", "Deliverable or activity", "line"),
            FormField("assignments", "", "raci")),
    columns=(Column("activity", "Activity / deliverable", lambda i: one_line(i.activity, 60)),),
    person_column=_raci_person,
    table=ReferenceTable("RACI (R responsible · A accountable · C consulted · I informed)",
                         "Add RACI row",
                         "Add a deliverable or activity to the RACI matrix."),
    minutes=lambda item, m: ("raci", item),  # the matrix needs every row: built by the minutes
    check=_raci_check,
)

DELIVERABLE = ItemKind(
    name="deliverable", model=Deliverable, label="Deliverable", plural="Deliverables",
    main="name",
    fields=(FormField("name", "Deliverable / milestone", "line"),
            FormField("due", DUE_LABEL, "due"), FormField("milestone", "Milestone", "check"),
            FormField("acceptance", "Acceptance criteria", "text")),
    columns=(Column("name", "Deliverable / milestone", lambda i: one_line(i.name), None),
             Column("due", "Due", lambda i: fmt_due(i.due), DUE, 6, date=True),
             Column("kind", "Kind", lambda i: "milestone" if i.milestone else "deliverable",
                    11, 0),
             Column("accept", "Acceptance", lambda i: one_line(i.acceptance, 60), 20, 0)),
    table=ReferenceTable(
        "Deliverables & milestones", "Add deliverable / milestone",
        "Add a deliverable or milestone with due date and acceptance criteria."),
    due=lambda item: fmt_due(item.due),
    state=lambda item: "milestone" if item.milestone else "",
    minutes=lambda item, m: ("deliverables", DeliverableLine(
        name=m.line(item.name), kind="Milestone" if item.milestone else "Deliverable",
        due=_iso(item.due), acceptance=m.clean(item.acceptance))),
)

COMM = ItemKind(
    name="comm", model=CommunicationRow, label="Comms", plural="Communication plan",
    main="what", noun="communication-plan row",
    fields=(FormField("what", "What", "line"), FormField("audience", "Audience", "line"),
            FormField("channel", "Channel", "line"), FormField("frequency", "Frequency", "line"),
            FormField("owner", "Owner", "owner")),
    columns=(Column("what", "What", lambda i: one_line(i.what), None),
             Column("audience", "Audience", lambda i: i.audience, 12, 9),
             Column("channel", "Channel", lambda i: i.channel, 12, 9),
             Column("freq", "Frequency", lambda i: i.frequency, 10, 0),
             Column("owner", "Owner", lambda i: i.owner or "", OWNER, 10, name=True)),
    table=ReferenceTable("Communication plan", "Add communication-plan row",
                         "What, audience, channel, frequency, owner."),
    owner=lambda item: str(item.owner or ""),
    minutes=lambda item, m: ("comms", CommLine(
        what=m.line(item.what), audience=m.line(item.audience), channel=m.line(item.channel),
        frequency=m.line(item.frequency), owner=m.name(item.owner))),
)

#: Every kind. The order is the capture help's (notes, the default, come after the prefixed
#: kinds) and the People & plans view's (attendees, RACI, deliverables, communication plan).
KINDS: tuple[ItemKind, ...] = (
    ACTION, DECISION, RAID, QUESTION, PARKING, NOTE, ATTENDEE, RACI, DELIVERABLE, COMM,
)
