"""The quick-capture line: one typed line becomes a note, decision, action, RAID entry...

``parse_capture`` is a pure function of the text, "today" and the attendees' names: no clock,
no I/O, so it can run on every key press for a live preview (a few microseconds on a typical
line; all regexes are compiled once, at import).

The syntax lives in two tables in :mod:`kickoff_tui.core.capture_syntax`, :data:`PREFIXES`
(what a line creates, from the prefixes each item kind declares in
:mod:`kickoff_tui.core.kinds.registry`) and :data:`FIELDS` (what can be set inline). The
parser, the echo line, the help screen (:func:`syntax_help`) and the README
(:func:`syntax_markdown`) all read them, so they cannot disagree.

- a prefix ending in ``:`` chooses the kind (``a:`` action, ``r:`` risk...), case-insensitive,
  with or without a space after the colon. No prefix, or one that is not in the table
  (``foo: x``, ``http://...``), makes a plain note of the whole line;
- ``@name`` is a person, matched against the attendees (see :mod:`kickoff_tui.core.people`):
  the first is the owner (a question's answerer); a decision takes every ``@name`` as a
  decider. Another ``@name`` on an item with one owner stays where it was typed, written as
  the attendee's full name. An ambiguous or unknown name is kept as typed and the echo says
  so. Sentence punctuation right after the name (``@lee?``) goes with it;
- ``due:DATE`` on an action (see :func:`parse_due`);
- ``!high`` / ``!med`` / ``!low`` on a risk or dependency sets likelihood *and* impact;
  ``L:high`` and ``I:low`` set one of them;
- ``mit:`` (mitigation, RAID entries), ``why:`` (a decision's rationale) and ``ans:`` (a
  question's answer) take the words up to the end of the line or the next field;
- ``next: follow-up 2026-12-08 10:00`` records the next step and the next meeting's date.

On a note (``n:``, ``pn:`` or no prefix) nothing is syntax: the text is kept whole.

Nothing typed is ever lost. A part that cannot be read (``due:someday``, ``due:`` on a
decision, ``!urgent`` on a risk, a second due date) stays where it was typed and a sentence
saying so is added to ``problems``. When nothing is left once the syntax is taken out
(``a: @dana``), the text is what was typed after the prefix (``@dana``), fields still parsed,
so the row is never blank in the minutes and says what was meant; if nothing at all follows
the prefix (``a:``), the text is the whole line. Both are reported in ``problems``.

This module never imports Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from kickoff_tui.core.capture_syntax import (
    FIELD_BY_ATTR,
    FIELD_BY_TOKEN,
    FIELDS,
    LABELS,
    LEVELS,
    PREFIXES,
    RATED_TYPES,
    CaptureKind,
    CaptureType,
    InlineField,
    syntax_help,
    syntax_markdown,
    syntax_notes,
)
from kickoff_tui.core.dates import DUE_HINT, format_day, parse_due
from kickoff_tui.core.kinds import kind_named
from kickoff_tui.core.models import Level, Note, RaidKind
from kickoff_tui.core.people import Roster

__all__ = [
    "DUE_HINT",
    "FIELDS",
    "LEVELS",
    "PREFIXES",
    "Capture",
    "CaptureKind",
    "CaptureType",
    "InlineField",
    "format_day",
    "parse_capture",
    "parse_due",
    "syntax_help",
    "syntax_markdown",
    "syntax_notes",
]

_LONGEST_PREFIX = max(len(p) for p in PREFIXES)
# Bounded repetition: a 100 KB line of letters must not be scanned as one candidate prefix.
_PREFIX_RE = re.compile(rf"\s*([A-Za-z]{{1,{_LONGEST_PREFIX}}}):")
# Whole whitespace-separated tokens only (lookarounds), so "dana@acme.com" or "x!high" are
# plain text. Names are capped at 100 characters to stay within the model's field limits.
# A free field's marker (mit:, why:, ans:) may be followed directly by its first word.
_SYNTAX_RE = re.compile(
    r"(?<!\S)(?:"
    r"@(?P<name>[^\W\d_][\w'.\-]{0,99})[,.;:!?)]*(?!\S)"
    r"|(?i:due):(?P<due>\S*)(?!\S)"
    r"|!(?P<level>[^\W\d_]{1,20})[,.;:]?(?!\S)"
    r"|(?P<rated>[LlIi]):(?P<rating>[^\W\d_]{1,20})[,.;]?(?!\S)"
    r"|(?P<free>(?i:mit|why|ans)):"
    r")"
)
_TIME_RE = re.compile(r"(?<!\S)(?:at\s+)?(\d{1,2})[:.h](\d{2})(?!\S)", re.IGNORECASE)
_WORD_RE = re.compile(r"(?<!\S)(?:on\s+)?([\w+\-]{2,12})[,.;]?(?!\S)", re.IGNORECASE)


def _quote(token: str, limit: int = 40) -> str:
    """``'token'`` for a problem sentence, shortened so a runaway paste keeps it one line."""
    if len(token) > limit:
        token = token[: limit - 1] + "…"
    return repr(token)


def _capitalise(name: str) -> str:
    """``dana`` -> ``Dana``, ``mary-jane`` -> ``Mary-Jane``; mixed case is the user's choice."""
    if not name.islower():
        return name
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


