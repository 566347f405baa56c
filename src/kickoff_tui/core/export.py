"""Writing the minutes and the session to files: the wrap-up pair and ``kickoff export``.

Meeting notes are confidential, so every file is created readable by its owner only (0600),
and nothing private leaves the store: :func:`shareable` drops private notes and deleted items
from every file written here (``kickoff export --format json --include-private`` is the one
way out).

The wrap-up pair is never written over a file the user made or changed:
``2026-11-26-apollo.json`` and ``.md`` become ``-2``, ``-3``... together, so a JSON file and
its minutes always share a name. A file Kickoff wrote itself for the same session, and that
still holds exactly what was written (a hash is remembered in :class:`WrittenFiles`), is
replaced instead: re-running the wrap-up refreshes its files rather than adding copies.
Failures surface as one :class:`ExportError` with a one-line message the UI and the CLI can
show as is.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from kickoff_tui.core.atomic import FILE_MODE, atomic_write
from kickoff_tui.core.minutes import (
    EXTENSIONS,
    FORMATS,
    build_minutes,
    render,
    render_csv_actions,
    render_csv_raid,
    render_json,
    render_markdown,
)
from kickoff_tui.core.models import Session
from kickoff_tui.core.textutil import slugify

#: The longest slug of a title in a file name (file names stay readable in a listing).
SLUG_MAX = 50
#: How many ``-N`` suffixes the wrap-up tries before giving up (a sign of a wrong folder).
MAX_SUFFIX = 999

_EXCL_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


class ExportError(OSError):
    """Writing an export failed; ``str()`` is one line, fit to show the user as is.

    An :class:`OSError`, so a caller that already handles file errors handles this too.
    """


def _reason(error: OSError) -> str:
    """The short reason of an OS error ("Permission denied"), without errno noise."""
    return error.strerror or str(error) or type(error).__name__


def _create_private(path: Path) -> int:
    """Create ``path`` exclusively (never over an existing file) with mode 0600; return the fd."""
    fd = os.open(path, _EXCL_FLAGS, FILE_MODE)
    if hasattr(os, "fchmod"):  # the umask may have taken bits away: make it exactly 0600
        try:
            os.fchmod(fd, FILE_MODE)
        except OSError:
            os.close(fd)
            os.unlink(path)
            raise
    return fd


def _write_fd(fd: int, text: str) -> None:
    """Write all of ``text`` (UTF-8) to ``fd`` and flush it to disk; the caller closes it."""
    data = memoryview(text.encode("utf-8"))
    while data:
        written = os.write(fd, data)
        data = data[written:]
    os.fsync(fd)


def _close_all(fds: list[int]) -> None:
    for fd in fds:
        with contextlib.suppress(OSError):
            os.close(fd)


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _claim(paths: tuple[Path, ...]) -> list[int] | None:
    """Create every path exclusively; ``None`` (and nothing left behind) if one exists.

    Raises:
        OSError: anything but "it exists" (no such folder, permission denied...).
    """
    fds: list[int] = []
    created: list[Path] = []
    try:
        for path in paths:
            fds.append(_create_private(path))
            created.append(path)
    except FileExistsError:
        _close_all(fds)
        _unlink_all(created)
        return None
    except OSError:
        _close_all(fds)
        _unlink_all(created)
        raise
    return fds


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically with mode 0600, replacing any file there.

    The store's writer (:func:`~kickoff_tui.core.atomic.atomic_write`, without a ``.bak``):
    a temporary file beside the target, fsync'd, then ``os.replace``, so a reader never sees
    half a file and a crash leaves the old file whole.

    Raises:
        ExportError: the folder is missing or not writable, the disk is full...
    """
    try:
        atomic_write(path, text.encode("utf-8"), backup=False)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {_reason(error)}") from None


def csv_paths(dest: Path) -> tuple[Path, Path]:
    """Where the CSV export of ``dest`` goes: ``<stem>-actions.csv`` and ``<stem>-raid.csv``."""
    stem = dest.stem if dest.suffix.lower() == ".csv" else dest.name
    return dest.with_name(f"{stem}-actions.csv"), dest.with_name(f"{stem}-raid.csv")


