"""The command line, run as a user runs it: a real process, its stdout, stderr and exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kickoff_tui import __version__
from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.store import Store


def run(*args: str, db: Path, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kickoff_tui", *args], capture_output=True, text=True,
        env=full_env, cwd=cwd or db.parent.parent, timeout=60,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store" / "kickoff.json"


@pytest.fixture
def stored(db: Path) -> str:
    """A session with a few items, ended, in the store."""
    meeting = Meeting(new_session("Apollo kick-off", project="Apollo",
                                  attendees=["Dana Scully, PM"]))
    meeting.start()
    meeting.capture("a: Send SOW draft @dana due:2026-12-04")
    meeting.capture("r: Vendor API may slip @sam !high")
    meeting.capture("pn: private remark")
    meeting.end()
    Store(db).save(meeting.snapshot())
    return meeting.session.id


def test_version_and_help(db: Path) -> None:
    result = run("--version", db=db)
    assert result.returncode == 0 and result.stdout.strip() == f"kickoff {__version__}"
    result = run("--help", db=db)
    assert result.returncode == 0
    for command in ("new", "resume", "list", "export", "copy", "templates", "--db"):
        assert command in result.stdout


def test_list_empty_then_with_a_session(db: Path, stored: str) -> None:
    result = run("list", db=db)
    assert result.returncode == 0
    assert stored in result.stdout and "Apollo kick-off" in result.stdout
    data = json.loads(run("list", "--json", db=db).stdout)
    assert data[0]["id"] == stored and data[0]["status"] == "ended"


def test_list_on_a_new_store_says_how_to_start(tmp_path: Path) -> None:
    result = run("list", db=tmp_path / "new.json")
    assert result.returncode == 0
    assert 'kickoff new "TITLE"' in result.stdout


def test_db_option_overrides_the_environment(db: Path, stored: str, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    result = run("--db", str(other), "list", "--json", db=db)
    assert json.loads(result.stdout) == []


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "json", "csv"])
def test_export_every_format_to_stdout(db: Path, stored: str, fmt: str) -> None:
    result = run("export", "latest", "--format", fmt, db=db)
    assert result.returncode == 0, result.stderr
    assert "Send SOW draft" in result.stdout
    if fmt != "json":
        assert "private remark" not in result.stdout
    else:
        assert json.loads(result.stdout)["id"] == stored


def test_export_an_email_draft(db: Path, tmp_path: Path) -> None:
    import email
    from email import policy

    meeting = Meeting(new_session("Apollo kick-off", attendees=[
        "Dana Scully <dana@acme.example>, PM", "Sam Lee, Vendor"]))
    meeting.start()
    meeting.capture("a: Send SOW draft @dana due:2026-12-04")
    meeting.capture("pn: private remark")
    meeting.end()
    Store(db).save(meeting.snapshot())
    target = tmp_path / "minutes.eml"
    result = run("export", "latest", "--format", "eml", "-o", str(target), db=db)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
    assert message["Subject"].startswith("Minutes: Apollo kick-off (")
    assert message["To"] == "Dana Scully <dana@acme.example>"
    assert message["X-Unsent"] == "1"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert "Dana Scully: Send SOW draft (due 2026-12-04)" in text
    assert "private remark" not in text


def test_export_to_files_and_refuse_overwrite(db: Path, stored: str, tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    result = run("export", stored[:4], "--format", "md", "-o", str(target), db=db)
    assert result.returncode == 0 and target.exists()
    again = run("export", stored, "--format", "md", "-o", str(target), db=db)
    assert again.returncode != 0 and "exists" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    csv_target = tmp_path / "log.csv"
    result = run("export", stored, "--format", "csv", "-o", str(csv_target), db=db)
    assert result.returncode == 0
    assert (tmp_path / "log-actions.csv").exists() and (tmp_path / "log-raid.csv").exists()


def test_copy_without_a_clipboard_says_where_the_file_is(db: Path, stored: str,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("copy", "latest", db=db, cwd=out)
    assert result.returncode == 0, result.stderr
    files = list(out.glob("*-apollo-kick-off.md"))
    assert len(files) == 1
    assert files[0].name in result.stdout
    assert "Send SOW draft" in files[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "nope", "--format", "md"), "No session matches"),
        (("export", "latest", "--format", "pdf"), "pdf"),
        (("resume", "nope"), "No session matches"),
        (("new", "T", "--template", "nosuch"), "nosuch"),
        (("new", "T", "--duration", "abc"), "abc"),
        (("frobnicate",), "frobnicate"),
    ],
)
def test_user_errors_are_one_line_without_traceback(db: Path, stored: str, args: tuple[str, ...],
                                                    message: str) -> None:
    result = run(*args, db=db)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0] and "Traceback" not in result.stderr


def test_damaged_store_is_reported_not_trusted(db: Path, stored: str) -> None:
    session_file = next((db.parent / "kickoff.sessions").glob("*.json"))
    session_file.write_text('{"not": "a session"}', encoding="utf-8")
    (db.parent / "kickoff.sessions" / f"{session_file.name}.bak").unlink(missing_ok=True)
    result = run("list", db=db)
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    warning, = result.stderr.strip().splitlines()
    assert "set aside" in warning and session_file.name in warning
    assert list((db.parent / "kickoff.sessions").glob(f"{session_file.name}.damaged-*"))


def test_templates_list_and_init(db: Path, tmp_path: Path) -> None:
    result = run("templates", db=db)
    assert result.returncode == 0 and "kickoff" in result.stdout and "60 min" in result.stdout
    target = tmp_path / "mine.toml"
    result = run("templates", "--init", str(target), db=db)
    assert result.returncode == 0 and target.exists()
    again = run("templates", "--init", str(target), db=db)
    assert again.returncode != 0 and len(again.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [("list",), ("templates",), ("export", "latest", "--format",
                                                                "md")])
def test_scriptable_commands_never_import_textual(db: Path, stored: str,
                                                  args: tuple[str, ...]) -> None:
    code = (
        "import sys\n"
        "from kickoff_tui.cli import main\n"
        f"try:\n    main({list(args)!r})\nexcept SystemExit:\n    pass\n"
        "print('TEXTUAL' if any(m == 'textual' or m.startswith('textual.') "
        "for m in sys.modules) else 'CLEAN', file=sys.stderr)\n"
    )
    env = {**os.environ, "KICKOFF_DB": str(db)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=60)
    assert result.stderr.strip().splitlines()[-1] == "CLEAN"


def test_core_never_imports_textual() -> None:
    code = (
        "import pkgutil, importlib, sys\n"
        "import kickoff_tui.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'kickoff_tui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print('TEXTUAL' if bad else 'CLEAN')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == "CLEAN", result.stderr
