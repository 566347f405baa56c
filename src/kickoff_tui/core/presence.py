"""Seats: who is in the meeting right now, and what each seat keeps for itself.

A *seat* is one open window on a session: a terminal running ``kickoff resume`` or a browser
tab served by ``kickoff serve``. Two terminals of one user on one machine are two seats, and
so is every browser tab, so a seat is named by more than ``user@host``:

* a terminal seat by ``user@host`` and its terminal device (``sam@box~pts-3``): the same
  terminal reopening the meeting is the same seat again, and finds its private notes;
* a browser seat (no terminal: its keys come through a pipe) by a random ``web-…`` name;
* ``KICKOFF_SEAT`` names a seat explicitly (tests, scripted seats).

**Presence.** Each open seat keeps a small heartbeat file beside the store,
``<store>.seats/<session-id>/<seat>``, touched every second while the seat is open and
removed when it closes. The number of seats is the number of *fresh* files: a seat that
crashed stops touching its file and drops out after :data:`STALE_AFTER` seconds. The file
also says which agenda section the seat is on, so a note-taker can follow the facilitator
without anything being written to the session itself. A beat is one ``utime`` (a rewrite only
when the section changes); a count is one directory listing: cheap enough for every second.

**Seat settings** ("Hide private notes while sharing", "Follow the facilitator") are
remembered per seat in a small JSON file in the user's config folder.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import re
import secrets
import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Seconds without a beat after which a seat counts as gone (it crashed or was killed).
STALE_AFTER = 4.0
#: How often an open seat touches its heartbeat file (seconds).
BEAT_EVERY = 1.0
#: Heartbeat files older than this are removed by whoever counts (a crashed seat's leftovers).
FORGET_AFTER = 3600.0

#: Environment variable naming the seat explicitly.
SEAT_ENV = "KICKOFF_SEAT"
#: Environment variable saying what kind of seat this is ("browser" under ``kickoff serve``).
SEAT_KIND_ENV = "KICKOFF_SEAT_KIND"

TERMINAL = "terminal"
BROWSER = "browser"

#: What a private note shows on a seat that may not read it.
MASK = "private note"

_UNSAFE = re.compile(r"[^A-Za-z0-9._@+~-]+")


def _safe(name: str) -> str:
    """A seat name usable as a file name: odd characters become ``-``, 64 characters at most."""
    return _UNSAFE.sub("-", name).strip(".-")[:64] or "seat"


def user_at_host() -> str:
    """``user@host``: who is capturing, as items and history entries record it."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing over
        user = "someone"
    return f"{user}@{socket.gethostname()}"


def seat_kind(env: Mapping[str, str] = os.environ) -> str:
    """``"browser"`` for a seat served by ``kickoff serve``, else ``"terminal"``."""
    if env.get(SEAT_KIND_ENV, "").strip().lower() == BROWSER:
        return BROWSER
    return TERMINAL


def current_seat(env: Mapping[str, str] = os.environ, stdin_fd: int = 0) -> str:
    """This process's seat name (see the module docstring for the rules)."""
    explicit = env.get(SEAT_ENV, "").strip()
    if explicit:
        return _safe(explicit)
    if seat_kind(env) == BROWSER:
        return f"web-{secrets.token_hex(4)}"
    try:
        tty = os.ttyname(stdin_fd)
    except (OSError, ValueError):
        return _safe(f"{user_at_host()}~{secrets.token_hex(3)}")
    device = tty.removeprefix("/dev/").replace("/", "-")
    return _safe(f"{user_at_host()}~{device}")


def may_read(item: Any, seat: str, *, hide_own: bool = False) -> bool:
    """Whether ``seat`` may show this item's text.

    A private note is readable only on the seat that wrote it (and not even there while that
    seat hides its private notes for sharing its screen). A note from before seats were
    named carries no seat: it stays readable only where ``item.seat`` (``user@host``) matches.
    """
    if getattr(item, "type", "") != "note" or not getattr(item, "private", False):
        return True
    if hide_own:
        return False
    writer = getattr(item, "seat_id", "")
    if writer:
        return bool(writer == seat)
    return bool(item.seat) and seat.startswith(f"{item.seat}~")


@dataclass(frozen=True)
class SeatBeat:
    """One open seat as its heartbeat file tells it."""

    seat: str
    kind: str
    section: int | None
    age: float  # seconds since its last beat


