"""``--db`` safety: a path that is not a Kickoff store is refused and left exactly as it was.

Each case runs the real command line (``python -m kickoff_tui --db X list``) in a subprocess
and compares the folder around the path before and after, byte for byte and mode for mode.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kickoff_tui.core.models import AgendaSection, Note, Session
from kickoff_tui.core.store import Store, StoreError


def kickoff(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home), "KICKOFF_CONFIG_DIR": str(home / "config")}
    env.pop("KICKOFF_DB", None)
    return subprocess.run([sys.executable, "-m", "kickoff_tui", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60)


def state(folder: Path) -> dict[str, tuple[int, int, bytes | str]]:
    """Every entry of ``folder`` (not followed into subfolders): mode, inode and content."""
    result: dict[str, tuple[int, int, bytes | str]] = {}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISREG(st.st_mode):
            content: bytes | str = Path(entry.path).read_bytes()
        elif stat.S_ISLNK(st.st_mode):
            content = os.readlink(entry.path)
        else:
            content = ""
        result[entry.name] = (st.st_mode, st.st_ino, content)
    return result


def make_session() -> Session:
    session = Session(title="Linked store", sections=[
        AgendaSection(id="objectives", title="Objectives", box_minutes=10)])
    session.items.append(Note(text="kept through the link"))
    return session


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        os.mkfifo(path)  # not allowed to make devices here: a pipe is as foreign


FOREIGN = {
    "dotfile": lambda p: p.write_text("export PATH=$HOME/bin:$PATH\n"),
    "other-tinydb": lambda p: p.write_text(json.dumps({"_default": {"1": {"a": 1}}})),
    "empty": lambda p: p.write_bytes(b""),
    "folder": lambda p: p.mkdir(),
    "device": _device,
    "pipe": _fifo,
}


@pytest.mark.cli
@pytest.mark.parametrize("kind", FOREIGN)
@pytest.mark.parametrize("command", [("list",), ("export", "latest", "--format", "md"),
                                     ("copy", "latest")])
def test_db_at_something_foreign_is_refused_and_left_exactly_as_it_was(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    folder = tmp_path / "home"
    folder.mkdir()
    target = folder / ".bashrc"
    FOREIGN[kind](target)
    if kind in ("dotfile", "other-tinydb"):
        target.chmod(0o644)
    before = state(folder)

    result = kickoff("--db", str(target), *command, cwd=tmp_path, home=folder)

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(target) in lines[0]
    assert state(folder) == before, "nothing renamed, chmodded or created beside it"


@pytest.mark.cli
@pytest.mark.parametrize(("value", "message"), [("", "empty"), ("~", "folder")])
def test_db_empty_or_home_is_one_clear_line(tmp_path: Path, value: str, message: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    before = state(tmp_path)
    result = kickoff("--db", value, "list", cwd=tmp_path, home=home)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "internal error" not in result.stderr.lower()
    assert state(tmp_path) == before and state(home) == {}


@pytest.mark.cli
def test_a_symlinked_db_is_followed_never_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real" / "kickoff.json"
    session = Store(real).save(make_session())
    links = tmp_path / "links"
    links.mkdir()
    link = links / "kickoff.json"
    link.symlink_to(real)

    result = kickoff("--db", str(link), "list", cwd=tmp_path, home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert session.id in result.stdout

    via_link = Store(link)
    loaded = via_link.load(session.id)
    loaded.items.append(Note(text="written through the link"))
    via_link.save(loaded)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert sorted(os.listdir(links)) == ["kickoff.json"], "nothing created beside the link"
    assert len(Store(real).load(session.id).items) == 2


def test_a_format_1_store_opens_and_gets_its_marker(tmp_path: Path) -> None:
    db = tmp_path / "store" / "kickoff.json"
    session = make_session()
    sessions = db.with_name("kickoff.sessions")
    sessions.mkdir(parents=True)
    (sessions / f"{session.id}.json").write_text(session.model_dump_json())
    v1_index = {"sessions": {"1": {"id": session.id, "title": session.title,
                                   "status": "planned", "created": "2026-11-26T09:00:00Z",
                                   "updated": "2026-11-26T09:00:00Z", "items": 1}}}
    db.write_text(json.dumps(v1_index))

    store = Store(db)
    assert [s.id for s in store.list_sessions()] == [session.id]
    assert store.warnings == []
    assert "kickoff_store" in json.loads(db.read_bytes())
    assert json.loads(db.with_name("kickoff.json.v1.orig").read_bytes()) == v1_index


def test_a_foreign_file_is_refused_by_the_store_itself(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_text('{"todo": ["buy milk"]}')
    with pytest.raises(StoreError, match="not a Kickoff store"):
        Store(target)
    assert sorted(os.listdir(tmp_path)) == ["notes.json"]


@pytest.mark.cli
@pytest.mark.parametrize("kind", ["folder", "dotfile"])
def test_kickoff_alone_with_a_foreign_kickoff_db_is_one_line(tmp_path: Path, kind: str) -> None:
    """Issue 9 item 11: ``KICKOFF_DB=<a directory> kickoff`` ended in a traceback."""
    folder = tmp_path / "home"
    folder.mkdir()
    target = folder / ".bashrc"
    FOREIGN[kind](target)
    before = state(folder)
    env = {**os.environ, "HOME": str(folder), "KICKOFF_DB": str(target)}
    result = subprocess.run([sys.executable, "-m", "kickoff_tui"], capture_output=True,
                            text=True, env=env, cwd=tmp_path, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(target) in lines[0], result.stderr
    assert state(folder) == before
