"""Tests of the quick-capture parser: every prefix and field, due dates, and nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickoff_tui.core.capture import (
    PREFIXES,
    Capture,
    parse_capture,
    parse_due,
    syntax_help,
)
from kickoff_tui.core.models import (
    ActionItem,
    Decision,
    Level,
    Note,
    ParkingLotItem,
    Question,
    RaidEntry,
    RaidKind,
)

# A Thursday, so that "thu" (a week later) and "fri" (tomorrow) are both exercised.
TODAY = date(2026, 11, 26)
assert TODAY.weekday() == 3


# -- the table ------------------------------------------------------------------------------

CASES: list[tuple[str, dict[str, Any]]] = [
    # Examples of PRODUCT.md, verbatim.
    ("a: Send SOW draft @dana due:2026-12-04",
     {"type": "action", "text": "Send SOW draft", "owner": "Dana", "due": date(2026, 12, 4)}),
    ("d: We ship on the existing platform",
     {"type": "decision", "text": "We ship on the existing platform"}),
    ("r: Vendor API may slip @sam !high",
     {"type": "raid", "raid_kind": RaidKind.RISK, "text": "Vendor API may slip", "owner": "Sam",
      "level": Level.HIGH}),
    ("q: Who owns data migration? @lee",
     {"type": "question", "text": "Who owns data migration?", "owner": "Lee"}),
    ("p: Rebrand discussion", {"type": "parking", "text": "Rebrand discussion"}),
    ("n: Budget is approved", {"type": "note", "text": "Budget is approved"}),
    ("Budget is approved", {"type": "note", "text": "Budget is approved"}),
    ("pn: Sam seems unconvinced", {"type": "note", "text": "Sam seems unconvinced",
                                   "private": True}),
    # Long forms of every prefix.
    ("action: Book room", {"type": "action", "text": "Book room"}),
    ("decision: Go", {"type": "decision", "text": "Go"}),
    ("risk: Slip", {"type": "raid", "raid_kind": RaidKind.RISK, "text": "Slip"}),
    ("question: Why?", {"type": "question", "text": "Why?"}),
    ("park: Later", {"type": "parking", "text": "Later"}),
    ("note: Fine", {"type": "note", "text": "Fine"}),
    ("dep: Auth service @ops", {"type": "raid", "raid_kind": RaidKind.DEPENDENCY,
                                "text": "Auth service", "owner": "Ops"}),
    ("dependency: Auth service", {"type": "raid", "raid_kind": RaidKind.DEPENDENCY,
                                  "text": "Auth service"}),
    ("as: Staff available", {"type": "raid", "raid_kind": RaidKind.ASSUMPTION,
                             "text": "Staff available"}),
    ("assumption: Staff available", {"type": "raid", "raid_kind": RaidKind.ASSUMPTION,
                                     "text": "Staff available"}),
    ("issue: Build broken !med", {"type": "raid", "raid_kind": RaidKind.ISSUE,
                                  "text": "Build broken", "level": Level.MEDIUM}),
    ("c: Fixed budget", {"type": "raid", "raid_kind": RaidKind.CONSTRAINT, "text": "Fixed budget"}),
    ("constraint: Fixed budget !LOW", {"type": "raid", "raid_kind": RaidKind.CONSTRAINT,
                                       "text": "Fixed budget", "level": Level.LOW}),
    # Case, spacing.
    ("A: Send it", {"type": "action", "text": "Send it"}),
    ("Action:Send it", {"type": "action", "text": "Send it"}),
    ("  ACTION:   Send it  ", {"type": "action", "text": "Send it"}),
    ("R:slip !Medium", {"type": "raid", "text": "slip", "level": Level.MEDIUM}),
    # Owners.
    ("a: Draft @mary-jane", {"type": "action", "text": "Draft", "owner": "Mary-Jane"}),
    ("a: Draft @McDonald", {"type": "action", "text": "Draft", "owner": "McDonald"}),
    ("a: Draft @DANA", {"type": "action", "text": "Draft", "owner": "DANA"}),
    ("a: Ask @lee, then @sam", {"type": "action", "text": "Ask then @sam", "owner": "Lee"}),
    ("a: @dana drafts it", {"type": "action", "text": "drafts it", "owner": "Dana"}),
    ("d: Go with Postgres @cto", {"type": "decision", "text": "Go with Postgres",
                                  "owner": "Cto"}),
    ("p: Rebrand @pat", {"type": "parking", "text": "Rebrand", "owner": "Pat"}),
    ("n: thanks @dana for the notes", {"type": "note", "text": "thanks @dana for the notes"}),
    ("mail dana@acme.com today", {"type": "note", "text": "mail dana@acme.com today"}),
    ("a: mail dana@acme.com", {"type": "action", "text": "mail dana@acme.com", "owner": None}),
    ("a: meet @2pm", {"type": "action", "text": "meet @2pm", "owner": None}),
    # Due dates, every form (TODAY is Thursday 26 Nov 2026).
    ("a: x due:today", {"due": TODAY}),
    ("a: x due:TOMORROW", {"due": date(2026, 11, 27)}),
    ("a: x due:fri", {"due": date(2026, 11, 27)}),
    ("a: x due:friday", {"due": date(2026, 11, 27)}),
    ("a: x due:thu", {"due": date(2026, 12, 3)}),
    ("a: x due:Thursday", {"due": date(2026, 12, 3)}),
    ("a: x due:mon", {"due": date(2026, 11, 30)}),
    ("a: x due:wed", {"due": date(2026, 12, 2)}),
    ("a: x due:sun", {"due": date(2026, 11, 29)}),
    ("a: x due:sat", {"due": date(2026, 11, 28)}),
    ("a: x due:tue", {"due": date(2026, 12, 1)}),
    ("a: x due:+3d", {"due": date(2026, 11, 29)}),
    ("a: x due:+2w", {"due": date(2026, 12, 10)}),
    ("a: x due:+0d", {"due": TODAY}),
    ("a: x Due:2028-02-29", {"due": date(2028, 2, 29)}),
    ("a: x due:fri.", {"text": "x", "due": date(2026, 11, 27)}),
    # Unknown prefixes are notes with the whole text.
    ("foo: x", {"type": "note", "text": "foo: x"}),
    ("http://example.com/a:b", {"type": "note", "text": "http://example.com/a:b"}),
    ("10:30 start", {"type": "note", "text": "10:30 start"}),
]


@pytest.mark.parametrize(("typed", "expected"), CASES, ids=[c[0] for c in CASES])
def test_capture_table(typed: str, expected: dict[str, Any]) -> None:
    capture = parse_capture(typed, TODAY)
    for field, value in expected.items():
        assert getattr(capture, field) == value, field
    assert capture.problems == ()


PROBLEM_CASES = [
    # (typed, text kept, words the problem must mention, fields that must still be read)
    ("a: Send @dana due:someday", "Send due:someday", "someday", {"owner": "Dana", "due": None}),
    ("a: Send due:2026-02-30", "Send due:2026-02-30", "2026-02-30", {"due": None}),
    ("a: Send due:", "Send due:", "due:", {"due": None}),
    ("a: x due:fri due:mon", "x due:mon", "due:mon", {"due": date(2026, 11, 27)}),
    ("d: Ship due:fri", "Ship due:fri", "due:fri", {"type": "decision"}),
    ("q: Why due:fri @lee", "Why due:fri", "due:fri", {"owner": "Lee"}),
    ("r: Slip !urgent @sam", "Slip !urgent", "!urgent", {"owner": "Sam", "level": None}),
    ("r: Slip !high !low", "Slip !low", "!low", {"level": Level.HIGH}),
    ("a: Fix !high", "Fix !high", "!high", {"type": "action"}),
    ("a: @dana", "@dana", "what was typed", {"owner": "Dana"}),
    ("a: @dana due:fri", "@dana due:fri", "what was typed",
     {"owner": "Dana", "due": date(2026, 11, 27)}),
    ("a:", "a:", "nothing after", {"type": "action"}),
    ("pn:  ", "pn:", "nothing after", {"private": True}),
]


@pytest.mark.parametrize(
    ("typed", "text", "mention", "fields"), PROBLEM_CASES, ids=[c[0] for c in PROBLEM_CASES]
)
def test_problems_are_reported_and_nothing_is_lost(
    typed: str, text: str, mention: str, fields: dict[str, Any]
) -> None:
    capture = parse_capture(typed, TODAY)
    assert capture.text == text
    assert len(capture.problems) == 1
    assert mention in capture.problems[0]
    for field, value in fields.items():
        assert getattr(capture, field) == value, field
    assert f"⚠ {capture.problems[0]}" in capture.echo()


def test_plain_notes_never_report_problems() -> None:
    capture = parse_capture("the report is due:friday !high @sam", TODAY)
    assert capture == Capture("note", "the report is due:friday !high @sam")


def test_whitespace_inside_the_text_is_kept() -> None:
    capture = parse_capture("n: line one\nline two\t tabbed", TODAY)
    assert capture.text == "line one\nline two\t tabbed"
    capture = parse_capture("a: first\n  second @dana   third", TODAY)
    assert capture.text == "first\n  second third"


def test_blank_input() -> None:
    for typed in ("", "   ", "\t\n"):
        capture = parse_capture(typed, TODAY)
        assert capture.blank
        assert capture.type == "note"
    assert not parse_capture("x", TODAY).blank


# -- due dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["someday", "2026-02-30", "2026-13-01", "+3", "3d", "",
                                   "fri day", "next week", "+-3d", "26-11-2026"])
def test_parse_due_rejects_with_a_helpful_message(value: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"could not read due date {value!r}")) as info:
        parse_due(value, TODAY)
    assert "YYYY-MM-DD" in str(info.value)


@pytest.mark.parametrize("offset", range(14))
def test_weekday_is_the_next_one_strictly_after_today(offset: int) -> None:
    today = TODAY + timedelta(days=offset)
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for number, name in enumerate(names):
        for spelling in (name, name[:3], name[:3].upper()):
            due = parse_due(spelling, today)
            assert due.weekday() == number
            assert 1 <= (due - today).days <= 7


# -- labels, echo and items -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label"),
    [("a: x", "Action"), ("d: x", "Decision"), ("r: x", "Risk"), ("dep: x", "Dependency"),
     ("as: x", "Assumption"), ("issue: x", "Issue"), ("c: x", "Constraint"),
     ("q: x", "Question"), ("p: x", "Parking lot"), ("n: x", "Note"), ("x", "Note"),
     ("pn: x", "Private note")],
)
def test_label(typed: str, label: str) -> None:
    assert parse_capture(typed, TODAY).label() == label


@pytest.mark.parametrize(
    ("typed", "echo"),
    [
        ("a: Send SOW draft @dana due:2026-12-04", "Action · Dana · due Fri 4 Dec"),
        ("a: Send SOW draft", "Action · owner TBD · due TBD"),
        ("a: Plan due:2027-01-08", "Action · owner TBD · due Fri 8 Jan 2027"),
        ("r: Vendor API may slip @sam !high", "Risk · Sam · high"),
        ("r: Vendor API may slip", "Risk · owner TBD"),
        ("dep: Auth", "Dependency"),
        ("q: Who owns data migration? @lee", "Question · for Lee"),
        ("d: We ship", "Decision"),
        ("d: We ship @cto", "Decision · by Cto"),
        ("p: Rebrand @pat", "Parking lot · Pat"),
        ("just a note", "Note"),
        ("a: x due:someday", "Action · owner TBD · due TBD · ⚠ could not read due date 'someday'"),
    ],
)
def test_echo(typed: str, echo: str) -> None:
    assert parse_capture(typed, TODAY).echo(TODAY) == echo


@pytest.mark.parametrize(
    ("typed", "model", "fields"),
    [
        ("a: Send @dana due:fri", ActionItem,
         {"text": "Send", "owner": "Dana", "due": date(2026, 11, 27)}),
        ("d: Go @cto", Decision, {"text": "Go", "decided_by": "Cto"}),
        ("r: Slip @sam !high", RaidEntry,
         {"kind": RaidKind.RISK, "owner": "Sam", "likelihood": Level.HIGH, "impact": Level.HIGH}),
        ("c: Budget", RaidEntry, {"kind": RaidKind.CONSTRAINT, "likelihood": None}),
        ("q: Why? @lee", Question, {"text": "Why?", "owner": "Lee", "asked_by": ""}),
        ("p: Later @pat", ParkingLotItem, {"text": "Later", "owner": "Pat"}),
        ("pn: secret", Note, {"text": "secret", "private": True}),
        ("plain", Note, {"text": "plain", "private": False}),
    ],
)
def test_to_item(typed: str, model: type, fields: dict[str, Any]) -> None:
    item = parse_capture(typed, TODAY).to_item("risks", seat="pm@laptop")
    assert isinstance(item, model)
    assert item.section == "risks"
    assert item.seat == "pm@laptop"
    for field, value in fields.items():
        assert getattr(item, field) == value, field


def test_syntax_help_lists_every_prefix_once() -> None:
    rows = syntax_help()
    typed_cells = " ".join(typed for typed, _ in rows).split()
    assert sorted(t for t in typed_cells if t.endswith(":")) == sorted(f"{p}:" for p in PREFIXES)
    assert all(creates for _, creates in rows)
    for syntax in ("@name", "due:DATE", "!high"):
        assert any(syntax in typed for typed, _ in rows)


# -- nothing is ever lost (property) --------------------------------------------------------

_PREFIX = re.compile(r"\s*([A-Za-z]+):")
# Tokens the parser may take out of the text: an @name, a due:date, a !level.
_SYNTAX_SHAPED = {"@": re.compile(r"@\S+"), "due": re.compile(r"due:\S+", re.I | re.S),
                  "!": re.compile(r"!\S+")}


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(token in remaining for token in part)


def assert_nothing_lost(typed: str) -> None:
    """The words of ``typed`` that the parser did not read as syntax are all in the text.

    Precisely: with ``body`` the words after a recognised prefix (all words otherwise), either
    the text's words are exactly ``body`` (nothing taken out, or the fallback when nothing
    else was left), or the text's words are ``body`` minus a few words, in the same order,
    and the words taken out are at most one ``@name`` (then ``owner`` is set), one ``due:``
    (then ``due`` is set) and one ``!level`` (then ``level`` is set).
    """
    capture = parse_capture(typed, TODAY)
    match = _PREFIX.match(typed)
    if match and match[1].lower() in PREFIXES:
        body = typed[match.end():].split()
        if not body:
            assert capture.text == typed.strip()
            return
    else:
        assert capture.type == "note"
        assert capture.text == typed.strip()
        return
    words = capture.text.split()
    if words == body:
        fallback = any("what was typed" in problem for problem in capture.problems)
        fields = (capture.owner, capture.due, capture.level)
        assert fallback or fields == (None, None, None)
        return
    assert _is_subsequence(words, body)
    taken = Counter(body) - Counter(words)
    assert Counter(words) + taken == Counter(body)
    kinds: Counter[str] = Counter()
    for token, count in taken.items():
        shapes = [k for k, pattern in _SYNTAX_SHAPED.items() if pattern.fullmatch(token)]
        assert shapes, f"{token!r} was taken out of the text but is not syntax"
        shape = shapes[0]
        kinds[shape] += count
    assert all(count <= 1 for count in kinds.values()), taken
    assert (capture.owner is not None) == bool(kinds["@"])
    assert (capture.due is not None) == bool(kinds["due"])
    assert (capture.level is not None) == bool(kinds["!"])


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_string_parses_and_keeps_its_words(typed: str) -> None:
    assert_nothing_lost(typed)


_SYNTAXY_WORDS = st.sampled_from([
    "@dana", "@Mary-Jane", "@lee?", "@", "@2pm", "@@x", "dana@acme.com", "due:fri", "due:",
    "DUE:+3d", "due:2026-02-30", "due:someday", "due:2026-12-04,", "!high", "!MED", "!low.",
    "!urgent", "!", "!!", "wow!", "a:", "x", "Send", "SOW", "draft", "?", "—", "é", "🚀",
])
_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c"])
_PREFIXES = st.sampled_from(
    [*PREFIXES, "A", "ACTION", "Risk", "Dep", "PN", "foo", "http", "a1", ""]
).map(lambda p: f"{p}:" if p else "")


@st.composite
def capture_lines(draw: st.DrawFn) -> str:
    prefix = draw(_PREFIXES)
    words = draw(st.lists(st.one_of(_SYNTAXY_WORDS, st.text(min_size=1, max_size=8)),
                          max_size=12))
    line = prefix + draw(st.sampled_from(["", " "]))
    for word in words:
        line += word + draw(_SPACES)
    return line


@settings(max_examples=1500, deadline=None)
@given(capture_lines())
def test_syntax_heavy_lines_keep_their_words(typed: str) -> None:
    assert_nothing_lost(typed)


@settings(max_examples=300, deadline=None)
@given(capture_lines())
def test_every_capture_becomes_a_valid_item(typed: str) -> None:
    capture = parse_capture(typed, TODAY)
    item = capture.to_item("objectives")
    assert item.type == capture.type
    assert capture.echo().startswith(capture.label())


def test_very_long_input_is_fine() -> None:
    words = ["word"] * 20_000
    words[10_000] = "@dana"
    words[15_000] = "due:fri"
    typed = "a: " + " ".join(words)
    assert len(typed) > 100_000
    capture = parse_capture(typed, TODAY)
    assert capture.owner == "Dana"
    assert capture.due == date(2026, 11, 27)
    assert capture.text.split() == ["word"] * 19_998
    assert_nothing_lost(typed)
    capture.to_item("objectives")
    long_word = "x" * 100_000
    for typed in (long_word, "a:" + long_word, "@" + long_word, "a: @" + long_word,
                  " " * 100_000, "a: due:" + long_word, "r: x !" + "h" * 100_000):
        assert_nothing_lost(typed)
        # A problem quoting a runaway word stays short enough for the one-line echo.
        assert all(len(problem) < 200 for problem in parse_capture(typed, TODAY).problems)
