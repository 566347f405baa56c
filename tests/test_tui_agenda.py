"""The facilitator's screen, driven through Textual's Pilot as a user would."""

from __future__ import annotations

import signal
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Static, TabbedContent

from kickoff_tui.core.agenda import load_template_file, new_session
from kickoff_tui.core.models import ActionStatus, Level, RaidKind
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.screens.edit import EditItemScreen
from kickoff_tui.tui.screens.help import HelpScreen
from kickoff_tui.tui.widgets.capture import CaptureInput
from kickoff_tui.tui.widgets.item_table import ItemTable
from kickoff_tui.tui.widgets.too_small import TooSmall

from .uihelpers import FakeClock, app_for, sample_session, shown_text, wait_for


def echo_text(app) -> str:
    return str(app.screen.query_one("#echo", Static).render())


def stored(db: Path, session_id: str):
    return Store(db).load(session_id)


async def type_line(pilot, text: str) -> None:
    """Type into the capture line and press Enter, as a user does."""
    capture = pilot.app.screen.query_one(CaptureInput)
    capture.focus()
    capture.value = text
    await pilot.press("enter")



CAPTURES = [
    ("a: Send SOW draft @dana due:2026-12-04", "action", "Action · Dana Scully · due Fri 4 Dec"),
    ("d: We ship on the existing platform", "decision", "Decision"),
    ("r: Vendor API may slip @sam !high", "raid", "Risk · Sam"),
    pytest.param("dep: Needs the SSO team", "raid", "Dependency", marks=pytest.mark.ui),
    pytest.param("as: Budget approved in Q1", "raid", "Assumption", marks=pytest.mark.ui),
    pytest.param("issue: Staging is down", "raid", "Issue", marks=pytest.mark.ui),
    pytest.param("c: Must run on-prem", "raid", "Constraint", marks=pytest.mark.ui),
    ("q: Who owns data migration? @lee", "question", "Question · for Sam Lee"),
    ("p: Rebrand discussion", "parking", "Parking"),
    ("n: Client prefers Slack", "note", "Note"),
    pytest.param("plain words are a note", "note", "Note", marks=pytest.mark.ui),
    ("pn: Dana seems unsure", "note", "Private note"),
]


# Left out of the `ui` tier on purpose, like the palette test: plain `pytest` keeps one pass of
# each item type through the real screen (a few tenths of a second each); the other RAID kinds
# and the unprefixed note are in the `ui` tier.
@pytest.mark.parametrize(("line", "kind", "echo"), CAPTURES)
async def test_capture_every_kind_echoes_and_stores(db: Path, line: str, kind: str,
                                                    echo: str) -> None:
    session = sample_session()
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, line)
        screen = app.screen
        item = await wait_for(pilot, lambda: next(iter(screen.meeting.session.live(kind)), None)
                              if kind != "note" else next(iter(screen.meeting.session.live(
                                  "note")), None))
        assert echo in echo_text(app)
        # on screen, in this section's table
        assert item.id in screen.query_one("#table-section", ItemTable).shown_ids
        assert screen.query_one(CaptureInput).value == ""
        await wait_for(pilot, lambda: any(i.id == item.id for i in
                                          stored(db, session.id).live(kind)))
    if kind == "action":
        assert item.owner == "Dana Scully" and item.due == date(2026, 12, 4)
    if line.startswith("r:"):
        assert item.kind is RaidKind.RISK and item.likelihood is Level.HIGH
        assert item.impact is Level.HIGH and item.owner == "Sam Lee"
    if line.startswith("pn:"):
        assert item.private
    assert item.section == "objectives"


@pytest.mark.ui
async def test_unparseable_due_keeps_text_and_shows_problem(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "a: Book venue due:someday @kim")
        item = await wait_for(pilot, lambda: app.screen.meeting.session.live("action"))
        assert "due:someday" in item[0].text
        assert item[0].due is None and item[0].owner == "Kim"
        assert "someday" in echo_text(app)
        assert app.screen.query_one("#echo").has_class("-problem")


