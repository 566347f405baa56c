"""A running meeting left idle does constant, minimal work (PRODUCT.md: under 1 % of a core).

The CPU figure itself is the benchmark's (``benchmarks/run.py``, ``idle_cpu_percent``): timed
tests would be flaky. These tests pin down what makes it small: a clock tick that changes
nothing on screen repaints nothing, a second that passes repaints one line of the sidebar,
the cursor stops blinking when nobody types, and the look for other seats' changes is a
``stat`` that says "nothing" when nothing happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.geometry import Region

from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import Note
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.widgets.blink import BlinkSettler
from kickoff_tui.tui.widgets.capture import CaptureInput
from kickoff_tui.tui.widgets.clock import MeetingHeader, SectionClock
from kickoff_tui.tui.widgets.sidebar import AgendaSidebar

from .uihelpers import FakeClock, app_for, sample_session, wait_for


def _count_calls(widget: Any, name: str) -> list[tuple[Any, ...]]:
    """Record every call of ``widget.name`` (the call still happens)."""
    calls: list[tuple[Any, ...]] = []
    original = getattr(widget, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return original(*args, **kwargs)

    setattr(widget, name, recording)
    return calls


async def test_a_tick_that_changes_nothing_repaints_nothing(tmp_path: Path) -> None:
    clock = FakeClock()
    app = app_for(tmp_path / "kickoff.json", sample_session(), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                       and app.screen.meeting is not None)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        header = screen.query_one(MeetingHeader)
        section_clock = screen.query_one(SectionClock)
        sidebar = screen.query_one(AgendaSidebar)
        await pilot.pause()
        header_updates = _count_calls(header, "update")
        clock_updates = _count_calls(section_clock, "update")
        sidebar_refreshes = _count_calls(sidebar, "refresh")

        for _ in range(5):  # the clock does not move: nothing on screen changes
            screen._tick()
        assert (header_updates, clock_updates, sidebar_refreshes) == ([], [], [])

        clock.advance(1.0)  # one second: the header, the countdown, one sidebar line
        screen._tick()
        screen._tick()
        assert len(header_updates) == 1
        assert len(clock_updates) == 1
        assert sidebar_refreshes == [(Region(0, 1, sidebar.size.width, 1),)]
        assert sidebar.lines[1].strip() == "00:01 / 10:00"
        assert "09:59 left" in str(section_clock.content)


async def test_the_sidebar_redraws_whole_when_the_agenda_changes(tmp_path: Path) -> None:
    clock = FakeClock()
    app = app_for(tmp_path / "kickoff.json", sample_session(), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                       and app.screen.meeting is not None)
        screen = app.screen
        assert isinstance(screen, AgendaScreen) and screen.meeting is not None
        sidebar = screen.query_one(AgendaSidebar)
        assert sidebar.lines[0].startswith("▶ 1 Objectives")
        clock.advance(30)
        await pilot.press("ctrl+n")  # the next section: two title lines change
        await wait_for(pilot, lambda: sidebar.lines[2].startswith("▶ 2 "))
        assert sidebar.lines[0].startswith("✓ 1 Objectives")
        assert sidebar.lines[1].strip() == "00:30 / 10:00"
        # A long title is cut to the sidebar's width, with an ellipsis.
        assert all(len(line) <= sidebar.size.width for line in sidebar.lines)
        assert any(line.endswith("…") for line in sidebar.lines)


async def test_the_cursor_stops_blinking_when_nobody_types(tmp_path: Path) -> None:
    app = app_for(tmp_path / "kickoff.json", sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                       and app.screen.meeting is not None)
        capture = app.screen.query_one(CaptureInput)
        now = FakeClock(0.0)
        settler = BlinkSettler(capture, after=10.0, clock=now)
        assert capture.cursor_blink
        now.advance(9.0)
        settler.check()
        assert capture.cursor_blink  # not yet quiet long enough
        now.advance(1.5)
        settler.check()
        assert not capture.cursor_blink  # steady: no repaint twice a second
        await pilot.press("x")  # typing makes it blink again, and counts anew
        await wait_for(pilot, lambda: capture.cursor_blink)
        now.advance(5.0)
        settler.check()
        assert capture.cursor_blink
        assert capture.value.endswith("x")


def test_the_look_for_other_seats_is_quiet_when_nothing_happened(tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    mine = Store(db)
    session = mine.save(sample_session())
    saver = AutoSaver(Meeting(mine.load(session.id)), mine)
    saver.save()
    assert not saver.others_may_have_saved()
    saver.save()  # a heartbeat or our own save is not news
    assert not saver.others_may_have_saved()

    other = Store(db)  # another seat writes to the same session
    theirs = Meeting(other.load(session.id), seat_id="other-seat")
    theirs.add(Note(text="From the other seat"), "note added")
    AutoSaver(theirs, other).save()
    assert saver.others_may_have_saved()
    assert saver.sync() == 1
    assert not saver.others_may_have_saved()
    assert any(getattr(item, "text", "") == "From the other seat"
               for item in saver.meeting.session.items)


def test_a_session_read_moments_ago_is_not_parsed_again(tmp_path: Path,
                                                        monkeypatch: Any) -> None:
    """``kickoff resume`` checks the session, then the screen opens it: one parse."""
    from kickoff_tui.core.store import sessions

    db = tmp_path / "kickoff.json"
    session = Store(db).save(sample_session())
    store = Store(db)
    first = store.load(session.id)
    parses: list[str] = []
    original = sessions.SessionFiles.load

    def counting(self: Any, session_id: str, **kwargs: Any) -> Any:
        parses.append(session_id)
        return original(self, session_id, **kwargs)

    monkeypatch.setattr(sessions.SessionFiles, "load", counting)
    second = store.load(session.id)
    assert parses == [] and second == first
    second.items.append(Note(text="only in this copy"))
    assert len(store.load(session.id).items) == len(first.items)  # a copy, not the cache

    other = Store(db)  # another seat changes it: read again
    theirs = Meeting(other.load(session.id), seat_id="other-seat")
    theirs.add(Note(text="From the other seat"), "note added")
    AutoSaver(theirs, other).save()
    parses.clear()
    again = store.load(session.id)
    assert parses == [session.id]
    assert any(getattr(item, "text", "") == "From the other seat" for item in again.items)