def export_files(session: Session, fmt: str, dest: Path, *,
                 include_private: bool = False) -> list[Path]:
    """Write a session in ``fmt`` to ``dest`` (what ``kickoff export -o FILE`` does).

    ``csv`` writes two files, ``<stem>-actions.csv`` and ``<stem>-raid.csv``; any other
    format writes ``dest`` itself. The user named the file, so an existing one is replaced,
    atomically; every file is created with mode 0600. Private notes and deleted items are left
    out; ``include_private`` keeps private notes in the JSON (the one way to get them out).

    Returns:
        The paths written.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
        ExportError: a file could not be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r} (choose from {', '.join(FORMATS)})")
    session = shareable(session, include_private=include_private and fmt == "json")
    if fmt == "csv":
        minutes = build_minutes(session)
        actions_path, raid_path = csv_paths(dest)
        write_private(actions_path, render_csv_actions(minutes))
        write_private(raid_path, render_csv_raid(minutes))
        return [actions_path, raid_path]
    write_private(dest, render(session, fmt))
    return [dest]


def default_name(session: Session, today: date) -> str:
    """The stem of the wrap-up files: ``<date>-<slug of the title>``."""
    slug = slugify(session.title, max_len=SLUG_MAX, fallback="session")
    return f"{today.isoformat()}-{slug}"


def _numbered(path: Path, n: int) -> Path:
    """``path`` itself for 1, else ``name-N.ext`` beside it."""
    return path if n == 1 else path.with_name(f"{path.stem}-{n}{path.suffix}")


def unique_path(out_dir: Path, session: Session, fmt: str, today: date) -> Path:
    """The first free ``<date>-<slug>[-N].<ext>`` in ``out_dir`` for a format.

    For ``csv`` the name is free when neither ``-actions.csv`` nor ``-raid.csv`` made from it
    exists (see :func:`csv_paths`). Nothing is created: write with :func:`export_files` or
    :func:`write_new`, which still refuse to write over a file that appeared meanwhile.

    Raises:
        ExportError: ``out_dir`` is not a folder, or every suffix is taken.
        ValueError: ``fmt`` is not one of ``FORMATS``.
    """
    return _first_name(out_dir, session, fmt, today, lambda path: not os.path.lexists(path))


def _first_name(out_dir: Path, session: Session, fmt: str, today: date,
                usable: Callable[[Path], bool]) -> Path:
    """The first ``<date>-<slug>[-N].<ext>`` in ``out_dir`` whose every file is ``usable``
    (for ``csv``, both names :func:`csv_paths` makes of it)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not out_dir.is_dir():
        raise ExportError(f"Cannot write the minutes: {out_dir} is not a folder")
    base = out_dir / f"{default_name(session, today)}{EXTENSIONS[fmt]}"
    for n in range(1, MAX_SUFFIX + 1):
        candidate = _numbered(base, n)
        taken = csv_paths(candidate) if fmt == "csv" else (candidate,)
        if all(usable(path) for path in taken):
            return candidate
    raise ExportError(
        f"Cannot write the minutes: {MAX_SUFFIX} files named {base.stem} in {out_dir}"
    )


def write_new(path: Path, text: str) -> Path:
    """Write ``text`` to a new file at ``path`` (mode 0600), never over an existing one.

    When ``path`` exists the first free ``name-2.ext``, ``name-3.ext``... is used instead.

    Returns:
        The path written.

    Raises:
        ExportError: the folder is missing or not writable, the disk is full...
    """
    for n in range(1, MAX_SUFFIX + 1):
        candidate = _numbered(path, n)
        try:
            fds = _claim((candidate,))
        except OSError as error:
            raise ExportError(f"Cannot write {candidate}: {_reason(error)}") from None
        if fds is None:
            continue
        failure: OSError | None = None
        try:
            _write_fd(fds[0], text)
        except OSError as error:
            failure = error
        finally:
            _close_all(fds)
        if failure is not None:
            _unlink_all([candidate])
            raise ExportError(f"Cannot write {candidate}: {_reason(failure)}")
        return candidate
    raise ExportError(f"Cannot write {path}: {MAX_SUFFIX} files of that name exist")


