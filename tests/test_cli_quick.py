"""``kickoff list`` from an up-to-date index without pydantic, and the same bytes as before."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kickoff_tui.core.agenda import new_session
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.store import Store
from kickoff_tui.core.store.quick import quick_listing

#: Tier: every test runs the `kickoff` command in a child process (`pytest -m cli`).
pytestmark = pytest.mark.cli

#: Runs the CLI in-process, then says which heavy modules it loaded (on stderr, last line).
_PROBE = (
    "import sys\n"
    "from kickoff_tui.cli import main\n"
    "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'tinydb')\n"
    "               or m == 'kickoff_tui.core.models')\n"
    "print('HEAVY ' + ' '.join(heavy) if heavy else 'LIGHT', file=sys.stderr)\n"
)


def _cli(db: Path, *args: str) -> tuple[str, str]:
    """Run the CLI as the probe does: its stdout and the probe's verdict."""
    env = {**os.environ, "KICKOFF_DB": str(db), "KICKOFF_CONFIG_DIR": str(db.parent / "cfg")}
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout, result.stderr.strip().splitlines()[-1]


def _seed(db: Path) -> list[str]:
    """Three sessions: planned, running (with a hostile title) and ended."""
    store = Store(db)
    ids = []
    for n, title in enumerate(["Apollo kick-off", "Ti\x1b]0;PWNED\x07tle \u202e", "Gemini"]):
        meeting = Meeting(new_session(title, project="Apollo" if n != 1 else ""))
        if n:
            meeting.start()
            meeting.capture("a: Send SOW draft @dana due:2026-12-04")
            meeting.capture("n: a note")
        if n == 2:
            meeting.end()
        store.save(meeting.snapshot())
        ids.append(meeting.session.id)
    return ids


def test_list_of_an_up_to_date_store_imports_no_pydantic(db: Path) -> None:
    _seed(db)
    _cli(db, "list")  # brings the index up to date, whatever the saves left
    for args in (("list",), ("list", "--json")):
        out, verdict = _cli(db, *args)
        assert verdict == "LIGHT"
        assert "Gemini" in out


def test_quick_listing_is_byte_identical_to_the_full_one(db: Path) -> None:
    _seed(db)
    index = db.with_name("kickoff.sessions") / ".index"
    shutil.rmtree(index)
    full_text, verdict = _cli(db, "list")  # no index: the store re-reads every session
    assert verdict.startswith("HEAVY")
    full_json, _ = _cli(db, "list", "--json")
    assert quick_listing(db) is not None
    quick_text, verdict = _cli(db, "list")
    assert verdict == "LIGHT"
    quick_json, _ = _cli(db, "list", "--json")
    assert quick_text == full_text and quick_json == full_json
    assert "␛]0;PWNED␇" in quick_text and "\x1b" not in quick_text


def test_a_stale_or_damaged_index_takes_the_full_path(db: Path) -> None:
    ids = _seed(db)
    _cli(db, "list")
    index = db.with_name("kickoff.sessions") / ".index"
    # Another seat captured an item: the journal changed, the index entry did not.
    store = Store(db)
    meeting = Meeting(store.load(ids[1]))  # running: an item changes no listed field
    meeting.capture("d: Go with vendor B")
    store.save(meeting.snapshot())
    assert quick_listing(db) is None
    out, verdict = _cli(db, "list")
    assert verdict.startswith("HEAVY")
    assert quick_listing(db) is not None  # the full path brought the entry up to date
    # A damaged entry, and an entry for a session that is gone.
    (index / f"{ids[1]}.json").write_text("{not json", encoding="utf-8")
    assert quick_listing(db) is None
    again, _ = _cli(db, "list")
    assert again == out and quick_listing(db) is not None
    (index / "junk.json").write_text("{not json", encoding="utf-8")  # ignored by both paths
    assert quick_listing(db) is not None
    ghost = (index / f"{ids[2]}.json").read_text(encoding="utf-8")
    (index / "ghost.json").write_text(ghost.replace(ids[2], "ghost"), encoding="utf-8")
    assert quick_listing(db) is None
    assert _cli(db, "list")[0] == out
    assert not (index / "ghost.json").exists() and quick_listing(db) is not None