@pytest.mark.ui
async def test_navigation_both_ways_with_every_key(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        screen = app.screen
        title = lambda: str(screen.query_one("#section-title").render())  # noqa: E731
        assert "Objectives" in title()
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: screen.meeting.clock.current == 1)
        assert "Stakeholders" in title()
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: screen.meeting.clock.current == 2)
        await pilot.press("pageup")
        await wait_for(pilot, lambda: screen.meeting.clock.current == 1)
        await pilot.press("pageup", "pageup")
        await wait_for(pilot, lambda: screen.meeting.clock.current == 0)
        assert "first section" in echo_text(app)
        # captures land in the section that is current
        await pilot.press("pagedown")
        await type_line(pilot, "d: Dana is the sponsor")
        decision = await wait_for(pilot, lambda: screen.meeting.session.live("decision"))
        assert decision[0].section == "stakeholders"


@pytest.mark.ui
async def test_pause_and_resume_stop_the_clock(db: Path) -> None:
    clock = FakeClock()
    app = app_for(db, sample_session(), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        meeting = app.screen.meeting
        clock.advance(30)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: meeting.clock.paused)
        await wait_for(pilot, lambda: "PAUSED" in str(app.screen.query_one("#meeting-header")
                                                      .render()))
        clock.advance(600)  # paused: none of this counts
        assert meeting.clock.elapsed() == pytest.approx(30)
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: not meeting.clock.paused)
        clock.advance(15)
        assert meeting.clock.elapsed() == pytest.approx(45)
        assert meeting.clock.used(0) == pytest.approx(45)


@pytest.mark.ui
async def test_overrun_shows_plus_and_rings_once(db: Path) -> None:
    clock = FakeClock()
    app = app_for(db, sample_session(), clock=clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        clock.advance(10 * 60 + 133)  # box is 10 minutes
        section_clock = app.screen.query_one("#section-clock")
        await wait_for(pilot, lambda: "+02:13" in str(section_clock.render()))
        assert section_clock.has_class("-over")
        await wait_for(pilot, lambda: bells)
        clock.advance(5)
        await pilot.pause(0.6)
        assert len(bells) == 1


@pytest.mark.ui
async def test_undo_removes_the_last_capture(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        screen = app.screen
        await type_line(pilot, "a: Keep me")
        await type_line(pilot, "a: Undo me")
        await wait_for(pilot, lambda: len(screen.meeting.session.live("action")) == 2)
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(screen.meeting.session.live("action")) == 1)
        assert screen.meeting.session.live("action")[0].text == "Keep me"
        assert "Undone" in echo_text(app)
        rows = screen.query_one("#table-action", ItemTable).row_count
        assert rows == 1
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: [a.text for a in stored(db, screen.meeting.session.id)
                                       .live("action")] == ["Keep me"])


@pytest.mark.ui
async def test_an_owner_field_offers_the_attendees(db: Path) -> None:
    from textual.widgets import Input

    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "a: Send SOW")
        await wait_for(pilot, lambda: agenda.meeting.session.live("action"))
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, ItemTable))
        await pilot.press("enter")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#f-owner") and app.screen)
        owner = editor.query_one("#f-owner", Input)
        owner.focus()
        await pilot.press("s", "a")
        await pilot.press("right")  # accept the suggestion
        await wait_for(pilot, lambda: owner.value == "Sam Lee")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is agenda)
        assert agenda.meeting.session.live("action")[0].owner == "Sam Lee"


@pytest.mark.ui
async def test_edit_an_item_from_the_table(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "a: Send SOW")
        await wait_for(pilot, lambda: agenda.meeting.session.live("action"))
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, ItemTable))
        await pilot.press("enter")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#f-due") and app.screen)
        editor.query_one("#f-owner").value = "Dana"
        editor.query_one("#f-due").value = "2026-12-04"
        editor.query_one("#f-status").value = "done"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is agenda)
        action = agenda.meeting.session.live("action")[0]
        # "Dana" typed in the dialog is the attendee Dana Scully.
        assert (action.owner, action.due, action.status) == ("Dana Scully", date(2026, 12, 4),
                                                              ActionStatus.DONE)
        await wait_for(pilot, lambda: stored(db, agenda.meeting.session.id)
                       .live("action")[0].owner == "Dana Scully")


@pytest.mark.ui
async def test_edit_refuses_a_bad_date_and_keeps_the_dialog(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "a: Send SOW")
        item = (await wait_for(pilot, lambda: agenda.meeting.session.live("action")))[0]
        agenda.edit_item(item.id)
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#f-due") and app.screen)
        editor.query_one("#f-due").value = "next blue moon"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "blue moon" in str(editor.query_one("#edit-error")
                                                          .render()))
        assert app.screen is editor
        assert agenda.meeting.session.live("action")[0].due is None


