"""``kickoff serve``: browser seats on a meeting, served by textual-serve behind a token.

Every browser tab that opens the served page starts its own ``kickoff resume ID`` (same store,
same merge rules as a second terminal) through textual-serve, which runs the app command in a
subprocess per tab and relays the terminal over a websocket.

**The token.** textual-serve has no hook for authentication, but its ``Server`` exposes the
request handlers (``handle_index``, ``handle_websocket``, ``handle_download``) and where its
page lives (``templates_path``, ``statics_path``). So this module builds the aiohttp
application itself, from those public parts, with one middleware in front of every route:
a request is served only with the token, given once in the URL (``/?token=…``) and then kept
by the browser in a ``SameSite=Strict``, ``HttpOnly`` cookie, so the page's scripts, styles
and websocket (which textual-serve addresses without the token) carry it too. Anything else
gets 403, the websocket included, before textual-serve starts a process. The alternative,
a proxy in front of textual-serve on another port, would add a hop to every keystroke and a
second server to stop; a middleware adds a comparison.

This module imports aiohttp and textual-serve; nothing in the core imports it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import os
import secrets
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.server import Server

from kickoff_tui.core.presence import BROWSER, SEAT_KIND_ENV

#: The query parameter and cookie that carry the token.
TOKEN_PARAM = "token"
COOKIE = "kickoff_token"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def seat_command(db: Path, session_id: str, out_dir: Path | None = None) -> str:
    """The shell command each browser tab runs: ``kickoff resume ID`` on the same store."""
    argv = [sys.executable, "-m", "kickoff_tui", "--db", str(db)]
    if out_dir is not None:
        argv += ["--out", str(out_dir)]
    argv += ["resume", session_id]
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    """A host as it can be typed into a browser on another machine."""
    if host in ("", "0.0.0.0", "::"):
        # A wildcard address: name this machine by the address others reach it on.
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
                probe.connect(("192.0.2.1", 9))  # no packet is sent: it only picks a route
                return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()
    return f"[{host}]" if ":" in host else host


class SeatServer:
    """textual-serve's handlers behind a token check.

    Args:
        command: the shell command each tab runs (:func:`seat_command`).
        host: address to listen on.
        port: port to listen on (0: any free port).
        title: the page title.
        token: the secret (random when not given).
    """

    def __init__(self, command: str, host: str = "127.0.0.1", port: int = 8765,
                 title: str = "Kickoff", token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(24)
        self.host = host
        self.port = port
        self.server = Server(command, host=host, port=port, title=title)
        self._sockets: set[asyncio.Task[object]] = set()

    def url(self, port: int | None = None) -> str:
        """The URL to open, token included."""
        return f"http://{_url_host(self.host)}:{port or self.port}/?{TOKEN_PARAM}={self.token}"

    def _has_token(self, request: web.Request) -> bool:
        given = request.query.get(TOKEN_PARAM) or request.cookies.get(COOKIE) or ""
        return secrets.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def _require_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse (403) every request without the token; remember a good one in a cookie."""
        if not self._has_token(request):
            return web.Response(status=403, text="403: this meeting needs the URL with its token "
                                "(printed by `kickoff serve`).\n")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin and origin.split("://", 1)[-1] != request.host:
            # A page of another site cannot drive a seat, even in a browser that has the cookie.
            return web.Response(status=403, text="403: websocket from another site.\n")
        response = await handler(request)
        if request.query.get(TOKEN_PARAM) and not response.prepared:
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict", path="/")
        return response

    async def _index(self, request: web.Request) -> web.StreamResponse:
        # textual-serve writes absolute URLs from ``public_url`` into the page; use the address
        # this browser reached us on, so that its cookie goes with every later request. The
        # handler reads it before its first await, so concurrent tabs cannot mix them up.
        self.server.public_url = f"{request.scheme}://{request.host}"
        return await self.server.handle_index(request)

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        task = asyncio.current_task()
        assert task is not None
        self._sockets.add(task)
        try:
            return await self.server.handle_websocket(request)
        finally:
            self._sockets.discard(task)

    def application(self) -> web.Application:
        """The aiohttp application: textual-serve's routes, every one behind the token."""
        app = web.Application(middlewares=[self._require_token])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.server.templates_path))
        # Route names are the ones textual-serve's page handler looks up.
        app.add_routes([
            web.get("/", self._index, name="index"),
            web.get("/ws", self._websocket, name="websocket"),
            web.get("/download/{key}", self.server.handle_download, name="download"),
            web.static("/static", self.server.statics_path, name="static"),
        ])
        app.on_shutdown.append(self._close_seats)
        return app

    async def _close_seats(self, _app: web.Application) -> None:
        """On the way out, end every browser seat (each app saves as it exits)."""
        for task in list(self._sockets):
            task.cancel()
        if self._sockets:
            await asyncio.wait(list(self._sockets), timeout=10)

    @property
    def seats(self) -> int:
        """How many browser seats are connected now."""
        return len(self._sockets)


async def _serve(seats: SeatServer, say: Callable[[str], None]) -> None:
    """Listen until SIGINT or SIGTERM, then close every seat and stop."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(seats.application(), handle_signals=False, access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, seats.host, seats.port)
        await site.start()
        port = seats.port or int(runner.addresses[0][1])  # port 0: the one the OS chose
        say(f"Serving this meeting to browsers at {seats.url(port)}")
        if is_loopback(seats.host):
            say("Only this machine can open it. Every browser tab is a seat; ctrl+c stops.")
        else:
            say(f"The meeting is reachable from the network on {seats.host}:{port}: anyone "
                "with this URL can read and write it. Every browser tab is a seat; ctrl+c stops.")
        await stop.wait()
        count = seats.seats
    finally:
        await runner.cleanup()
    say(f"kickoff serve: stopped ({count} browser seat(s) closed; what they captured is saved).")


def serve(db: Path, session_id: str, title: str, *, host: str = "127.0.0.1", port: int = 8765,
          out_dir: Path | None = None, say: Callable[[str], None] = print,
          token: str | None = None) -> None:
    """Serve browser seats on one session until ctrl+c.

    Raises:
        OSError: the address cannot be listened on (in use, not this machine's).
    """
    os.environ[SEAT_KIND_ENV] = BROWSER  # every tab's app knows it is a browser seat
    seats = SeatServer(seat_command(db, session_id, out_dir), host, port,
                       title=f"Kickoff · {title}", token=token)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(seats, say))

