"""Tests of the quick-capture parser: every prefix and field, due dates, and nothing lost."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickoff_tui.core.capture import (
    FIELDS,
    PREFIXES,
    Capture,
    parse_capture,
    parse_due,
    syntax_help,
    syntax_markdown,
)
from kickoff_tui.core.meeting import Meeting
from kickoff_tui.core.models import (
    ActionItem,
    AgendaSection,
    Attendee,
    Decision,
    Level,
    Note,
    ParkingLotItem,
    Question,
    RaidEntry,
    RaidKind,
    Session,
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
      "likelihood": Level.HIGH, "impact": Level.HIGH}),
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
    ("issue: Build broken", {"type": "raid", "raid_kind": RaidKind.ISSUE,
                             "text": "Build broken"}),
    ("dep: Auth !med", {"type": "raid", "raid_kind": RaidKind.DEPENDENCY, "text": "Auth",
                        "likelihood": Level.MEDIUM, "impact": Level.MEDIUM}),
    ("c: Fixed budget", {"type": "raid", "raid_kind": RaidKind.CONSTRAINT, "text": "Fixed budget"}),
    ("constraint: Fixed budget", {"type": "raid", "raid_kind": RaidKind.CONSTRAINT,
                                  "text": "Fixed budget"}),
    ("risk: Slip !LOW", {"type": "raid", "text": "Slip", "likelihood": Level.LOW,
                         "impact": Level.LOW}),
    # Case, spacing.
    ("A: Send it", {"type": "action", "text": "Send it"}),
    ("Action:Send it", {"type": "action", "text": "Send it"}),
    ("  ACTION:   Send it  ", {"type": "action", "text": "Send it"}),
    ("R:slip !Medium", {"type": "raid", "text": "slip", "likelihood": Level.MEDIUM,
                        "impact": Level.MEDIUM}),
    # Owners.
    ("a: Draft @mary-jane", {"type": "action", "text": "Draft", "owner": "Mary-Jane"}),
    ("a: Draft @McDonald", {"type": "action", "text": "Draft", "owner": "McDonald"}),
    ("a: Draft @DANA", {"type": "action", "text": "Draft", "owner": "DANA"}),
    ("a: Ask @lee, then @sam", {"type": "action", "text": "Ask then Sam", "owner": "Lee"}),
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
    ("r: Slip !urgent @sam", "Slip !urgent", "!urgent",
     {"owner": "Sam", "likelihood": None, "impact": None}),
    ("r: Slip !high !low", "Slip !low", "!low", {"likelihood": Level.HIGH, "impact": Level.HIGH}),
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


def test_syntax_help_lists_every_prefix_and_field_once() -> None:
    rows = syntax_help()
    typed_cells = " ".join(typed for typed, _ in rows).split()
    prefixes = [t for t in typed_cells if t.endswith(":") and t not in FIELD_TOKENS]
    assert sorted(prefixes) == sorted(f"{p}:" for p in PREFIXES)
    assert all(creates for _, creates in rows)
    for field in FIELDS:
        assert sum(typed == field.token for typed, _ in rows) == 1, field.token


FIELD_TOKENS = {field.token for field in FIELDS}


def test_readme_quick_capture_table_is_the_parsers_table() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert syntax_markdown() in readme


# -- nothing is ever lost (property) --------------------------------------------------------

_PREFIX = re.compile(r"\s*([A-Za-z]+):")
# Tokens the parser may take out of the text: an @name, a due:date, a !level, L:/I:, and the
# markers of the free fields (whose words move to the field).
_SYNTAX_SHAPED = {"@": re.compile(r"@\S+"), "due": re.compile(r"due:\S+", re.I | re.S),
                  "!": re.compile(r"!\S+"), "rated": re.compile(r"[LlIi]:\S+"),
                  "free": re.compile(r"(?i:mit|why|ans):\S*")}


def _is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(token in remaining for token in part)


def assert_nothing_lost(typed: str, attendees: tuple[str, ...] = ()) -> None:
    """The words of ``typed`` that the parser did not read as syntax are all kept.

    Precisely: with ``body`` the words after a recognised prefix (all words otherwise), the
    words of the text followed by those of the free fields (mitigation, rationale, answer)
    are ``body`` minus a few words, and every word taken out is syntax that was read: an
    ``@name`` (then a person is set), one ``due:`` (then ``due`` is set), one ``!level`` or
    ``L:``/``I:`` (then a rating is set), or a free field's marker (its words are in the
    field; a marker glued to its first word counts as that word). A second person on an item
    with one owner stays in the text under the resolved name (capitalised).
    """
    capture = parse_capture(typed, TODAY, attendees)
    match = _PREFIX.match(typed)
    if match and match[1].lower() in PREFIXES and match[1].lower() != "next":
        body = typed[match.end():].split()
        if not body:
            assert capture.text == typed.strip()
            return
    elif match and match[1].lower() == "next":
        assert capture.type in ("next", "action")
        return
    else:
        assert capture.type == "note"
        assert capture.text == typed.strip()
        return
    kept = (capture.text.split() + capture.mitigation.split() + capture.rationale.split()
            + capture.answer.split())
    if capture.text.split() == body:
        fallback = any("what was typed" in problem for problem in capture.problems)
        fields = (capture.owner, capture.due, capture.likelihood, capture.impact)
        assert fallback or fields == (None, None, None, None)
        return
    taken = Counter(body) - Counter(kept)
    kinds: Counter[str] = Counter()
    for token, count in taken.items():
        shapes = [k for k, pattern in _SYNTAX_SHAPED.items() if pattern.fullmatch(token)]
        assert shapes, f"{token!r} was taken out of the text but is not syntax"
        kinds[shapes[0]] += count
    assert kinds["due"] <= 1 and kinds["!"] <= 1, taken
    assert (capture.owner is not None) == bool(kinds["@"]) or len(capture.people) > 0
    assert (capture.due is not None) == bool(kinds["due"])
    if kinds["!"] or kinds["rated"]:
        assert capture.likelihood is not None or capture.impact is not None
    extra = Counter(kept) - Counter(body)
    # Words in the record that were not typed as such: a glued marker's word, or a second
    # person written as a name.
    for word in extra:
        in_a_name = any(word in name.split() for name in attendees)
        assert in_a_name or any(word.casefold() in token.casefold() for token in taken), (
            word, taken)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_string_parses_and_keeps_its_words(typed: str) -> None:
    assert_nothing_lost(typed)


_SYNTAXY_WORDS = st.sampled_from([
    "mit:", "mit:spike", "why:", "ans:", "L:high", "I:low", "l:med", "I:huge", "next:",
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


@settings(max_examples=800, deadline=None)
@given(capture_lines())
def test_lines_naming_attendees_keep_their_words(typed: str) -> None:
    assert_nothing_lost(typed, ("Dana Scully", "Mary-Jane Watson", "Lee Park", "Sam Lee"))


@settings(max_examples=300, deadline=None)
@given(capture_lines())
def test_every_capture_becomes_a_valid_item(typed: str) -> None:
    capture = parse_capture(typed, TODAY)
    item = capture.to_item("objectives")
    assert item.type == (capture.type if capture.makes_item else "note")
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
    assert parse_capture(typed, TODAY, ["Dana Scully"]).owner == "Dana Scully"
    assert_nothing_lost(typed)
    capture.to_item("objectives")
    long_word = "x" * 100_000
    for typed in (long_word, "a:" + long_word, "@" + long_word, "a: @" + long_word,
                  " " * 100_000, "a: due:" + long_word, "r: x !" + "h" * 100_000):
        assert_nothing_lost(typed)
        # A problem quoting a runaway word stays short enough for the one-line echo.
        assert all(len(problem) < 200 for problem in parse_capture(typed, TODAY).problems)


# -- people, not strings --------------------------------------------------------------------

TEAM = ["Dana Scully", "Sam Lee", "Lee Park", "Priya Shah", "Marcus Reed", "Tom Okafor"]


@pytest.mark.parametrize(
    ("typed", "owner"),
    [("a: x @dana", "Dana Scully"), ("a: x @scully", "Dana Scully"),
     ("a: x @DANA.SCULLY", "Dana Scully"), ("a: x @danascully", "Dana Scully"),
     ("a: x @dan", "Dana Scully"), ("a: x @priya", "Priya Shah"),
     ("a: x @Marc", "Marcus Reed"), ("a: x @okafor.", "Tom Okafor")],
)
def test_at_name_resolves_to_the_attendees_full_name(typed: str, owner: str) -> None:
    capture = parse_capture(typed, TODAY, TEAM)
    assert capture.owner == owner
    assert capture.problems == ()
    assert owner in capture.echo()


def test_an_ambiguous_name_is_kept_and_the_echo_names_the_candidates() -> None:
    capture = parse_capture("q: Who migrates the data? @lee", TODAY, TEAM)
    assert capture.owner == "Lee"
    assert capture.text == "Who migrates the data?"
    assert "Sam Lee or Lee Park" in capture.echo()


def test_an_unknown_name_is_kept_and_the_echo_says_it_is_not_an_attendee() -> None:
    capture = parse_capture("a: Book the room @zoe due:fri", TODAY, TEAM)
    assert capture.owner == "Zoe"
    assert "Zoe is not an attendee" in capture.echo()
    # With no attendee list at all there is nothing to warn about.
    assert parse_capture("a: Book the room @zoe", TODAY).problems == ()


def test_a_decision_takes_every_name_as_a_decider() -> None:
    capture = parse_capture("d: Ship on the existing platform @tom @marcus", TODAY, TEAM)
    assert capture.text == "Ship on the existing platform"
    assert capture.people == ("Tom Okafor", "Marcus Reed")
    item = capture.to_item("scope")
    assert isinstance(item, Decision)
    assert item.decided_by == "Tom Okafor, Marcus Reed"
    assert "@" not in item.text


def test_a_second_person_on_an_action_is_written_as_their_name() -> None:
    capture = parse_capture("a: Pair with @marcus on the API @dana", TODAY, TEAM)
    assert capture.owner == "Marcus Reed"
    assert capture.text == "Pair with on the API Dana Scully"


# -- inline fields --------------------------------------------------------------------------


def test_the_products_risk_example_needs_no_dialog() -> None:
    typed = "r: Vendor API may slip @sam L:high I:med mit: weekly check-in with vendor"
    item = parse_capture(typed, TODAY, TEAM).to_item("risks")
    assert isinstance(item, RaidEntry)
    assert (item.text, item.owner) == ("Vendor API may slip", "Sam Lee")
    assert (item.likelihood, item.impact) == (Level.HIGH, Level.MEDIUM)
    assert item.mitigation == "weekly check-in with vendor"


@pytest.mark.parametrize(
    ("typed", "fields"),
    [
        ("r: Slip mit: spike in sprint 1 L:low", {"text": "Slip", "likelihood": Level.LOW,
                                                  "mitigation": "spike in sprint 1"}),
        ("r: Slip mit:spike @sam now", {"text": "Slip", "mitigation": "spike now",
                                         "owner": "Sam"}),
        ("r: Slip !high I:low", {"likelihood": Level.HIGH, "impact": Level.LOW}),
        ("as: Staff available mit: confirm with HR", {"mitigation": "confirm with HR"}),
        ("d: Postgres why: the team knows it @tom", {"rationale": "the team knows it",
                                                     "people": ("Tom",)}),
        ("q: Budget approved? ans: yes, in October", {"text": "Budget approved?",
                                                      "answer": "yes, in October"}),
        ("a: I: think so", {"text": "I: think so"}),
    ],
)
def test_inline_fields(typed: str, fields: dict[str, Any]) -> None:
    capture = parse_capture(typed, TODAY)
    for name, value in fields.items():
        assert getattr(capture, name) == value, name
    assert capture.problems == ()


def test_an_answer_marks_the_question_answered() -> None:
    item = parse_capture("q: Budget? ans: yes", TODAY).to_item("q")
    assert isinstance(item, Question)
    assert (item.answer, item.status.value) == ("yes", "answered")


@pytest.mark.parametrize(
    ("typed", "kept", "mention"),
    [("a: Send why: because", "Send why: because", "why:"),
     ("r: Slip L:huge", "Slip L:huge", "huge"),
     ("issue: Build down !high", "Build down !high", "rated"),
     ("c: Budget I:high", "Budget I:high", "rated")],
)
def test_a_field_in_the_wrong_place_stays_in_the_text(typed: str, kept: str, mention: str) -> None:
    capture = parse_capture(typed, TODAY)
    assert capture.text == kept
    assert any(mention in problem for problem in capture.problems)


def test_next_sets_the_next_step_and_the_meetings_date() -> None:
    capture = parse_capture("next: follow-up 2026-12-08 10:00 @dana sends the invite",
                            TODAY, TEAM)
    assert capture.type == "next" and not capture.makes_item
    assert capture.text == "follow-up Dana Scully sends the invite"
    assert (capture.next_date, capture.next_time) == (date(2026, 12, 8), time(10, 0))
    assert capture.echo(TODAY) == "Next step · Tue 8 Dec 10:00"
    assert parse_capture("next: design review on fri", TODAY).next_date == date(2026, 11, 27)
    undated = parse_capture("next: another call", TODAY)
    assert undated.next_date is None
    assert "no date for the next meeting" in undated.echo()


def test_the_meeting_matches_its_attendees_and_undoes_a_next_step() -> None:
    session = Session(
        title="Apollo",
        sections=[AgendaSection(id="s1", title="Scope", box_minutes=5)],
        items=[Attendee(name=name) for name in TEAM],
    )
    meeting = Meeting(session, today=lambda: TODAY, seat="t")
    captured = meeting.capture("a: Send SOW @dana due:fri")
    assert captured is not None and captured.item.owner == "Dana Scully"
    assert "Sam Lee or Lee Park" in meeting.preview("q: x @lee").echo()
    captured = meeting.capture("next: follow-up 2026-12-08 10:00")
    assert captured is not None and captured.items == ()
    assert (session.next_step, session.next_meeting, session.next_meeting_time) == (
        "follow-up", date(2026, 12, 8), time(10, 0))
    assert meeting.undo() == "next step restored"
    assert (session.next_step, session.next_meeting) == ("", None)


def test_the_next_step_dialog_reads_a_date_in_the_text() -> None:
    session = Session(title="A", sections=[AgendaSection(id="s", title="S", box_minutes=5)])
    meeting = Meeting(session, today=lambda: TODAY, seat="t")
    meeting.set_next_step("Design workshop 2026-12-08 10:00")
    assert (session.next_step, session.next_meeting, session.next_meeting_time) == (
        "Design workshop", date(2026, 12, 8), time(10, 0))
    meeting.set_next_step("Design workshop with the vendor")  # the text alone edited
    assert (session.next_step, session.next_meeting) == (
        "Design workshop with the vendor", date(2026, 12, 8))


def test_a_name_typed_in_a_dialog_is_matched_like_an_at_name() -> None:
    session = Session(
        title="A", sections=[AgendaSection(id="s", title="S", box_minutes=5)],
        items=[Attendee(name=name) for name in TEAM],
    )
    meeting = Meeting(session, today=lambda: TODAY, seat="t")
    captured = meeting.capture("a: Draft the plan")
    assert captured is not None
    item_id = captured.item.id
    assert meeting.update(item_id, owner="@marcus").owner == "Marcus Reed"
    assert meeting.update(item_id, owner="priya").owner == "Priya Shah"
    assert meeting.update(item_id, owner="Lee").owner == "Lee"  # ambiguous: as typed
    assert meeting.update(item_id, owner="@kim").owner == "kim"  # not an attendee
    decision = meeting.capture("d: Ship it")
    assert decision is not None
    assert meeting.update(decision.item.id, decided_by="@tom, dana").decided_by == (
        "Tom Okafor, Dana Scully")
