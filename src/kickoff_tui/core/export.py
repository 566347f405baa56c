"""Writing the minutes and the session to files: the wrap-up pair and ``kickoff export``.

Meeting notes are confidential, so every file is created readable by its owner only (0600).
The wrap-up pair is never written over an existing file: ``2026-11-26-apollo.json`` and
``.md`` become ``-2``, ``-3``... together, so a JSON file and its minutes always share a name.
Failures surface as one :class:`ExportError` with a one-line message the UI and the CLI can
show as is.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

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

#: Owner read/write only: the minutes may hold anything said in the call.
FILE_MODE = 0o600
#: The longest slug :func:`slugify` makes (file names stay readable in a listing).
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


def slugify(title: str, max_len: int = SLUG_MAX) -> str:
    """A file-name-safe form of a title: ASCII, lowercase, hyphens, never empty.

    Accents are folded (``Café`` -> ``cafe``), anything else that is not a letter or digit
    becomes a hyphen, and a long title is cut at a hyphen so no word is left half.

    >>> slugify("Apollo: Kick-off (Phase 2)!")
    'apollo-kick-off-phase-2'
    """
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[:max_len]
        # Cut at the last hyphen unless that would throw most of the slug away.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2:] else cut
        slug = slug.strip("-")
    return slug or "session"


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

    The text goes to a temporary file beside the target first, then ``os.replace`` puts it in
    place, so a reader never sees half a file and a crash leaves the old file whole.

    Raises:
        ExportError: the folder is missing or not writable, the disk is full...
    """
    folder = path.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise ExportError(f"Cannot write to {folder}: {_reason(error)}") from None
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)  # mkstemp makes 0600 already; say so explicitly
        try:
            _write_fd(fd, text)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise ExportError(f"Cannot write {path}: {_reason(error)}") from None


def csv_paths(dest: Path) -> tuple[Path, Path]:
    """Where the CSV export of ``dest`` goes: ``<stem>-actions.csv`` and ``<stem>-raid.csv``."""
    stem = dest.stem if dest.suffix.lower() == ".csv" else dest.name
    return dest.with_name(f"{stem}-actions.csv"), dest.with_name(f"{stem}-raid.csv")


def export_files(session: Session, fmt: str, dest: Path) -> list[Path]:
    """Write a session in ``fmt`` to ``dest`` (what ``kickoff export -o FILE`` does).

    ``csv`` writes two files, ``<stem>-actions.csv`` and ``<stem>-raid.csv``; any other
    format writes ``dest`` itself. The user named the file, so an existing one is replaced,
    atomically; every file is created with mode 0600.

    Returns:
        The paths written.

    Raises:
        ValueError: ``fmt`` is not one of ``FORMATS``.
        ExportError: a file could not be written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r} (choose from {', '.join(FORMATS)})")
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
    return f"{today.isoformat()}-{slugify(session.title)}"


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
    if fmt not in FORMATS:
        raise ValueError(f"unknown minutes format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not out_dir.is_dir():
        raise ExportError(f"Cannot write the minutes: {out_dir} is not a folder")
    base = out_dir / f"{default_name(session, today)}{EXTENSIONS[fmt]}"
    for n in range(1, MAX_SUFFIX + 1):
        candidate = _numbered(base, n)
        taken = csv_paths(candidate) if fmt == "csv" else (candidate,)
        if not any(os.path.lexists(p) for p in taken):
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


def wrapup_export(session: Session, out_dir: Path, today: date) -> tuple[Path, Path]:
    """Write ``<date>-<slug>.json`` (the session) and ``.md`` (the minutes) into ``out_dir``.

    An existing file is never overwritten: both names take the first free suffix ``-2``,
    ``-3``... together. Files are created exclusively (``O_EXCL``) with mode 0600, so even a
    second seat wrapping up at the same moment cannot write over this one.

    Returns:
        ``(json_path, markdown_path)``.

    Raises:
        ExportError: the folder is missing or not writable, the disk is full...
    """
    stem = default_name(session, today)
    texts = (render_json(session), render_markdown(build_minutes(session)))
    if not out_dir.is_dir():
        raise ExportError(f"Cannot write the minutes: {out_dir} is not a folder")
    for n in range(1, MAX_SUFFIX + 1):
        name = stem if n == 1 else f"{stem}-{n}"
        json_path = out_dir / f"{name}{EXTENSIONS['json']}"
        md_path = out_dir / f"{name}{EXTENSIONS['md']}"
        if os.path.lexists(json_path) or os.path.lexists(md_path):
            continue  # the cheap check; O_EXCL below settles any race
        try:
            fds = _claim((json_path, md_path))
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
        return json_path, md_path
    raise ExportError(f"Cannot write the minutes: {MAX_SUFFIX} files named {stem} in {out_dir}")
