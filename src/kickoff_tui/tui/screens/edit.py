"""The edit dialog: every field of an item, validated before it closes so nothing typed is lost
to a bad value.

The fields of each kind, their labels and controls are declared with the kind
(:mod:`kickoff_tui.core.kinds.registry`); this dialog draws and reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from kickoff_tui.core.dates import parse_due
from kickoff_tui.core.kinds import FormField, kind_of
from kickoff_tui.core.safetext import visible_block
from kickoff_tui.core.textutil import value_error_line as _explain
from kickoff_tui.tui.bindings import ordered
from kickoff_tui.tui.screens.base import KickoffModal
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.area import OrderedTextArea
from kickoff_tui.tui.widgets.fields import OrderedInput
from kickoff_tui.tui.widgets.item_table import short_name
from kickoff_tui.tui.widgets.too_small import TooSmall

#: Key typed in a RACI cell -> the letter it sets ("/" for A/R; Backspace or space clears).
#: Capitals too: the hint says "Type R, A, C or I", and Textual names a typed capital "A", so a
#: binding for "a" alone missed every capital.
RACI_KEYS = {"r": "R", "a": "A", "c": "C", "i": "I", "R": "R", "A": "A", "C": "C", "I": "I",
             "slash": "A/R", "backspace": "", "space": "", "delete": ""}


class RaciCell(Static, can_focus=True):
    """One person's letter in a RACI row: typing R, A, C, I (or / for A/R) sets it and moves
    on to the next person, by itself."""

    DEFAULT_CSS = """
    RaciCell {
        width: 100%;
        height: 1;
        content-align: center middle;
        background: $boost;
    }
    RaciCell:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    def __init__(self, person: str, letter: str, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.person = person
        self.letter = letter
        self.show()

    def show(self) -> None:
        """Draw the letter (or a dot for none)."""
        self.update(self.letter or "·")


def raci_check(assignments: dict[str, str]) -> tuple[bool, str]:
    """Whether a RACI row is well formed (exactly one A), and a line saying so."""
    accountable = [p for p, letter in assignments.items() if "A" in letter]
    if len(accountable) == 1:
        return True, f"✓ Accountable: {accountable[0]}"
    if not accountable:
        return False, "⚠ No A: who is accountable? (you may still save)"
    return False, (f"⚠ {len(accountable)} As ({', '.join(accountable)}): a row has one A "
                   "(you may still save)")


def _as_text(value: Any) -> str:
    """A field's value as the form shows it: control characters visible (an item may come from
    another seat's file; an escape sequence drawn raw would drive the terminal)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return visible_block(str(getattr(value, "value", value)))


class EditItemScreen(KickoffModal):
    """Edit (or create) one item. Dismisses with the changed fields, or ``None`` on cancel."""

    BINDINGS = [
        ordered("escape", "cancel", "Cancel"),
        ordered("ctrl+s", "save", "Save"),
        *(Binding(key, f"raci_key({key!r})", show=False, priority=True) for key in RACI_KEYS),
    ]

    def __init__(self, item: Any, people: list[str], *, today: date | None = None,
                 is_new: bool = False, on_ready: Callable[[], None] | None = None) -> None:
        super().__init__()
        #: Called once the first field has the focus (the list that opened the dialog sends
        #: on the keys typed after its Enter).
        self.on_ready = on_ready
        self.item = item
        self.is_new = is_new
        self.kind = kind_of(item)
        #: The fields of the form, from the kind's declaration (the RACI letters apart).
        self.fields: tuple[FormField, ...] = tuple(
            f for f in self.kind.fields if f.control != "raci")
        #: The field holding one letter per person (a RACI row's assignments), if any.
        self.grid = next((f.name for f in self.kind.fields if f.control == "raci"), None)
        self.people = list(people)
        if self.grid is not None:
            for person in getattr(item, self.grid):
                if person not in self.people:
                    self.people.append(person)
        self._today = today or date.today()

    def compose(self) -> ComposeResult:
        """One control per field, then Save / Cancel."""
        yield TooSmall()
        with Vertical(id="dialog", classes="edit-dialog"):
            verb = "New" if self.is_new else "Edit"
            yield Label(f"{verb} {self.kind.noun_of(self.item)}", classes="dialog-title")
            with VerticalScroll(id="fields"):
                for field in self.fields:
                    value = getattr(self.item, field.name, None)
                    widget_id = f"f-{field.name}"
                    if field.control == "check":
                        yield Checkbox(field.label, bool(value), id=widget_id)
                        continue
                    yield Label(field.label, classes="field-label")
                    if field.control == "text":
                        area = OrderedTextArea(_as_text(value), id=widget_id, soft_wrap=True,
                                               show_line_numbers=False)
                        area.styles.height = 5
                        yield area
                    elif field.control == "choice":
                        options = [(c or "—", c) for c in field.choices]
                        yield Select(options, value=_as_text(value), allow_blank=False,
                                     id=widget_id)
                    else:
                        # An owner field offers the attendees as it is typed (→ accepts);
                        # any other name is taken too, and the Meeting matches it.
                        suggester = (SuggestFromList(self.people, case_sensitive=False)
                                     if field.control == "owner" and self.people else None)
                        yield OrderedInput(
                            _as_text(value), id=widget_id, suggester=suggester,
                            placeholder="TBD" if field.control in ("owner", "due") else "")
                if self.grid is not None:
                    if not self.people:
                        yield Static("Add attendees first (palette: Add attendee) to assign "
                                     "letters.", classes="hint")
                    else:
                        yield Static("Type R, A, C or I in each person's cell (/ for A/R, "
                                     "space clears); the cursor moves on by itself.",
                                     classes="hint")
                        with Grid(id="raci-grid"):
                            for index, person in enumerate(self.people):
                                with Vertical(classes="raci-person"):
                                    yield Label(plain(short_name(person, 10)),
                                                classes="raci-name")
                                    letters = getattr(self.item, self.grid)
                                    yield RaciCell(person, letters.get(person, ""),
                                                   id=f"raci-{index}")
                        yield Static("", id="raci-check")
            yield Static("", id="edit-error")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        """Focus the first field that takes text (a RAID entry's Kind comes first, and
        letters typed into a choice would change the kind instead of the words)."""
        for area in self.query(TextArea):
            # Editing adds to what is there, as in every editor: the cursor at the end.
            area.move_cursor(area.document.end)
        fields = self.query("Input, TextArea") or self.query("Select")
        if fields:
            self.set_focus(fields.first())
        self._check_raci()
        self.check_size()
        if self.on_ready is not None:
            self.on_ready()

    def check_size(self) -> None:
        """The fields scroll within what the terminal leaves after the title and the buttons,
        so Save is always on screen (80x24 included)."""
        super().check_size()
        # Border, padding, title, error line and buttons take about 12 rows of the dialog's
        # 90% of the screen.
        rows = int(self.app.size.height * 0.9) - 12
        self.query_one("#fields").styles.max_height = max(4, rows)

    def _read(self) -> dict[str, Any]:
        """The form's values as model fields. Raises ValueError for an unreadable date."""
        values: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#f-{field.name}")
            if isinstance(widget, Checkbox):
                values[field.name] = widget.value
            elif isinstance(widget, TextArea):
                values[field.name] = widget.text
                original = getattr(self.item, field.name, None)
                if widget.text == _as_text(original):
                    values[field.name] = original  # untouched: keep it exactly as it was
            elif isinstance(widget, Select):
                raw = widget.value
                values[field.name] = None if raw in ("", Select.BLANK) else raw
            elif isinstance(widget, Input):
                raw = widget.value.strip()
                if field.control == "owner":
                    values[field.name] = None if raw.upper() in ("", "TBD") else raw
                elif field.control == "due":
                    values[field.name] = (None if raw.upper() in ("", "TBD")
                                          else parse_due(raw, self._today))
                else:
                    original = getattr(self.item, field.name, None)
                    # Untouched: keep it exactly as it was, not as it was shown.
                    values[field.name] = original if raw == _as_text(original).strip() else raw
        if self.grid is not None:
            values[self.grid] = self._assignments()
        return values

    def _assignments(self) -> dict[str, str]:
        return {cell.person: cell.letter for cell in self.query(RaciCell) if cell.letter}

    def _check_raci(self) -> None:
        """Say under the grid whether the row has exactly one A, as it is typed."""
        if self.grid is None or not self.people:
            return
        good, message = raci_check(self._assignments())
        check = self.query_one("#raci-check", Static)
        check.set_class(not good, "-problem")
        check.update(plain(message))

    async def action_raci_key(self, key: str) -> None:
        """A letter typed in a RACI cell: set it and move on to the next person.

        A priority binding (see screens/base.py): it acts as the key arrives, so a burst
        "RACI" fills four cells.
        """
        cell = self.focused
        if not isinstance(cell, RaciCell):
            raise SkipAction()
        await self.settle()
        cell.letter = RACI_KEYS[key]
        cell.show()
        self._check_raci()
        if key not in ("backspace", "space", "delete"):
            self.focus_next()

    def action_save(self) -> None:
        """Validate; close with the values, or say what is wrong and stay open."""
        error = self.query_one("#edit-error", Static)
        try:
            values = self._read()
            type(self.item).model_validate({**self.item.model_dump(), **values})
        except ValueError as problem:  # ValidationError is a ValueError too
            error.update(plain(f"⚠ {_explain(problem)}"))
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def submit_field(self, field: Input) -> None:
        """Enter on a one-line field saves, as ctrl+s does."""
        self.action_save()
