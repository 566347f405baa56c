"""A list of captured items on Textual's Line API (``ScrollView`` + ``render_line``).

Only the lines in view are drawn, each row is drawn once and remembered until it changes, and
a row added costs the same with 2,000 items in the meeting as with none. A row's cells are
worked out when the row is first drawn, not when the list is filled: resuming a meeting of
2,000 items fills its lists without formatting 2,000 rows nobody sees yet.

The columns that matter when reading the record back (owner, due, status) have fixed widths
and are always shown; the text column takes what is left and ends in an ellipsis; the full text
of the highlighted row is shown under the list by the screen (:class:`ItemTable.Highlighted`).
Names in narrow columns are shortened by a rule a reader can follow (:func:`short_name`).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterable
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from kickoff_tui.core.kinds import (
    KINDS,
    SECTION_COLUMNS,
    Column,
    columns_of,
    fmt_due,
    label_of,
    main_text,
    one_line,
)
from kickoff_tui.tui.widgets.cells import cell_of, fit_cell, fit_widths, short_name

# Re-exported: the screens read a kind's label, text and cells through the list widget.
__all__ = ["VIEW_COLUMNS", "Column", "ItemTable", "fmt_due", "kind_label", "main_text",
           "one_line", "raci_columns", "short_name"]

#: The columns of each view: the current section's mixed list, and each kind's own list.
VIEW_COLUMNS: dict[str, tuple[Column, ...]] = {
    "section": SECTION_COLUMNS,
    **{kind.name: kind.columns for kind in KINDS if kind.columns},
}


def kind_label(item: Any) -> str:
    """Short label of an item's kind ("Risk", "Private note", "Action"…)."""
    return label_of(item)


def raci_columns(people: tuple[str, ...]) -> tuple[Column, ...]:
    """The RACI grid's columns: the activity, then one per person with their letter."""
    return columns_of("raci", people)


#: After a key typed in a list went to the capture line, the focus follows it once no key
#: has come for this long (seconds): a burst stays on one path, in order.
HAND_OVER_AFTER = 0.05

#: Longest wait for the dialog an Enter on a row opens (seconds): a guard, the dialog has its
#: field focused in a few milliseconds; keys held meanwhile are then sent on.
HOLD_FOR_DIALOG = 2.0


