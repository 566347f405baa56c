"""The capture line's syntax: what a prefix creates and which fields a line can set.

Two tables, :data:`PREFIXES` (what a line creates, made from the item kinds' declared
prefixes, see :mod:`kickoff_tui.core.kinds.registry`) and :data:`FIELDS` (what can be set
inline). The parser (:mod:`kickoff_tui.core.capture`), the echo line, the help screen
(:func:`syntax_help`) and the README (:func:`syntax_markdown`) all read them, so they cannot
disagree.

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

from kickoff_tui.core.kinds import KINDS
from kickoff_tui.core.models import Level, RaidKind

#: What a capture line makes: the name of an item kind with prefixes, or ``"next"``.
CaptureType = str

#: The kind a line with no prefix (or an unknown one) makes.
DEFAULT_TYPE = "note"


@dataclass(frozen=True)
class CaptureKind:
    """One kind of thing the capture line creates, as the prefix table and help describe it.

    ``fields`` are the inline fields (:attr:`InlineField.attr`) a line of it may carry;
    ``every_person``: every ``@name`` is a person of the item, not only the first;
    ``verbatim``: nothing on the line is syntax.
    """

    type: CaptureType
    label: str
    creates: str
    raid_kind: RaidKind | None = None
    private: bool = False
    fields: frozenset[str] = frozenset()
    every_person: bool = False
    verbatim: bool = False


#: ``next:`` sets the session's next step and the next meeting; it makes no item.
NEXT = CaptureKind("next", "Next step", "the next step and the next meeting's date and time")


def _prefix_table() -> dict[str, CaptureKind]:
    """Every kind's prefixes, in the registry's order; ``next:`` just before the notes."""
    table: dict[str, CaptureKind] = {}
    for kind in sorted(KINDS, key=lambda kind: kind.name == DEFAULT_TYPE):
        if kind.name == DEFAULT_TYPE:
            table["next"] = NEXT
        for prefix in kind.prefixes:
            made = CaptureKind(
                kind.name, prefix.label, prefix.creates, prefix.raid_kind, prefix.private,
                prefix.fields, prefix.every_person, prefix.verbatim,
            )
            table.update(dict.fromkeys(prefix.words, made))
    return table


#: The one prefix table (lowercase prefix without the colon -> kind).
PREFIXES: dict[str, CaptureKind] = _prefix_table()

#: ``!word`` / ``L:word`` / ``I:word`` -> level.
LEVELS: dict[str, Level] = {
    "high": Level.HIGH,
    "med": Level.MEDIUM,
    "medium": Level.MEDIUM,
    "low": Level.LOW,
}

#: The label of each ``(type, RAID kind, private)``, for a :class:`Capture`'s echo.
LABELS: dict[tuple[str, RaidKind | None, bool], str] = {
    (kind.type, kind.raid_kind, kind.private): kind.label for kind in PREFIXES.values()
}

#: Capture types some of whose lines can be rated (``!high``, ``L:``, ``I:``): the RAID log.
RATED_TYPES = frozenset(kind.type for kind in PREFIXES.values() if "level" in kind.fields)


@dataclass(frozen=True)
class InlineField:
    """One field that can be set on the capture line.

    ``token`` is how it is typed; ``attr`` the :class:`~kickoff_tui.core.capture.Capture`
    attribute it fills (a kind's prefix lists the attrs it takes); ``free`` fields take the
    words up to the end of the line or the next field.
    """

    token: str
    attr: str
    help: str
    free: bool = False

    def applies(self, kind: CaptureKind) -> bool:
        """Whether a line of ``kind`` may carry this field."""
        return self.attr in kind.fields


#: The one field table: parser, echo, help screen and README read it.
FIELDS: tuple[InlineField, ...] = (
    InlineField("@name", "owner",
                "a person, matched to an attendee (@dana, @scully, @dana.scully, @dan): "
                "the owner; who decided (d:, every @name); who answers (q:)"),
    InlineField("due:", "due", "due date of an action: YYYY-MM-DD, today, tomorrow, "
                "mon..sun (the next one), +3d, +2w"),
    InlineField("!high", "level", "!high / !med / !low: likelihood and impact of a risk"),
    InlineField("L:", "likelihood", "L:low|med|high, a risk's likelihood"),
    InlineField("I:", "impact", "I:low|med|high, a risk's impact"),
    InlineField("mit:", "mitigation", "mitigation of a RAID entry, to the end of the line "
                "or the next field", free=True),
    InlineField("why:", "rationale", "why a decision was taken (to the next field)", free=True),
    InlineField("ans:", "answer", "the answer to a question (marks it answered)", free=True),
)

FIELD_BY_TOKEN = {f.token.rstrip(":").lower(): f for f in FIELDS if f.token.endswith(":")}
FIELD_BY_ATTR = {f.attr: f for f in FIELDS}


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