class Presence:
    """This seat's heartbeat on one session, and the other seats' as seen from here.

    Args:
        store_path: the store's main file (the heartbeats live beside it).
        session_id: the session this seat has open.
        seat: this seat's name (:func:`current_seat`).
        kind: ``"terminal"`` or ``"browser"``.
        clock: wall clock (file times are wall-clock times); injectable for tests.
    """

    def __init__(
        self,
        store_path: Path,
        session_id: str,
        seat: str,
        kind: str = TERMINAL,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = seats_folder(store_path) / _safe(session_id)
        self.seat = seat
        self.kind = kind
        self.path = self.folder / _safe(seat)
        self._clock = clock
        self._written: int | None | str = "never"

    def beat(self, section: int | None = None) -> None:
        """Say "still here" (and on which section). Never raises: presence is best effort."""
        try:
            if self._written != section or not self.path.exists():
                self._write(section)
            else:
                now = self._clock()
                os.utime(self.path, (now, now))
        except OSError:
            self._written = "never"

    def _write(self, section: int | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        body = json.dumps({"seat": self.seat, "kind": self.kind, "section": section,
                           "pid": os.getpid()}).encode()
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, body)
        finally:
            os.close(fd)
        now = self._clock()
        os.utime(temporary, (now, now))
        os.replace(temporary, self.path)
        self._written = section

    def leave(self) -> None:
        """This seat closes: its file goes at once (the others count one fewer)."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            self.folder.rmdir()  # only when it was the last seat
        self._written = "never"

    def _fresh(self) -> list[tuple[Path, float]]:
        """(file, age) of every seat that beat within :data:`STALE_AFTER`; very old leftovers
        of crashed seats are removed on the way."""
        now = self._clock()
        fresh: list[tuple[Path, float]] = []
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return fresh
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                age = now - entry.stat().st_mtime
            except OSError:
                continue  # it left while we looked
            if age <= STALE_AFTER:
                fresh.append((Path(entry.path), age))
            elif age > FORGET_AFTER:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
        return fresh

    def count(self) -> int:
        """How many seats are open on the session (this one included once it has beaten)."""
        return len(self._fresh())

    def seats(self) -> list[SeatBeat]:
        """Every open seat, read from its heartbeat file."""
        seats: list[SeatBeat] = []
        for path, age in self._fresh():
            info = _read_beat(path)
            if info is not None:
                seats.append(SeatBeat(str(info.get("seat", path.name)), str(info.get("kind", "")),
                                      _section(info), age))
        return seats

    def section_of(self, seat: str) -> int | None:
        """The section another open seat is on, or ``None`` if it is not open (or unknown)."""
        if not seat:
            return None
        path = self.folder / _safe(seat)
        try:
            age = self._clock() - path.stat().st_mtime
        except OSError:
            return None
        if age > STALE_AFTER:
            return None
        info = _read_beat(path)
        return None if info is None else _section(info)


def seats_folder(store_path: Path) -> Path:
    """Where the heartbeat files of a store live: ``<store>.seats`` beside its main file."""
    return store_path.with_name(store_path.name + ".seats")


def _read_beat(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_bytes()[:4096])
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _section(info: dict[str, Any]) -> int | None:
    value = info.get("section")
    return value if isinstance(value, int) and value >= 0 else None


# -- settings remembered per seat -------------------------------------------------------------


@dataclass
class SeatSettings:
    """What one seat remembers between runs.

    Attributes:
        hide_private: hide this seat's own private notes too (its screen is being shared).
        follow: keep this seat's section in step with the facilitator's (``None``: the
            default for the seat's kind: on for a browser seat, off for a terminal).
    """

    hide_private: bool = False
    follow: bool | None = None

    def following(self, kind: str) -> bool:
        """Whether this seat follows the facilitator."""
        return self.follow if self.follow is not None else kind == BROWSER


def settings_file(config_folder: Path) -> Path:
    """The file keeping every seat's settings, in the user's config folder."""
    return config_folder / "seats.json"


def load_settings(path: Path, seat: str) -> SeatSettings:
    """One seat's settings (defaults when the file is missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        mine = data.get(seat, {}) if isinstance(data, dict) else {}
    except (OSError, ValueError):
        mine = {}
    if not isinstance(mine, dict):
        mine = {}
    follow = mine.get("follow")
    return SeatSettings(hide_private=mine.get("hide_private") is True,
                        follow=follow if isinstance(follow, bool) else None)


def save_settings(path: Path, seat: str, settings: SeatSettings) -> None:
    """Remember one seat's settings (the other seats' entries are kept).

    Raises:
        OSError: the config folder cannot be written.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data[seat] = {"hide_private": settings.hide_private, "follow": settings.follow}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temporary, path)


def as_seen_by(item: Any, seat: str, *, hide_own: bool = False) -> Any:
    """The item as ``seat`` may show it: itself, or a private note with its text masked."""
    if may_read(item, seat, hide_own=hide_own):
        return item
    return item.model_copy(update={"text": MASK})
