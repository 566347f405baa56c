"""The wrap-up's completeness check: one test per finding kind, and a clean session has none."""

from __future__ import annotations

from datetime import date

import pytest

from kickoff_tui.core import completeness
from kickoff_tui.core.completeness import Finding, check
from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    AgendaSection,
    Attendee,
    Decision,
    Item,
    Level,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Session,
)

from .fixtures import rich_session

SECTIONS = [
    AgendaSection(id="scope", title="Objectives & scope", box_minutes=10),
    AgendaSection(id="people", title="Stakeholders", box_minutes=8),
    AgendaSection(id="wrap", title="Wrap-up & next steps", box_minutes=5),
]


def clean_items() -> list[Item]:
    """Items that settle everything the check looks for."""
    return [
        Note(text="Success is onboarding in 2 days", section="scope"),
        Attendee(name="Dana", section="people"),
        Attendee(name="Sam Lee", section="people"),
        Attendee(name="Lee Park", section="people"),
        RaciRow(activity="SOW", assignments={"Dana": "A", "Sam": "R"}, section="people"),
        ActionItem(text="Send SOW", owner="Dana", due=date(2026, 12, 4), section="wrap"),
        RaidEntry(text="Vendor may slip", owner="Sam", mitigation="Weekly sync", section="scope",
                  likelihood=Level.HIGH, impact=Level.LOW),
        Question(text="Who migrates data?", owner="Lee Park", section="scope"),
    ]


def session_with(*extra: Item, items: list[Item] | None = None, next_step: str = "",
                 next_meeting: date | None = date(2026, 12, 8)) -> Session:
    return Session(
        title="Check",
        sections=SECTIONS,
        items=[*(clean_items() if items is None else items), *extra],
        next_step=next_step,
        next_meeting=next_meeting,
    )


def kinds(findings: list[Finding]) -> list[str]:
    return [f.kind for f in findings]


def test_a_clean_session_has_no_findings() -> None:
    assert check(session_with()) == []


def test_action_without_owner() -> None:
    action = ActionItem(text="Send SOW", due=date(2026, 12, 4), section="scope")
    assert check(session_with(action)) == [
        Finding(completeness.ACTION_NO_OWNER, 'Action "Send SOW" has no owner', action.id,
                "scope")
    ]


def test_action_without_due_date() -> None:
    action = ActionItem(text="Book room", owner="Dana", section="scope")
    assert check(session_with(action)) == [
        Finding(completeness.ACTION_NO_DUE, 'Action "Book room" has no due date', action.id,
                "scope")
    ]


def test_an_action_missing_both_gets_both_findings() -> None:
    action = ActionItem(text="Order mugs", owner="  ", section="scope")
    assert kinds(check(session_with(action))) == [
        completeness.ACTION_NO_OWNER, completeness.ACTION_NO_DUE
    ]


@pytest.mark.parametrize("status", [ActionStatus.DONE, ActionStatus.CANCELLED])
def test_closed_actions_need_no_owner(status: ActionStatus) -> None:
    assert check(session_with(ActionItem(text="Old", status=status, section="scope"))) == []


def test_risk_without_owner() -> None:
    risk = RaidEntry(text="Budget cut", mitigation="Phase the work", section="scope",
                     likelihood=Level.LOW, impact=Level.HIGH)
    assert check(session_with(risk)) == [
        Finding(completeness.RISK_NO_OWNER, 'Risk "Budget cut" has no owner', risk.id, "scope")
    ]


def test_risk_without_mitigation() -> None:
    risk = RaidEntry(text="Budget cut", owner="Dana", section="scope", likelihood=Level.LOW,
                     impact=Level.HIGH)
    assert check(session_with(risk)) == [
        Finding(completeness.RISK_NO_MITIGATION, 'Risk "Budget cut" has no mitigation',
                risk.id, "scope")
    ]


def test_only_open_risks_are_checked() -> None:
    closed = RaidEntry(text="Old risk", status=RaidStatus.CLOSED, section="scope")
    assumption = RaidEntry(kind=RaidKind.ASSUMPTION, text="Staging exists", section="scope")
    assert check(session_with(closed, assumption)) == []


def test_open_question_nobody_owns() -> None:
    question = Question(text="Who signs off?", section="scope")
    assert check(session_with(question)) == [
        Finding(completeness.QUESTION_NO_OWNER,
                'Open question "Who signs off?" has nobody to answer it', question.id, "scope")
    ]


def test_answered_questions_need_no_owner() -> None:
    answered = Question(text="Fixed date?", status=QuestionStatus.ANSWERED, section="scope")
    with_answer = Question(text="Budget?", answer="€250k", section="scope")
    assert check(session_with(answered, with_answer)) == []


def test_deferred_question_still_needs_someone() -> None:
    deferred = Question(text="Training?", status=QuestionStatus.DEFERRED, section="scope")
    assert kinds(check(session_with(deferred))) == [completeness.QUESTION_NO_OWNER]


def test_section_left_empty() -> None:
    items = [i for i in clean_items() if i.section != "people"]
    assert check(session_with(items=items)) == [
        Finding(completeness.SECTION_EMPTY, 'Section "Stakeholders" was left empty', None,
                "people")
    ]


