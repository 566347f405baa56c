"""The home screen: start a new session from the form, resume the latest, open a past one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static, TextArea

from kickoff_tui.core.models import SessionStatus
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.screens.home import HomeScreen

from .uihelpers import app_for, sample_session, wait_for


def home_built(app):
    """The home screen, once the part built after its first frame is there."""
    screen = app.screen
    return screen if isinstance(screen, HomeScreen) and screen._built else None


@pytest.mark.ui
async def test_start_a_new_session_from_the_form(tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        await pilot.press("ctrl+s")  # no title yet: told, nothing created
        await wait_for(pilot, lambda: "title" in str(home.query_one("#new-error", Static)
                                                      .render()))
        assert isinstance(app.screen, HomeScreen)
        home.query_one("#new-title", Input).value = "Hermes kick-off"
        home.query_one("#new-project", Input).value = "Hermes"
        home.query_one("#new-duration", Input).value = "30"
        home.query_one("#new-attendees", TextArea).text = "Ann Lee, Sponsor, Acme\nBo\n"
        await pilot.press("ctrl+s")
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        session = agenda.meeting.session
        assert session.title == "Hermes kick-off" and session.project == "Hermes"
        assert sum(s.box_minutes for s in session.sections) == 30
        assert [(a.name, a.role, a.organisation) for a in session.attendees] == [
            ("Ann Lee", "Sponsor", "Acme"), ("Bo", "", "")]
        await wait_for(pilot, lambda: Store(db).list_sessions())
    assert Store(db).list_sessions()[0].title == "Hermes kick-off"


@pytest.mark.ui
async def test_resume_latest_and_open_from_the_list(tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    older, newer = sample_session("Older"), sample_session("Newer")
    store = Store(db)
    store.save(older)
    store.save(newer)
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        table = home.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        await pilot.press("ctrl+l")
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        assert agenda.meeting.session.id == newer.id


async def test_empty_store_invites_a_first_session(tmp_path: Path) -> None:
    app = app_for(tmp_path / "kickoff.json")
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        hint = home.query_one("#sessions-hint", Static)
        await wait_for(pilot, lambda: "No sessions yet" in str(hint.render()))
        assert home.query_one("#resume-latest").disabled


@pytest.mark.ui
async def test_start_typed_before_the_form_is_complete(tmp_path: Path) -> None:
    """A fast typist: title and ctrl+s in the first frame, before the rest of the form."""
    db = tmp_path / "kickoff.json"
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen)
                              and app.screen.query("#new-title") and app.screen)
        home.query_one("#new-title", Input).value = "Quick start"
        await home.run_action("start")
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        assert agenda.meeting.session.title == "Quick start"


@pytest.mark.ui
async def test_ctrl_l_with_nothing_unfinished_says_so(tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    done = sample_session("Done")
    done.started_at = done.ended_at = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    done.status = SessionStatus.ENDED
    Store(db).save(done)
    app = app_for(db)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        table = home.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: any("No unfinished session" in str(toast.render())
                                          for toast in app.screen.query("Toast")))
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.ui
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_form_label_is_whole_at_80x24_and_120x36(tmp_path: Path,
                                                            size: tuple[int, int]) -> None:
    """A label longer than the form is wide wraps instead of being cut at the edge."""

    app = app_for(tmp_path / "kickoff.json")
    async with app.run_test(size=size) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        await pilot.pause()
        for label in home.query("#new-form Label"):
            text = str(label.render())
            # Room for every cell of the text in the lines the label was given.
            assert label.size.width * label.size.height >= len(text), text
            assert label.size.width <= home.query_one("#new-form").size.width, text
