"""A table of captured items that updates row by row, so a capture costs the same with 2,000
items in the meeting as with none."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import DataTable

from kickoff_tui.tui.text import plain, visible

#: Rendered cells remembered per table (a screenful is a few hundred).
CELL_CACHE_SIZE = 4096

#: Cells show at most this much of a long text (wider than any terminal column); the edit
#: dialog shows all of it.
CELL_LIMIT = 200

KIND_LABELS = {
    "note": "Note",
    "decision": "Decision",
    "action": "Action",
    "question": "Question",
    "parking": "Parked",
    "attendee": "Attendee",
    "raci": "RACI",
    "deliverable": "Deliverable",
    "comm": "Comms",
}


def kind_label(item: Any) -> str:
    """Short label of an item's kind ("Risk", "Private note", "Action"…)."""
    if item.type == "raid":
        return str(item.kind.value).capitalize()
    if item.type == "note" and item.private:
        return "Private"
    return KIND_LABELS.get(item.type, item.type)


def one_line(text: str, limit: int = CELL_LIMIT) -> str:
    """Text for a one-line cell: line breaks folded, control characters made visible, long
    text cut with an ellipsis."""
    flat = " ".join(visible(text[: limit * 2]).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def fmt_due(value: date | None) -> str:
    """A due date as people say it ("Fri 4 Dec"), with the year when it is not this year."""
    if value is None:
        return "TBD"
    if value.year == date.today().year:
        return f"{value:%a} {value.day} {value:%b}"
    return f"{value:%a} {value.day} {value:%b %Y}"


def fmt_owner(value: str | None) -> str:
    """An owner, or TBD."""
    return value or "TBD"


def main_text(item: Any) -> str:
    """What an item says: its text, or the name of an attendee, activity or plan row."""
    for name in ("text", "name", "activity", "what"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return ""


def _detail(item: Any) -> str:
    """The fields that matter most for an item of any kind, in one short string."""
    match item.type:
        case "action":
            return f"{fmt_owner(item.owner)} · due {fmt_due(item.due)} · {item.status.value}"
        case "raid":
            level = "/".join(
                v.value if v else "?" for v in (item.likelihood, item.impact)
            ) if (item.likelihood or item.impact) else ""
            return " · ".join(p for p in (fmt_owner(item.owner), level, item.status.value) if p)
        case "question":
            return f"for {fmt_owner(item.owner)} · {item.status.value}"
        case "decision":
            return item.decided_by
        case "parking":
            return item.owner or ""
        case "attendee":
            parts = [item.role, item.organisation, "present" if item.present else "absent"]
            return " · ".join(p for p in parts if p)
        case "deliverable":
            return f"due {fmt_due(item.due)}" + (" · milestone" if item.milestone else "")
        case "raci":
            return " ".join(f"{p}:{letter}" for p, letter in item.assignments.items())
        case "comm":
            return " · ".join(p for p in (item.channel, item.frequency, item.owner or "") if p)
    return ""


@dataclass(frozen=True)
class Column:
    """One column of an item table: its key, label, width and how to read the cell."""

    key: str
    label: str
    cell: Callable[[Any], str | Text]
    width: int | None = None


def _status_cell(item: Any) -> Text:
    status = item.status.value
    style = {"done": "green", "answered": "green", "closed": "green", "cancelled": "dim"}.get(
        status, ""
    )
    if item.type == "action":
        mark = {"done": "[x]", "cancelled": "[-]"}.get(status, "[ ]")
        return Text(f"{mark} {status}", style=style)
    return Text(status, style=style)


def _level_cell(item: Any) -> str:
    if not (item.likelihood or item.impact):
        return ""
    return "/".join(v.value[0].upper() if v else "?" for v in (item.likelihood, item.impact))


SECTION_COLUMNS = (
    Column("kind", "Kind", lambda i: Text(kind_label(i), style="bold"), 10),
    Column("text", "What", lambda i: one_line(main_text(i)), None),
    Column("detail", "Owner · due · status", lambda i: one_line(_detail(i), 60), 34),
)

VIEW_COLUMNS: dict[str, tuple[Column, ...]] = {
    "section": SECTION_COLUMNS,
    "decision": (
        Column("text", "Decision", lambda i: one_line(i.text), None),
        Column("by", "Decided by", lambda i: i.decided_by, 16),
    ),
    "action": (
        Column("status", "Status", _status_cell, 14),
        Column("text", "Action", lambda i: one_line(i.text), None),
        Column("owner", "Owner", lambda i: fmt_owner(i.owner), 14),
        Column("due", "Due", lambda i: fmt_due(i.due), 13),
    ),
    "raid": (
        Column("kind", "Kind", lambda i: kind_label(i), 11),
        Column("text", "Entry", lambda i: one_line(i.text), None),
        Column("owner", "Owner", lambda i: fmt_owner(i.owner), 12),
        Column("level", "L/I", _level_cell, 4),
        Column("status", "Status", lambda i: i.status.value, 9),
    ),
    "question": (
        Column("status", "Status", _status_cell, 9),
        Column("text", "Question", lambda i: one_line(i.text), None),
        Column("owner", "Answers", lambda i: fmt_owner(i.owner), 12),
        Column("answer", "Answer", lambda i: one_line(i.answer, 60), 24),
    ),
    "parking": (
        Column("text", "Parked item", lambda i: one_line(i.text), None),
        Column("owner", "Owner", lambda i: i.owner or "", 14),
    ),
    "attendee": (
        Column("name", "Name", lambda i: i.name, 20),
        Column("role", "Role", lambda i: i.role, 22),
        Column("org", "Organisation", lambda i: i.organisation, 18),
        Column("present", "Here", lambda i: "present" if i.present else "absent", 8),
    ),
    # One column per person follows: see raci_columns.
    "raci": (Column("activity", "Activity / deliverable", lambda i: one_line(i.activity, 60)),),
    "deliverable": (
        Column("name", "Deliverable / milestone", lambda i: one_line(i.name), None),
        Column("due", "Due", lambda i: fmt_due(i.due), 13),
        Column("kind", "Kind", lambda i: "milestone" if i.milestone else "deliverable", 11),
        Column("accept", "Acceptance", lambda i: one_line(i.acceptance, 60), 24),
    ),
    "comm": (
        Column("what", "What", lambda i: one_line(i.what), None),
        Column("audience", "Audience", lambda i: i.audience, 14),
        Column("channel", "Channel", lambda i: i.channel, 14),
        Column("freq", "Frequency", lambda i: i.frequency, 12),
        Column("owner", "Owner", lambda i: i.owner or "", 12),
    ),
}


def raci_columns(people: tuple[str, ...]) -> tuple[Column, ...]:
    """The RACI grid's columns: the activity, then one per person with their letter."""

    def letter(person: str) -> Callable[[Any], Text]:
        def cell(row: Any) -> Text:
            value = row.assignments.get(person, "")
            return Text(value, style="bold" if value == "A" else "")
        return cell

    return (*VIEW_COLUMNS["raci"],
            *(Column(f"p:{person}", person, letter(person), max(3, min(len(person), 12)))
              for person in people))


class ItemTable(DataTable[Any]):
    """Items as rows keyed by item id, updated one row at a time."""

    class Typed(Message):
        """A printable key typed while the list has the focus: it belongs to the capture
        line (type-to-capture); the list keeps its own keys (arrows, Enter, Delete, Esc)."""

        def __init__(self, character: str) -> None:
            super().__init__()
            #: The character typed.
            self.character = character

    def on_key(self, event: events.Key) -> None:
        """Hand printable keys on (the list has no use for them)."""
        if event.is_printable and event.character:
            event.stop()
            event.prevent_default()
            self.post_message(self.Typed(event.character))

    DEFAULT_CSS = """
    ItemTable { height: 1fr; }
    """

    # Textual lays out the whole screen whenever a table's virtual size changes. A row added
    # to a table that already scrolls changes nothing outside it, so that full layout (the
    # biggest cost of a capture with 2,000 items) is skipped: see watch_virtual_size.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, old: Size, new: Size) -> None:
        """Lay the screen out again only when a scrollbar appears or goes."""
        if not self.size:
            return  # not on screen (a hidden view): showing it lays it out anyway
        region = self.scrollable_content_region
        scrolls = (old.width > region.width, old.height > region.height)
        if scrolls != (new.width > region.width, new.height > region.height):
            self.refresh(layout=True)
            return
        self._scroll_update(new)
        # Newest in view: follow the end if the view was at the end (the user has not
        # scrolled up to read something).
        if self.scroll_y >= old.height - region.height - 1:
            self.scroll_to(y=max(0, new.height - region.height), animate=False, immediate=True)
        self.refresh()

    def __init__(self, columns: tuple[Column, ...], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.spec = columns
        self._ids: set[str] = set()
        self._cell_cache: LRUCache[tuple[Any, ...], Any] = LRUCache(CELL_CACHE_SIZE)

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> Any:
        """DataTable forgets every rendered cell whenever any row is added (its cache keys
        carry an update counter), so each capture redrew every visible cell. Here a body cell
        is remembered by what decides its look: its row, column, value, width and style."""
        if row_index < 0 or column_index < 0:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        if row_key is None or column_key is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover)
        value = self._data.get(row_key, {}).get(column_key)
        key = (row_key, column_key, id(value), base_style, width, cursor, hover,
               self._show_hover_cursor, self._pseudo_class_state)
        lines = self._cell_cache.get(key)
        if lines is None or lines[0] is not value:
            lines = (value, super()._render_cell(row_index, column_index, base_style, width,
                                                 cursor, hover))
            self._cell_cache[key] = lines
        return lines[1]

    def on_mount(self) -> None:
        """Create the columns."""
        self._add_columns()

    def _add_columns(self) -> None:
        for column in self.spec:
            # Labels may be user text (RACI people): shown literally.
            self.add_column(plain(column.label), key=column.key, width=column.width)

    def set_columns(self, columns: tuple[Column, ...]) -> None:
        """Replace the columns (the RACI grid has one per person); rows are cleared too,
        :meth:`reload` shows them again."""
        self.spec = columns
        self.clear(columns=True)
        self._ids.clear()
        self._add_columns()

    def _cells(self, item: Any) -> list[Text]:
        # Every cell as Text: a plain string would be read as markup ("[/]" would crash).
        # One line, never wrapped: wrapping each cell on every frame is what makes a big table
        # slow to draw, and a cell shows one line anyway.
        cells = []
        for column in self.spec:
            value = column.cell(item)
            cell = plain(one_line(value)) if isinstance(value, str) else value
            cell.no_wrap = True
            cell.overflow = "ellipsis"
            cells.append(cell)
        return cells

    def put(self, item: Any) -> None:
        """Show an item: add its row, update it in place, or remove it if it was deleted."""
        if item.deleted:
            self.drop(item.id)
            return
        if item.id in self._ids:
            for column, value in zip(self.spec, self._cells(item), strict=True):
                self.update_cell(item.id, column.key, value)
            return
        self.add_row(*self._cells(item), key=item.id)
        self._ids.add(item.id)
        self._settle()
        # The anchor keeps the newest row in view. The cursor stays put: DataTable keys its
        # render caches on the cursor, so moving it would redraw every visible row.

    def _settle(self) -> None:
        """Size the table for its new row now rather than when its queue is next idle, so the
        very next frame shows the row (DataTable defers this to ``_on_idle``; same steps)."""
        if self._require_update_dimensions:
            self._require_update_dimensions = False
            new_rows = self._new_rows.copy()
            self._new_rows.clear()
            self._update_dimensions(new_rows)

    def drop(self, item_id: str) -> None:
        """Remove an item's row if it is shown."""
        if item_id in self._ids:
            self.remove_row(item_id)
            self._ids.discard(item_id)

    def reload(self, items: Iterable[Any]) -> None:
        """Show exactly these items (newest last, in view)."""
        self.clear()
        self._ids.clear()
        for item in items:
            self.add_row(*self._cells(item), key=item.id)
            self._ids.add(item.id)
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

    @property
    def shown_ids(self) -> set[str]:
        """Ids of the items shown (for tests and the wrap-up jump)."""
        return set(self._ids)

    @property
    def selected_id(self) -> str | None:
        """The id of the item under the cursor, if any."""
        if not self.row_count:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # noqa: BLE001 - cursor outside the rows: nothing selected
            return None
        return str(key.value) if key.value is not None else None

    def select_newest(self) -> None:
        """Put the cursor on the newest row (when the user moves into the table)."""
        if self.row_count:
            self.move_cursor(row=self.row_count - 1, animate=False)

