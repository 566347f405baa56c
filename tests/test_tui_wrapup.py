"""Wrap-up through the UI: ctrl+r saves, writes the JSON and Markdown, copies the minutes, and
says what happened; a missing clipboard is a message, not a crash."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static, TextArea

from kickoff_tui.core.models import SessionStatus
from kickoff_tui.core.store import Store
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.screens.dialogs import PromptScreen
from kickoff_tui.tui.screens.edit import EditItemScreen
from kickoff_tui.tui.screens.wrapup import WrapUpScreen

from .uihelpers import app_for, sample_session, wait_for

#: Tier: the wrap-up screen through Pilot (`pytest -m ui`).
pytestmark = pytest.mark.ui


async def type_line(pilot, text: str) -> None:
    from kickoff_tui.tui.widgets.capture import CaptureInput

    capture = pilot.app.screen.query_one(CaptureInput)
    capture.value = text
    await pilot.press("enter")


def status_text(app) -> str:
    return str(app.screen.query_one("#wrapup-status", Static).render())


def no_clipboard(text: str) -> None:
    raise RuntimeError("Pyperclip could not find a copy/paste mechanism for your system")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


async def test_ctrl_r_saves_writes_both_files_and_copies(tmp_path: Path, out: Path) -> None:
    db = tmp_path / "kickoff.json"
    session = sample_session()
    copied: list[str] = []
    app = app_for(db, session, out_dir=out, clipboard_system=copied.append)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "a: Send SOW draft @dana due:2026-12-04")
        await type_line(pilot, "pn: Dana looked unsure")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "copied" in status_text(app))
        message = status_text(app)
        assert "system clipboard" in message
        assert "2026-11-26-apollo-kick-off.md" in message
        assert app.clipboard.startswith("# ") and "Send SOW draft" in app.clipboard
        assert "Dana looked unsure" not in app.clipboard
        assert copied == [app.clipboard]
        preview = app.screen.query_one("#preview", TextArea).text
        assert "Send SOW draft" in preview
    md = out / "2026-11-26-apollo-kick-off.md"
    js = out / "2026-11-26-apollo-kick-off.json"
    assert md.read_text(encoding="utf-8") == copied[0]
    assert json.loads(js.read_text(encoding="utf-8"))["id"] == session.id
    assert (md.stat().st_mode & 0o777) == 0o600
    stored = Store(db).load(session.id)
    assert stored.status is SessionStatus.ENDED and stored.ended_at is not None


async def test_no_clipboard_tool_gives_a_message_and_the_file(tmp_path: Path, out: Path) -> None:
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=no_clipboard)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "d: Go")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "saved to" in status_text(app))
        message = status_text(app)
        # OSC 52 was sent (it cannot be confirmed) and the file named; no false claim of a copy
        assert "OSC 52" in message and "copied" not in message
        assert "2026-11-26-apollo-kick-off.md" in message
    assert (out / "2026-11-26-apollo-kick-off.md").exists()


async def test_existing_files_are_never_overwritten(tmp_path: Path, out: Path) -> None:
    db = tmp_path / "kickoff.json"
    (out / "2026-11-26-apollo-kick-off.md").write_text("precious", encoding="utf-8")
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=no_clipboard)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "saved to" in status_text(app))
        assert "apollo-kick-off-2.md" in status_text(app)
    assert (out / "2026-11-26-apollo-kick-off.md").read_text(encoding="utf-8") == "precious"
    assert (out / "2026-11-26-apollo-kick-off-2.json").exists()


async def test_findings_lead_to_the_item_and_the_next_step(tmp_path: Path, out: Path) -> None:
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=no_clipboard)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "a: Book the venue")
        await pilot.press("ctrl+r")
        wrap = await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen) and app.screen)
        findings = wrap.query_one("#findings", OptionList)
        texts = [str(findings.get_option_at_index(i).prompt) for i in
                 range(findings.option_count)]
        assert any("Book the venue" in t and "owner" in t for t in texts)
        assert any("next step" in t.lower() for t in texts)
        # choose the owner finding: the edit dialog for that action opens
        index = next(i for i, t in enumerate(texts) if "Book the venue" in t and "owner" in t)
        findings.highlighted = index
        findings.focus()
        await pilot.press("enter")
        editor = await wait_for(pilot, lambda: isinstance(app.screen, EditItemScreen)
                                and app.screen.query("#f-owner") and app.screen)
        assert editor.item.text == "Book the venue"
        editor.query_one("#f-owner").value = "Kim"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is agenda)
        assert agenda.meeting.session.live("action")[0].owner == "Kim"
        # the next step, from wrap-up
        await pilot.press("ctrl+r")
        wrap = await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen) and app.screen)
        await pilot.click("#next-step")
        prompt = await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen)
                                and app.screen)
        prompt.query_one("#prompt-input").value = "Follow-up Tuesday 10:00"
        await pilot.press("enter")
        # The date in the text becomes the next meeting's date (the text keeps the step).
        await wait_for(pilot, lambda: agenda.meeting.session.next_step == "Follow-up")
        session = agenda.meeting.session
        assert session.next_meeting is not None and session.next_meeting.weekday() == 1
        assert session.next_meeting_time is not None
        assert session.next_meeting_time.strftime("%H:%M") == "10:00"


async def test_reopen_a_meeting_ended_by_mistake(tmp_path: Path, out: Path) -> None:
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=no_clipboard)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        assert agenda.meeting.ended and agenda.meeting.clock.paused
        await pilot.click("#reopen")
        await wait_for(pilot, lambda: app.screen is agenda)
        assert not agenda.meeting.ended and not agenda.meeting.clock.paused
        header = agenda.query_one("#meeting-header", Static)
        await wait_for(pilot, lambda: "ends ~" in str(header.render()))
        await pilot.press("ctrl+r")  # ended again: the header no longer projects an end
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "ENDED" in str(header.render()))
        assert "ends ~" not in str(header.render())


async def test_the_preview_is_rendered_with_time_bars_and_ctrl_t_shows_the_source(
    tmp_path: Path, out: Path
) -> None:
    from textual.widgets import ContentSwitcher, Markdown

    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=lambda text: None)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "d: Ship on the existing platform @dana")
        await type_line(pilot, "r: Vendor API may slip @sam L:high I:med mit: weekly check-in")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        screen = app.screen
        switcher = screen.query_one("#preview-switcher", ContentSwitcher)
        assert switcher.current == "rendered"
        rendered = screen.query_one("#preview-md", Markdown)
        # Rendered, not source: headings are blocks, and no "## " is shown as text.
        await wait_for(pilot, lambda: len(rendered.query("MarkdownH2")) >= 2)
        assert "Summary" in str(rendered.query("MarkdownH2").first().render())
        from rich.console import Console

        console = Console(width=46, record=True, file=io.StringIO())
        console.print(screen.query_one("#time-bars", Static).content)
        bars = console.export_text()
        first = next(line for line in bars.splitlines() if line.startswith("1. Objectives"))
        assert "░" in first and first.rstrip().endswith("/10:00")
        assert all(len(line) <= 46 for line in bars.splitlines())  # fitted, not wrapped
        # The risk a sponsor must see, with the attendee's full name.
        assert "Vendor API may slip (Sam Lee)" in rendered.source
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: switcher.current == "preview")
        assert "## Summary" in screen.query_one("#preview", TextArea).text
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: switcher.current == "rendered")


async def test_wrapup_again_after_edits_refreshes_its_own_files(tmp_path: Path, out: Path) -> None:
    """ctrl+r, more edits, ctrl+r: the same two files, now holding the edits; no -2 copies.
    Private notes and deleted items are in neither file."""
    from kickoff_tui.core.export import WrittenFiles

    db = tmp_path / "kickoff.json"
    session = sample_session()
    app = app_for(db, session, out_dir=out, clipboard_system=lambda text: None)
    app.written_files = WrittenFiles(tmp_path / "written.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        agenda = app.screen
        await type_line(pilot, "d: First decision")
        await type_line(pilot, "pn: Dana looked unsure")
        await type_line(pilot, "n: said then deleted")
        note = agenda.meeting.session.live("note")[-1]
        agenda.meeting.delete(note.id)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "copied" in status_text(app))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is agenda)
        await type_line(pilot, "d: Decided after the first wrap-up")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "copied" in status_text(app))
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: "copied" in status_text(app))
        await pilot.pause(0.2)
    names = sorted(path.name for path in out.iterdir())
    assert names == ["2026-11-26-apollo-kick-off.json", "2026-11-26-apollo-kick-off.md"]
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "Decided after the first wrap-up" in text, path.name
        assert "Dana looked unsure" not in text and "said then deleted" not in text, path.name


async def test_export_all_twice_refreshes_instead_of_copying(tmp_path: Path, out: Path) -> None:
    from kickoff_tui.core.export import WrittenFiles

    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=lambda text: None)
    app.written_files = WrittenFiles(tmp_path / "written.json")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "pn: keep this to myself")
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await wait_for(pilot, lambda: "copied" in status_text(app))
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "Exported" in status_text(app))
        first = sorted(path.name for path in out.iterdir())
        await pilot.press("ctrl+e")
        await pilot.pause(0.2)
        assert sorted(path.name for path in out.iterdir()) == first
    assert len(first) == 7 and not [name for name in first if "kick-off-2" in name]
    for path in out.iterdir():
        assert "keep this to myself" not in path.read_text(encoding="utf-8"), path.name


async def test_the_wrapup_screen_shows_another_seats_changes_within_a_second(
    tmp_path: Path, out: Path
) -> None:
    """While the facilitator reviews the wrap-up, the note-taker's seat goes on: its decision
    reaches the preview, and the action it adds without an owner reaches the findings."""
    from kickoff_tui.core.autosave import AutoSaver
    from kickoff_tui.core.meeting import Meeting

    db = tmp_path / "kickoff.json"
    session = sample_session()
    app = app_for(db, session, out_dir=out, clipboard_system=lambda text: None)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await type_line(pilot, "d: Decided on the facilitator's seat")
        await pilot.press("ctrl+r")
        screen = await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen)
                                and app.screen)
        await wait_for(pilot, lambda: "copied" in status_text(app))
        preview = screen.query_one("#preview", TextArea)
        assert "Decided on the note-taker's seat" not in preview.text

        other = Store(db)
        taker = Meeting(other.load(session.id), seat_id="note-taker")
        taker.capture("d: Decided on the note-taker's seat")
        taker.capture("a: Book the design review")
        saver = AutoSaver(taker, other)
        assert not saver.save().error

        await wait_for(pilot, lambda: "Decided on the note-taker's seat" in preview.text,
                       timeout=3)
        findings = screen.query_one("#findings", OptionList)
        await wait_for(pilot, lambda: any(
            "Book the design review" in str(findings.get_option_at_index(i).prompt)
            for i in range(findings.option_count)), timeout=3)


async def test_a_capture_after_the_wrap_up_says_the_minutes_need_writing_again(
    tmp_path: Path, out: Path
) -> None:
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=lambda text: None)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is agenda)
        await type_line(pilot, "a: Said after the wrap-up")
        echo = agenda.query_one("#echo", Static)
        await wait_for(pilot, lambda: "after the wrap-up: ctrl+r" in str(echo.render()))
        assert echo.has_class("-problem")
        assert [a.text for a in agenda.meeting.session.live("action")] == ["Said after the wrap-up"]
