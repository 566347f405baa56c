"""The quick-capture line: one typed line becomes a note, decision, action, RAID entry...

``parse_capture`` is a pure function of the text and "today": no clock, no I/O, so it can run
on every key press for a live preview (a few microseconds on a typical line; all regexes are
compiled once, at import).

The syntax (see :data:`PREFIXES` and :func:`syntax_help`, which the help screen shows):

- a prefix ending in ``:`` chooses the kind (``a:`` action, ``r:`` risk...), case-insensitive,
  with or without a space after the colon. No prefix, or one that is not in the table
  (``foo: x``, ``http://...``), makes a plain note of the whole line;
- ``@name`` is the owner (a decision's decider, a question's answerer). Only the first one is
  taken; later ones stay in the text. An all-lowercase name is capitalised at the start and
  after each hyphen (``@mary-jane`` -> ``Mary-Jane``); any other is kept as typed. Sentence
  punctuation right after the name (``@lee?``) goes with it;
- ``due:DATE`` on an action (see :func:`parse_due`);
- ``!high`` / ``!med`` / ``!medium`` / ``!low`` on a RAID entry sets likelihood *and* impact.

On a note (``n:``, ``pn:`` or no prefix) nothing is syntax: the text is kept whole.

Nothing typed is ever lost. A part that cannot be read (``due:someday``, ``due:`` on a
decision, ``!urgent`` on a risk, a second due date) stays in the text verbatim and a sentence
saying so is added to ``problems``. When nothing is left once the syntax is taken out
(``a: @dana``), the text is what was typed after the prefix (``@dana``), fields still parsed,
so the row is never blank in the minutes and says what was meant; if nothing at all follows
the prefix (``a:``), the text is the whole line. Both are reported in ``problems``.

This module never imports Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

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

CaptureType = Literal["note", "decision", "action", "raid", "question", "parking"]

DUE_HINT = "use YYYY-MM-DD, today, tomorrow, mon..sun, +3d, +2w"


@dataclass(frozen=True)
class CaptureKind:
    """One kind of thing the capture line creates, as the prefix table and help describe it."""

    type: CaptureType
    label: str
    creates: str
    raid_kind: RaidKind | None = None
    private: bool = False


ACTION = CaptureKind("action", "Action", "action item; @owner, due:DATE")
DECISION = CaptureKind("decision", "Decision", "decision; @who decided")
RISK = CaptureKind("raid", "Risk", "risk; @owner, !high / !med / !low", RaidKind.RISK)
DEPENDENCY = CaptureKind("raid", "Dependency", "dependency; @owner", RaidKind.DEPENDENCY)
ASSUMPTION = CaptureKind("raid", "Assumption", "assumption; @owner", RaidKind.ASSUMPTION)
ISSUE = CaptureKind("raid", "Issue", "issue; @owner, !high / !med / !low", RaidKind.ISSUE)
CONSTRAINT = CaptureKind("raid", "Constraint", "constraint; @owner", RaidKind.CONSTRAINT)
QUESTION = CaptureKind("question", "Question", "question; @who answers")
PARKING = CaptureKind("parking", "Parking lot", "parking-lot item; @owner")
NOTE = CaptureKind("note", "Note", "note on the current section (also: no prefix)")
PRIVATE_NOTE = CaptureKind(
    "note", "Private note", "private note, never in the minutes", private=True
)

#: The one prefix table (lowercase prefix without the colon -> kind). The parser and the
#: help screen both read it, so they cannot disagree.
PREFIXES: dict[str, CaptureKind] = {
    "a": ACTION,
    "action": ACTION,
    "d": DECISION,
    "decision": DECISION,
    "r": RISK,
    "risk": RISK,
    "dep": DEPENDENCY,
    "dependency": DEPENDENCY,
    "as": ASSUMPTION,
    "assumption": ASSUMPTION,
    "issue": ISSUE,
    "c": CONSTRAINT,
    "constraint": CONSTRAINT,
    "q": QUESTION,
    "question": QUESTION,
    "p": PARKING,
    "park": PARKING,
    "n": NOTE,
    "note": NOTE,
    "pn": PRIVATE_NOTE,
}

#: ``!word`` -> level (likelihood and impact of a RAID entry).
LEVELS: dict[str, Level] = {
    "high": Level.HIGH,
    "med": Level.MEDIUM,
    "medium": Level.MEDIUM,
    "low": Level.LOW,
}

_LONGEST_PREFIX = max(len(p) for p in PREFIXES)
# Bounded repetition: a 100 KB line of letters must not be scanned as one candidate prefix.
_PREFIX_RE = re.compile(rf"\s*([A-Za-z]{{1,{_LONGEST_PREFIX}}}):")
# Whole whitespace-separated tokens only (lookarounds), so "dana@acme.com" or "x!high" are
# plain text. Names are capped at 100 characters to stay within the model's field limits.
_SYNTAX_RE = re.compile(
    r"(?<!\S)(?:"
    r"@(?P<name>[^\W\d_][\w'.\-]{0,99})[,.;:!?)]*"
    r"|(?i:due):(?P<due>\S*)"
    r"|!(?P<level>[^\W\d_]{1,20})[,.;:]?"
    r")(?!\S)"
)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RELATIVE_RE = re.compile(r"\+(\d{1,5})([dw])", re.IGNORECASE)

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS: dict[str, int] = {
    **{name: i for i, name in enumerate(_WEEKDAY_NAMES)},
    **{name[:3]: i for i, name in enumerate(_WEEKDAY_NAMES)},
    "tues": 1,
    "thur": 3,
    "thurs": 3,
}
# English on purpose: strftime("%a") follows the process locale, the minutes do not.
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_due(value: str, today: date) -> date:
    """Read a due date.

    Accepted: ``YYYY-MM-DD``; ``today``; ``tomorrow``; a weekday (``friday``, ``fri``, also
    ``tues``, ``thur``, ``thurs``), meaning the next such day strictly after today, so on a
    Friday ``fri`` is a week later (said on a Friday, "due Friday" means next week's); ``+3d``
    (days) and ``+2w`` (weeks) from today. Case-insensitive.

    Raises:
        ValueError: ``could not read due date 'x' (use YYYY-MM-DD, today, ...)``.
    """
    word = value.strip().lower()
    try:
        if word == "today":
            return today
        if word == "tomorrow":
            return today + timedelta(days=1)
        if word in _WEEKDAYS:
            ahead = (_WEEKDAYS[word] - today.weekday() - 1) % 7 + 1
            return today + timedelta(days=ahead)
        match = _RELATIVE_RE.fullmatch(word)
        if match:
            count = int(match[1])
            return today + timedelta(days=count * (7 if match[2] == "w" else 1))
        match = _ISO_DATE_RE.fullmatch(word)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
    except (ValueError, OverflowError):
        pass  # 2026-02-30, or +99999w past the year 9999: same message as any unreadable date
    raise ValueError(f"could not read due date {value!r} ({DUE_HINT})")


def format_day(day: date, today: date | None = None) -> str:
    """``Fri 4 Dec``, with the year when it is not the year of ``today`` (if given)."""
    text = f"{_DAY_ABBR[day.weekday()]} {day.day} {_MONTH_ABBR[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


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
    ``text``); the item is created anyway.
    """

    type: CaptureType
    text: str
    raid_kind: RaidKind | None = None
    owner: str | None = None
    due: date | None = None
    level: Level | None = None
    private: bool = False
    problems: tuple[str, ...] = ()

    @property
    def blank(self) -> bool:
        """Nothing was typed (only whitespace): the caller should not add an item."""
        return not self.text.strip()

    def label(self) -> str:
        """``Action``, ``Risk``, ``Dependency``, ``Private note``..."""
        if self.type == "raid":
            return (self.raid_kind or RaidKind.RISK).value.capitalize()
        if self.type == "note":
            return PRIVATE_NOTE.label if self.private else NOTE.label
        return _LABELS[self.type]

    def echo(self, today: date | None = None) -> str:
        """A one-line summary of what was understood, e.g. ``Action · Dana · due Fri 4 Dec``.

        Args:
            today: when given, a due date in another year shows its year.
        """
        parts = [self.label()]
        if self.type == "action":
            parts.append(self.owner or "owner TBD")
            parts.append(f"due {format_day(self.due, today)}" if self.due else "due TBD")
        elif self.type == "raid":
            if self.owner:
                parts.append(self.owner)
            elif self.raid_kind in (None, RaidKind.RISK):
                # A risk without an owner is flagged at wrap-up; say so as it is typed.
                parts.append("owner TBD")
            if self.level:
                parts.append(self.level.value)
        elif self.type == "question":
            if self.owner:
                parts.append(f"for {self.owner}")
        elif self.type == "decision":
            if self.owner:
                parts.append(f"by {self.owner}")
        elif self.type == "parking" and self.owner:
            parts.append(self.owner)
        parts.extend(f"⚠ {problem}" for problem in self.problems)
        return " · ".join(parts)

    def to_item(
        self, section: str, seat: str = ""
    ) -> Note | Decision | ActionItem | RaidEntry | Question | ParkingLotItem:
        """The model item to store, raised in ``section`` by ``seat``."""
        if self.type == "decision":
            return Decision(text=self.text, decided_by=self.owner or "", section=section, seat=seat)
        if self.type == "action":
            return ActionItem(
                text=self.text, owner=self.owner, due=self.due, section=section, seat=seat
            )
        if self.type == "raid":
            return RaidEntry(
                kind=self.raid_kind or RaidKind.RISK,
                text=self.text,
                owner=self.owner,
                likelihood=self.level,
                impact=self.level,
                section=section,
                seat=seat,
            )
        if self.type == "question":
            return Question(text=self.text, owner=self.owner, section=section, seat=seat)
        if self.type == "parking":
            return ParkingLotItem(text=self.text, owner=self.owner, section=section, seat=seat)
        return Note(text=self.text, private=self.private, section=section, seat=seat)


_LABELS: dict[str, str] = {
    kind.type: kind.label for kind in PREFIXES.values() if kind.type not in ("raid", "note")
}


def _join_without(body: str, removed: list[tuple[int, int]]) -> str:
    """``body`` with the ``removed`` spans cut out.

    The whitespace inside each kept stretch is kept as typed (a pasted multi-line note keeps
    its lines); each cut leaves a single space.
    """
    if not removed:
        return body.strip()
    pieces = []
    start = 0
    for cut_start, cut_end in removed:
        pieces.append(body[start:cut_start])
        start = cut_end
    pieces.append(body[start:])
    kept = [piece.strip() for piece in pieces]
    return " ".join(piece for piece in kept if piece)


def parse_capture(text: str, today: date) -> Capture:
    """Read one capture line. Never raises; see the module docstring for the syntax.

    Args:
        text: the line as typed.
        today: the date ``today``, ``fri``, ``+3d``... are relative to.
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
    if kind.type == "note":
        return Capture("note", stripped_body, private=kind.private)

    owner: str | None = None
    due: date | None = None
    level: Level | None = None
    problems: list[str] = []
    removed: list[tuple[int, int]] = []
    for found in _SYNTAX_RE.finditer(body):
        token = found[0]
        name, due_value, level_word = found["name"], found["due"], found["level"]
        if name is not None:
            if owner is None:
                owner = _capitalise(name.rstrip("'.-"))
                removed.append(found.span())
        elif due_value is not None:
            if kind.type != "action":
                problems.append(f"only actions have a due date: kept {_quote(token)} in the text")
                continue
            if due is not None:
                problems.append(f"a second due date stays in the text: {_quote(token)}")
                continue
            value = due_value.rstrip(",.;)")
            if not value:
                problems.append(f"no date after 'due:' ({DUE_HINT})")
                continue
            try:
                due = parse_due(value, today)
            except ValueError:
                problems.append(f"could not read due date {_quote(value)}")
                continue
            removed.append(found.span())
        elif level_word is not None:
            read = LEVELS.get(level_word.lower())
            if kind.type != "raid":
                # Only a real level word is worth a remark: "!wow" in a decision is just text.
                if read is not None:
                    problems.append(
                        f"only RAID entries have a level: kept {_quote(token)} in the text"
                    )
                continue
            if read is None:
                problems.append(f"could not read level {_quote(token)} (use !high, !med or !low)")
                continue
            if level is not None:
                problems.append(f"a second level stays in the text: {_quote(token)}")
                continue
            level = read
            removed.append(found.span())

    remaining = _join_without(body, removed)
    if not remaining:
        remaining = stripped_body
        problems.append("no text besides the syntax: the text is what was typed")
    return Capture(
        kind.type,
        remaining,
        raid_kind=kind.raid_kind,
        owner=owner,
        due=due,
        level=level,
        private=kind.private,
        problems=tuple(problems),
    )


def syntax_help() -> list[tuple[str, str]]:
    """Rows ``(typed, creates)`` for the help screen, from :data:`PREFIXES` and the fields."""
    aliases: dict[CaptureKind, list[str]] = {}
    for prefix, kind in PREFIXES.items():
        aliases.setdefault(kind, []).append(f"{prefix}:")
    rows = [(" ".join(names), kind.creates) for kind, names in aliases.items()]
    rows += [
        ("(no prefix)", "note on the current section"),
        ("@name", "owner; who decided (d:); who answers (q:). @dana -> Dana"),
        ("due:DATE", "YYYY-MM-DD, today, tomorrow, mon..sun (the next one), +3d, +2w"),
        ("!high !med !low", "likelihood and impact of a risk or other RAID entry"),
    ]
    return rows
