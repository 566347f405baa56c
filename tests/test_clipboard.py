"""The clipboard chain: every link injectable, never a crash, never a claim beyond what is known."""

from __future__ import annotations

import base64
import os
import select
import stat
import threading
from pathlib import Path

import pyperclip
import pytest

from kickoff_tui.core import clipboard
from kickoff_tui.core.clipboard import (
    OSC52_LIMIT,
    copy_text,
    osc52_sequence,
    osc52_to_tty,
)

TEXT = "# Minutes\n\n- Decision: ship it 🚀\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path``, so saved files are shown as ``./name``."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def no_clipboard(text: str) -> None:
    """What pyperclip does on a machine without xclip, xsel or wl-copy."""
    raise pyperclip.PyperclipException(
        "Pyperclip could not find a copy/paste mechanism for your system. For more "
        "information, please visit https://pyperclip.readthedocs.io/en/latest/"
    )


class Recorder:
    """A fake clipboard link that remembers what it was given."""

    def __init__(self) -> None:
        self.got: list[str] = []

    def __call__(self, text: str) -> None:
        self.got.append(text)


def test_system_clipboard_ok(here: Path) -> None:
    system = Recorder()
    text = "x" * 4213
    result = copy_text(text, file=here / "2026-11-26-apollo.md", system=system)
    assert system.got == [text]
    assert result.system and result.file == here / "2026-11-26-apollo.md"
    assert result.message() == (
        "Minutes copied (system clipboard, 4,213 chars) and saved to ./2026-11-26-apollo.md"
    )
    assert (here / "2026-11-26-apollo.md").read_text(encoding="utf-8") == text


def test_no_clipboard_tool_names_the_file(here: Path) -> None:
    result = copy_text(TEXT, file=here / "m.md", system=no_clipboard)
    assert not result.system and not result.osc52
    assert result.system_error == "no clipboard tool found"
    assert result.message() == (
        "No clipboard available (no clipboard tool found); minutes saved to ./m.md"
    )
    assert (here / "m.md").read_text(encoding="utf-8") == TEXT


def test_osc52_is_sent_when_the_system_clipboard_fails(here: Path) -> None:
    osc52 = Recorder()
    result = copy_text(TEXT, file=here / "m.md", system=no_clipboard, osc52=osc52)
    assert osc52.got == [TEXT]
    assert result.osc52 and not result.osc52_too_big
    assert result.message() == (
        "Sent to the terminal clipboard (OSC 52: your terminal must allow it); saved to ./m.md"
    )


def test_osc52_is_sent_as_well_when_the_system_clipboard_works(here: Path) -> None:
    osc52 = Recorder()
    result = copy_text(TEXT, file=None, system=Recorder(), osc52=osc52)
    assert osc52.got == [TEXT] and result.system and result.osc52
    assert result.message() == f"Minutes copied (system clipboard, {len(TEXT)} chars)"