@dataclass(frozen=True)
class Capture:
    """What one capture line means: the kind of item, its text and its fields.

    ``problems`` are human sentences about parts that could not be read (they stayed in
    the text) and about names that are not (or not uniquely) attendees; the item is created
    anyway. ``people`` are every person named (a decision's deciders); ``owner`` is the
    first. A ``next`` capture sets the session's next step (``text``) and the next meeting's
    ``next_date`` / ``next_time`` instead of creating an item.
    """

    type: CaptureType
    text: str
    raid_kind: RaidKind | None = None
    owner: str | None = None
    people: tuple[str, ...] = ()
    due: date | None = None
    likelihood: Level | None = None
    impact: Level | None = None
    mitigation: str = ""
    rationale: str = ""
    answer: str = ""
    next_date: date | None = None
    next_time: time | None = None
    private: bool = False
    problems: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        """Nothing was typed (only whitespace): the caller should not add an item."""
        return not self.text.strip()

    @property
    def makes_item(self) -> bool:
        """Whether Enter creates an item (a ``next:`` line sets the session's next step)."""
        return self.type != "next"

    def label(self) -> str:
        """``Action``, ``Risk``, ``Dependency``, ``Private note``..."""
        raid_kind = (self.raid_kind or RaidKind.RISK) if self.type == "raid" else None
        return LABELS.get((self.type, raid_kind, self.private)) or LABELS.get(
            (self.type, raid_kind, False), self.type)

    def echo(self, today: date | None = None) -> str:
        """A one-line summary of what was understood, e.g. ``Action · Dana · due Fri 4 Dec``.

        Args:
            today: the day it is, the machine's by default (another year's date shows it).
        """
        parts = [self.label()]
        if self.type == "next":
            if self.next_date:
                when = format_day(self.next_date, today)
                if self.next_time:
                    when += f" {self.next_time:%H:%M}"
                parts.append(when)
        else:
            echo = kind_named(self.type).echo
            if echo is not None:
                parts.extend(echo(self, today))
        parts.extend(f"⚠ {problem}" for problem in self.problems)
        return " · ".join(parts)

    def to_item(self, section: str, seat: str = "") -> Any:
        """The model item to store, raised in ``section`` by ``seat``.

        A ``next`` capture has no item of its own; should one be asked for, it is a note
        holding the line, so nothing typed is lost.
        """
        make = kind_named(self.type).from_capture if self.type != "next" else None
        if make is None:
            return Note(text=self.text, private=self.private, section=section, seat=seat)
        return make(self, section, seat)


class _Targets:
    """Where the kept stretches of a line go: the item's text or a free field's text.

    The whitespace inside each kept stretch is kept as typed (a pasted multi-line note keeps
    its lines); each cut leaves a single space.
    """

    def __init__(self) -> None:
        self.pieces: dict[str, list[str]] = {"text": []}

    def add(self, target: str, piece: str) -> None:
        piece = piece.strip()
        if piece:
            self.pieces.setdefault(target, []).append(piece)

    def get(self, target: str) -> str:
        return " ".join(self.pieces.get(target, ()))


def _as_roster(attendees: Sequence[str] | Roster) -> Roster:
    return attendees if isinstance(attendees, Roster) else Roster(attendees)


def _person(name: str, roster: Roster, problems: list[str]) -> str:
    """A typed ``@name`` (without the ``@``) as the record should hold it."""
    name = name.rstrip("'.-")
    if not roster:
        return _capitalise(name)
    found = roster.match(name)
    if found.kind == "attendee":
        return found.name
    problem = found.problem
    if problem is not None and problem not in problems:
        problems.append(problem if found.kind == "ambiguous" else
                        f"{_capitalise(name)} is not an attendee")
    return _capitalise(name)


def _parse_next(body: str, today: date, roster: Roster) -> Capture:
    """``next: follow-up 2026-12-08 10:00``: the step, the date and the time."""
    problems: list[str] = []
    cuts: list[tuple[int, int, str]] = []  # (start, end, replacement)
    next_date: date | None = None
    next_time: time | None = None
    for found in _WORD_RE.finditer(body):
        try:
            next_date = parse_due(found[1].rstrip(",.;"), today)
        except ValueError:
            continue
        cuts.append((found.start(), found.end(), ""))
        break
    for found in _TIME_RE.finditer(body):
        hour, minute = int(found[1]), int(found[2])
        if hour < 24 and minute < 60 and not any(s <= found.start() < e for s, e, _ in cuts):
            next_time = time(hour, minute)
            cuts.append((found.start(), found.end(), ""))
            break
    for found in _SYNTAX_RE.finditer(body):
        if found["name"] is not None and not any(s <= found.start() < e for s, e, _ in cuts):
            cuts.append((found.start(), found.end(), _person(found["name"], roster, problems)))
    cuts.sort()
    targets = _Targets()
    start = 0
    for cut_start, cut_end, replacement in cuts:
        targets.add("text", body[start:cut_start])
        targets.add("text", replacement)
        start = cut_end
    targets.add("text", body[start:])
    text = targets.get("text")
    if next_date is None:
        problems.append("no date for the next meeting (e.g. next: follow-up 2026-12-08 10:00)")
    if not text:
        text = "Next meeting"
    return Capture("next", text, next_date=next_date, next_time=next_time,
                   problems=tuple(problems))