@pytest.mark.ui
async def test_delete_with_confirmation_and_undo_restores(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "q: Who signs?")
        await wait_for(pilot, lambda: agenda.meeting.session.live("question"))
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, ItemTable))
        await pilot.press("delete")
        await wait_for(pilot, lambda: app.screen is not agenda)
        await pilot.press("N")  # cancel first (a capital, shift held): nothing happens
        await wait_for(pilot, lambda: app.screen is agenda)
        assert agenda.meeting.session.live("question")
        # After every dialog the focus is back on the capture line.
        await wait_for(pilot, lambda: isinstance(app.focused, CaptureInput))
        await pilot.press("tab")
        await wait_for(pilot, lambda: isinstance(app.focused, ItemTable))
        await pilot.press("delete")
        await wait_for(pilot, lambda: app.screen is not agenda)
        await pilot.press("y")
        await wait_for(pilot, lambda: not agenda.meeting.session.live("question"))
        assert agenda.query_one("#table-question", ItemTable).row_count == 0
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: agenda.meeting.session.live("question"))


@pytest.mark.ui
async def test_views_switch_with_one_key(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "a: One")
        await pilot.press("pagedown")
        await type_line(pilot, "a: Two")
        tabs = app.screen.query_one(TabbedContent)
        await pilot.press("f4")
        await wait_for(pilot, lambda: tabs.active == "view-action")
        assert app.screen.query_one("#table-action", ItemTable).row_count == 2
        # the section view shows only this section's items
        assert app.screen.query_one("#table-section", ItemTable).row_count == 1
        await pilot.press("f8")
        await wait_for(pilot, lambda: tabs.active == "view-people")
        assert app.screen.query_one("#table-people-attendee", ItemTable).row_count == 2


@pytest.mark.ui
async def test_resume_after_quit_restores_section_clock_and_items(db: Path) -> None:
    clock = FakeClock()
    session = sample_session()
    app = app_for(db, session, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "d: Go with plan B")
        clock.advance(120)
        await pilot.press("pagedown")
        clock.advance(60)
        await type_line(pilot, "a: Draft RACI @dana")
        await wait_for(pilot, lambda: len(app.screen.meeting.session.live()) >= 4)
        await pilot.press("ctrl+q")
    assert app.last_session is not None
    clock.advance(3600)  # closed for an hour: must not count
    app2 = app_for(db, resume=session.id, clock=clock)
    async with app2.run_test(size=(120, 36)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app2.screen, AgendaScreen)
                                and app2.screen.meeting and app2.screen)
        meeting = screen.meeting
        assert meeting.clock.current == 1
        assert "Stakeholders" in str(screen.query_one("#section-title").render())
        assert meeting.clock.elapsed() == pytest.approx(180, abs=1)
        assert meeting.clock.used(0) == pytest.approx(120, abs=1)
        assert [d.text for d in meeting.session.live("decision")] == ["Go with plan B"]
        assert screen.query_one("#table-action", ItemTable).row_count == 1
        assert screen.query_one("#table-section", ItemTable).row_count == 1


@pytest.mark.ui
async def test_hangup_saves_and_exits(db: Path) -> None:
    session = sample_session()
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "r: Lid closed mid-sentence")
        app.hang_up(signal.SIGHUP)
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 128 + signal.SIGHUP
    assert [r.text for r in stored(db, session.id).live("raid")] == ["Lid closed mid-sentence"]


@pytest.mark.ui
async def test_too_small_terminal_says_so_and_recovers(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        notice = app.screen.query_one(TooSmall)
        await wait_for(pilot, lambda: notice.display and app.screen.has_class("-too-small"))
        assert "60x20" in str(notice.render())
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: not app.screen.has_class("-too-small"))
        # still usable: capture works at 80x24
        await type_line(pilot, "n: fits")
        await wait_for(pilot, lambda: app.screen.meeting.session.live("note"))


@pytest.mark.ui
async def test_help_lists_keys_and_syntax(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("f1")
        help_screen = await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen)
                                     and app.screen)
        keys = shown_text(help_screen.query_one("#help-keys"))
        syntax = shown_text(help_screen.query_one("#help-syntax"))
        for key in ("PgDn", "PgUp", "^t", "^z", "^s", "^r", "^q"):
            assert key in keys
        assert "a:" in syntax and "pn:" in syntax
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))