def test_private_notes_and_deleted_items_do_not_fill_a_section() -> None:
    items = [i for i in clean_items() if i.section != "people"]
    items += [
        Note(text="mine", private=True, section="people"),
        Decision(text="gone", deleted=True, section="people"),
    ]
    assert kinds(check(session_with(items=items))) == [completeness.SECTION_EMPTY]


def test_the_wrapup_section_is_not_reported_empty() -> None:
    items = [i for i in clean_items() if i.section != "wrap"]
    findings = check(session_with(items=items, next_step="Workshop Thursday"))
    assert findings == []


@pytest.mark.parametrize(
    ("assignments", "message"),
    [
        ({"Dana": "R", "Sam": "C"}, 'RACI row "Design" has no A (nobody accountable)'),
        ({"Dana": "A", "Sam": "A"}, 'RACI row "Design" has 2 As (Dana, Sam); keep one'),
    ],
)
def test_raci_row_without_exactly_one_a(assignments: dict, message: str) -> None:
    row = RaciRow(activity="Design", assignments=assignments, section="people")
    assert check(session_with(row)) == [
        Finding(completeness.RACI_ACCOUNTABLE, message, row.id, "people")
    ]


def test_no_next_step_agreed() -> None:
    items = [i for i in clean_items() if i.section != "wrap"]
    assert check(session_with(items=items)) == [
        Finding(completeness.NO_NEXT_STEP,
                "No next step agreed (no next step noted, no action in the wrap-up)", None,
                "wrap")
    ]


def test_a_cancelled_wrapup_action_is_no_next_step() -> None:
    items = [i for i in clean_items() if i.section != "wrap"]
    cancelled = ActionItem(text="Meet", status=ActionStatus.CANCELLED, section="wrap")
    assert kinds(check(session_with(cancelled, items=items))) == [completeness.NO_NEXT_STEP]


def test_long_texts_are_quoted_short() -> None:
    action = ActionItem(text="Write " + "a very long action " * 10, due=date(2027, 1, 1),
                        section="scope")
    (finding,) = check(session_with(action))
    quoted = finding.message.split('"')[1]
    assert len(quoted) <= completeness.QUOTE_MAX and quoted.endswith("…")


def test_rich_session_findings_in_kind_order() -> None:
    findings = check(rich_session())
    order = [completeness.KINDS.index(f.kind) for f in findings]
    assert order == sorted(order)
    assert {f.kind for f in findings} == {
        completeness.ACTION_NO_OWNER,
        completeness.ACTION_NO_DUE,
        completeness.RISK_NO_OWNER,
        completeness.RISK_NO_MITIGATION,
        completeness.QUESTION_NO_OWNER,
        completeness.SECTION_EMPTY,
        completeness.RACI_ACCOUNTABLE,
        completeness.NO_NEXT_MEETING,
    }
    assert 'Section "Working together" was left empty' in [f.message for f in findings]


def test_a_risk_without_likelihood_or_impact() -> None:
    risk = RaidEntry(text="Slip", owner="Dana", mitigation="Buffer", likelihood=Level.HIGH,
                     section="scope")
    assert check(session_with(risk)) == [
        Finding(completeness.RISK_NO_RATING, 'Risk "Slip" has no impact', risk.id, "scope")
    ]
    unrated = RaidEntry(text="Slip", owner="Dana", mitigation="Buffer", section="scope")
    (finding,) = check(session_with(unrated))
    assert finding.message == 'Risk "Slip" has no likelihood and impact'
    # Other kinds are not rated.
    assert check(session_with(RaidEntry(kind=RaidKind.ASSUMPTION, text="x", section="scope"))) == []


def test_no_date_for_the_next_meeting() -> None:
    findings = check(session_with(next_meeting=None))
    assert kinds(findings) == [completeness.NO_NEXT_MEETING]
    assert "2026-12-08 10:00" in findings[0].message and findings[0].section_id == "wrap"


def test_owners_who_are_not_attendees() -> None:
    stranger = ActionItem(text="Book room", owner="Zoe", due=date(2026, 12, 4), section="scope")
    ambiguous = ParkingLotItem(text="Rebrand", owner="Lee", section="scope")
    resolved = ActionItem(text="Call", owner="dana", due=date(2026, 12, 4), section="scope")
    findings = check(session_with(stranger, ambiguous, resolved))
    assert [(f.kind, f.item_id) for f in findings] == [
        (completeness.OWNER_NOT_ATTENDEE, stranger.id),
        (completeness.OWNER_NOT_ATTENDEE, ambiguous.id),
    ]
    assert findings[0].message == "Action \"Book room\": owner 'Zoe' is not an attendee"
    assert "could be Sam Lee or Lee Park" in findings[1].message
    # Without an attendee list nobody is a stranger.
    no_people = [i for i in clean_items() if i.type != "attendee"]
    assert completeness.OWNER_NOT_ATTENDEE not in kinds(check(session_with(stranger,
                                                                            items=no_people)))
