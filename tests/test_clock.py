"""Tests of the meeting clock on a fake monotonic clock: boxes, pauses, restore, bell, rebalance."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from kickoff_tui.core.clock import MIN_BOX_S, MeetingClock, format_duration
from kickoff_tui.core.models import AgendaSection, ClockState

WALL = datetime(2026, 11, 26, 10, 0, 0)


class FakeClock:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self, start: float = 1000.0) -> None:
        self.t = start

    def __call__(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


def agenda(*minutes: float) -> list[AgendaSection]:
    """Sections s0, s1... with the given boxes in minutes."""
    return [
        AgendaSection(id=f"s{i}", title=f"Section {i}", box_minutes=m)
        for i, m in enumerate(minutes)
    ]


KICKOFF_BOXES = (10, 8, 10, 5, 10, 5, 7, 5)


@pytest.fixture
def fake() -> FakeClock:
    return FakeClock()


def test_nothing_counts_before_start(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5), now=fake)
    fake.advance(500)
    assert not clock.started
    assert clock.elapsed() == 0
    assert clock.used(0) == 0
    assert clock.remaining(0) == 600
    assert clock.take_bell() is False


def test_start_counts_toward_meeting_and_section(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5), now=fake)
    clock.start()
    fake.advance(30)
    assert clock.elapsed() == pytest.approx(30)
    assert clock.used(0) == pytest.approx(30)
    assert clock.used(1) == 0
    assert clock.remaining(0) == pytest.approx(570)
    clock.start()  # idempotent: must not restart the interval
    fake.advance(10)
    assert clock.elapsed() == pytest.approx(40)


def test_pause_excludes_time_and_toggle_reports_state(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5), now=fake)
    assert clock.toggle() is False  # toggling a clock that has not started starts it
    assert clock.started
    fake.advance(60)
    assert clock.toggle() is True
    fake.advance(3600)
    assert clock.elapsed() == pytest.approx(60)
    assert clock.toggle() is False
    fake.advance(15)
    clock.pause()
    clock.pause()  # a second pause changes nothing
    fake.advance(100)
    assert clock.paused
    assert clock.elapsed() == pytest.approx(75)
    assert clock.used(0) == pytest.approx(75)


def test_switch_moves_time_to_the_new_section(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5, 5), now=fake)
    clock.start()
    fake.advance(100)
    clock.switch(2)
    fake.advance(40)
    clock.switch(0)
    fake.advance(5)
    assert clock.current == 0
    assert clock.used(0) == pytest.approx(105)
    assert clock.used(1) == 0
    assert clock.used(2) == pytest.approx(40)
    assert clock.elapsed() == pytest.approx(145)
    with pytest.raises(IndexError):
        clock.switch(3)


def test_restore_never_counts_time_while_closed() -> None:
    first = FakeClock(5_000.0)
    clock = MeetingClock(agenda(10, 5), now=first)
    clock.start()
    first.advance(200)
    clock.switch(1)
    first.advance(50)
    state = ClockState.model_validate_json(clock.snapshot().model_dump_json())

    # The app is closed; the machine even reboots, so the monotonic base is smaller.
    second = FakeClock(12.0)
    restored = MeetingClock(agenda(10, 5), state, current=1, now=second)
    assert restored.elapsed() == pytest.approx(250)
    assert restored.running  # it was running when saved: it continues from now, not from then
    second.advance(10)
    assert restored.elapsed() == pytest.approx(260)
    assert restored.used(0) == pytest.approx(200)
    assert restored.used(1) == pytest.approx(60)


def test_restore_jumping_forward_by_hours_is_not_counted() -> None:
    first = FakeClock(100.0)
    clock = MeetingClock(agenda(10), now=first)
    clock.start()
    first.advance(90)
    state = clock.snapshot()
    later = FakeClock(100.0 + 90 + 5 * 3600)  # reopened five hours later, same boot
    restored = MeetingClock(agenda(10), state, now=later)
    assert restored.elapsed() == pytest.approx(90)


def test_restore_of_a_paused_clock_stays_paused(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10), now=fake)
    clock.start()
    fake.advance(42)
    clock.pause()
    restored = MeetingClock(agenda(10), clock.snapshot(), now=FakeClock(0.0))
    assert restored.paused and restored.started
    assert restored.elapsed() == pytest.approx(42)
    restored.resume()
    assert not restored.paused


def test_snapshot_does_not_disturb_the_clock(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10), now=fake)
    clock.start()
    for _ in range(1000):
        fake.advance(0.25)
        clock.snapshot()
    assert clock.elapsed() == pytest.approx(250)
    assert clock.snapshot().elapsed_s == pytest.approx(250)
    assert clock.snapshot().section_used_s["s0"] == pytest.approx(250)


def test_bell_rings_once_and_survives_restore(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(1, 1), now=fake)
    clock.start()
    fake.advance(59)
    assert clock.take_bell() is False
    fake.advance(1)
    assert clock.take_bell() is True
    fake.advance(1)
    assert clock.take_bell() is False
    state = clock.snapshot()
    assert state.bell_rung == ["s0"]
    reopened = FakeClock(0.0)
    restored = MeetingClock(agenda(1, 1), state, now=reopened)
    assert restored.take_bell() is False
    # Extending re-arms the bell for the new end of the box.
    restored.extend(0, 60)
    assert restored.take_bell() is False
    reopened.advance(59)
    assert restored.take_bell() is True
    assert restored.take_bell() is False


def test_overrun_and_signed_remaining(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(2), now=fake)
    clock.start()
    fake.advance(120 + 133)
    assert clock.remaining(0) == pytest.approx(-133)
    assert clock.overrun(0) == pytest.approx(133)
    assert format_duration(clock.overrun(0), signed=True) == "+02:13"


@pytest.mark.parametrize(
    ("box_minutes", "spent", "near"),
    [
        (10, 0, False),
        (10, 600 - 121, False),  # 20 % of 10 min = 120 s
        (10, 600 - 120, True),
        (10, 599, True),
        (10, 600, False),  # over: the overrun colour, not the warning
        (3, 180 - 61, False),  # 20 % of 3 min is 36 s, so the 60 s floor applies
        (3, 180 - 60, True),
    ],
)
def test_near_end(fake: FakeClock, box_minutes: float, spent: float, near: bool) -> None:
    clock = MeetingClock(agenda(box_minutes), now=fake)
    clock.start()
    fake.advance(spent)
    assert clock.near_end(0) is near


def test_projected_end_moves_with_overruns(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(*KICKOFF_BOXES), now=fake)
    assert clock.projected_end(WALL) == WALL + timedelta(minutes=60)
    clock.start()
    fake.advance(300)
    # On time: five minutes later, the end is five minutes closer in wall time too.
    assert clock.projected_end(WALL + timedelta(seconds=300)) == WALL + timedelta(minutes=60)
    assert clock.projected_overrun() == pytest.approx(0)
    fake.advance(300 + 130)  # 2:10 over the 10-minute box
    now = WALL + timedelta(seconds=730)
    assert clock.projected_end(now) == WALL + timedelta(minutes=60, seconds=130)
    assert clock.projected_overrun() == pytest.approx(130)
    # Leaving section 2 two minutes early wins two minutes back.
    clock.switch(1)
    fake.advance(6 * 60)
    clock.switch(2)
    now += timedelta(minutes=6)
    assert clock.projected_end(now) == WALL + timedelta(minutes=60, seconds=10)
    assert clock.projected_overrun() == pytest.approx(10)


def test_pause_moves_the_wall_end_but_not_the_overrun(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 10), now=fake)
    clock.start()
    fake.advance(60)
    clock.pause()
    fake.advance(600)
    now = WALL + timedelta(seconds=660)
    assert clock.projected_end(now) == now + timedelta(seconds=1140)
    assert clock.projected_overrun() == pytest.approx(0)


def test_extend_changes_box_and_planned_total_not_original(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5), now=fake)
    clock.extend(0, 300)
    assert clock.box(0) == 900
    assert clock.planned_total() == 1200
    assert clock.original_total() == 900
    clock.extend(1, -10_000)
    assert clock.box(1) == MIN_BOX_S
    # A box already shorter than the floor is not lengthened by a cut.
    short = MeetingClock(agenda(0.5), now=fake)
    short.extend(0, -10)
    assert short.box(0) == 30


def test_rebalance_keeps_the_planned_end(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(*KICKOFF_BOXES), now=fake)
    clock.start()
    fake.advance(15 * 60)  # objectives ran 5 minutes over its 10
    clock.switch(1)
    before = [clock.box(i) for i in range(2, 8)]
    clock.rebalance()
    assert clock.projected_overrun() == pytest.approx(0, abs=1e-6)
    assert clock.projected_end(WALL + timedelta(minutes=15)) == pytest.approx(
        WALL + timedelta(minutes=60), abs=timedelta(seconds=1)
    )
    # The current box is untouched; the later ones shrink by one common factor.
    assert clock.box(1) == 8 * 60
    after = [clock.box(i) for i in range(2, 8)]
    factors = [a / b for a, b in zip(after, before, strict=True)]
    assert max(factors) - min(factors) < 1e-9
    assert factors[0] < 1
    assert clock.original_total() == 60 * 60


def test_rebalance_grows_boxes_when_ahead(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 10, 10), now=fake)
    clock.start()
    fake.advance(120)
    clock.switch(1)  # eight minutes ahead
    clock.rebalance()
    assert clock.box(2) == pytest.approx(600 + 480)
    assert clock.projected_overrun() == pytest.approx(0)


def test_rebalance_respects_one_minute_floor_when_impossible(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5, 5, 5), now=fake)
    clock.start()
    fake.advance(24 * 60)  # 24 of 25 minutes gone in the first section
    clock.rebalance()
    assert [clock.box(i) for i in (1, 2, 3)] == [MIN_BOX_S] * 3
    # As close as it can get: current section over, three minutes of floors left.
    assert clock.projected_overrun() == pytest.approx(24 * 60 + 180 - 25 * 60)


def test_rebalance_mixes_floors_and_shares(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 20, 1.5, 20), now=fake)
    clock.start()
    fake.advance(30 * 60)  # twenty minutes over
    clock.rebalance()
    # 21.5 minutes are left for 41.5 minutes of boxes: the 1.5-minute box would get 0.78 min,
    # so it keeps the one-minute floor and the other two share the remaining 20.5 minutes.
    assert clock.box(2) == MIN_BOX_S
    assert clock.box(1) == pytest.approx(10.25 * 60)
    assert clock.box(3) == pytest.approx(10.25 * 60)
    assert clock.projected_overrun() == pytest.approx(0, abs=1e-6)


def test_rebalance_leaves_sections_already_over_alone(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5, 10), now=fake)
    clock.start()
    fake.advance(2 * 60)
    clock.switch(2)
    fake.advance(12 * 60)  # section 3 visited early and run two minutes over
    clock.switch(0)
    clock.rebalance()
    assert clock.box(2) == 10 * 60
    # 25 planned - 14 spent - 8 left in the current box: 3 minutes for section 2.
    assert clock.box(1) == pytest.approx(3 * 60)
    assert clock.projected_overrun() == pytest.approx(0, abs=1e-6)


def test_restored_boxes_come_from_state(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(10, 5), now=fake)
    clock.extend(1, 120)
    restored = MeetingClock(agenda(10, 5), clock.snapshot(), now=fake)
    assert restored.box(1) == 420
    assert restored.original_total() == 900


def test_simulated_three_hour_meeting_error_under_a_second() -> None:
    """Ticks of uneven length, saves every second, pauses, switches, extensions, a restart.

    The expected times are kept by the test itself, from the same advances, so the clock's
    arithmetic is checked against an independent ledger.
    """
    rng = random.Random(20261126)
    sections = agenda(*KICKOFF_BOXES)  # a 60-minute agenda run for three hours: overruns
    fake = FakeClock(1_000_000.0)
    clock = MeetingClock(sections, now=fake)
    clock.start()
    expected_elapsed = 0.0
    expected_used = [0.0] * len(sections)
    running = True
    current = 0
    since_save = 0.0
    bells: list[int] = []
    extensions = 0
    toggles = 0
    restarted = False

    while expected_elapsed < 3 * 3600:
        step = rng.uniform(0.05, 1.7)  # a busy event loop never ticks evenly
        fake.advance(step)
        if running:
            expected_elapsed += step
            expected_used[current] += step
        since_save += step
        if since_save >= 1.0:
            clock.snapshot()  # what the saver does every second
            since_save = 0.0
        if clock.take_bell():
            bells.append(current)
        roll = rng.random()
        if roll < 0.003:
            clock.toggle()
            running = not running
            toggles += 1
        elif roll < 0.006:
            target = rng.randrange(len(sections))
            clock.switch(target)
            current = target
        elif roll < 0.007:
            clock.extend(current, rng.choice([60.0, 120.0, 300.0]))
            extensions += 1
        if not restarted and expected_elapsed > 1.5 * 3600:
            # Quit and reopen hours later after a reboot: a new process whose monotonic
            # clock has a small, unrelated base. Only the stored state carries over.
            stored = clock.snapshot().model_dump_json()
            fake.advance(6 * 3600)  # the old clock moves on; nobody is listening
            fake = FakeClock(37.5)
            clock = MeetingClock(
                sections, ClockState.model_validate_json(stored), current=current, now=fake
            )
            restarted = True

    assert restarted and toggles >= 4 and extensions >= 2
    assert abs(clock.elapsed() - expected_elapsed) < 1.0
    for index in range(len(sections)):
        assert abs(clock.used(index) - expected_used[index]) < 1.0
    assert abs(sum(clock.used(i) for i in range(len(sections))) - clock.elapsed()) < 1e-6
    # The bell rang for every section that ran over, at most once more per extension.
    overrun = {i for i in range(len(sections)) if expected_used[i] >= clock.box(i) + 2}
    assert overrun, "the scenario should overrun some boxes"
    assert overrun <= set(bells)
    assert len(bells) <= len(set(bells)) + extensions
    assert set(bells) <= {i for i in range(len(sections)) if expected_used[i] > 0}


def test_crash_loses_at_most_the_time_since_the_last_save(fake: FakeClock) -> None:
    clock = MeetingClock(agenda(60), now=fake)
    clock.start()
    saved = clock.snapshot()
    for _ in range(600):
        fake.advance(1.0)
        saved = clock.snapshot()
    fake.advance(0.6)  # killed 0.6 s after the last save
    restored = MeetingClock(agenda(60), saved, now=FakeClock(0.0))
    lost = clock.elapsed() - restored.elapsed()
    assert 0 <= lost <= 1.0


@pytest.mark.parametrize(
    ("seconds", "signed", "text"),
    [
        (0, False, "00:00"),
        (425, False, "07:05"),
        (425.4, False, "07:05"),
        (425.6, False, "07:06"),  # rounded, not truncated: see format_duration
        (-0.6, False, "-00:01"),
        (3723, False, "1:02:03"),
        (36000, False, "10:00:00"),
        (133, True, "+02:13"),
        (-30, True, "-00:30"),
        (-30, False, "-00:30"),
        (0, True, "+00:00"),
        (-0.4, True, "+00:00"),
        (-3723, True, "-1:02:03"),
        (float("nan"), False, "--:--"),
    ],
)
def test_format_duration(seconds: float, signed: bool, text: str) -> None:
    assert format_duration(seconds, signed=signed) == text
