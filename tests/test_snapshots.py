"""Visual snapshots of the screens (pytest-textual-snapshot), with the clocks frozen and the
cursor still, so a change in how a screen looks is seen in review.

Regenerate after an intended change: ``pytest tests/test_snapshots.py --snapshot-update``.
Snapshots are exact to the Textual release that drew them; Textual is pinned exactly in
pyproject.toml, so a snapshot that differs is a failure, never a skip.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kickoff_tui.core.models import Session
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.widgets.capture import CaptureInput

from .uihelpers import FakeClock, app_for, sample_session, wait_for

#: Tier: whole screens drawn and compared with their snapshots (`pytest -m ui`).
pytestmark = pytest.mark.ui


def meeting_session() -> Session:
    session = sample_session()
    session.id = "5a5e55a0"
    session.created = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    return session


async def _still(pilot) -> None:
    """Stop the cursor blinking so every frame is the same."""
    for widget in pilot.app.screen.query("Input"):
        widget.cursor_blink = False
    await pilot.pause()


def agenda_app(tmp_path: Path, clock: FakeClock):
    return app_for(tmp_path / "kickoff.json", meeting_session(), clock=clock)


async def _fill(pilot, clock: FakeClock) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
    for line in ("a: Send SOW draft @dana", "d: We ship on the existing platform",
                 "r: Vendor API may slip @sam !high", "q: Who owns data migration? @lee",
                 "Client prefers Slack over email"):
        capture = app.screen.query_one(CaptureInput)
        capture.value = line
        await pilot.press("enter")
    clock.advance(9 * 60 + 20)  # near the end of the 10-minute box: warning colour
    await pilot.pause(0.6)
    await _still(pilot)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_agenda_screen(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()
    assert snap_compare(agenda_app(tmp_path, clock), terminal_size=size,
                        run_before=lambda pilot: _fill(pilot, clock))


def test_agenda_screen_overrun(snap_compare, tmp_path: Path) -> None:
    clock = FakeClock()

    async def run_before(pilot) -> None:
        await _fill(pilot, clock)
        clock.advance(133 + 40)  # 2:13 past the box
        await pilot.pause(0.6)

    assert snap_compare(agenda_app(tmp_path, clock), terminal_size=(120, 36),
                        run_before=run_before)


def test_help_screen(snap_compare, tmp_path: Path) -> None:
    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, AgendaScreen))
        await pilot.press("f1")
        await pilot.pause()
        await _still(pilot)

    assert snap_compare(agenda_app(tmp_path, FakeClock()), terminal_size=(120, 36),
                        run_before=run_before)


def test_home_screen(snap_compare, tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    Store(db).save(meeting_session())
    app = app_for(db)

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.query("#sessions")
                       and pilot.app.screen.query_one("#sessions").row_count == 1)
        await _still(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run_before)


def test_too_small_notice(snap_compare, tmp_path: Path) -> None:
    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.has_class("-too-small"))
        await _still(pilot)

    assert snap_compare(agenda_app(tmp_path, FakeClock()), terminal_size=(60, 20),
                        run_before=run_before)
