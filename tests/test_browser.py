"""A note-taker in a real browser, a facilitator in a real terminal, one meeting.

Headless Chromium (Debian's ``chromium``; ``KICKOFF_CHROMIUM`` names another) is driven by
Playwright for Python, which only drives it (no browser download). The browser draws the
terminal on a canvas, so what it shows is read from the very websocket frames it draws from.
Where no browser can be had these tests are skipped with the reason in the output; with
``KICKOFF_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails them instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.store import Store
from tests.ptyhelpers import PtyApp, kickoff_command, strip_ansi
from tests.servehelpers import Served, start_serve, stop

pytestmark = pytest.mark.browser


def _chromium() -> str | None:
    named = os.environ.get("KICKOFF_CHROMIUM", "").strip()
    if named:
        return named if os.access(named, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _no_browser(reason: str) -> None:
    if os.environ.get("KICKOFF_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(f"no browser: {reason}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium, or a visible skip saying why there is none."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _no_browser("playwright is not installed (pip install '.[test]')")
    executable = _chromium()
    if executable is None:
        _no_browser("no chromium on PATH (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True,
                args=["--no-sandbox", "--disable-dev-shm-usage"],  # as root, in a container
            )
        except Error as error:
            _no_browser(f"{executable} did not start: {str(error).splitlines()[0]}")
        yield chromium
        chromium.close()


class Tab:
    """A browser tab on the served meeting, and what its terminal was sent to draw."""

    def __init__(self, browser: Any, url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self._frames: list[str] = []
        self.page.on("websocket", self._watch)
        self.response = self.page.goto(url)

    def _watch(self, socket: Any) -> None:
        def received(payload: str | bytes) -> None:
            data = payload.encode() if isinstance(payload, str) else payload
            self._frames.append(data.decode("utf-8", "replace"))

        socket.on("framereceived", received)

    def screen(self) -> str:
        """Everything drawn so far, escape sequences removed."""
        return strip_ansi("".join(self._frames))

    def wait_for(self, needle: str, timeout: float = 20) -> None:
        """Let the page run until ``needle`` has been drawn (with a deadline)."""
        deadline = time.monotonic() + timeout
        while needle not in self.screen():
            assert time.monotonic() < deadline, f"{needle!r} not drawn: {self.screen()[-800:]!r}"
            self.page.wait_for_timeout(50)

    def type_line(self, line: str) -> None:
        """Click into the terminal and type a line, then Enter, as a person would."""
        self.page.focus("textarea.xterm-helper-textarea")
        self.page.keyboard.type(line)
        self.page.keyboard.press("Enter")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def meeting(tmp_path: Path) -> tuple[Path, str]:
    db = tmp_path / "kickoff.json"
    session = new_session("Apollo kick-off")
    Store(db).save(session)
    return db, session.id


@pytest.fixture
def served(meeting: tuple[Path, str]) -> Iterator[Served]:
    db, session_id = meeting
    running = start_serve(db, session_id, "--port", "0")
    yield running
    if running.proc.poll() is None:
        stop(running)


@pytest.fixture
def open_tab(browser: Any) -> Iterator[Callable[[str], Tab]]:
    tabs: list[Tab] = []

    def opener(url: str) -> Tab:
        tabs.append(Tab(browser, url))
        return tabs[-1]

    yield opener
    for tab in tabs:
        tab.close()


def _terminal_seat(db: Path, session_id: str) -> PtyApp:
    seat = PtyApp(kickoff_command("resume", session_id), env={"KICKOFF_DB": str(db)})
    seat.wait_for("Objectives", timeout=30)
    return seat


def _stored_texts(db: Path, session_id: str) -> list[str]:
    return [getattr(i, "text", "") for i in Store(db).load(session_id).items]


def test_a_line_typed_in_the_browser_reaches_the_terminal_seat_and_the_store(
    meeting: tuple[Path, str], served: Served, open_tab: Callable[[str], Tab]
) -> None:
    db, session_id = meeting
    with _terminal_seat(db, session_id) as terminal:
        tab = open_tab(served.url)
        assert tab.response is not None and tab.response.status == 200
        tab.wait_for("Objectives & scope")
        mark = terminal.offset
        tab.type_line("d: We ship on the existing platform")
        tab.wait_for("We ship on the existing platform")
        terminal.wait_for("We ship on the existing platform", since=mark, timeout=10)
        deadline = time.monotonic() + 10
        while "We ship on the existing platform" not in _stored_texts(db, session_id):
            assert time.monotonic() < deadline, "not in the store"
            time.sleep(0.1)
        terminal.send(b"\x11")  # ctrl+q
        assert terminal.wait_exit() == 0
    code, out = stop(served)
    assert code == 0 and "stopped" in out
    kinds = [i.type for i in Store(db).load(session_id).live()
             if getattr(i, "text", "") == "We ship on the existing platform"]
    assert kinds == ["decision"]  # landed once, as a decision


def test_the_served_page_without_the_token_is_refused(
    served: Served, open_tab: Callable[[str], Tab]
) -> None:
    tab = open_tab(served.base + "/")
    assert tab.response is not None and tab.response.status == 403
    assert "token" in tab.page.content()
    guessed = open_tab(served.base + "/?token=" + "A" * 32)
    assert guessed.response is not None and guessed.response.status == 403


def test_the_facilitators_private_note_never_reaches_the_browser(
    meeting: tuple[Path, str], served: Served, open_tab: Callable[[str], Tab]
) -> None:
    db, session_id = meeting
    with _terminal_seat(db, session_id) as terminal:
        terminal.send(b"pn: Sam seems skeptical\r")
        terminal.wait_for("Sam seems skeptical", timeout=10)
        deadline = time.monotonic() + 10
        while "Sam seems skeptical" not in _stored_texts(db, session_id):
            assert time.monotonic() < deadline, "private note not stored"
            time.sleep(0.1)
        tab = open_tab(served.url)
        tab.wait_for("private note")
        tab.wait_for("2 seats")  # both seats counted in the header
        terminal.send(b"pn: Budget is soft\r")
        terminal.send(b"n: After the budget talk\r")
        # The public note came after the private one: once it is drawn in the browser, the
        # private one has been through that seat too.
        tab.wait_for("After the budget talk")
        screen = tab.screen()
        assert "Sam seems skeptical" not in screen and "Budget is soft" not in screen
        terminal.signal(signal.SIGTERM)
        terminal.wait_exit()