def test_too_big_for_osc52_is_not_sent_and_points_at_the_file(here: Path) -> None:
    text = "é" * (OSC52_LIMIT // 2)  # 2 bytes each: base64 grows it past the limit
    osc52 = Recorder()
    result = copy_text(text, file=here / "big.md", system=no_clipboard, osc52=osc52)
    assert osc52.got == []  # nothing pushed through the terminal
    assert not result.osc52 and result.osc52_too_big and not result.system
    message = result.message()
    assert message == (
        f"Minutes too long for the terminal clipboard ({len(text):,} chars; OSC 52 takes "
        f"about {OSC52_LIMIT // 4 * 3:,}): not copied; saved to ./big.md: open it to copy"
    )
    assert (here / "big.md").read_text(encoding="utf-8") == text  # the file, always


def test_a_megabyte_of_minutes_is_not_sent_but_the_system_clipboard_still_gets_it(
    here: Path,
) -> None:
    text = "Decision: ship it\n" * 60_000  # about 1 MB, as 10,000 items make
    osc52, system = Recorder(), Recorder()
    result = copy_text(text, file=here / "m.md", system=system, osc52=osc52)
    assert osc52.got == [] and system.got == [text]
    assert result.system and not result.osc52 and result.osc52_too_big
    assert result.message().startswith("Minutes copied (system clipboard, ")


def test_just_under_the_osc52_limit_is_not_too_big(here: Path) -> None:
    text = "a" * (OSC52_LIMIT // 4 * 3)  # base64 is exactly 4/3 as long: at the limit
    assert len(base64.b64encode(text.encode())) <= OSC52_LIMIT
    result = copy_text(text, file=None, system=None, osc52=Recorder())
    assert result.osc52 and not result.osc52_too_big


def test_a_failing_osc52_is_not_claimed(here: Path) -> None:
    def broken(text: str) -> None:
        raise OSError("terminal gone")

    result = copy_text(TEXT, file=here / "m.md", system=no_clipboard, osc52=broken)
    assert not result.osc52
    assert result.message().startswith("No clipboard available")


def test_any_system_error_is_a_message(here: Path) -> None:
    def weird(text: str) -> None:
        raise RuntimeError("xclip exited with status 1\nand a second line")

    result = copy_text(TEXT, file=None, system=weird)
    assert result.system_error == "RuntimeError: xclip exited with status 1 and a second line"
    assert result.message() == (
        "No clipboard available (RuntimeError: xclip exited with status 1 and a second line);"
        " nothing was copied"
    )


def test_a_hanging_clipboard_tool_is_given_up_on(here: Path) -> None:
    release = threading.Event()

    def hangs(text: str) -> None:
        release.wait(10)

    try:
        result = copy_text(TEXT, file=here / "m.md", system=hangs, timeout=0.05)
    finally:
        release.set()
    assert not result.system
    assert result.system_error == "clipboard tool did not answer"
    assert "saved to ./m.md" in result.message()


def test_the_real_pyperclip_never_crashes(here: Path) -> None:
    # Whatever this machine has (usually no clipboard tool at all), no exception escapes.
    result = copy_text(TEXT, file=here / "m.md")
    assert result.system or result.system_error
    assert "./m.md" in result.message()


def test_file_outside_the_working_folder_is_shown_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    result = copy_text(TEXT, file=elsewhere / "m.md", system=no_clipboard)
    assert result.message().endswith(f"saved to {(elsewhere / 'm.md').resolve()}")


def test_the_file_is_private(here: Path) -> None:
    result = copy_text(TEXT, file=here / "m.md", system=None)
    assert result.file is not None
    assert stat.S_IMODE(result.file.stat().st_mode) == 0o600


def test_a_file_already_holding_the_text_is_reused(here: Path) -> None:
    # The wrap-up writes the .md first, then copies the same text pointing at it.
    (here / "m.md").write_text(TEXT, encoding="utf-8")
    result = copy_text(TEXT, file=here / "m.md", system=Recorder())
    assert result.file == here / "m.md"
    assert sorted(p.name for p in here.iterdir()) == ["m.md"]


def test_a_file_holding_other_text_is_never_overwritten(here: Path) -> None:
    (here / "m.md").write_text("older minutes", encoding="utf-8")
    result = copy_text(TEXT, file=here / "m.md", system=Recorder())
    assert (here / "m.md").read_text(encoding="utf-8") == "older minutes"
    assert result.file == here / "m-2.md"
    assert result.message().endswith("and saved to ./m-2.md")


def test_an_unsavable_file_is_not_claimed(here: Path) -> None:
    result = copy_text(TEXT, file=here / "missing-folder" / "m.md", system=Recorder())
    assert result.file is None and result.file_error
    message = result.message()
    assert message.startswith(f"Minutes copied (system clipboard, {len(TEXT)} chars); ")
    assert "not saved to a file" in message and "saved to ./" not in message


def test_no_clipboard_and_no_file_says_nothing_was_copied() -> None:
    result = copy_text(TEXT, file=None, system=no_clipboard)
    assert result.message() == (
        "No clipboard available (no clipboard tool found); nothing was copied"
    )


def test_osc52_sequence_carries_the_text() -> None:
    sequence = osc52_sequence(TEXT)
    assert sequence.startswith("\x1b]52;c;") and sequence.endswith("\x07")
    assert base64.b64decode(sequence[7:-1]).decode("utf-8") == TEXT


def test_osc52_to_tty_writes_the_sequence_to_a_terminal() -> None:
    master, slave = os.openpty()
    try:
        send = osc52_to_tty(os.ttyname(slave))
        assert send is not None
        send(TEXT)
        expected = osc52_sequence(TEXT).encode("ascii")
        got = b""
        while len(got) < len(expected):
            ready, _, _ = select.select([master], [], [], 5)
            assert ready, "nothing arrived on the terminal"
            got += os.read(master, 65536)
        assert got == expected
    finally:
        os.close(master)
        os.close(slave)


def test_osc52_to_tty_is_none_without_a_terminal(tmp_path: Path) -> None:
    plain = tmp_path / "not-a-tty"
    plain.write_text("", encoding="utf-8")
    assert osc52_to_tty(str(plain)) is None
    assert osc52_to_tty(str(tmp_path / "missing")) is None


def test_default_system_link_is_pyperclip() -> None:
    assert clipboard.copy_text.__kwdefaults__["system"] is clipboard._pyperclip_copy


def test_reached_is_true_only_for_a_system_copy_or_a_file(tmp_path) -> None:
    from kickoff_tui.core.clipboard import copy_text

    def fails(text: str) -> None:
        raise RuntimeError("no clipboard")

    sent: list[str] = []
    nothing = copy_text("minutes", file=None, system=fails, osc52=sent.append)
    assert sent and not nothing.reached  # OSC 52 was sent, but nobody knows it arrived
    saved = copy_text("minutes", file=tmp_path / "m.md", system=fails)
    assert saved.reached and saved.file == tmp_path / "m.md"
    replaced = copy_text("new minutes", file=tmp_path / "m.md", system=fails, replace=True)
    assert replaced.file == tmp_path / "m.md"
    assert (tmp_path / "m.md").read_text(encoding="utf-8") == "new minutes"