async def test_palette_offers_every_agenda_action(db: Path) -> None:
    from kickoff_tui.tui.agenda_commands import AGENDA_COMMANDS

    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for command in AGENDA_COMMANDS:
            assert any(t.startswith(command.title) for t in titles), command.title
        # a palette command really runs its action
        command = next(c for c in app.get_system_commands(app.screen)
                       if c.title.startswith("Next section"))
        await command.callback()
        await wait_for(pilot, lambda: app.screen.meeting.clock.current == 1)


@pytest.mark.ui
async def test_three_section_mini_meeting_stored_field_by_field(db: Path, tmp_path: Path) -> None:
    toml = tmp_path / "mini.toml"
    toml.write_text(
        'name = "mini"\ntitle = "Mini"\n'
        '[[sections]]\nid = "goals"\ntitle = "Goals"\nbox_minutes = 2\nprompts = ["Why?"]\n'
        '[[sections]]\nid = "risks"\ntitle = "Risks"\nbox_minutes = 3\n'
        '[[sections]]\nid = "wrap"\ntitle = "Wrap"\nbox_minutes = 1\n',
        encoding="utf-8",
    )
    session = new_session("Mini", template=load_template_file(toml), attendees=["Ann, PM"])
    clock = FakeClock()
    app = app_for(db, session, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "d: Launch in March")
        clock.advance(90)
        await pilot.press("ctrl+n")
        await type_line(pilot, "r: Vendor late @ann !med")
        clock.advance(200)
        await pilot.press("ctrl+n")
        await type_line(pilot, "a: Send minutes @ann due:tomorrow")
        clock.advance(30)
        await pilot.press("ctrl+q")
    result = stored(db, session.id)
    assert [s.id for s in result.sections] == ["goals", "risks", "wrap"]
    assert result.current == 2
    decision, = result.live("decision")
    assert (decision.text, decision.section) == ("Launch in March", "goals")
    risk, = result.live("raid")
    assert (risk.text, risk.section, risk.owner, risk.likelihood, risk.impact) == (
        "Vendor late", "risks", "Ann", Level.MEDIUM, Level.MEDIUM)
    action, = result.live("action")
    assert (action.text, action.section, action.owner, action.due) == (
        "Send minutes", "wrap", "Ann", date(2026, 11, 27))
    assert result.clock.section_used_s["goals"] == pytest.approx(90, abs=1)
    assert result.clock.section_used_s["risks"] == pytest.approx(200, abs=1)
    assert result.clock.elapsed_s == pytest.approx(320, abs=1)
    assert [a.name for a in result.attendees] == ["Ann"]


@pytest.mark.ui
async def test_clock_keeps_running_under_a_dialog(db: Path) -> None:
    clock = FakeClock()
    app = app_for(db, sample_session(), clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        clock.advance(10 * 60 + 5)
        bells: list[int] = []
        app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
        # the agenda under the dialog still ticks: its clock shows the overrun, the bell rings
        section_clock = agenda.query_one("#section-clock")
        await wait_for(pilot, lambda: "+00:05" in str(section_clock.render()))
        await wait_for(pilot, lambda: bells)
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.ui
async def test_resuming_an_ended_meeting_says_how_to_reopen(db: Path) -> None:
    session = sample_session()
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        app.screen.meeting.end()
        await pilot.press("ctrl+q")
    app2 = app_for(db, resume=session.id)
    async with app2.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app2.screen, AgendaScreen)
                                and app2.screen.meeting and app2.screen)
        assert "wrapped up" in echo_text(app2)
        assert agenda.meeting.clock.paused
        await agenda.run_action("reopen")
        assert not agenda.meeting.ended and not agenda.meeting.clock.paused


