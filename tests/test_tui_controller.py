"""The meeting controller: it owns the meeting's saves, runs every disk write off the UI thread
(but the last one, on the way out), and tells the screens what happened with messages; the App
asks it, not the screen stack, which meetings are open. Plus the structure it replaced: one
declaration per key, no App attribute mypy cannot see, no screen calling another."""

from __future__ import annotations

import ast
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kickoff_tui.core.autosave import AutoSaver
from kickoff_tui.core.store import Store
from kickoff_tui.tui import messages
from kickoff_tui.tui.agenda_commands import AGENDA_COMMANDS
from kickoff_tui.tui.commands import (
    APP_BINDINGS,
    HOME_COMMANDS,
    WRAPUP_COMMANDS,
    home_bindings,
    wrapup_bindings,
)
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.screens.wrapup import WrapUpScreen

from .uihelpers import app_for, sample_session, wait_for

TUI = Path(__file__).resolve().parents[1] / "src" / "kickoff_tui" / "tui"


def _recording(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
               threads: list[tuple[str, bool]]) -> None:
    """Wrap ``owner.name`` so each call records whether it ran on the main (UI) thread."""
    original: Callable[..., Any] = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        threads.append((name, threading.current_thread() is threading.main_thread()))
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)


async def test_every_save_and_export_runs_off_the_ui_thread_but_the_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Autosave, ctrl+s, the wrap-up's save, its fsync'd JSON and Markdown, the clipboard file
    and Export all run in workers; only the save on the way out is on the UI thread."""
    from kickoff_tui.tui.screens import wrapup

    threads: list[tuple[str, bool]] = []
    _recording(monkeypatch, AutoSaver, "save", threads)
    _recording(monkeypatch, wrapup, "wrapup_export", threads)
    _recording(monkeypatch, wrapup, "export_files", threads)
    _recording(monkeypatch, wrapup, "copy_text", threads)
    out = tmp_path / "out"
    out.mkdir()
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session(), out_dir=out, clipboard_system=lambda text: None)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        agenda.query_one("#capture").value = "a: Send the SOW @dana"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Saved to" in str(agenda.query_one("#echo").render()))
        await pilot.press("ctrl+r")
        wrap = await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen)
                              and app.screen)
        await wait_for(pilot, lambda: any(name == "copy_text" for name, _ in threads))
        await pilot.press("ctrl+e")
        await wait_for(pilot, lambda: "Exported" in str(wrap.query_one("#wrapup-status")
                                                         .render()))
        during = list(threads)
        await pilot.press("ctrl+q")
    names = {name for name, _ in during}
    assert {"save", "wrapup_export", "export_files", "copy_text"} <= names
    on_ui = [name for name, main in during if main]
    assert not on_ui, f"disk writes on the UI thread: {on_ui}"
    # The way out saves on the UI thread, completely, before the process may end.
    assert any(main for name, main in threads[len(during):] if name == "save")
    assert Store(db).load(agenda.meeting.session.id).live("action")[0].text == "Send the SOW"


async def test_the_app_asks_its_controllers_which_meetings_are_open(tmp_path: Path) -> None:
    """The meeting outlives its screen (a closed browser tab, a crash): the App still knows it
    and saves it, without looking at the screen stack."""
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        controller = agenda.controller
        assert app.open_meetings() == [controller]
        agenda.query_one("#capture").value = "d: Ship on the existing platform"
        await pilot.press("enter")
        await wait_for(pilot, lambda: controller.meeting.session.live("decision"))
        assert app.save_all(every=True) == {}
        assert app.last_session is controller.meeting.session
        await pilot.press("ctrl+q")
    assert controller.closed
    stored = Store(db).load(controller.session_id)
    assert [d.text for d in stored.live("decision")] == ["Ship on the existing platform"]


async def test_the_controller_tells_every_screen_of_its_meeting(tmp_path: Path) -> None:
    """A message published by the controller reaches the agenda screen, which shows it."""
    db = tmp_path / "kickoff.json"
    app = app_for(db, sample_session())
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen)
        agenda.controller.set_next_step("Design review on Tuesday")
        await wait_for(pilot, lambda: "Next step: Design review"
                       in str(agenda.query_one("#echo").render()))
        agenda.controller.publish(messages.GoToSection("risks"))
        await wait_for(pilot, lambda: agenda.meeting.session.current_section.id == "risks")
        await pilot.press("ctrl+q")


def _keys(bindings: list[Any]) -> list[str]:
    return [key.strip() for binding in bindings for key in binding.key.split(",")]


def test_each_key_is_declared_once_per_screen() -> None:
    agenda = [k.strip() for c in AGENDA_COMMANDS for k in c.keys.split(",") if k.strip()]
    for keys in (agenda, _keys(home_bindings()), _keys(wrapup_bindings()), _keys(APP_BINDINGS)):
        assert len(keys) == len(set(keys)), keys
    assert len(HOME_COMMANDS) + 1 == len(home_bindings())
    assert len(WRAPUP_COMMANDS) + 1 == len(wrapup_bindings())
    # PageUp / PageDown (a presentation remote) are bound in the command table and nowhere else.
    for path in TUI.rglob("*.py"):
        if path.name not in ("commands.py", "agenda_commands.py"):
            text = path.read_text(encoding="utf-8").lower()
            assert not re.search(r"[\"'](page_?up|page_?down)[\"',]", text), path.name


def test_screens_reach_the_app_through_types_mypy_sees() -> None:
    """No ``type: ignore`` in the UI; the wrap-up does not import the agenda screen (it talks to
    it through the controller), and no screen probes another with ``getattr``."""
    for path in TUI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "type: ignore" not in text, path.name
        assert "screen_stack" not in text, path.name
        assert 'getattr(screen, "palette_commands"' not in text, path.name
    tree = ast.parse((TUI / "screens" / "wrapup.py").read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "kickoff_tui.tui.screens.agenda" not in imported
    for name in ("app.py", "screens/agenda.py"):
        lines = (TUI / name).read_text(encoding="utf-8").count("\n")
        assert lines < 500, f"{name}: {lines} lines"
