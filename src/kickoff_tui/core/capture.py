"""The quick-capture line: one typed line becomes a note, decision, action, RAID entry...

``parse_capture`` is a pure function of the text, "today" and the attendees' names: no clock,
no I/O, so it can run on every key press for a live preview (a few microseconds on a typical
line; all regexes are compiled once, at import).

The syntax lives in two tables, :data:`PREFIXES` (what a line creates) and :data:`FIELDS`
(what can be set inline). The parser, the echo line, the help screen (:func:`syntax_help`)
and the README (:func:`syntax_markdown`) all read them, so they cannot disagree.

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
from datetime import date, time, timedelta
from typing import Literal

from kickoff_tui.core.models import (
    ActionItem,
    Decision,
    Level,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaidEntry,
    RaidKind,
)
from kickoff_tui.core.people import Roster

CaptureType = Literal["note", "decision", "action", "raid", "question", "parking", "next"]

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
DECISION = CaptureKind("decision", "Decision", "decision; @who decided (all of them), why:")
RISK = CaptureKind("raid", "Risk", "risk; @owner, L: I: !high, mit:", RaidKind.RISK)
DEPENDENCY = CaptureKind("raid", "Dependency", "dependency; @owner, L: I:, mit:",
                         RaidKind.DEPENDENCY)
ASSUMPTION = CaptureKind("raid", "Assumption", "assumption; @owner, mit:", RaidKind.ASSUMPTION)
ISSUE = CaptureKind("raid", "Issue", "issue; @owner, mit:", RaidKind.ISSUE)
CONSTRAINT = CaptureKind("raid", "Constraint", "constraint; @owner, mit:", RaidKind.CONSTRAINT)
QUESTION = CaptureKind("question", "Question", "question; @who answers, ans:")
PARKING = CaptureKind("parking", "Parking lot", "parking-lot item; @owner")
NEXT = CaptureKind("next", "Next step", "the next step and the next meeting's date and time")
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
    "next": NEXT,
    "n": NOTE,
    "note": NOTE,
    "pn": PRIVATE_NOTE,
}

#: ``!word`` / ``L:word`` / ``I:word`` -> level.
LEVELS: dict[str, Level] = {
    "high": Level.HIGH,
    "med": Level.MEDIUM,
    "medium": Level.MEDIUM,
    "low": Level.LOW,
}

#: RAID kinds that carry a likelihood and an impact (PRODUCT.md: "for risks"; a dependency
#: is a risk on somebody else's delivery, so it is rated too).
RATED_KINDS = frozenset({RaidKind.RISK, RaidKind.DEPENDENCY})


@dataclass(frozen=True)
class InlineField:
    """One field that can be set on the capture line.

    ``token`` is how it is typed; ``attr`` the :class:`Capture` attribute it fills;
    ``types`` the capture types it belongs to (a RAID field may narrow to ``raid_kinds``);
    ``free`` fields take the words up to the end of the line or the next field.
    """

    token: str
    attr: str
    help: str
    types: frozenset[str]
    free: bool = False
    raid_kinds: frozenset[RaidKind] | None = None

    def applies(self, kind: CaptureKind) -> bool:
        """Whether a line of ``kind`` may carry this field."""
        if kind.type not in self.types:
            return False
        return self.raid_kinds is None or kind.raid_kind in self.raid_kinds


#: The one field table: parser, echo, help screen and README read it.
FIELDS: tuple[InlineField, ...] = (
    InlineField("@name", "owner",
                "a person, matched to an attendee (@dana, @scully, @dana.scully, @dan): "
                "the owner; who decided (d:, every @name); who answers (q:)",
                frozenset({"action", "decision", "raid", "question", "parking"})),
    InlineField("due:", "due", "due date of an action: YYYY-MM-DD, today, tomorrow, "
                "mon..sun (the next one), +3d, +2w", frozenset({"action"})),
    InlineField("!high", "level", "!high / !med / !low: likelihood and impact of a risk",
                frozenset({"raid"}), raid_kinds=RATED_KINDS),
    InlineField("L:", "likelihood", "L:low|med|high, a risk's likelihood",
                frozenset({"raid"}), raid_kinds=RATED_KINDS),
    InlineField("I:", "impact", "I:low|med|high, a risk's impact",
                frozenset({"raid"}), raid_kinds=RATED_KINDS),
    InlineField("mit:", "mitigation", "mitigation of a RAID entry, to the end of the line "
                "or the next field", frozenset({"raid"}), free=True),
    InlineField("why:", "rationale", "why a decision was taken (to the next field)",
                frozenset({"decision"}), free=True),
    InlineField("ans:", "answer", "the answer to a question (marks it answered)",
                frozenset({"question"}), free=True),
)

_FIELD_BY_TOKEN = {f.token.rstrip(":").lower(): f for f in FIELDS if f.token.endswith(":")}
_FIELD_BY_ATTR = {f.attr: f for f in FIELDS}

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
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_RELATIVE_RE = re.compile(r"\+(\d{1,5})([dw])", re.IGNORECASE)
_TIME_RE = re.compile(r"(?<!\S)(?:at\s+)?(\d{1,2})[:.h](\d{2})(?!\S)", re.IGNORECASE)
_WORD_RE = re.compile(r"(?<!\S)(?:on\s+)?([\w+\-]{2,12})[,.;]?(?!\S)", re.IGNORECASE)

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
            if self.likelihood and self.likelihood == self.impact:
                parts.append(self.likelihood.value)
            else:
                if self.likelihood:
                    parts.append(f"L {self.likelihood.value}")
                if self.impact:
                    parts.append(f"I {self.impact.value}")
            if self.mitigation:
                parts.append("mitigation")
        elif self.type == "question":
            if self.owner:
                parts.append(f"for {self.owner}")
            if self.answer:
                parts.append("answered")
        elif self.type == "decision":
            if self.people:
                parts.append(f"by {', '.join(self.people)}")
            if self.rationale:
                parts.append("why")
        elif self.type == "parking" and self.owner:
            parts.append(self.owner)
        elif self.type == "next" and self.next_date:
            when = format_day(self.next_date, today)
            if self.next_time:
                when += f" {self.next_time:%H:%M}"
            parts.append(when)
        parts.extend(f"⚠ {problem}" for problem in self.problems)
        return " · ".join(parts)

    def to_item(
        self, section: str, seat: str = ""
    ) -> Note | Decision | ActionItem | RaidEntry | Question | ParkingLotItem:
        """The model item to store, raised in ``section`` by ``seat``.

        A ``next`` capture has no item of its own; should one be asked for, it is a note
        holding the line, so nothing typed is lost.
        """
        if self.type == "decision":
            return Decision(text=self.text, decided_by=", ".join(self.people),
                            rationale=self.rationale, section=section, seat=seat)
        if self.type == "action":
            return ActionItem(
                text=self.text, owner=self.owner, due=self.due, section=section, seat=seat
            )
        if self.type == "raid":
            return RaidEntry(
                kind=self.raid_kind or RaidKind.RISK,
                text=self.text,
                owner=self.owner,
                likelihood=self.likelihood,
                impact=self.impact,
                mitigation=self.mitigation,
                section=section,
                seat=seat,
            )
        if self.type == "question":
            return Question(
                text=self.text, owner=self.owner, answer=self.answer,
                status=QuestionStatus.ANSWERED if self.answer else QuestionStatus.OPEN,
                section=section, seat=seat,
            )
        if self.type == "parking":
            return ParkingLotItem(text=self.text, owner=self.owner, section=section, seat=seat)
        return Note(text=self.text, private=self.private, section=section, seat=seat)


_LABELS: dict[str, str] = {
    kind.type: kind.label for kind in PREFIXES.values() if kind.type not in ("raid", "note")
}


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
    if kind.type == "note":
        return Capture("note", stripped_body, private=kind.private)
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
            if kind.type == "decision" or not people:
                if person not in people:
                    people.append(person)
                cut(found.span())
            else:
                # One owner per item: a second person stays where typed, by full name.
                cut(found.span(), person)
        elif found["due"] is not None:
            if kind.type != "action":
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
                if kind.type == "raid":
                    problems.append(
                        f"could not read level {_quote(token)} (use !high, !med or !low)")
                continue  # "!wow" in a decision is just text
            if not _FIELD_BY_ATTR["level"].applies(kind):
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
            if not _FIELD_BY_ATTR[attr].applies(kind):
                if read is not None and kind.type == "raid":
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
            field = _FIELD_BY_TOKEN[found["free"].lower()]
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


def syntax_help() -> list[tuple[str, str]]:
    """Rows ``(typed, creates)`` for the help screen, from :data:`PREFIXES` and :data:`FIELDS`.

    The help screen and :func:`syntax_markdown` (the README's table) both read this.
    """
    aliases: dict[CaptureKind, list[str]] = {}
    for prefix, kind in PREFIXES.items():
        aliases.setdefault(kind, []).append(f"{prefix}:")
    rows = [(" ".join(names), kind.creates) for kind, names in aliases.items()]
    rows.append(("(no prefix)", "note on the current section"))
    rows += [(field.token, field.help) for field in FIELDS]
    return rows


def syntax_notes() -> str:
    """The sentence under the syntax table on the help screen."""
    return (
        "Due dates: YYYY-MM-DD, today, tomorrow, a weekday (fri = next Friday), +3d, +2w.  "
        "Example: r: Vendor API may slip @sam L:high I:med mit: weekly check-in.  "
        "@names match attendees; an ambiguous or unknown name is kept and said in the echo.  "
        "Prefixes are case-insensitive; an unknown prefix is a note. Nothing typed is lost: "
        "what cannot be read stays in the text."
    )


def syntax_markdown() -> str:
    """The capture syntax as a Markdown table (the README's "Quick capture" table)."""
    lines = ["| Type | Creates |", "|---|---|"]
    for typed, creates in syntax_help():
        shown = " / ".join(f"`{t}`" for t in typed.split()) if typed[0] != "(" else typed
        lines.append(f"| {shown} | {creates.replace('|', '&#124;')} |")
    return "\n".join(lines) + "\n"