@pytest.mark.ui
async def test_raci_grid_and_people_in_the_stakeholders_section(db: Path) -> None:
    session = sample_session()
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        await pilot.press("pagedown")  # Stakeholders, roles & responsibilities
        tabs = agenda.query_one(TabbedContent)
        await wait_for(pilot, lambda: tabs.active == "view-people")
        assert "Add RACI row" in echo_text(app)
        await agenda.run_action("add('raci')")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#raci-0") and app.screen)
        assert "New RACI row" in str(editor.query_one(".dialog-title").render())
        editor.query_one("#f-activity").value = "SOW sign-off"
        assert "No A" in str(editor.query_one("#raci-check").render())
        await pilot.press("tab", "a")  # Dana Scully: A, and on to Sam Lee by itself
        await wait_for(pilot, lambda: editor.focused is editor.query_one("#raci-1"))
        assert "Accountable: Dana Scully" in str(editor.query_one("#raci-check").render())
        await pilot.press("r")  # Sam Lee
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is agenda)
        row, = agenda.meeting.session.live("raci")
        assert row.assignments == {"Dana Scully": "A", "Sam Lee": "R"}
        assert row.section == "stakeholders"
        assert agenda.query_one("#table-people-raci", ItemTable).row_count == 1
        # a new attendee, absent, gets a RACI column too
        await agenda.run_action("add('attendee')")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#f-present") and app.screen)
        editor.query_one("#f-name").value = "Kim Ode"
        editor.query_one("#f-role").value = "Sponsor"
        editor.query_one("#f-present").value = False
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is agenda)
        raci = agenda.query_one("#table-people-raci", ItemTable)
        assert [c.label for c in raci.spec][-1] == "Kim Ode"
        await pilot.press("ctrl+s")
    saved = stored(db, session.id)
    kim = next(a for a in saved.attendees if a.name == "Kim Ode")
    assert (kim.role, kim.present) == ("Sponsor", False)
    assert saved.live("raci")[0].assignments["Dana Scully"] == "A"


@pytest.mark.ui
async def test_preview_while_typing_and_history_recall(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        capture = app.screen.query_one(CaptureInput)
        await pilot.press(*"a: Call Bo @bo due:fri")
        await wait_for(pilot, lambda: "Enter adds: Action · Bo · due Fri 27 Nov"
                       in echo_text(app))
        assert not app.screen.meeting.session.live("action")  # nothing added yet
        await pilot.press("enter")
        await wait_for(pilot, lambda: echo_text(app).startswith("✓ Action · Bo"))
        await type_line(pilot, "d: Second line")
        await pilot.press("up")
        assert capture.value == "d: Second line"
        await pilot.press("up")
        assert capture.value == "a: Call Bo @bo due:fri"
        await pilot.press("down", "down")
        assert capture.value == ""


@pytest.mark.ui
async def test_a_burst_of_keys_files_each_line_in_its_section(db: Path) -> None:
    """Keys arriving faster than the app handles them (a paste, tmux send-keys, a fast typist)
    keep their order: lines, section moves, undo and quit happen as typed."""
    from textual import events

    session = sample_session()
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))

        def keys(*names: str) -> list[events.Key]:
            out = []
            for name in names:
                if len(name) > 1 and name not in (" ",):
                    out.append(events.Key(name, None))
                else:
                    out.append(events.Key("space" if name == " " else name, name))
            return out

        burst = [*keys(*"a: one"), *keys("enter", "pagedown"), *keys(*"d: two"),
                 *keys("enter", "ctrl+n"), *keys(*"q: three"), *keys("enter", "ctrl+z"),
                 *keys(*"r: four"), *keys("enter", "ctrl+q")]
        for event in burst:  # posted all at once, nothing awaited in between
            app.post_message(event)
        await wait_for(pilot, lambda: app.return_code is not None)
    saved = stored(db, session.id)
    assert [(i.type, i.text, i.section) for i in saved.live("action", "decision", "question",
                                                              "raid")] == [
        ("action", "one", "objectives"),
        ("decision", "two", "stakeholders"),
        ("raid", "four", "deliverables"),
    ]
    assert saved.current == 2


@pytest.mark.ui
async def test_a_capture_the_view_cannot_show_switches_to_the_section(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        await pilot.press("f4")  # the Actions view
        await wait_for(pilot, lambda: agenda.query_one(TabbedContent).active == "view-action")
        await type_line(pilot, "a: Book the room")
        await wait_for(pilot, lambda: agenda.meeting.session.live("action"))
        # An action is listed in the Actions view: it stays.
        assert agenda.query_one(TabbedContent).active == "view-action"
        await type_line(pilot, "n: A note the Actions view cannot show")
        await wait_for(pilot, lambda: agenda.query_one(TabbedContent).active == "view-section")
        table = agenda.query_one("#table-section", ItemTable)
        note = agenda.meeting.session.live("note")[0]
        assert table.selected_id == note.id


@pytest.mark.ui
async def test_the_people_view_gives_way_when_the_agenda_moves_on(db: Path) -> None:
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        tabs = agenda.query_one(TabbedContent)
        for _ in range(3):
            await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: agenda.meeting.clock.current == 3)
        assert tabs.active == "view-people"  # section 4, communication: its plan
        await pilot.press("ctrl+n")
        await wait_for(pilot, lambda: tabs.active == "view-section")


