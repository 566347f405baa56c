"""Crash-safe file writing for the store: temporary file, fsync, backup, ``os.replace``.

A file written by :func:`atomic_write` is, at every instant, either its old complete
content or its new complete content, never a mix, whatever happens to the process
(``kill -9``) or the machine (power cut after the final directory fsync). The steps:

1. serialise first (the caller hands us bytes), so a serialisation error touches nothing;
2. write the bytes to ``.<name>.<pid>.<random>.tmp`` in the same folder (same filesystem,
   so the final rename is atomic), created with mode 0600 because meeting notes are
   confidential, then ``fsync`` it;
3. keep the previous version as ``<name>.bak`` (a hard link to the old inode, so it costs
   no copy; a copy where the filesystem has no hard links);
4. ``os.replace`` the temporary file over the target;
5. ``fsync`` the folder, so the rename itself survives a power cut.

Every system call that can fail because of the disk goes through a :class:`FileOps`
object, so tests can inject ``ENOSPC`` or ``EIO`` at any step and check that the old file
is left intact.

This module never imports Textual.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from pathlib import Path
from typing import NamedTuple

#: Mode of every file the store writes: owner read/write only.
FILE_MODE = 0o600
#: Mode of the folders the store creates.
DIR_MODE = 0o700
#: Suffix of the previous good version kept beside a file.
BAK_SUFFIX = ".bak"
#: Suffix of temporary files; stale ones (from a killed writer) are removed under the lock.
TMP_SUFFIX = ".tmp"

# Errors from fsync on a directory that only mean "this filesystem cannot do that";
# they are not a failed save.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES}
# Errors from os.link that mean "no hard links here": fall back to a copy.
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS}


class FileSig(NamedTuple):
    """What identifies one version of a file cheaply, without reading it.

    Every write replaces the file with a new inode, so a changed ``(mtime, size, inode)``
    means somebody else wrote it since we last looked.
    """

    mtime_ns: int
    size: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileSig:
        """The signature of a ``stat`` result."""
        return cls(st.st_mtime_ns, st.st_size, st.st_ino)


class FileOps:
    """The system calls behind a save, in one object so tests can make any of them fail.

    Subclass it and raise ``OSError(errno.ENOSPC, ...)`` from a method to simulate a full
    disk at that step.
    """

    def open(self, path: Path, flags: int, mode: int) -> int:
        """Open a file descriptor (``os.open``)."""
        return os.open(path, flags, mode)

    def write(self, fd: int, data: memoryview) -> int:
        """Write some bytes; returns how many were written (``os.write``)."""
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        """Flush a file's data to the disk (``os.fsync``)."""
        os.fsync(fd)

    def replace(self, src: Path, dst: Path) -> None:
        """Atomically rename ``src`` over ``dst`` (``os.replace``)."""
        os.replace(src, dst)

    def link(self, src: Path, dst: Path) -> None:
        """Make a hard link (``os.link``)."""
        os.link(src, dst)

    def fsync_dir(self, folder: Path) -> None:
        """Flush a folder's entries (the renames in it) to the disk."""
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        except OSError as err:
            if err.errno not in _DIR_FSYNC_UNSUPPORTED:
                raise
        finally:
            os.close(fd)


def stat_sig(path: Path) -> FileSig | None:
    """The signature of ``path``, or ``None`` if it does not exist."""
    try:
        return FileSig.of(os.stat(path))
    except FileNotFoundError:
        return None


def read_bytes(path: Path) -> tuple[bytes, FileSig]:
    """Read a whole file and the signature of exactly the version read.

    The signature comes from ``fstat`` on the open descriptor, so it describes the bytes
    returned even if the file is replaced a moment later.

    Raises:
        FileNotFoundError: the file does not exist.
    """
    with open(path, "rb") as handle:
        sig = FileSig.of(os.fstat(handle.fileno()))
        return handle.read(), sig


def temp_path(target: Path, tag: str = "") -> Path:
    """A fresh temporary name beside ``target`` (hidden, ends in ``.tmp``)."""
    return target.with_name(
        f".{target.name}{tag}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}"
    )


