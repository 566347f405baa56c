"""The shape of an item-kind declaration, and the small text helpers its list columns use.

An :class:`ItemKind` says everything Kickoff needs to know about one kind of item; the
declarations themselves are in :mod:`kickoff_tui.core.kinds.registry`.

Everything here is Textual-free: a list :class:`Column` is plain data and callables returning
text (plus, where a cell is emphasised, the name of a Rich style such as ``"bold"``); the list
widget turns them into cells. The minutes and completeness hooks work through the small
protocols below, so this package never imports the minutes or the check that call it.

This module never imports Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from kickoff_tui.core import dates, textutil
from kickoff_tui.core.models import RaidKind

#: The text helpers the kinds' cells use, under the names the kinds read; each is defined once,
#: in core/textutil.py and core/dates.py.
CELL_LIMIT = textutil.LINE_LIMIT
one_line = textutil.one_line
fmt_due = dates.format_day


def fmt_owner(value: str | None) -> str:
    """An owner, or TBD."""
    return value or "TBD"


def nothing(item: Any) -> str:
    """The empty cell of a kind that has no such field."""
    return ""


@dataclass(frozen=True)
class Prefix:
    """One way to start a capture line for a kind (``a:`` / ``action:`` make an action).

    Attributes:
        words: the prefixes, lowercase, without the colon.
        label: what the echo and the help call it ("Risk", "Private note").
        creates: the help screen's description.
        fields: the inline fields a line of it may carry (the ``attr`` of the capture's
            inline-field table: ``owner``, ``due``, ``level``, ``mitigation``…).
        raid_kind: the RAID kind it sets.
        private: it makes a private note.
        every_person: every ``@name`` is a person of the item (a decision's deciders), not
            only the first.
        verbatim: nothing on the line is syntax (a note keeps its text whole).
    """

    words: tuple[str, ...]
    label: str
    creates: str
    fields: frozenset[str] = frozenset()
    raid_kind: RaidKind | None = None
    private: bool = False
    every_person: bool = False
    verbatim: bool = False


@dataclass(frozen=True)
class FormField:
    """One field of the edit dialog: the model attribute, its label and the kind of control.

    ``control`` is ``"line"``, ``"text"``, ``"owner"`` (a person, TBD when empty), ``"due"``
    (a date as :func:`~kickoff_tui.core.dates.parse_due` reads it), ``"check"``, ``"choice"``
    (one of ``choices``) or ``"raci"`` (one letter per person).
    """

    name: str
    label: str
    control: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One column of an item list.

    Attributes:
        key: its name.
        label: the heading.
        cell: reads the cell's text from an item.
        width: fixed width in cells; ``None`` for the elastic text column.
        narrow: the width on a narrow terminal (``0`` hides the column there).
        name: the cell holds a person's name (shortened to fit).
        date: the cell holds a date as :func:`fmt_due` writes it (the weekday goes first
            when it does not fit).
        style: the Rich style name of an emphasised cell (``"bold"``, ``"green"``); such a
            cell is drawn as it is, without shortening.
    """

    key: str
    label: str
    cell: Callable[[Any], str]
    width: int | None = None
    narrow: int | None = None
    name: bool = False
    date: bool = False
    style: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class ReferenceTable:
    """A kind shown as a reference table (People & plans view, and sections that declare it
    in the template with ``tables = [...]``)."""

    title: str
    add: str  # the palette command that adds a row
    add_help: str = ""  # that command's line in the palette and the help screen


class MinutesContext(Protocol):
    """What a kind's minutes hook may ask of the minutes being built."""

    def clean(self, text: str) -> str:
        """User text for the minutes (line breaks kept, control characters gone)."""
        ...

    def line(self, text: str) -> str:
        """User text for a one-line place (a name, a title)."""
        ...

    def name(self, value: str | None) -> str:
        """A person, named as in the attendee list."""
        ...

    def names(self, value: str) -> str:
        """A field naming several people, each named as in the attendee list."""
        ...

    def marked(self, item: Any, text: str) -> str:
        """``text`` with what became of the item since the meeting ended, if anything."""
        ...

    def section(self, section_id: str) -> str:
        """The title of an agenda section ("" when it is not on the agenda)."""
        ...

    def count(self, part: str) -> int:
        """How many lines a part of the minutes holds so far."""
        ...


class CheckContext(Protocol):
    """What a kind's completeness hook may ask of the check being run."""

    wrapup_id: str

    def report(self, kind: str, message: str, item: Any) -> None:
        """Add a finding of ``kind`` (see :mod:`kickoff_tui.core.findings`) about ``item``."""
        ...

    def owner(self, what: str, owner: str | None, item: Any) -> None:
        """Report ``owner`` if it is not (exactly one) attendee."""
        ...

    def next_step_taken(self) -> None:
        """The item counts as the agreed next step (an action raised in the wrap-up)."""
        ...


#: ``(item, context) -> (part of the minutes, line)``, or ``None`` to leave it out.
MinutesHook = Callable[[Any, MinutesContext], "tuple[str, Any] | None"]
#: ``(capture, section id, seat) -> item``.
FromCapture = Callable[[Any, str, str], Any]


@dataclass(frozen=True)
class ItemKind:
    """Everything Kickoff knows about one kind of item, in one place.

    Attributes:
        name: the stored ``type`` of its items.
        model: the stored model (in :mod:`kickoff_tui.core.models`).
        label: the short label of its items in lists ("Action").
        plural: what a view or table of them is called ("Actions").
        main: the attribute holding what an item says (``text``, ``name``…).
        noun: how a dialog title names one ("RACI row"); empty: the item's label, lowercase.
        prefixes: the capture-line prefixes that make one (none: added from the palette).
        fields: the edit dialog's fields, in order.
        columns: the columns of its own list.
        person_column: a column per person follows its own columns (the RACI grid).
        table: shown as a reference table (see :class:`ReferenceTable`).
        item_label: the label of one item, when it depends on the item ("Risk", "Private").
        owner, due, state, state_style: its cells in the section's mixed list.
        from_capture: makes the item from a capture line.
        echo: what the echo line says after the label, as parts.
        minutes: where it goes in the minutes and as what (see :data:`MinutesHook`).
        check: its completeness rules (see :class:`CheckContext`).
    """

    name: str
    model: type[Any]
    label: str
    plural: str
    main: str = "text"
    noun: str = ""
    prefixes: tuple[Prefix, ...] = ()
    fields: tuple[FormField, ...] = ()
    columns: tuple[Column, ...] = ()
    person_column: Callable[[str], Column] | None = None
    table: ReferenceTable | None = None
    item_label: Callable[[Any], str] | None = None
    owner: Callable[[Any], str] = nothing
    due: Callable[[Any], str] = nothing
    state: Callable[[Any], str] = nothing
    state_style: Callable[[Any], str] = nothing
    from_capture: FromCapture | None = None
    echo: Callable[[Any, date | None], list[str]] | None = None
    minutes: MinutesHook | None = None
    check: Callable[[Any, CheckContext], None] | None = None

    def label_of(self, item: Any) -> str:
        """The short label of one item ("Action", "Risk", "Private")."""
        return self.item_label(item) if self.item_label is not None else self.label

    def noun_of(self, item: Any) -> str:
        """How a dialog title names one item ("action", "RACI row", "risk")."""
        return self.noun or self.label_of(item).lower()

    def blank(self) -> Any:
        """A blank item of this kind for the "Add …" form: defaults, id and times set, its main
        field empty (``model_construct``: the dialog validates the required fields on save)."""
        return self.model.model_construct(**{self.main: ""})

    def text_of(self, item: Any) -> str:
        """What an item says: its text, or the name of an attendee, activity or plan row."""
        return str(getattr(item, self.main, "") or "")