def parse_capture(
    text: str, today: date, attendees: Sequence[str] | Roster = ()
) -> Capture:
    """Read one capture line. Never raises; see the module docstring for the syntax.

    Args:
        text: the line as typed.
        today: the date ``today``, ``fri``, ``+3d``... are relative to.
        attendees: the attendees' full names (or a :class:`Roster` of them) that ``@name``
            is matched against; with none, ``@dana`` is simply "Dana".
    """
    match = _PREFIX_RE.match(text)
    kind = PREFIXES.get(match[1].lower()) if match else None
    if kind is None or match is None:
        return Capture("note", text.strip())
    body = text[match.end() :]
    stripped_body = body.strip()
    if not stripped_body:
        prefix = match[0].strip()
        return Capture(
            kind.type,
            text.strip(),
            raid_kind=kind.raid_kind,
            private=kind.private,
            problems=(f"nothing after {prefix!r}: the text is the line as typed",),
        )
    if kind.verbatim:
        return Capture(kind.type, stripped_body, private=kind.private)
    roster = _as_roster(attendees)
    if kind.type == "next":
        return _parse_next(body, today, roster)

    people: list[str] = []
    due: date | None = None
    level: Level | None = None
    rated: dict[str, Level] = {}
    problems: list[str] = []
    targets = _Targets()
    target = "text"  # where the words go: the item's text or the open free field
    start = 0  # the start of the stretch not yet given to a target

    def cut(span: tuple[int, int], replacement: str = "") -> None:
        nonlocal start
        targets.add(target, body[start : span[0]])
        targets.add(target, replacement)
        start = span[1]

    for found in _SYNTAX_RE.finditer(body):
        token = found[0]
        if found["name"] is not None:
            person = _person(found["name"], roster, problems)
            if kind.every_person or not people:
                if person not in people:
                    people.append(person)
                cut(found.span())
            else:
                # One owner per item: a second person stays where typed, by full name.
                cut(found.span(), person)
        elif found["due"] is not None:
            if not FIELD_BY_ATTR["due"].applies(kind):
                problems.append(f"only actions have a due date: kept {_quote(token)} in the text")
                continue
            if due is not None:
                problems.append(f"a second due date stays in the text: {_quote(token)}")
                continue
            value = found["due"].rstrip(",.;)")
            if not value:
                problems.append(f"no date after 'due:' ({DUE_HINT})")
                continue
            try:
                due = parse_due(value, today)
            except ValueError:
                problems.append(f"could not read due date {_quote(value)}")
                continue
            cut(found.span())
            target = "text"
        elif found["level"] is not None:
            read = LEVELS.get(found["level"].lower())
            if read is None:
                if kind.type in RATED_TYPES:
                    problems.append(
                        f"could not read level {_quote(token)} (use !high, !med or !low)")
                continue  # "!wow" in a decision is just text
            if not FIELD_BY_ATTR["level"].applies(kind):
                problems.append(f"only risks and dependencies are rated: kept {_quote(token)}")
                continue
            if level is not None:
                problems.append(f"a second level stays in the text: {_quote(token)}")
                continue
            level = read
            cut(found.span())
            target = "text"
        elif found["rated"] is not None:
            attr = "likelihood" if found["rated"].lower() == "l" else "impact"
            read = LEVELS.get(found["rating"].lower())
            if not FIELD_BY_ATTR[attr].applies(kind):
                if read is not None and kind.type in RATED_TYPES:
                    problems.append(f"only risks and dependencies are rated: kept {_quote(token)}")
                continue  # "I:" in a note-like line is just text
            if read is None:
                problems.append(f"could not read {attr} {_quote(token)} (use low, med or high)")
                continue
            if attr in rated:
                problems.append(f"a second {attr} stays in the text: {_quote(token)}")
                continue
            rated[attr] = read
            cut(found.span())
            target = "text"
        elif found["free"] is not None:
            field = FIELD_BY_TOKEN[found["free"].lower()]
            if not field.applies(kind):
                problems.append(f"{field.token} is not a field of this kind: kept in the text")
                continue
            cut(found.span())
            target = field.attr
    targets.add(target, body[start:])

    remaining = targets.get("text")
    if not remaining:
        remaining = stripped_body
        problems.append("no text besides the syntax: the text is what was typed")
    return Capture(
        kind.type,
        remaining,
        raid_kind=kind.raid_kind,
        owner=people[0] if people else None,
        people=tuple(people),
        due=due,
        likelihood=rated.get("likelihood", level),
        impact=rated.get("impact", level),
        mitigation=targets.get("mitigation"),
        rationale=targets.get("rationale"),
        answer=targets.get("answer"),
        private=kind.private,
        problems=tuple(problems),
    )
