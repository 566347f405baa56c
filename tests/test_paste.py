"""What a paste into the capture line becomes (core/paste.py)."""

from __future__ import annotations

import pytest

from kickoff_tui.core.paste import has_prefix, split_paste


@pytest.mark.parametrize(("line", "expected"), [
    ("a: Send SOW", True),
    ("  Risk: slip", True),
    ("PN: private", True),
    ("Agenda: item", False),  # not a capture prefix
    ("http://example.com", False),
    ("no prefix at all", False),
])
def test_has_prefix(line: str, expected: bool) -> None:
    assert has_prefix(line) is expected


@pytest.mark.parametrize(("pasted", "lines"), [
    ("a: one\na: two\n", ["a: one", "a: two"]),
    ("a: one\r\n\r\nr: two", ["a: one", "r: two"]),  # blank lines between items dropped
    ("a: one\nand a detail", ["n: a: one\nand a detail"]),  # not every line: one note
    ("Client wants:\nfast\n\nand cheap\n", ["n: Client wants:\nfast\n\nand cheap"]),
    ("\n\n", []),
])
def test_split_paste(pasted: str, lines: list[str]) -> None:
    assert split_paste(pasted) == lines
