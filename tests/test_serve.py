"""``kickoff serve``: the token on every request, a seat over the websocket, a clean stop.

The server runs as the user runs it (``kickoff serve`` in its own process); the tests speak
HTTP and the websocket protocol of textual-serve to it with aiohttp's client, so they need no
browser (``test_browser.py`` drives a real one).
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.store import Store
from tests.servehelpers import Served, start_serve, stop


@pytest.fixture
def session_id(db: Path) -> str:
    session = new_session("Apollo kick-off")
    Store(db).save(session)
    return session.id


@pytest.fixture
def served(db: Path, session_id: str) -> Iterator[Served]:
    running = start_serve(db, session_id, "--port", "0")
    try:
        yield running
    finally:
        if running.proc.poll() is None:
            os.killpg(running.proc.pid, signal.SIGKILL)
            running.proc.wait(timeout=10)


async def _status(url: str, **headers: str) -> int:
    async with aiohttp.ClientSession() as client, client.get(url, headers=headers) as response:
        return response.status


async def _ws_status(url: str, cookies: dict[str, str] | None = None) -> int:
    async with aiohttp.ClientSession(cookies=cookies) as client:
        try:
            async with client.ws_connect(url):
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


@pytest.mark.terminal
async def test_every_request_without_the_token_is_refused(served: Served) -> None:
    base, token = served.base, served.url.split("token=", 1)[1]
    assert served.url.startswith("http://127.0.0.1:")
    assert len(token) >= 32
    for path in ("/", "/?token=guess", "/static/js/textual.js", "/static/", "/download/x",
                 "/nothing-here"):
        assert await _status(base + path) == 403, path
    assert await _status(base + "/", Cookie="kickoff_token=guess") == 403
    ws = base.replace("http:", "ws:") + "/ws"
    assert await _ws_status(ws) == 403
    assert await _ws_status(ws + "?token=guess") == 403
    assert await _ws_status(ws, cookies={"kickoff_token": "guess"}) == 403


@pytest.mark.terminal
async def test_the_token_opens_the_page_and_a_seat_that_writes_to_the_store(
    served: Served, db: Path, session_id: str
) -> None:
    # unsafe=True: aiohttp's client otherwise keeps no cookies for an IP address (browsers do).
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(served.url) as response:
            assert response.status == 200
            page = await response.text()
            assert "Kickoff · Apollo kick-off" in page
        # The cookie set by the page now lets its script, styles and websocket through.
        async with client.get(served.base + "/static/js/textual.js") as response:
            assert response.status == 200
        ws_url = served.base.replace("http:", "ws:") + "/ws?width=120&height=36"
        async with client.ws_connect(ws_url) as ws:
            screen = await _read_until(ws, "Objectives", timeout=30)
            assert "Apollo kick-off" in screen
            await ws.send_str(json.dumps(["stdin", "d: Ship from the browser seat\r"]))
            await _wait_stored(db, session_id, "Ship from the browser seat")
            await _read_until(ws, "Ship from the browser seat", timeout=10)
    # The tab closed: its seat leaves (its heartbeat file goes) and the item stays.
    seats = db.with_name(db.name + ".seats") / session_id
    deadline = time.monotonic() + 15
    while seats.exists() and any(not p.name.startswith(".") for p in seats.iterdir()):
        assert time.monotonic() < deadline, f"seat still present: {list(seats.iterdir())}"
        await asyncio.sleep(0.1)
    item = next(i for i in Store(db).load(session_id).items if i.type == "decision")
    assert item.seat_id.startswith("web-")


@pytest.mark.terminal
async def test_a_tab_closed_right_after_enter_keeps_the_line(
    served: Served, db: Path, session_id: str
) -> None:
    """Closing the tab ends the seat's app at once; what was just entered is saved first."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
        async with client.get(served.url) as response:
            assert response.status == 200
        ws_url = served.base.replace("http:", "ws:") + "/ws?width=120&height=36"
        async with client.ws_connect(ws_url) as ws:
            await _read_until(ws, "Objectives", timeout=30)
            await ws.send_str(json.dumps(["stdin", "a: Send the SOW @dana"]))
            await _read_until(ws, "Send the SOW", timeout=10)
            await ws.send_str(json.dumps(["stdin", "\r"]))
            await _read_until(ws, "Action", timeout=10)
        # The tab is gone within a frame of the Enter, before the autosave's own moment.
    await _wait_stored(db, session_id, "Send the SOW")


async def _read_until(ws: aiohttp.ClientWebSocketResponse, needle: str, timeout: float) -> str:
    """Read the terminal stream from the seat until ``needle`` has been drawn."""
    seen = ""
    deadline = time.monotonic() + timeout
    while needle not in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", seen):
        left = deadline - time.monotonic()
        assert left > 0, f"{needle!r} not drawn; got {seen[-500:]!r}"
        message = await ws.receive(timeout=left)
        if message.type == aiohttp.WSMsgType.BINARY:
            seen += message.data.decode("utf-8", "replace")
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            raise AssertionError(f"seat closed before {needle!r}: {seen[-500:]!r}")
    return seen


async def _wait_stored(db: Path, session_id: str, text: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while True:
        texts = [getattr(i, "text", "") for i in Store(db).load(session_id).items]
        if text in texts:
            return
        assert time.monotonic() < deadline, f"{text!r} not stored: {texts}"
        await asyncio.sleep(0.1)


@pytest.mark.terminal
def test_ctrl_c_stops_cleanly_with_one_line(served: Served) -> None:
    assert "Only this machine can open it" in "\n".join(served.lines)
    code, rest = stop(served)
    assert code == 0
    lines = [line for line in rest.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("kickoff serve: stopped"), rest
    assert "Traceback" not in rest


@pytest.mark.terminal
def test_a_network_address_is_said_plainly(db: Path, session_id: str) -> None:
    served = start_serve(db, "latest", "--host", "0.0.0.0", "--port", "0")
    try:
        text = "\n".join(served.lines)
        assert "reachable from the network" in text
        assert "127.0.0.1" not in served.url
    finally:
        stop(served)


@pytest.mark.terminal
def test_mistakes_are_one_line(db: Path, session_id: str) -> None:
    env = {**os.environ, "KICKOFF_DB": str(db)}
    missing = subprocess.run([sys.executable, "-m", "kickoff_tui", "serve", "nosuchid"],
                             capture_output=True, text=True, env=env, timeout=30)
    assert missing.returncode != 0 and missing.stderr.count("\n") == 1
    served = start_serve(db, session_id, "--port", "0")
    try:
        port = served.base.rsplit(":", 1)[1]
        busy = subprocess.run([sys.executable, "-m", "kickoff_tui", "serve", "--port", port],
                              capture_output=True, text=True, env=env, timeout=30)
        assert busy.returncode != 0
        assert busy.stderr.startswith(f"kickoff: cannot listen on 127.0.0.1:{port}")
        assert busy.stderr.count("\n") == 1 and "Traceback" not in busy.stderr
    finally:
        stop(served)


@pytest.mark.cli
def test_the_core_and_the_terminal_app_never_load_the_web_server() -> None:
    """textual-serve and aiohttp come in only with `kickoff serve`."""
    code = (
        "import pkgutil, importlib, sys, kickoff_tui.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'kickoff_tui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import kickoff_tui.tui.app, kickoff_tui.tui.screens.agenda, kickoff_tui.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('aiohttp', 'textual_serve') or m == 'kickoff_tui.serve'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
