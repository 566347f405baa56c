"""The wrap-up of a long meeting comes up at once (PRODUCT.md: 10,000 items in under 500 ms).

The figure is the benchmark's (``wrapup_ms_10000``); these tests pin down how: the screen is
drawn before the minutes are written, the rendered preview is a bounded part of them, and
long minutes go into the source view only when it is shown.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Markdown, Static, TextArea

from kickoff_tui.tui.screens import wrapup
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.screens.wrapup import WrapUpScreen, preview_markdown

from .uihelpers import app_for, sample_session, wait_for


def test_the_preview_is_bounded_and_cut_at_a_line() -> None:
    source = "\n".join(f"- item number {n}" for n in range(10_000))
    shown = preview_markdown(source)
    assert len(shown) < wrapup.PREVIEW_CHARS + 100
    body, _, note = shown.partition("\n\n*The preview stops here")
    assert body.splitlines()[-1].startswith("- item number ")  # a whole line, not a cut one
    assert source.startswith(body)
    assert "ctrl+t shows the whole minutes" in note


async def test_long_minutes_fill_the_source_view_when_it_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wrapup, "SOURCE_NOW_CHARS", 10)  # these minutes count as long
    out = tmp_path / "out"
    out.mkdir()
    copied: list[str] = []
    app = app_for(tmp_path / "kickoff.json", sample_session(), out_dir=out,
                  clipboard_system=copied.append)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.press("ctrl+r")
        screen = await wait_for(pilot, lambda: isinstance(app.screen, WrapUpScreen)
                                and app.screen)
        status = screen.query_one("#wrapup-status", Static)
        await wait_for(pilot, lambda: "copied" in str(status.render()))
        area = screen.query_one("#preview", TextArea)
        assert area.text == ""  # not loaded while nobody looks at it
        assert not str(screen.query_one(Markdown).source).startswith("*Writing")
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: area.text)
        assert area.text == copied[0]  # the whole minutes, as copied and written


def test_preload_imports_in_the_background_and_never_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from kickoff_tui.tui.preload import preload

    (tmp_path / "kickoff_probe_module.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "kickoff_probe_module", raising=False)
    thread = preload("kickoff_no_such_module", "kickoff_probe_module", after=0.0)
    thread.join(timeout=10)
    assert not thread.is_alive() and thread.daemon
    assert sys.modules["kickoff_probe_module"].LOADED  # a missing one before it is skipped
