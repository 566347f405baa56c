"""Export files: slugs, the wrap-up pair (never overwritten, 0600), and ``export_files``."""

from __future__ import annotations

import errno
import os
import stat
from datetime import date
from pathlib import Path

import pytest

from kickoff_tui.core import export
from kickoff_tui.core.export import (
    ExportError,
    export_files,
    shareable,
    unique_path,
    wrapup_export,
    write_new,
)
from kickoff_tui.core.minutes import build_minutes, render, render_csv_raid, render_markdown
from kickoff_tui.core.models import Session
from kickoff_tui.core.textutil import slugify as make_slug

from .fixtures import rich_session

TODAY = date(2026, 11, 26)


def slugify(title: str) -> str:
    """The slug of a title as the wrap-up file names use it."""
    return make_slug(title, max_len=export.SLUG_MAX, fallback="session")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Apollo", "apollo"),
        ("Apollo: Kick-off (Phase 2)!", "apollo-kick-off-phase-2"),
        ("Café Zoë — Überblick", "cafe-zoe-uberblick"),
        ("🚀🚀🚀", "session"),
        ("   ", "session"),
        ("Ünïcødé", "unicde"),
        ("a/b\\c..d", "a-b-c-d"),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_slugify_cuts_long_titles_at_a_word() -> None:
    slug = slugify("Quarterly platform migration programme kick-off for the northern region")
    assert len(slug) <= export.SLUG_MAX
    assert slug == "quarterly-platform-migration-programme-kick-off"


def test_slugify_cuts_one_endless_word() -> None:
    assert slugify("x" * 300) == "x" * export.SLUG_MAX


def test_wrapup_writes_the_pair_with_mode_0600(tmp_path: Path) -> None:
    session = rich_session()
    json_path, md_path = wrapup_export(session, tmp_path, TODAY)
    assert json_path == tmp_path / "2026-11-26-apollo-platform-kick-off.json"
    assert md_path == tmp_path / "2026-11-26-apollo-platform-kick-off.md"
    assert mode(json_path) == mode(md_path) == 0o600
    # The JSON beside the minutes is the session as it may leave the store.
    assert Session.model_validate_json(json_path.read_text(encoding="utf-8")) == shareable(session)
    assert md_path.read_text(encoding="utf-8") == render_markdown(build_minutes(session))


def test_wrapup_is_0600_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o277)  # would make files read-only for the owner
    try:
        json_path, md_path = wrapup_export(rich_session(), tmp_path, TODAY)
    finally:
        os.umask(old)
    assert mode(json_path) == mode(md_path) == 0o600


@pytest.mark.parametrize("existing", [".json", ".md"])
def test_wrapup_never_overwrites_and_keeps_the_pair_together(
    tmp_path: Path, existing: str
) -> None:
    taken = tmp_path / f"2026-11-26-apollo-platform-kick-off{existing}"
    taken.write_text("precious", encoding="utf-8")
    json_path, md_path = wrapup_export(rich_session(), tmp_path, TODAY)
    assert taken.read_text(encoding="utf-8") == "precious"
    assert json_path.name == "2026-11-26-apollo-platform-kick-off-2.json"
    assert md_path.name == "2026-11-26-apollo-platform-kick-off-2.md"
    # Only the new pair and the old file: no half-written leftovers.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [taken.name, json_path.name, md_path.name]
    )


def test_a_third_wrapup_takes_suffix_3(tmp_path: Path) -> None:
    for _ in range(3):
        last = wrapup_export(rich_session(), tmp_path, TODAY)
    assert last[0].name.endswith("-3.json") and last[1].name.endswith("-3.md")
    assert len(list(tmp_path.iterdir())) == 6


def test_wrapup_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ExportError) as caught:
        wrapup_export(rich_session(), tmp_path / "nope", TODAY)
    message = str(caught.value)
    assert "\n" not in message and "nope" in message and "not a folder" in message


def test_wrapup_into_a_file_path_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        wrapup_export(rich_session(), blocker, TODAY)


