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

from typing import Any

from kickoff_tui.core.findings import (
    ACTION_NO_DUE,
    ACTION_NO_OWNER,
    KINDS,
    NO_NEXT_MEETING,
    NO_NEXT_STEP,
    OWNER_NOT_ATTENDEE,
    QUESTION_NO_OWNER,
    QUOTE_MAX,
    RACI_ACCOUNTABLE,
    RISK_NO_MITIGATION,
    RISK_NO_OWNER,
    RISK_NO_RATING,
    SECTION_EMPTY,
    Finding,
    blank,
    quote,
)
from kickoff_tui.core.kinds import kind_of
from kickoff_tui.core.models import Session
from kickoff_tui.core.people import Roster

__all__ = [
    "ACTION_NO_DUE",
    "ACTION_NO_OWNER",
    "KINDS",
    "NO_NEXT_MEETING",
    "NO_NEXT_STEP",
    "OWNER_NOT_ATTENDEE",
    "QUESTION_NO_OWNER",
    "QUOTE_MAX",
    "RACI_ACCOUNTABLE",
    "RISK_NO_MITIGATION",
    "RISK_NO_OWNER",
    "RISK_NO_RATING",
    "SECTION_EMPTY",
    "Finding",
    "check",
]


class _Check:
    """One run of the check, as each kind's rules see it (the registry's
    :class:`~kickoff_tui.core.kinds.spec.CheckContext`)."""

    def __init__(self, session: Session) -> None:
        self.found: dict[str, list[Finding]] = {kind: [] for kind in KINDS}
        self.roster = Roster(attendee.name for attendee in session.attendees)
        self.wrapup_id = session.sections[-1].id
        self.wrapup_has_action = False

    def report(self, kind: str, message: str, item: Any) -> None:
        self.found[kind].append(Finding(kind, message, item.id, item.section))

    def owner(self, what: str, owner: str | None, item: Any) -> None:
        if not self.roster or blank(owner):
            return
        match = self.roster.match(owner or "")
        if match.kind == "attendee":
            return
        why = ("could be " + " or ".join(match.candidates)) if match.candidates else (
            "is not an attendee")
        self.report(OWNER_NOT_ATTENDEE,
                    f"{what}: owner {' '.join((owner or '').split())!r} {why}", item)

    def next_step_taken(self) -> None:
        self.wrapup_has_action = True


def check(session: Session) -> list[Finding]:
    """Every loose end of a session, grouped by kind in the order of :data:`KINDS`.

    Each item is checked by its kind's rules (see :mod:`kickoff_tui.core.kinds.registry`);
    the sections, the next step and the next meeting are checked here.

    Returns:
        The findings; an empty list means the call can end cleanly.
    """
    run = _Check(session)
    found = run.found
    covered: set[str] = set()
    wrapup = session.sections[-1]
    for item in session.live():
        if not getattr(item, "private", False):
            covered.add(item.section)
        rules = kind_of(item).check
        if rules is not None:
            rules(item, run)

    for section in session.sections[:-1]:
        if section.id not in covered:
            found[SECTION_EMPTY].append(
                Finding(
                    SECTION_EMPTY,
                    f"Section {quote(section.title)} was left empty",
                    None,
                    section.id,
                )
            )

    if blank(session.next_step) and not run.wrapup_has_action:
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