def bak_path(target: Path) -> Path:
    """Where the previous good version of ``target`` is kept."""
    return target.with_name(target.name + BAK_SUFFIX)


def _write_new(path: Path, data: bytes, ops: FileOps) -> FileSig:
    """Create ``path`` (must not exist) with mode 0600, write ``data`` and fsync it."""
    fd = ops.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        # The umask may have removed bits but never adds any; fchmod makes 0600 exact.
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = ops.write(fd, view)
            view = view[written:]
        ops.fsync(fd)
        return FileSig.of(os.fstat(fd))
    finally:
        os.close(fd)


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _keep_backup(target: Path, ops: FileOps) -> None:
    """Make ``<target>.bak`` the current version of ``target`` (if there is one)."""
    bak = bak_path(target)
    tmp = temp_path(target, BAK_SUFFIX)
    try:
        try:
            ops.link(target, tmp)
        except FileNotFoundError:
            return  # nothing to back up: first write
        except OSError as err:
            if err.errno not in _NO_HARD_LINKS:
                raise
            # No hard links on this filesystem: a copy keeps the same guarantee.
            data, _ = read_bytes(target)
            _write_new(tmp, data, ops)
        # The old file may predate us (another tool, or an old Kickoff) with a wider mode.
        os.chmod(tmp, FILE_MODE)
        ops.replace(tmp, bak)
    except BaseException:
        _unlink_quietly(tmp)
        raise


def atomic_write(
    target: Path, data: bytes, ops: FileOps | None = None, *, backup: bool = True
) -> FileSig:
    """Replace ``target`` with ``data`` atomically, keeping the old version as ``.bak``.

    Args:
        target: the file to write; its folder must exist.
        data: the complete new content, already serialised.
        ops: the system calls to use (tests inject faults here).
        backup: keep the old version as ``.bak`` (caches that can be rebuilt need none).

    Returns:
        The signature of the file now at ``target``.

    Raises:
        OSError: a step failed. If it was any step up to the rename, ``target`` is exactly
            as it was before the call and no temporary file is left behind; if only the
            final folder fsync failed, the new content is in place but may not survive a
            power cut, and the caller is told so that it saves again.
    """
    ops = ops or FileOps()
    tmp = temp_path(target)
    try:
        sig = _write_new(tmp, data, ops)
        if backup:
            _keep_backup(target, ops)
        ops.replace(tmp, target)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    ops.fsync_dir(target.parent)
    return sig


def set_aside(path: Path, label: str = "damaged") -> Path:
    """Rename ``path`` to ``<path>.<label>-<UTC timestamp>`` and return the new name.

    Used for damaged files: they are never overwritten or deleted, only moved out of the
    way, so whatever they still hold can be recovered by hand.
    """
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    candidate = path.with_name(f"{path.name}.{label}-{stamp}")
    counter = 1
    # Two damaged versions within one second must not overwrite each other.
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{stamp}-{counter}")
        counter += 1
    os.rename(path, candidate)
    with contextlib.suppress(OSError):
        os.chmod(candidate, FILE_MODE)
    return candidate


def keep_copy(path: Path, suffix: str) -> Path | None:
    """Keep the current version of ``path`` as ``<path><suffix>`` unless that exists.

    Used before re-saving a migrated document: the first original is the one worth
    keeping, so an existing copy is never replaced. Returns the copy's path, or ``None``
    if one already existed.
    """
    copy = path.with_name(path.name + suffix)
    if copy.exists():
        return None
    try:
        os.link(path, copy)
    except OSError as err:
        if err.errno not in _NO_HARD_LINKS:
            raise
        data, _ = read_bytes(path)
        _write_new(copy, data, FileOps())
    os.chmod(copy, FILE_MODE)
    return copy


def remove_stale_temps(folder: Path, prefix: str = ".") -> int:
    """Delete temporary files left by a killed writer; returns how many.

    Only safe while holding the store's lock: every writer writes under it, so no
    temporary file is in use then.
    """
    removed = 0
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return 0
    for name in names:
        if name.startswith(prefix) and name.endswith(TMP_SUFFIX):
            _unlink_quietly(folder / name)
            removed += 1
    return removed
