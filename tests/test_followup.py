"""Follow-up meetings: what is carried, the review section's time box, one item across
meetings, and the minutes of an earlier meeting as they stood at its end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.followup import (
    REVIEW_SECTION_ID,
    REVIEW_TITLE,
    carried_items,
    followup_agenda,
    new_followup,
    review_minutes,
)
from kickoff_tui.core.history import adopt_fields, as_of_end, is_open, with_change
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import ActionStatus, QuestionStatus, RaidStatus, Session

TODAY = date(2026, 11, 26)


def kickoff() -> Meeting:
    """An ended kick-off with one of every carried kind, and things that are not carried."""
    meeting = Meeting(new_session("Apollo kick-off", project="Apollo",
                                  attendees=["Dana Scully, PM, Acme", "Sam Lee, Dev"]),
                      today=lambda: TODAY, seat="dana@laptop")
    meeting.start()
    for line in (
        "a: Send SOW draft @dana due:2026-12-04",
        "a: Book the design workshop @sam",
        "r: Vendor API may slip @sam !high",
        "issue: No test environment yet",
        "as: The client provides test data",
        "q: Who owns data migration? @dana",
        "p: Rebrand discussion",
        "d: We ship on the existing platform",
        "n: just a note",
    ):
        meeting.capture(line)
    done = meeting.capture("a: Already done in the meeting")
    assert done is not None
    meeting.update(done.item.id, status=ActionStatus.DONE)
    answered = meeting.capture("q: Which cloud?")
    assert answered is not None
    meeting.update(answered.item.id, status=QuestionStatus.ANSWERED, answer="AWS")
    meeting.end()
    return meeting


def texts(items: list) -> list[str]:
    return [i.text for i in items]


def test_a_followup_carries_open_items_by_identity_and_opens_with_their_review() -> None:
    source = kickoff().session
    follow = new_followup(source, "Sprint 0 planning")
    assert follow.follows == source.id and follow.id != source.id
    assert follow.sections[0].id == REVIEW_SECTION_ID
    assert follow.sections[0].title == REVIEW_TITLE
    carried = follow.in_section(REVIEW_SECTION_ID)
    assert texts(carried) == [
        "Send SOW draft", "Book the design workshop",  # actions first
        "Vendor API may slip", "No test environment yet",  # open risks and issues
        "Who owns data migration?", "Rebrand discussion",
    ]
    originals = {i.id: i for i in source.items}
    for item in carried:
        # The same item, not a copy of its text: same id, its home named.
        assert item.id in originals and item.origin == source.id
        assert item.owner == originals[item.id].owner
    assert [a.name for a in follow.attendees] == ["Dana Scully", "Sam Lee"]
    assert {a.id for a in follow.attendees}.isdisjoint(originals)  # attendees are per meeting
    assert follow.project == "Apollo" and follow.status.value == "planned"


def test_the_review_box_is_taken_proportionally_and_the_total_is_unchanged() -> None:
    source = kickoff().session
    follow = new_followup(source, "Sprint 0 planning")
    total = sum(s.box_minutes for s in source.sections)
    assert sum(s.box_minutes for s in follow.sections) == total == follow.planned_minutes
    assert follow.sections[0].box_minutes == review_minutes(6, total) == 12
    rest = follow.sections[1:]
    assert [s.id for s in rest] == [s.id for s in source.sections]
    for before, after in zip(source.sections, rest, strict=True):
        assert after.box_minutes <= before.box_minutes  # every box gave a share, none grew
    assert follow.clock.box_s[REVIEW_SECTION_ID] == 12 * 60


@pytest.mark.parametrize(("carried", "total", "box"), [
    (0, 60, 5), (3, 60, 6), (30, 60, 15), (2, 10, 2), (1, 1, 1),
])
def test_review_minutes(carried: int, total: float, box: int) -> None:
    assert review_minutes(carried, total) == box


def test_a_duration_sets_the_total_and_a_second_review_is_never_added() -> None:
    source = kickoff().session
    first = new_followup(source, "F1", duration=30)
    assert sum(s.box_minutes for s in first.sections) == 30
    agenda = followup_agenda(first.sections, 1)
    assert [s.id for s in agenda].count(REVIEW_SECTION_ID) == 1
    assert sum(s.box_minutes for s in agenda) == 30


def test_extra_attendees_are_added_once() -> None:
    follow = new_followup(kickoff().session, "F1", attendees=["sam lee", "Lee Park, QA"])
    assert [a.name for a in follow.attendees] == ["Dana Scully", "Sam Lee", "Lee Park"]


@pytest.mark.parametrize("title", ["", "   ", "x" * 3000])
def test_a_bad_title_is_refused(title: str) -> None:
    with pytest.raises(ValueError):
        new_followup(kickoff().session, title)


def test_a_chain_carries_what_is_still_open_from_the_whole_chain() -> None:
    first = kickoff()
    follow1 = Meeting(new_followup(first.session, "Sprint 0 planning"), seat="sam@desk")
    follow1.start()
    by_text = {i.text: i for i in follow1.session.items if hasattr(i, "text")}
    follow1.update(by_text["Send SOW draft"].id, status=ActionStatus.DONE)
    follow1.update(by_text["Vendor API may slip"].id, status=RaidStatus.MITIGATED)
    follow1.delete(by_text["Rebrand discussion"].id)  # taken off the review: not carried on
    follow1.capture("a: Set up CI @sam")
    follow1.end()
    follow2 = new_followup(follow1.session, "Sprint 1 review")
    carried = follow2.in_section(REVIEW_SECTION_ID)
    assert texts(carried) == ["Book the design workshop", "Set up CI",
                              "No test environment yet", "Who owns data migration?"]
    homes = {i.text: i.origin for i in carried}
    assert homes["Book the design workshop"] == first.session.id  # home is still the kick-off
    assert homes["Set up CI"] == follow1.session.id
    # The original kick-off item was not deleted by dropping it from a review.
    assert not first.session.find(by_text["Rebrand discussion"].id).deleted


def test_a_home_changed_since_wins_over_a_stale_replica() -> None:
    first = kickoff()
    follow1 = new_followup(first.session, "F1")
    sow = next(i for i in follow1.items if getattr(i, "text", "") == "Send SOW draft")
    first.reopen()
    first.update(sow.id, status=ActionStatus.DONE)  # done at home after F1 was made
    follow2 = new_followup(follow1, "F2", homes={first.session.id: first.session})
    assert "Send SOW draft" not in texts(follow2.in_section(REVIEW_SECTION_ID))
    assert "Send SOW draft" in texts(carried_items(follow1))  # without the home: stale


def test_adopt_fields_keeps_the_replicas_own_section_and_home() -> None:
    first = kickoff().session
    follow = new_followup(first, "F1")
    replica = follow.in_section(REVIEW_SECTION_ID)[0]
    original = first.find(replica.id)
    changed = with_change(original, {"owner": "Sam Lee"}, seat="x@y",
                          at=replica.updated + timedelta(seconds=1))
    taken = adopt_fields(replica, changed)
    assert taken.owner == "Sam Lee" and taken.section == REVIEW_SECTION_ID
    assert taken.origin == first.id and len(taken.history) == 1
    assert adopt_fields(taken, original) is taken  # an older version changes nothing


def test_every_change_of_a_tracked_item_is_dated_with_seat_and_meeting() -> None:
    meeting = kickoff()
    follow = Meeting(new_followup(meeting.session, "Sprint 0 planning"), seat="sam@desk")
    item = follow.session.in_section(REVIEW_SECTION_ID)[0]
    new = follow.update(item.id, status=ActionStatus.DONE, owner="Sam Lee")
    change = new.history[-1]
    assert change.seat == "sam@desk" and change.session_id == follow.session.id
    assert change.session_title == "Sprint 0 planning"
    assert change.before == {"owner": item.owner, "status": "open"}
    assert change.after == {"owner": "Sam Lee", "status": "done"}
    # A note is not tracked: no history field, still editable.
    note = next(i for i in follow.session.items if i.type == "attendee")
    follow.update(note.id, role="Lead")
    assert not hasattr(follow.session.find(note.id), "history")


def test_as_of_end_rolls_back_later_changes_and_says_what_became_of_them() -> None:
    meeting = kickoff()
    session = meeting.session
    assert session.ended_at is not None
    sow = next(i for i in session.live("action") if i.text == "Send SOW draft")
    workshop = next(i for i in session.live("action") if i.text == "Book the design workshop")
    later = session.ended_at + timedelta(days=7)
    changed = with_change(sow, {"status": ActionStatus.DONE}, seat="sam@desk",
                          session_id="f1", session_title="Sprint 0 planning", at=later)
    moved = with_change(workshop, {"owner": "Dana Scully", "due": date(2026, 12, 10)},
                        seat="dana@laptop", at=later + timedelta(hours=1))
    session = session.model_copy(update={"items": [
        changed if i.id == sow.id else moved if i.id == workshop.id else i
        for i in session.items]})

    at_end, since = as_of_end(session)
    assert at_end.find(sow.id).status is ActionStatus.OPEN
    assert at_end.find(sow.id).history == []
    assert at_end.find(workshop.id).owner == workshop.owner and at_end.find(workshop.id).due is None
    day = later.astimezone(UTC).date().isoformat()
    assert since[sow.id].describe("*") == f"done {day} in *Sprint 0 planning*"
    later_day = (later + timedelta(hours=1)).astimezone(UTC).date().isoformat()
    assert since[workshop.id].describe() == (
        f"now owned by Dana Scully, due 2026-12-10 on {later_day} from the command line")
    # Items changed during the meeting itself stand as they were at its end.
    done_in_meeting = next(i for i in at_end.live("action") if i.text.startswith("Already"))
    assert done_in_meeting.status is ActionStatus.DONE and done_in_meeting.id not in since
    assert session.find(sow.id).status is ActionStatus.DONE  # the input is not changed


def test_as_of_end_of_a_meeting_not_ended_or_unchanged_is_the_session_itself() -> None:
    meeting = kickoff()
    assert as_of_end(meeting.session) == (meeting.session, {})
    running = Session.model_validate({**meeting.session.model_dump(), "ended_at": None})
    assert as_of_end(running)[0] is running


def test_is_open() -> None:
    session = kickoff().session
    open_texts = {i.text for i in session.items if is_open(i)}
    assert "The client provides test data" not in open_texts  # assumptions are reference
    assert "Already done in the meeting" not in open_texts
    assert "Which cloud?" not in open_texts
    assert {"We ship on the existing platform", "just a note"}.isdisjoint(open_texts)


def test_history_dates_are_utc_days() -> None:
    meeting = kickoff()
    item = meeting.session.live("action")[0]
    late = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    changed = with_change(item, {"status": ActionStatus.CANCELLED}, seat="a@b",
                          session_title="X", at=late)
    session = meeting.session.model_copy(update={"items": [changed]})
    _, since = as_of_end(session)
    assert since[item.id].describe() == "cancelled 2026-12-03 in X"
