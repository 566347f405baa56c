"""Follow-ups on screen: the home screen's action counts and "Follow-up from…" choice, and a
carried item closed in the follow-up reaching its home meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Static

from kickoff_tui.core.followup import REVIEW_SECTION_ID, REVIEW_TITLE
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import ActionStatus
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen

from .test_tui_home import home_built
from .uihelpers import TODAY, app_for, sample_session, wait_for

#: Tier: the home and agenda screens through Pilot (`pytest -m ui`).
pytestmark = pytest.mark.ui


def stored_kickoff(db: Path) -> str:
    meeting = Meeting(sample_session(), today=lambda: TODAY, seat="dana@laptop")
    meeting.start()
    meeting.capture("a: Send SOW draft @dana due:2026-11-20")  # overdue on TODAY
    meeting.capture("a: Book the workshop @sam due:2026-12-20")
    meeting.capture("q: Who owns data migration?")
    meeting.end()
    return Store(db).save(meeting.snapshot()).id


async def test_home_counts_actions_and_starts_a_followup(tmp_path: Path) -> None:
    db = tmp_path / "kickoff.json"
    source_id = stored_kickoff(db)
    app = app_for(db)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await wait_for(pilot, lambda: home_built(app))
        counts = home.query_one("#action-counts", Static)
        await wait_for(pilot, lambda: "2 open · 1 overdue" in str(counts.render()))
        choice = home.query_one("#new-from", Select)
        table = home.query_one("#sessions", DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)  # the choices are filled with it
        home.query_one("#new-title", Input).value = "Sprint 0 planning"
        choice.value = source_id
        await pilot.press("ctrl+s")
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        session = agenda.meeting.session
        assert session.follows == source_id
        assert session.current_section.title == REVIEW_TITLE
        carried = session.in_section(REVIEW_SECTION_ID)
        assert sorted(i.text for i in carried) == [
            "Book the workshop", "Send SOW draft", "Who owns data migration?"]
        # Closing a carried item in the follow-up closes it in the kick-off too.
        sow = next(i for i in carried if i.text == "Send SOW draft")
        agenda.meeting.update(sow.id, status=ActionStatus.DONE)
        agenda.request_save()
        await wait_for(pilot, lambda: Store(db).load(source_id).find(sow.id).status
                       is ActionStatus.DONE, timeout=10)
    home_item = Store(db).load(source_id).find(sow.id)
    assert home_item.history[-1].session_title == "Sprint 0 planning"
