"""The wrap-up's completeness check, in the language of the trade.

Before the call ends the facilitator reads back what is still loose: actions with no owner or
no due date, risks nobody owns, nobody mitigates or nobody rated (likelihood and impact),
owners who are not on the attendee list, questions nobody is to answer, agenda sections
where nothing was captured, RACI rows without exactly one Accountable, no agreed next step
and no date for the next meeting. Each :class:`Finding` names the item or section, so the
UI can jump to it.

Choices made here:

* only *open* action items and questions, and risks not yet closed, are checked: a done
  action or a closed risk needs no owner any more;
* the wrap-up section (the last on the agenda) is not reported as empty: what belongs there
  is the next step, which has a finding of its own (an action raised there counts as one,
  unless it was cancelled);
* an owner "is an attendee" when the name means exactly one attendee (``Priya`` for "Priya
  Shah" is fine: the minutes print the full name); with no attendee list nobody is checked;
* a section counts as covered when any live item that is not a private note was raised in it,
  attendees and RACI rows included (a stakeholders section may hold only those).

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Session,
)
from kickoff_tui.core.people import Roster

ACTION_NO_OWNER = "action-no-owner"
ACTION_NO_DUE = "action-no-due"
RISK_NO_OWNER = "risk-no-owner"
RISK_NO_MITIGATION = "risk-no-mitigation"
RISK_NO_RATING = "risk-no-rating"
OWNER_NOT_ATTENDEE = "owner-not-attendee"
QUESTION_NO_OWNER = "question-no-owner"
SECTION_EMPTY = "section-empty"
RACI_ACCOUNTABLE = "raci-accountable"
NO_NEXT_STEP = "no-next-step"
NO_NEXT_MEETING = "no-next-meeting"

#: Every finding kind, in the order :func:`check` reports them.
KINDS = (
    ACTION_NO_OWNER,
    ACTION_NO_DUE,
    RISK_NO_OWNER,
    RISK_NO_MITIGATION,
    RISK_NO_RATING,
    OWNER_NOT_ATTENDEE,
    QUESTION_NO_OWNER,
    SECTION_EMPTY,
    RACI_ACCOUNTABLE,
    NO_NEXT_STEP,
    NO_NEXT_MEETING,
)

#: Item texts are quoted up to this many characters in a message.
QUOTE_MAX = 40


@dataclass(frozen=True)
class Finding:
    """Something to settle before the call ends.

    ``kind`` is one of :data:`KINDS`; ``item_id`` / ``section_id`` say what it is about.
    """

    kind: str
    message: str
    item_id: str | None = None
    section_id: str | None = None


def _quote(text: str) -> str:
    """An item's text as a short one-line quotation."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_MAX:
        flat = flat[: QUOTE_MAX - 1].rstrip() + "…"
    return f'"{flat}"'


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def check(session: Session) -> list[Finding]:
    """Every loose end of a session, grouped by kind in the order of :data:`KINDS`.

    Returns:
        The findings; an empty list means the call can end cleanly.
    """
    found: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
    roster = Roster(attendee.name for attendee in session.attendees)

    def check_owner(what: str, owner: str | None, item_id: str, section: str) -> None:
        if not roster or _blank(owner):
            return
        match = roster.match(owner or "")
        if match.kind == "attendee":
            return
        why = ("could be " + " or ".join(match.candidates)) if match.candidates else (
            "is not an attendee")
        found[OWNER_NOT_ATTENDEE].append(
            Finding(OWNER_NOT_ATTENDEE, f"{what}: owner {' '.join((owner or '').split())!r} "
                    f"{why}", item_id, section)
        )

    covered: set[str] = set()
    wrapup = session.sections[-1]
    wrapup_has_action = False

    for item in session.live():
        if not (item.type == "note" and item.private):
            covered.add(item.section)
        if isinstance(item, ActionItem):
            if item.section == wrapup.id and item.status is not ActionStatus.CANCELLED:
                wrapup_has_action = True
            if item.status is not ActionStatus.OPEN:
                continue
            what = f"Action {_quote(item.text)}"
            check_owner(what, item.owner, item.id, item.section)
            if _blank(item.owner):
                found[ACTION_NO_OWNER].append(
                    Finding(ACTION_NO_OWNER, f"{what} has no owner", item.id, item.section)
                )
            if item.due is None:
                found[ACTION_NO_DUE].append(
                    Finding(ACTION_NO_DUE, f"{what} has no due date", item.id, item.section)
                )
        elif isinstance(item, RaidEntry):
            if item.status is RaidStatus.CLOSED:
                continue
            check_owner(f"{item.kind.value.capitalize()} {_quote(item.text)}", item.owner,
                        item.id, item.section)
            if item.kind is not RaidKind.RISK:
                continue
            what = f"Risk {_quote(item.text)}"
            if item.likelihood is None or item.impact is None:
                missing = " and ".join(
                    name for name, value in (("likelihood", item.likelihood),
                                             ("impact", item.impact)) if value is None
                )
                found[RISK_NO_RATING].append(
                    Finding(RISK_NO_RATING, f"{what} has no {missing}", item.id, item.section)
                )
            if _blank(item.owner):
                found[RISK_NO_OWNER].append(
                    Finding(RISK_NO_OWNER, f"{what} has no owner", item.id, item.section)
                )
            if _blank(item.mitigation):
                found[RISK_NO_MITIGATION].append(
                    Finding(RISK_NO_MITIGATION, f"{what} has no mitigation", item.id,
                            item.section)
                )
        elif isinstance(item, ParkingLotItem):
            check_owner(f"Parking-lot item {_quote(item.text)}", item.owner, item.id,
                        item.section)
        elif isinstance(item, Question):
            if item.status is QuestionStatus.ANSWERED or not _blank(item.answer):
                continue
            check_owner(f"Question {_quote(item.text)}", item.owner, item.id, item.section)
            if _blank(item.owner):
                found[QUESTION_NO_OWNER].append(
                    Finding(
                        QUESTION_NO_OWNER,
                        f"Open question {_quote(item.text)} has nobody to answer it",
                        item.id,
                        item.section,
                    )
                )
        elif isinstance(item, RaciRow):
            accountable = item.accountable
            if len(accountable) == 1:
                continue
            row = f"RACI row {_quote(item.activity)}"
            if not accountable:
                message = f"{row} has no A (nobody accountable)"
            else:
                message = f"{row} has {len(accountable)} As ({', '.join(accountable)}); keep one"
            found[RACI_ACCOUNTABLE].append(
                Finding(RACI_ACCOUNTABLE, message, item.id, item.section)
            )

    for section in session.sections[:-1]:
        if section.id not in covered:
            found[SECTION_EMPTY].append(
                Finding(
                    SECTION_EMPTY,
                    f"Section {_quote(section.title)} was left empty",
                    None,
                    section.id,
                )
            )

    if _blank(session.next_step) and not wrapup_has_action:
        found[NO_NEXT_STEP].append(
            Finding(
                NO_NEXT_STEP,
                "No next step agreed (no next step noted, no action in the wrap-up)",
                None,
                wrapup.id,
            )
        )

    if session.next_meeting is None:
        found[NO_NEXT_MEETING].append(
            Finding(
                NO_NEXT_MEETING,
                "No date for the next meeting (set it with the next step: "
                "'follow-up 2026-12-08 10:00', or type next: ... on the capture line)",
                None,
                wrapup.id,
            )
        )

    return [finding for kind in KINDS for finding in found[kind]]
