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

#: Tier: every test runs the `kickoff` command in a child process (`pytest -m cli`).
pytestmark = pytest.mark.cli


def run(*args: str, db: Path, cwd: Path | None = None,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg"),
                "XDG_DATA_HOME": str(db.parent / "data")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kickoff_tui", *args], capture_output=True, text=True,
        env=full_env, cwd=cwd or db.parent.parent, timeout=60,
    )



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
    again = run("export", stored, "--format", "csv", "-o", str(csv_target), db=db)
    assert again.returncode != 0
    assert "log-raid.csv exist already" in again.stderr  # both named, in one line


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


# -- issue 9: hostile files, private notes, honest exit codes ----------------------------------

HOSTILE_TITLE = "Evil\x1b]0;PWNED\x07\x1b[2J\x1b]52;c;ZXZpbA==\x07 \u202etxt.exe \x1b[31mred"


def _hostile(db: Path) -> str:
    meeting = Meeting(new_session(HOSTILE_TITLE, project="P\x1b[5mroject",
                                  attendees=["Dana Scully, PM"]))
    meeting.start()
    meeting.capture("a: Send SOW draft @dana")
    meeting.capture("pn: the private remark")
    doomed = meeting.capture("n: deleted later")
    assert doomed is not None
    meeting.delete(doomed.item.id)
    Store(db).save(meeting.snapshot())
    return meeting.session.id


def test_list_shows_escape_sequences_visibly(db: Path) -> None:
    _hostile(db)
    result = run("list", db=db)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "␛]0;PWNED␇" in result.stdout and "⟨U+202E⟩" in result.stdout
    assert "P␛[5mroject" in result.stdout


def test_templates_descriptions_and_hostile_files_are_one_safe_line(db: Path) -> None:
    folder = db.parent / "cfg" / "templates"
    folder.mkdir(parents=True)
    (folder / "evil.toml").write_text(
        'name = "evil"\ntitle = "Evil"\ndescription = "\\u001b]0;PWNED\\u0007 hi"\n'
        '[[sections]]\ntitle = "One"\nbox_minutes = 5\n', encoding="utf-8")
    (folder / "deep.toml").write_text("a = " + "[" * 5000 + "]" * 5000 + "\n",
                                      encoding="utf-8")
    result = run("templates", db=db)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "␛]0;PWNED␇ hi" in result.stdout
    deep = [line for line in result.stdout.splitlines() if "deep.toml" in line]
    assert len(deep) == 1 and "nested too deeply" in deep[0]
    new = run("new", "T", "--template", "deep", db=db)
    assert new.returncode != 0 and "Traceback" not in new.stderr
    assert new.stderr.strip().splitlines() == [new.stderr.strip()]
    assert "deep.toml" in new.stderr and "nested too deeply" in new.stderr


def test_json_export_leaves_private_notes_and_deleted_items_out(db: Path) -> None:
    session_id = _hostile(db)
    plain = run("export", session_id, "--format", "json", db=db)
    assert plain.returncode == 0, plain.stderr
    data = json.loads(plain.stdout)
    texts = [item.get("text", "") for item in data["items"]]
    assert "Send SOW draft" in texts
    assert "the private remark" not in plain.stdout and "deleted later" not in plain.stdout
    private = run("export", session_id, "--format", "json", "--include-private", db=db)
    assert "the private remark" in private.stdout and "deleted later" not in private.stdout
    refused = run("export", session_id, "--format", "md", "--include-private", db=db)
    assert refused.returncode != 0 and "json" in refused.stderr


def test_export_dash_is_standard_output(db: Path, stored: str, tmp_path: Path) -> None:
    result = run("export", stored, "--format", "md", "-o", "-", db=db, cwd=tmp_path)
    assert result.returncode == 0 and "Send SOW draft" in result.stdout
    assert not (tmp_path / "-").exists()


def test_copy_twice_replaces_its_own_file_and_keeps_an_edited_one(db: Path, stored: str,
                                                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert run("copy", stored, db=db, cwd=out).returncode == 0
    assert run("copy", stored, db=db, cwd=out).returncode == 0
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 1 and files[0].endswith("-apollo-kick-off.md"), files
    (out / files[0]).write_text("my own edits", encoding="utf-8")
    assert run("copy", stored, db=db, cwd=out).returncode == 0
    assert (out / files[0]).read_text(encoding="utf-8") == "my own edits"
    assert len(list(out.iterdir())) == 2


def test_copy_that_reached_nothing_exits_non_zero(db: Path, stored: str, tmp_path: Path) -> None:
    result = run("--out", str(tmp_path / "missing"), "copy", stored, db=db)
    assert result.returncode != 0
    line, = result.stderr.strip().splitlines()
    assert "nothing was copied" in line or "not saved" in line


def test_copy_in_a_deleted_working_folder_is_one_line(db: Path, stored: str,
                                                      tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    code = ("import os, sys\nos.chdir(sys.argv[1])\nos.rmdir(sys.argv[1])\n"
            "from kickoff_tui.launch import main\nmain(sys.argv[2:])\n")
    env = {**os.environ, "KICKOFF_DB": str(db), "XDG_DATA_HOME": str(tmp_path / "data")}
    for args in (["copy", stored], []):
        result = subprocess.run([sys.executable, "-c", code, str(gone), *args],
                                capture_output=True, text=True, env=env, timeout=60)
        gone.mkdir(exist_ok=True)
        assert result.returncode == 1, result.stderr
        line, = result.stderr.strip().splitlines()
        assert "current folder no longer exists" in line


def test_kickoff_db_naming_a_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    for args in ([], ["list"]):
        result = subprocess.run([sys.executable, "-m", "kickoff_tui", *args],
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "KICKOFF_DB": str(folder)})
        assert result.returncode != 0
        line, = result.stderr.strip().splitlines()
        assert "folder" in line and "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []


def test_duration_is_honoured_or_refused_with_the_reason(db: Path) -> None:
    result = run("new", "T", "--duration", "1", db=db)
    assert result.returncode != 0
    line, = result.stderr.strip().splitlines()
    assert "8 sections" in line and "at least 2 minutes" in line