def test_a_full_disk_leaves_no_half_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export.os, "write", full)
    with pytest.raises(ExportError, match="No space left on device") as caught:
        wrapup_export(rich_session(), tmp_path, TODAY)
    assert "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_an_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, which ignores permission bits: refuse the create itself.
    real_open = os.open

    def denied(path: str, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return real_open(path, flags, mode)

    monkeypatch.setattr(export.os, "open", denied)
    with pytest.raises(ExportError, match="Permission denied"):
        wrapup_export(rich_session(), tmp_path, TODAY)
    assert isinstance(ExportError("x"), OSError)  # callers catching OSError see it too


def test_export_files_csv_writes_two_files(tmp_path: Path) -> None:
    session = rich_session()
    written = export_files(session, "csv", tmp_path / "apollo.csv")
    assert written == [tmp_path / "apollo-actions.csv", tmp_path / "apollo-raid.csv"]
    assert all(mode(p) == 0o600 for p in written)
    raid = written[1].read_bytes().decode("utf-8")
    assert raid == render_csv_raid(build_minutes(session))


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json"])
def test_export_files_other_formats_write_one_file(tmp_path: Path, fmt: str) -> None:
    dest = tmp_path / f"out.{fmt}"
    dest.write_text("old", encoding="utf-8")  # an explicit -o target is replaced
    assert export_files(rich_session(), fmt, dest) == [dest]
    assert mode(dest) == 0o600
    assert dest.read_text(encoding="utf-8") != "old"
    assert [p.name for p in tmp_path.iterdir()] == [dest.name]  # no temporary file left


def test_export_files_rejects_an_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown minutes format"):
        export_files(rich_session(), "pdf", tmp_path / "x.pdf")


def test_unique_path_skips_taken_names(tmp_path: Path) -> None:
    session = rich_session()
    stem = "2026-11-26-apollo-platform-kick-off"
    assert unique_path(tmp_path, session, "md", TODAY) == tmp_path / f"{stem}.md"
    (tmp_path / f"{stem}.md").write_text("", encoding="utf-8")
    assert unique_path(tmp_path, session, "md", TODAY) == tmp_path / f"{stem}-2.md"
    (tmp_path / f"{stem}-raid.csv").write_text("", encoding="utf-8")
    assert unique_path(tmp_path, session, "csv", TODAY) == tmp_path / f"{stem}-2.csv"


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    target.write_text("keep", encoding="utf-8")
    written = write_new(target, "new text")
    assert written == tmp_path / "minutes-2.md"
    assert target.read_text(encoding="utf-8") == "keep"
    assert written.read_text(encoding="utf-8") == "new text"
    assert mode(written) == 0o600


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # the whole sequence goes: no "31m"
        ("\x1b]0;PWNED\x07Apollo", "apollo"),
        ("\u202etxt.exe", "txt-exe"),  # a bidi override cannot reorder the name
        ("Q4\u2066 plan\u2069", "q4-plan"),
    ],
)
def test_slug_neutralises_escapes_and_bidi_controls(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_wrapup_replaces_only_its_own_unchanged_files(tmp_path: Path) -> None:
    from kickoff_tui.core.export import WrittenFiles

    registry = WrittenFiles(tmp_path / "written.json")
    out = tmp_path / "out"
    out.mkdir()
    session = rich_session()
    first = wrapup_export(session, out, TODAY, registry)
    again = wrapup_export(session, out, TODAY, registry)
    assert again == first and len(list(out.iterdir())) == 2
    first[1].write_text("edited by the user", encoding="utf-8")
    third = wrapup_export(session, out, TODAY, registry)
    assert third[1].name.endswith("-2.md")
    assert first[1].read_text(encoding="utf-8") == "edited by the user"
    other = rich_session()  # same title, another session: its files are not ours to replace
    other = other.model_copy(update={"id": "someone-else"})
    fourth = wrapup_export(other, out, TODAY, registry)
    assert fourth[0].name.endswith("-3.json")


def test_shareable_drops_private_notes_and_deleted_items() -> None:
    session = rich_session()
    kept = shareable(session)
    assert all(not item.deleted for item in kept.items)
    assert all(not getattr(item, "private", False) for item in kept.items)
    with_private = shareable(session, include_private=True)
    assert any(getattr(item, "private", False) for item in with_private.items) == any(
        getattr(item, "private", False) and not item.deleted for item in session.items)


def test_wrapup_export_writes_the_minutes_it_is_given_as_it_would_render_them(
        tmp_path: Path) -> None:
    """The wrap-up renders the Markdown once, for the clipboard and the file: what it passes
    is what the export would have rendered (private notes and deleted items left out)."""
    session = rich_session()
    given = render(session, "md")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _, own = wrapup_export(session, tmp_path / "a", TODAY)
    _, passed = wrapup_export(session, tmp_path / "b", TODAY, markdown=given)
    assert passed.read_text(encoding="utf-8") == own.read_text(encoding="utf-8") == given
