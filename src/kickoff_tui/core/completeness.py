"""The wrap-up's completeness check, in the language of the trade.

Before the call ends the facilitator reads back what is still loose: actions with no owner or
no due date, risks nobody owns or nobody mitigates, questions nobody is to answer, agenda
sections where nothing was captured, RACI rows without exactly one Accountable, and no agreed
next step. Each :class:`Finding` names the item or section, so the UI can jump to it.

Choices made here:

* only *open* action items and questions, and risks not yet closed, are checked: a done
  action or a closed risk needs no owner any more;
* the wrap-up section (the last on the agenda) is not reported as empty: what belongs there
  is the next step, which has a finding of its own (an action raised there counts as one,
  unless it was cancelled);
* a section counts as covered when any live item that is not a private note was raised in it,
  attendees and RACI rows included (a stakeholders section may hold only those).

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Session,
)

ACTION_NO_OWNER = "action-no-owner"
ACTION_NO_DUE = "action-no-due"
RISK_NO_OWNER = "risk-no-owner"
RISK_NO_MITIGATION = "risk-no-mitigation"
QUESTION_NO_OWNER = "question-no-owner"
SECTION_EMPTY = "section-empty"
RACI_ACCOUNTABLE = "raci-accountable"
NO_NEXT_STEP = "no-next-step"

#: Every finding kind, in the order :func:`check` reports them.
KINDS = (
    ACTION_NO_OWNER,
    ACTION_NO_DUE,
    RISK_NO_OWNER,
    RISK_NO_MITIGATION,
    QUESTION_NO_OWNER,
    SECTION_EMPTY,
    RACI_ACCOUNTABLE,
    NO_NEXT_STEP,
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
            if _blank(item.owner):
                found[ACTION_NO_OWNER].append(
                    Finding(ACTION_NO_OWNER, f"{what} has no owner", item.id, item.section)
                )
            if item.due is None:
                found[ACTION_NO_DUE].append(
                    Finding(ACTION_NO_DUE, f"{what} has no due date", item.id, item.section)
                )
        elif isinstance(item, RaidEntry):
            if item.kind is not RaidKind.RISK or item.status is RaidStatus.CLOSED:
                continue
            what = f"Risk {_quote(item.text)}"
            if _blank(item.owner):
                found[RISK_NO_OWNER].append(
                    Finding(RISK_NO_OWNER, f"{what} has no owner", item.id, item.section)
                )
            if _blank(item.mitigation):
                found[RISK_NO_MITIGATION].append(
                    Finding(RISK_NO_MITIGATION, f"{what} has no mitigation", item.id,
                            item.section)
                )
        elif isinstance(item, Question):
            if item.status is QuestionStatus.ANSWERED or not _blank(item.answer):
                continue
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

    return [finding for kind in KINDS for finding in found[kind]]