def shareable(session: Session, *, include_private: bool = False) -> Session:
    """The session as it may leave the store: no deleted items, no private notes.

    Args:
        include_private: keep private notes (``kickoff export --format json
            --include-private``, the one way to get them out). Deleted items never leave.
    """
    items = [
        item for item in session.items
        if not item.deleted and (include_private or not getattr(item, "private", False))
    ]
    if len(items) == len(session.items):
        return session
    return session.model_copy(update={"items": items})


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class WrittenFiles:
    """The files Kickoff wrote for a session, with a hash of what it wrote.

    Kept in a small JSON file (mode 0600) in the data folder. A file is Kickoff's own, and may
    be replaced, only while it holds exactly what was written for that same session: a file
    the user edited, or one written for another session of the same title, is never touched.

    Args:
        path: the registry file; ``None``: ``written-files.json`` in the data folder.
    """

    #: Entries kept at most (the oldest are dropped first).
    LIMIT = 500

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from kickoff_tui.core.paths import data_dir

            path = data_dir() / "written-files.json"
        self.path = path

    def _load(self) -> dict[str, dict[str, object]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def is_own(self, file: Path, session_id: str) -> bool:
        """Whether ``file`` was written by Kickoff for ``session_id`` and is unchanged since."""
        entry = self._load().get(str(file.absolute()))
        if not isinstance(entry, dict) or entry.get("session") != session_id:
            return False
        try:
            return _digest(file.read_bytes()) == entry.get("sha256")
        except OSError:
            return False

    def usable(self, file: Path, session_id: str) -> bool:
        """Whether ``file`` may be written: nothing is there, or it is Kickoff's own."""
        return not os.path.lexists(file) or self.is_own(file, session_id)

    def record(self, files: dict[Path, str | bytes], session_id: str) -> None:
        """Remember what was just written, as text (UTF-8) or the file's bytes (best effort:
        a failure here loses no data)."""
        data = self._load()
        for file, text in files.items():
            key = str(file.absolute())
            data.pop(key, None)
            raw = text.encode("utf-8") if isinstance(text, str) else text
            data[key] = {"session": session_id, "sha256": _digest(raw), "at": time.time()}
        if len(data) > self.LIMIT:
            data = dict(list(data.items())[-self.LIMIT:])
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_private(self.path, json.dumps(data, indent=1))


def own_target(out_dir: Path, session: Session, fmt: str, today: date,
               registry: WrittenFiles | None) -> Path:
    """``<date>-<slug>[-N].<ext>`` in ``out_dir``: the first name that is free or Kickoff's own
    file for this session (which is then replaced, not copied to a ``-2``).

    Raises:
        ExportError: ``out_dir`` is not a folder, or every suffix is taken.
    """
    if registry is None:
        return unique_path(out_dir, session, fmt, today)
    return _first_name(out_dir, session, fmt, today,
                       lambda path: registry.usable(path, session.id))


def wrapup_export(session: Session, out_dir: Path, today: date,
                  registry: WrittenFiles | None = None, *,
                  markdown: str | None = None) -> tuple[Path, Path]:
    """Write ``<date>-<slug>.json`` (the session) and ``.md`` (the minutes) into ``out_dir``.

    Private notes and deleted items are left out of both (see :func:`shareable`). A file the
    user made or changed is never overwritten: both names take the first free suffix ``-2``,
    ``-3``... together. New files are created exclusively (``O_EXCL``) with mode 0600, so even a
    second seat wrapping up at the same moment cannot write over this one. With a
    ``registry``, the pair Kickoff wrote earlier for this session (unchanged since) is
    replaced atomically instead, so a second wrap-up refreshes the files.

    Args:
        markdown: the session's Markdown minutes when the caller has them already (the
            wrap-up copies the same text: ``minutes.render(session, "md")``, which leaves out
            private notes and deleted items itself); rendered here otherwise.

    Returns:
        ``(json_path, markdown_path)``.

    Raises:
        ExportError: the folder is missing or not writable, the disk is full...
    """
    stem = default_name(session, today)
    public = shareable(session)
    if markdown is None:
        markdown = render_markdown(build_minutes(public))
    texts = (render_json(public), markdown)
    if not out_dir.is_dir():
        raise ExportError(f"Cannot write the minutes: {out_dir} is not a folder")
    for n in range(1, MAX_SUFFIX + 1):
        name = stem if n == 1 else f"{stem}-{n}"
        json_path = out_dir / f"{name}{EXTENSIONS['json']}"
        md_path = out_dir / f"{name}{EXTENSIONS['md']}"
        pair = (json_path, md_path)
        if registry is not None and any(os.path.lexists(p) for p in pair) and all(
            registry.usable(p, session.id) for p in pair
        ):
            for path, text in zip(pair, texts, strict=True):
                try:
                    write_private(path, text)
                except ExportError as error:
                    raise ExportError(f"Cannot write the minutes to {out_dir}: "
                                      f"{str(error).rsplit(': ', 1)[-1]}") from None
            registry.record(dict(zip(pair, texts, strict=True)), session.id)
            return json_path, md_path
        if os.path.lexists(json_path) or os.path.lexists(md_path):
            continue  # the cheap check; O_EXCL below settles any race
        try:
            fds = _claim(pair)
        except OSError as error:
            raise ExportError(f"Cannot write the minutes to {out_dir}: {_reason(error)}") from None
        if fds is None:
            continue
        failure: OSError | None = None
        try:
            for fd, text in zip(fds, texts, strict=True):
                _write_fd(fd, text)
        except OSError as error:
            failure = error
        finally:
            _close_all(fds)  # before any unlink: Windows cannot remove an open file
        if failure is not None:
            _unlink_all([json_path, md_path])  # never leave half a pair behind
            raise ExportError(f"Cannot write the minutes to {out_dir}: {_reason(failure)}")
        if registry is not None:
            registry.record(dict(zip(pair, texts, strict=True)), session.id)
        return json_path, md_path
    raise ExportError(f"Cannot write the minutes: {MAX_SUFFIX} files named {stem} in {out_dir}")
