"""Open items across stored meetings: listing, marking done everywhere, and a follow-up's
carried items written through to their home session."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from kickoff_tui.core import tracking
from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.followup import REVIEW_SECTION_ID, new_followup
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import ActionStatus, utcnow
from kickoff_tui.core.store import Store

TODAY = date(2026, 11, 26)


def ended(store: Store, title: str, *lines: str) -> Meeting:
    meeting = Meeting(new_session(title, attendees=["Dana Scully", "Sam Lee", "Lee Park"]),
                      today=lambda: TODAY, seat="dana@laptop")
    meeting.start()
    for line in lines:
        meeting.capture(line)
    meeting.end()
    meeting.session = store.save(meeting.snapshot())
    return meeting


def by_text(session, text: str):
    return next(i for i in session.live() if getattr(i, "text", None) == text)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "kickoff.json")


def test_actions_are_one_row_per_item_named_after_their_home(store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana due:2026-12-04",
                  "a: Book workshop @sam due:2026-11-20", "a: Whenever")
    follow = new_followup(first.session, "Sprint 0")
    store.save(follow)
    rows = tracking.stored_actions(store)
    assert len(rows) == 6  # three items, each in two meetings
    merged = tracking.sort_actions(tracking.tracked_actions(rows), TODAY)
    assert [r.text for r in merged] == ["Book workshop", "Send SOW", "Whenever"]
    assert merged[0].overdue(TODAY) and not merged[1].overdue(TODAY)
    assert {r.session_id for r in merged} == {first.session.id}
    assert {r.session_title for r in merged} == {"Kick-off"}
    doc = merged[1].as_json()
    assert doc["id"] == by_text(first.session, "Send SOW").id
    assert (doc["owner"], doc["due"], doc["status"]) == ("Dana Scully", "2026-12-04", "open")
    assert (doc["session_id"], doc["session_title"]) == (first.session.id, "Kick-off")


def test_mark_done_changes_every_replica_with_a_dated_history(store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana", "a: Other")
    follow = store.save(new_followup(first.session, "Sprint 0"))
    item = by_text(first.session, "Send SOW")
    marked = tracking.mark_done(store, [item.id[:5]], seat="dana@cli")
    assert [m.row.id for m in marked] == [item.id] and not marked[0].already
    for session_id in (first.session.id, follow.id):
        held = Store(store.path).load(session_id).find(item.id)
        assert held.status is ActionStatus.DONE
        assert held.history[-1].seat == "dana@cli" and held.history[-1].session_id == ""
        assert held.history[-1].after == {"status": "done"}
    replica = Store(store.path).load(follow.id).find(item.id)
    assert replica.section == REVIEW_SECTION_ID and replica.origin == first.session.id
    again = tracking.mark_done(store, [item.id], seat="dana@cli")
    assert again[0].already


def test_an_unknown_or_ambiguous_prefix_changes_nothing(store: Store) -> None:
    first = ended(store, "Kick-off", *(f"a: Action {k}" for k in range(40)))
    ids = [i.id for i in first.session.live("action")]
    before = store.path.with_name("kickoff.sessions").joinpath(
        f"{first.session.id}.json").read_bytes()
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) > 1)
    with pytest.raises(tracking.TrackingError, match="matches .* action items"):
        tracking.mark_done(store, [ids[0], shared], seat="x")
    with pytest.raises(tracking.TrackingError, match="No action item matches 'zz'"):
        tracking.mark_done(store, [ids[0], "zz"], seat="x")
    after = store.path.with_name("kickoff.sessions").joinpath(
        f"{first.session.id}.json").read_bytes()
    assert after == before


def test_done_while_a_seat_has_the_meeting_open_loses_nothing(store: Store) -> None:
    """The seat keeps capturing; the done from elsewhere merges in at its next save."""
    first = ended(store, "Kick-off", "a: Send SOW @dana")
    seat = Meeting(Store(store.path).load(first.session.id), seat="sam@desk")
    seat_store = Store(store.path)
    saver = AutoSaver(seat, seat_store)
    seat.reopen()
    seat.capture("n: typed on the seat before the done")
    saver.save()
    item = by_text(first.session, "Send SOW")
    tracking.mark_done(store, [item.id], seat="dana@cli")
    seat.capture("n: typed on the seat after the done")
    outcome = saver.save()
    assert outcome.saved and outcome.adopted >= 1
    assert seat.session.find(item.id).status is ActionStatus.DONE  # the seat shows it
    on_disk = Store(store.path).load(first.session.id)
    assert on_disk.find(item.id).status is ActionStatus.DONE
    notes = [n.text for n in on_disk.live("note")]
    assert notes.count("typed on the seat before the done") == 1
    assert notes.count("typed on the seat after the done") == 1


def test_a_change_in_the_followup_reaches_the_home_and_the_home_reaches_the_followup(
        store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana", "a: Book workshop @sam")
    follow = Meeting(store.save(new_followup(first.session, "Sprint 0")), seat="sam@desk")
    # Meanwhile the kick-off itself was edited (another seat, after the follow-up was made).
    home_seat = Meeting(Store(store.path).load(first.session.id), seat="lee@room")
    workshop = by_text(first.session, "Book workshop")
    home_seat.update(workshop.id, owner="Lee Park")
    Store(store.path).save(home_seat.snapshot())

    saver = AutoSaver(follow, Store(store.path))
    follow.start()
    sow = by_text(follow.session, "Send SOW")
    follow.update(sow.id, status=ActionStatus.DONE, due=TODAY + timedelta(days=3))
    saver.save()
    home = Store(store.path).load(first.session.id)
    assert home.find(sow.id).status is ActionStatus.DONE
    assert home.find(sow.id).section != REVIEW_SECTION_ID  # the home keeps its own section
    change = home.find(sow.id).history[-1]
    assert (change.session_id, change.session_title, change.seat) == (
        follow.session.id, "Sprint 0", "sam@desk")
    # The home's own change came back into the follow-up on its first save.
    assert follow.session.find(workshop.id).owner == "Lee Park"
    assert follow.session.find(workshop.id).section == REVIEW_SECTION_ID


def test_deleting_a_carried_item_takes_it_off_the_review_only(store: Store) -> None:
    first = ended(store, "Kick-off", "p: Rebrand")
    follow = Meeting(store.save(new_followup(first.session, "Sprint 0")), seat="sam@desk")
    saver = AutoSaver(follow, Store(store.path))
    item = by_text(follow.session, "Rebrand")
    follow.delete(item.id)
    saver.save()
    assert not Store(store.path).load(first.session.id).find(item.id).deleted
    # Even a tombstone whose text is erased (and newer than the home) takes nothing home.
    erased = follow.session.find(item.id).model_copy(
        update={"text": "(deleted)", "updated": utcnow()})
    follow.session.items = [erased if i.id == item.id else i for i in follow.session.items]
    follow.revision += 1
    saver.save()
    assert Store(store.path).load(first.session.id).find(item.id).text == "Rebrand"


@pytest.mark.parametrize(("query", "expected"), [
    ("dana", {"Dana Scully"}), ("SCULLY", {"Dana Scully"}), ("dana.scully", {"Dana Scully"}),
    ("danascully", {"Dana Scully"}), ("@dan", {"Dana Scully"}), ("sam", {"Sam"}),
    ("lee", {"Sam Lee", "Lee Park"}), ("nobody", set()), ("", set()),
])
def test_owners_matching(query: str, expected: set[str]) -> None:
    owners = ["Dana Scully", "Sam Lee", "Lee Park", "Sam"]
    assert tracking.owners_matching(query, owners) == expected


def test_short_ids_are_unique_prefixes() -> None:
    ids = ["abcdef123456", "abcdef999999", "123456000000", "abcdee000000"]
    short = tracking.short_ids(ids)
    assert short == {"abcdef123456": "abcdef1", "abcdef999999": "abcdef9",
                     "123456000000": "123456", "abcdee000000": "abcdee"}
    for full, prefix in short.items():
        assert tracking.resolve_ids([prefix], ids) == [full]


def test_open_actions_come_from_the_index_and_an_old_index_is_brought_up_to_date(
        store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana", "a: Other")
    store.list_sessions()
    entry_file = store.sessions_dir / ".index" / f"{first.session.id}.json"
    entry = json.loads(entry_file.read_text())
    assert [a["text"] for a in entry["open_actions"]] == ["Send SOW", "Other"]
    del entry["open_actions"]  # as written by a Kickoff that did not index them
    entry_file.write_text(json.dumps(entry))
    rows = tracking.stored_actions(Store(store.path), include_closed=False)
    assert sorted(r.text for r in rows) == ["Other", "Send SOW"]
    # A change saved by another process is seen at once (the file's signature changed).
    tracking.mark_done(Store(store.path), [by_text(first.session, "Other").id], seat="x")
    rows = tracking.stored_actions(store, include_closed=False)
    assert [r.text for r in rows] == ["Send SOW"]


def test_minutes_of_the_earlier_meeting_show_it_as_it_ended_and_mark_what_changed(
        store: Store) -> None:
    from kickoff_tui.core import minutes

    first = ended(store, "Kick-off", "a: Send SOW @dana", "q: Who owns data migration?",
                  "a: Untouched @sam")
    follow = Meeting(store.save(new_followup(first.session, "Sprint 0 planning")),
                     seat="sam@desk")
    saver = AutoSaver(follow, Store(store.path))
    follow.start()
    sow = by_text(follow.session, "Send SOW")
    question = by_text(follow.session, "Who owns data migration?")
    follow.update(sow.id, status=ActionStatus.DONE)
    follow.update(question.id, status="answered", answer="Lee")
    saver.save()
    home = Store(store.path).load(first.session.id)
    assert home.find(sow.id).status is ActionStatus.DONE  # the item itself is done

    day = home.find(sow.id).history[-1].at.date().isoformat()
    text = minutes.render(home, "md")
    assert f"- [ ] Send SOW (done {day} in Sprint 0 planning)" in text
    assert "[x] Send SOW" not in text  # it was not done at the kick-off
    assert f"Who owns data migration? (answered {day} in Sprint 0 planning)" in text
    assert "Untouched" in text and "Untouched (done" not in text and "Untouched (now" not in text
    plain = minutes.render(home, "txt")
    assert f"Send SOW (done {day} in Sprint 0 planning)" in plain
    # The follow-up's own minutes show it done, in its review.
    follow_text = minutes.render(Store(store.path).load(follow.session.id), "md")
    assert "[x] Send SOW" in follow_text and "(done" not in follow_text


def test_latest_meeting_is_the_last_created_not_the_last_touched(store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana")
    follow = store.save(new_followup(first.session, "Sprint 0"))
    tracking.mark_done(store, [by_text(first.session, "Send SOW").id], seat="x")
    Store(store.path).save(first.session.model_copy(update={"next_step": "touched"}))
    assert tracking.latest_meeting(Store(store.path)) == follow.id


def test_closing_in_the_followup_while_the_kickoff_is_open_in_a_seat_loses_nothing(
        store: Store) -> None:
    first = ended(store, "Kick-off", "a: Send SOW @dana")
    home_seat = Meeting(Store(store.path).load(first.session.id), seat="lee@room")
    home_saver = AutoSaver(home_seat, Store(store.path))
    home_seat.reopen()
    home_seat.capture("n: said in the kick-off room before")
    home_saver.save()

    follow = Meeting(store.save(new_followup(first.session, "Sprint 0")), seat="sam@desk")
    follow_saver = AutoSaver(follow, Store(store.path))
    sow = by_text(follow.session, "Send SOW")
    follow.update(sow.id, status=ActionStatus.DONE, owner="Sam Lee")
    assert follow_saver.save().saved

    home_seat.capture("n: said in the kick-off room after")
    outcome = home_saver.save()
    assert outcome.saved and outcome.adopted >= 1
    assert home_seat.session.find(sow.id).status is ActionStatus.DONE
    assert home_seat.session.find(sow.id).owner == "Sam Lee"
    on_disk = Store(store.path).load(first.session.id)
    assert on_disk.find(sow.id).status is ActionStatus.DONE
    assert [n.text for n in on_disk.live("note")] == [
        "said in the kick-off room before", "said in the kick-off room after"]


def test_the_quick_index_reader_gives_the_stores_open_action_rows(store: Store) -> None:
    from kickoff_tui.core.store.quick import quick_open_actions

    first = ended(store, "Kick-off", "a: Send SOW @dana due:2026-12-04", "a: Whenever",
                  "a: Book workshop @sam due:2026-11-20")
    store.save(new_followup(first.session, "Sprint 0"))
    tracking.mark_done(store, [by_text(first.session, "Whenever").id], seat="x")
    full = tracking.stored_actions(Store(store.path), include_closed=False)
    quick = quick_open_actions(store.path)
    assert quick == full and len(full) == 4  # two open items, each in two meetings
    assert [r.due for r in quick] == [r.due for r in full]
    assert all(r.updated.utcoffset() is not None for r in quick)
