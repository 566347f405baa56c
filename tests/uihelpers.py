"""Helpers for driving the UI in tests: a controllable clock, and waiting on conditions."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from kickoff_tui.core.agenda import builtin_template, new_session
from kickoff_tui.core.models import Session
from kickoff_tui.tui.app import KickoffApp, Launch, make_app

TODAY = date(2026, 11, 26)  # a Thursday
WALL = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=1)))


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


async def wait_for(pilot: Any, condition: Callable[[], Any], timeout: float = 5.0) -> Any:
    """Let the app run until ``condition()`` is truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s: {condition}")
        await pilot.pause(0.02)
        await asyncio.sleep(0)


def shown_text(widget: Any, width: int = 120) -> str:
    """The text a Static shows, rendered as the terminal would (tables included)."""
    import io

    from rich.console import Console

    content = widget.content
    if isinstance(content, str):
        return content
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(content)
    return console.export_text()


def sample_session(title: str = "Apollo kick-off", **kwargs: Any) -> Session:
    """A new session on the built-in agenda with two attendees."""
    kwargs.setdefault("attendees", ["Dana Scully, PM", "Sam Lee, Tech lead, Acme"])
    return new_session(title, project="Apollo", template=builtin_template(), **kwargs)


def app_for(
    db: Path,
    session: Session | None = None,
    *,
    resume: str | None = None,
    clock: FakeClock | None = None,
    out_dir: Path | None = None,
    **options: Any,
) -> KickoffApp:
    """An app on the store ``db`` opening ``session`` (or resuming ``resume``), clocks frozen."""
    launch = Launch(new_session=session, resume_id=resume, out_dir=out_dir or db.parent)
    from kickoff_tui.core.export import WrittenFiles

    app = make_app(
        db,
        launch,
        today=lambda: TODAY,
        monotonic=clock or FakeClock(),
        wall_clock=lambda: WALL,
        **options,
    )
    # What the wrap-up wrote is remembered beside the test's files, not in the user's data.
    folder = db.parent if isinstance(db, Path) else launch.out_dir
    app.written_files = WrittenFiles(folder / "written-files.json")
    return app