class ItemTable(ScrollView, can_focus=True):
    """Items as rows keyed by item id, with a heading line; updated one row at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        # A priority binding: it acts as the key arrives, before the App hands on the keys
        # typed after it (see action_open_row).
        Binding("enter", "open_row", "Edit", show=False, priority=True),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-table--header", "item-table--cursor", "item-table--odd",
    }

    DEFAULT_CSS = """
    ItemTable {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
    }
    ItemTable > .item-table--header {
        text-style: bold;
        background: $panel;
    }
    ItemTable > .item-table--odd {
        background: $boost;
    }
    ItemTable > .item-table--cursor {
        background: $primary 30%;
    }
    ItemTable:focus > .item-table--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    class RowMessage(Message):
        """What happened to one row of the list (the base of the two below)."""

        def __init__(self, table: ItemTable, item_id: str | None) -> None:
            super().__init__()
            self.table = table
            #: The item's id (``None``: the list is empty).
            self.item_id = item_id

        @property
        def control(self) -> ItemTable:
            """The table."""
            return self.table

    class Chosen(RowMessage):
        """Enter (or a click on the highlighted row): open this item."""

        item_id: str

        def __init__(self, table: ItemTable, item_id: str) -> None:
            super().__init__(table, item_id)

    class Highlighted(RowMessage):
        """The cursor moved onto an item (the screen shows its full text)."""

    def __init__(self, columns: tuple[Column, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = columns
        self._order: list[str] = []
        #: The item behind each row (items are immutable: an edit puts a new one).
        self._items: dict[str, Any] = {}
        #: Each row's cells, worked out when first needed (:meth:`_row_cells`).
        self._cells: dict[str, tuple[str | Text, ...]] = {}
        #: A number per row that changes whenever the row does (the drawn-line cache key).
        self._stamp: dict[str, int] = {}
        self._serial = 0
        self._index: dict[str, int] | None = None
        self.cursor_row = -1
        self._lines: LRUCache[tuple[Any, ...], Strip] = LRUCache(512)
        self._base_style: Style | None = None
        #: Where typing goes when the list has the focus (the screen's capture line).
        self.typing_target: Widget | None = None
        self._handing_over = False
        self._last_handed = 0.0
        self._widths: tuple[int, list[int]] = (-1, [])
        #: Keys typed after an Enter that opened a row, held for the dialog it opens
        #: (``None``: not holding).
        self._held: list[events.Key] | None = None
        self._dialog_ready: asyncio.Event | None = None

    # -- what it holds ---------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows the list holds."""
        return len(self._order)

    @property
    def shown_ids(self) -> set[str]:
        """Ids of the items shown (for tests and the wrap-up jump)."""
        return set(self._order)

    @property
    def selected_id(self) -> str | None:
        """The id of the item under the cursor, if any."""
        if 0 <= self.cursor_row < len(self._order):
            return self._order[self.cursor_row]
        return None

    def row_text(self, item_id: str) -> str:
        """A row as plain text, every column in full (for tests)."""
        cells = self._row_cells(item_id) if item_id in self._items else ()
        return " | ".join(str(cell) for cell in cells)

    def row_fields(self, item_id: str) -> str:
        """The row's fixed columns in full, "Owner: Dana Scully · Due: Fri 4 Dec · …" (the
        screen shows it under the list with the full text)."""
        cells = self._row_cells(item_id) if item_id in self._items else ()
        return " · ".join(f"{column.label}: {cell}" for column, cell in zip(self.spec, cells,
                                                                            strict=False)
                          if column.width is not None and str(cell).strip())

    def index_of(self, item_id: str) -> int:
        """The row of an item (``-1`` if it is not shown)."""
        if self._index is None:
            self._index = {key: n for n, key in enumerate(self._order)}
        return self._index.get(item_id, -1)

    def _row_cells(self, item_id: str) -> tuple[str | Text, ...]:
        """A shown row's cells, worked out the first time they are needed."""
        cells = self._cells.get(item_id)
        if cells is None:
            item = self._items[item_id]
            cells = self._cells[item_id] = tuple(cell_of(column, item) for column in self.spec)
        return cells

    # -- changing it -----------------------------------------------------------------------

    def set_columns(self, columns: tuple[Column, ...]) -> None:
        """Replace the columns (the RACI grid has one per person); rows are cleared too,
        :meth:`reload` shows them again."""
        self.spec = columns
        self._widths = (-1, [])
        self._order.clear()
        self._items.clear()
        self._cells.clear()
        self._index = None
        self._lines.clear()
        self._resized()

    def put(self, item: Any) -> None:
        """Show an item: add its row, update it in place, or remove it if it was deleted."""
        if item.deleted:
            self.drop(item.id)
            return
        self._serial += 1
        self._stamp[item.id] = self._serial
        self._cells.pop(item.id, None)
        if item.id in self._items:
            self._items[item.id] = item
            self.refresh_line(self.index_of(item.id) + 1)
            return
        at_end = self.scroll_y >= self.max_scroll_y
        self._order.append(item.id)
        self._items[item.id] = item
        if self._index is not None:
            self._index[item.id] = len(self._order) - 1
        self._resized()
        if at_end:
            # Newest in view: follow the end unless the user scrolled up to read something.
            self.scroll_to(y=self.max_scroll_y, animate=False)
        self.refresh_line(len(self._order))

    def drop(self, item_id: str) -> None:
        """Remove an item's row if it is shown."""
        if item_id not in self._items:
            return
        row = self.index_of(item_id)
        self._order.pop(row)
        del self._items[item_id]
        self._cells.pop(item_id, None)
        self._index = None
        if self.cursor_row >= len(self._order):
            self.cursor_row = len(self._order) - 1
        self._resized()
        self.refresh()

    def reload(self, items: Iterable[Any]) -> None:
        """Show exactly these items (newest last, in view, under the cursor)."""
        self._order = []
        self._items = {}
        self._cells = {}
        for item in items:
            self._serial += 1
            self._stamp[item.id] = self._serial
            self._order.append(item.id)
            self._items[item.id] = item
        self._index = None
        self.cursor_row = len(self._order) - 1
        self._resized()
        self.scroll_to(y=self.max_scroll_y, animate=False)
        self.refresh()

    def _resized(self) -> None:
        """The number of rows changed: the scrollable height follows (plus the heading).

        Setting ``virtual_size`` lays out the whole screen, the largest cost of a capture in
        a big meeting. A list of fixed height needs that only when its scrollbar appears or
        goes; otherwise the new height is set quietly (``set_reactive``) and the scrollbar
        told its new range.
        """
        size = Size(self.virtual_size.width, len(self._order) + 1)
        height = self.styles.height
        if height is not None and height.is_auto:
            self.virtual_size = size  # as tall as its rows: the screen is laid out again
            return
        if not self.size:
            # Not on screen (a view not shown): showing it lays it out with this size.
            self.set_reactive(ScrollView.virtual_size, size)
            return
        view = self.scrollable_content_region.height
        scrolled = self.virtual_size.height > view
        self.set_reactive(ScrollView.virtual_size, size)
        if scrolled != (size.height > view):
            self.refresh(layout=True)
            # The row that brought the scrollbar is put in view once the bar takes its room.
            self.call_after_refresh(self._cursor_in_view)
        elif scrolled:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = view

    # -- the cursor ------------------------------------------------------------------------

    def _set_cursor(self, row: int) -> None:
        if not self._order:
            self.cursor_row = -1
            self.post_message(self.Highlighted(self, None))
            return
        row = max(0, min(len(self._order) - 1, row))
        old, self.cursor_row = self.cursor_row, row
        if old != row:
            self.refresh_line(old + 1)
            self.refresh_line(row + 1)
        self.scroll_to_row(row)
        self.post_message(self.Highlighted(self, self._order[row]))

    def scroll_to_row(self, row: int) -> None:
        """Scroll so that a row is in view below the heading."""
        rows_in_view = max(1, self.scrollable_content_region.height - 1)
        top = self.scroll_y
        if row < top:
            self.scroll_to(y=row, animate=False)
        elif row >= top + rows_in_view:
            self.scroll_to(y=row - rows_in_view + 1, animate=False)

    def _cursor_in_view(self) -> None:
        if self.cursor_row >= 0:
            self.scroll_to_row(self.cursor_row)

    def highlight(self, item_id: str) -> None:
        """Put an item's row under the cursor and in view (a captured item, just added)."""
        row = self.index_of(item_id)
        if row >= 0:
            self._set_cursor(row)

    def select_newest(self) -> None:
        """Put the cursor on the newest row (when the user moves into the list)."""
        self._set_cursor(len(self._order) - 1)

    def action_move(self, step: int) -> None:
        """Up / down."""
        self._set_cursor(self.cursor_row + step)

    def action_move_to(self, row: int) -> None:
        """Home / End."""
        self._set_cursor(row if row >= 0 else len(self._order) - 1)

    def action_choose(self) -> None:
        """Enter: open the item under the cursor."""
        item_id = self.selected_id
        if item_id is not None:
            self.post_message(self.Chosen(self, item_id))

    def on_key(self, event: events.Key) -> None:
        """Type-to-capture: a printable key goes to :attr:`typing_target` (the capture line),
        and so does every key after it; the list keeps its own keys (arrows, Enter, Delete).

        Keys go to the target's queue in the order typed, all through this list, and the focus
        follows once the typing pauses (:data:`HAND_OVER_AFTER`): a burst never reaches the
        target partly through this list and partly straight from the App, out of order.

        Keys that reach the list while it waits for the dialog Enter opened are held for that
        dialog (:meth:`action_open_row`).
        """
        if self._held is not None:
            event.stop()
            event.prevent_default()
            self._held.append(event)
            return
        target = self.typing_target
        if target is None:
            return
        moved_on = self.screen.focused is not self  # sent here before the focus moved on
        if not (moved_on or self._handing_over or (event.is_printable and event.character)):
            return
        event.stop()
        event.prevent_default()
        target.post_message(events.Key(event.key, event.character))
        self._last_handed = time.monotonic()
        if not (self._handing_over or moved_on):
            self._handing_over = True
            self.set_timer(HAND_OVER_AFTER, self._hand_over)

    async def action_open_row(self) -> None:
        """Enter: open the item under the cursor, and let the keys typed after it go to the
        dialog it opens ("⏎fix typo" in one burst is typed into the dialog, not the capture
        line behind it).

        A priority binding runs as the key arrives and the App hands on no other key until it
        returns. It waits until the list has handled the keys typed before (they may still be
        going to the capture line: then Enter follows them there), asks for the dialog, and
        waits until the dialog's field has the focus (:meth:`release_typed_ahead`, called by
        the dialog, or when no dialog opens) so the next keys go there.
        """
        await self._caught_up()
        if self._handing_over or self.selected_id is None or self._held is not None:
            raise SkipAction()  # the list's usual handling: on to the capture line, or nothing
        ready = self._dialog_ready = asyncio.Event()
        self._held = []
        self.action_choose()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), HOLD_FOR_DIALOG)
        if self._held is not None:  # no dialog answered in time: the keys go on as typed
            self.release_typed_ahead()

    async def _caught_up(self) -> None:
        """Wait until this list has handled every key the App sent it before now."""
        done = asyncio.Event()
        if self.call_later(done.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(done.wait(), HOLD_FOR_DIALOG)

    def release_typed_ahead(self) -> None:
        """Send the keys held since Enter opened a row on, as if typed now, in their order.

        Called by the dialog once its field has the focus (they are typed into it), or when
        no dialog opens (they go where they would have gone: the capture line). Each goes
        through the App again, so a key the dialog binds (Esc, ctrl+s, Tab) acts there too.
        """
        held, self._held = self._held, None
        if self._dialog_ready is not None:
            self._dialog_ready.set()
            self._dialog_ready = None
        for key in held or ():
            self.app.post_message(events.Key(key.key, key.character))

    def _hand_over(self) -> None:
        """The typing paused: the focus follows the keys to the capture line."""
        quiet = time.monotonic() - self._last_handed
        if quiet < HAND_OVER_AFTER:
            self.set_timer(HAND_OVER_AFTER - quiet, self._hand_over)
            return
        self._handing_over = False
        if self.typing_target is not None and self.screen.focused is self:
            self.screen.set_focus(self.typing_target)

    def on_click(self, event: events.Click) -> None:
        """A click highlights a row; a click on the highlighted row opens it."""
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = int(self.scroll_y) + offset.y - 1
        if row >= len(self._order):
            return
        if row == self.cursor_row:
            self.action_choose()
        else:
            self._set_cursor(row)

    def on_focus(self) -> None:
        """Show the full text of the highlighted row as the list gets the focus."""
        self.refresh()
        self.post_message(self.Highlighted(self, self.selected_id))

    def on_blur(self) -> None:
        """The cursor row is drawn differently without the focus."""
        self.refresh()

    def on_show(self) -> None:
        """Shown again (its view's tab chosen): rows added while it was hidden moved its
        scroll range, so every line is drawn anew, with the cursor row in view."""
        self._lines.clear()
        if self.cursor_row >= 0:
            self.scroll_to_row(self.cursor_row)
        self.refresh()

    def on_resize(self) -> None:
        """New widths: every line is drawn again."""
        self._lines.clear()
        if self.cursor_row >= 0:
            self.scroll_to_row(self.cursor_row)

    # -- drawing ---------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        """A new theme or style: lines are drawn again with it."""
        super().notify_style_update()
        self._base_style = None
        self._lines.clear()

    def column_widths(self, width: int) -> list[int]:
        """Each column's width for a list ``width`` cells wide (``0``: hidden)."""
        if self._widths[0] == width:
            return self._widths[1]
        result = fit_widths(self.spec, width)
        self._widths = (width, result)
        return result

    def _line(self, texts: Iterable[str | Text], widths: list[int], style: Style) -> Strip:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        first = True
        for value, column, width in zip(texts, self.spec, widths, strict=True):
            if width <= 0:
                continue
            if not first:
                line.append(" ")
            first = False
            line.append_text(fit_cell(value, column, width))
        segments = list(line.render(self.app.console))
        total = self.scrollable_content_region.width
        strip = Strip(segments).crop_extend(0, total, None)
        return strip.apply_style(style)

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the list as it is now: the heading, then the rows from the scroll
        position on."""
        width = self.scrollable_content_region.width
        widths = self.column_widths(width)
        base = self._base_style
        if base is None:
            # Worked out from every ancestor's style: once, not once per line.
            base = self._base_style = self.rich_style
        if y == 0:
            key: tuple[Any, ...] = ("header", width, base, tuple(c.label for c in self.spec))
            strip = self._lines.get(key)
            if strip is None:
                style = base + self.get_component_rich_style("item-table--header")
                strip = self._line((c.label for c in self.spec), widths, style)
                self._lines[key] = strip
            return strip
        row = int(self.scroll_y) + y - 1
        if row >= len(self._order):
            return Strip([Segment(" " * width, base)], width)
        item_id = self._order[row]
        cursor = row == self.cursor_row
        focused = self.has_focus
        key = (item_id, self._stamp.get(item_id), width, cursor, cursor and focused, row % 2,
               base)
        strip = self._lines.get(key)
        if strip is None:
            style = base
            if row % 2:
                style = style + self.get_component_rich_style("item-table--odd")
            if cursor:
                style = style + self.get_component_rich_style("item-table--cursor")
            strip = self._line(self._row_cells(item_id), widths, style)
            self._lines[key] = strip
        return strip