@pytest.mark.ui
@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_every_capture_in_a_filling_section_is_in_view(db: Path, size) -> None:
    """The capture that brings the scrollbar (the 21st at 120x36) is in view at once."""
    app = app_for(db, sample_session())
    async with app.run_test(size=size) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        table = agenda.query_one("#table-section", ItemTable)
        for k in range(30):
            await type_line(pilot, f"n: line {k}")
            await wait_for(pilot, lambda k=k: table.row_count == k + 1)
            await pilot.pause()
            rows_in_view = table.scrollable_content_region.height - 1
            row = table.index_of(table.selected_id)
            assert row == k
            assert table.scroll_y <= row < table.scroll_y + rows_in_view, (k, table.scroll_y)


def test_names_shorten_by_a_rule_a_reader_can_follow() -> None:
    from kickoff_tui.tui.widgets.item_table import short_name

    assert short_name("Marcus Okafor", 14) == "Marcus Okafor"
    assert short_name("Marcus Okafor", 10) == "M. Okafor"
    assert short_name("Marcus Okafor", 6) == "Okafor"
    assert short_name("Marcus Okafor", 3) == "MO"
    assert short_name("Dana", 3) == "Da…"
    # Several people (a decision's deciders) are shortened one by one, never blended into
    # a name nobody has ("S. Park" for Sam Lee and Lee Park).
    assert short_name("Sam Lee, Lee Park", 15) == "S. Lee, L. Park"
    assert short_name("Sam Lee, Lee Park", 14) == "Sam Lee +1"
    assert short_name("Dana Scully, Sam Lee, Lee Park", 14) == "Dana Scully +2"
    assert short_name("Dana Scully, Sam Lee", 9) == "Scully +1"


@pytest.mark.ui
async def test_tab_reaches_every_people_and_plans_list(db: Path) -> None:
    from kickoff_tui.core.models import CommunicationRow, Deliverable, RaciRow

    session = sample_session()
    session.items.extend([RaciRow(activity="SOW", assignments={"Dana Scully": "A"}),
                          Deliverable(name="Pilot"), CommunicationRow(what="Status mail")])
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        await pilot.press("f8")
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.focused.id)
        assert seen == ["table-people-attendee", "table-people-raci",
                        "table-people-deliverable", "table-people-comm"]
        await pilot.press("enter")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen)
        assert editor.item.type == "comm"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is agenda
                       and isinstance(app.focused, CaptureInput))
        for _ in range(3):
            await pilot.press("tab")
        await wait_for(pilot, lambda: app.focused.id == "table-people-deliverable")
        await pilot.press("delete")
        await wait_for(pilot, lambda: app.screen is not agenda)
        await pilot.press("y")
        await wait_for(pilot, lambda: not agenda.meeting.session.live("deliverable"))
        assert isinstance(app.focused, CaptureInput)


@pytest.mark.ui
async def test_a_list_shown_again_draws_every_row_in_order(db: Path) -> None:
    """Rows added while a list's view was hidden moved its scroll range: shown again (the
    capture brings the section view back), it drew one row twice and lost another."""
    import html
    import re

    app = app_for(db, sample_session())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        for k in range(1, 15):
            await type_line(pilot, f"n: Note {k:02d}")
        for view, label in (("f3", "15"), ("f4", "16")):
            await pilot.press(view)
            await type_line(pilot, f"n: Note {label}")
            await wait_for(pilot, lambda: screen.query_one(TabbedContent).active
                           == "view-section")
            await pilot.pause()
            shot = html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot()))
            numbers = [int(n) for n in re.findall(r"Note (\d\d)", shot.replace("\xa0", " "))]
            assert numbers, shot
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), numbers
            assert numbers[-1] == int(label), numbers


@pytest.mark.ui
async def test_the_edit_dialog_of_a_risk_opens_on_its_words_not_its_kind(db: Path) -> None:
    """Letters typed into the Kind choice changed a risk into a dependency; the dialog now
    starts on the first field that takes text."""
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        await type_line(pilot, "r: Vendor API may slip")
        risk = screen.meeting.session.live("raid")[0]
        screen.edit_item(risk.id)
        dialog = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen)
        await wait_for(pilot, lambda: dialog.focused is not None)
        assert dialog.focused.id == "f-text"
