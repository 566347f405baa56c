"""The item panel of the agenda screen: one tab per view of what was captured, each a list.

:class:`ItemViews` is Textual's ``TabbedContent`` with Kickoff's views in it; which views there
are, their titles and the item types each lists come from a :class:`ViewLayout` that the
agenda screen declares. It fills the lists from the meeting, puts each new or changed item into
every list it belongs in, shows a captured item at once, and keeps the counts on the tabs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Label, TabbedContent, TabPane

from kickoff_tui.core.meeting import Meeting
from kickoff_tui.tui.text import visible
from kickoff_tui.tui.widgets.item_table import (
    VIEW_COLUMNS,
    ItemTable,
    kind_label,
    main_text,
    raci_columns,
)

#: A view of the item panel: (id, tab label, item types shown).
View = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class ViewLayout:
    """The views of the item panel, as the agenda screen declares them."""

    #: The views, in tab order; the first lists the current section's items.
    views: tuple[View, ...]
    #: Tab titles at 80 columns.
    short_titles: Mapping[str, str]
    #: Item types the current section's view lists.
    section_types: tuple[str, ...]
    #: The reference tables of the People view, in order, with their titles.
    people_titles: Mapping[str, str]
    #: The key shown on each view's tab.
    keys: Mapping[str, str]


class ItemViews(TabbedContent):
    """The tabbed lists of captured items.

    Args:
        layout: the views and their titles.
        meeting: the meeting shown.
        shown: how this seat shows an item (another seat's private note is masked).
    """

    def __init__(self, layout: ViewLayout, meeting: Meeting, shown: Callable[[Any], Any],
                 *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spec = layout
        self.meeting = meeting
        self.shown = shown
        self._raci_people: tuple[str, ...] = ()
        self._tab_labels: dict[str, str] = {}
        #: Tab labels change width with their counts, and a width change means a full layout:
        #: the counts are redrawn on the next clock tick, not in the frame showing an item.
        self.counts_stale = False
        #: The views whose lists are not built yet: only the first view's list is in the
        #: first frame; the others are built a moment later (:meth:`build_all`), or at once
        #: when something needs one (:meth:`table`), filled from the session either way.
        self._unbuilt: list[str] = [view_id for view_id, _t, _types in layout.views[1:]]
        #: Where a list hands typed characters (type-to-capture); set by the screen.
        self.typing_target: Widget | None = None
        #: Every list built so far, by view (``section``, ``people-raci``…).
        self._tables: dict[str, ItemTable] = {}

    def panes(self) -> ComposeResult:
        """The panes; only the first view's list is built here (start-up: the others are
        hidden, see :meth:`build_all`). Yielded inside ``with views:`` in ``compose``."""
        first = self.spec.views[0][0]
        for view_id, title, _types in self.spec.views:
            with TabPane(title, id=f"view-{view_id}"):
                if view_id == first:
                    yield self._new_table(view_id)

    def _new_table(self, view: str) -> ItemTable:
        """A list, ready to be focused and to hand typing to the capture line."""
        kind = view.removeprefix("people-")
        table = ItemTable(VIEW_COLUMNS[kind], id=f"table-{view}")
        table.can_focus = True
        table.typing_target = self.typing_target
        self._tables[view] = table
        return table

    def _build(self, view_id: str) -> None:
        """Mount one view's list(s) and fill them from the session."""
        if view_id not in self._unbuilt:
            return
        self._unbuilt.remove(view_id)
        pane = self.get_pane(f"view-{view_id}")
        if view_id != "people":
            pane.mount(self._new_table(view_id))
            types = next(t for v, _title, t in self.spec.views if v == view_id)
            self.table(view_id).reload(self._shown_all(self.meeting.session.live(*types)))
            return
        children: list[Widget] = []
        for kind, table_title in self.spec.people_titles.items():
            children += [Label(table_title, classes="table-title"),
                         self._new_table(f"people-{kind}")]
        pane.mount(VerticalScroll(*children, id="people-scroll"))
        for kind in self.spec.people_titles:
            self.table(f"people-{kind}").reload(
                self._shown_all(self.meeting.session.live(kind)))
        self._raci_people = ()
        self.refresh_raci_columns()

    def build_all(self) -> None:
        """Build every list not built yet (a moment after the first frame)."""
        for view_id in list(self._unbuilt):
            self._build(view_id)

    @property
    def all_built(self) -> bool:
        """Whether every view's list exists."""
        return not self._unbuilt

    def table(self, view: str) -> ItemTable:
        """The list with this id (``section``, ``action``, ``people-raci``…), built first if
        it was not yet."""
        self._build("people" if view.startswith("people-") else view)
        return self._tables[view]

    def _built(self, view: str) -> bool:
        return ("people" if view.startswith("people-") else view) not in self._unbuilt

    # -- filling --------------------------------------------------------------------------

    def _shown_all(self, items: Iterable[Any]) -> list[Any]:
        return [self.shown(item) for item in items]

    def fill_all(self) -> None:
        """Fill every view from the session (at start, and after another seat's changes)."""
        session = self.meeting.session
        for view_id, _title, types in self.spec.views[1:]:
            if view_id in self._unbuilt:
                continue  # filled from the session when it is built
            if view_id == "people":
                for kind in self.spec.people_titles:
                    self.table(f"people-{kind}").reload(self._shown_all(session.live(kind)))
            else:
                self.table(view_id).reload(self._shown_all(session.live(*types)))
        self.refresh_raci_columns()
        self.fill_section()

    def fill_section(self) -> None:
        """Fill the current section's view."""
        session = self.meeting.session
        self.table("section").reload(self._shown_all(
            session.in_section(session.current_section.id, *self.spec.section_types)))

    def refresh_raci_columns(self) -> None:
        """The RACI table has a column per person: rebuild it when the people change."""
        if not self._built("people-raci"):
            return
        session = self.meeting.session
        # One column per name, even if an old session holds two attendees of one name.
        people = tuple(dict.fromkeys(a.name for a in session.attendees))
        rows = session.live("raci")
        for row in rows:
            for person in row.assignments:
                if person not in people:
                    people = (*people, person)
        if people == self._raci_people:
            return
        self._raci_people = people
        table = self.table("people-raci")
        table.set_columns(raci_columns(people))
        table.reload(rows)

    def _tables_for(self, item: Any) -> list[ItemTable]:
        """Every table an item belongs in (its kind's view, people & plans, this section)."""
        tables: list[ItemTable] = []  # a list not built yet is filled when it is
        if item.type in self.spec.people_titles:
            if self._built(f"people-{item.type}"):
                tables.append(self.table(f"people-{item.type}"))
        elif item.type != "note" and self._built(item.type):
            tables.append(self.table(item.type))
        if item.section == self.meeting.session.current_section.id:
            tables.append(self.table("section"))
        return tables

    def put(self, item: Any) -> None:
        """Put one item (new, edited or deleted) into every table it belongs in."""
        if item.type == "attendee":
            self.refresh_raci_columns()  # a new or renamed person is a new RACI column
        shown = self.shown(item)
        for table in self._tables_for(item):
            table.put(shown)
        self.counts_stale = True

    # -- showing --------------------------------------------------------------------------

    @property
    def active_view(self) -> str:
        """The id of the view shown."""
        return (self.active or "view-section").removeprefix("view-")

    def show_view(self, view: str) -> None:
        """Show one of the views (its list built first, if it was not yet)."""
        self._build(view)
        self.active = f"view-{view}"

    def _view_shows(self, view: str, item: Any) -> bool:
        """Whether a view lists this item."""
        if view == "section":
            return bool(item.section == self.meeting.session.current_section.id)
        types = next((t for v, _title, t in self.spec.views if v == view), ())
        return item.type in types

    def reveal(self, item: Any) -> None:
        """A captured item is on screen at once: the view switches to the section's if the
        one shown cannot list it, and its row is put in view and highlighted."""
        view = self.active_view
        if not self._view_shows(view, item):
            view = "section"
            self.show_view(view)
        self.table(f"people-{item.type}" if view == "people" else view).highlight(item.id)

    def update_counts(self, width: int) -> None:
        """Each tab says how many items its view holds (the tables hold exactly those)."""
        self.counts_stale = False
        session = self.meeting.session
        for view_id, title, types in self.spec.views:
            if view_id in self._unbuilt:  # what its list will hold
                count = len(session.live(*(types or self.spec.section_types)))
            elif view_id == "people":
                count = sum(self.table(f"people-{kind}").row_count
                            for kind in self.spec.people_titles)
            else:
                count = self.table(view_id).row_count
            # Every tab stays on screen: key names only where there is room, short titles at
            # 80 columns.
            name = title if width >= 110 else self.spec.short_titles.get(view_id, title)
            label = f"{name} {count}" if count else name
            markup = f"[dim]{self.spec.keys[view_id]}[/] {label}" if width >= 150 else label
            if self._tab_labels.get(view_id) != markup:
                self._tab_labels[view_id] = markup
                self.get_tab(f"view-{view_id}").label = markup

    def visible_tables(self) -> list[ItemTable]:
        """The lists of the view shown that hold something (the first one if none does)."""
        pane = self.active_pane
        if pane is None:
            return []
        self._build(self.active_view)
        tables = list(pane.query(ItemTable))
        return [t for t in tables if t.row_count] or tables[:1]

    def next_list(self, focused: Widget | None, capture: Widget) -> ItemTable | None:
        """Tab: from the capture line into the lists of the view shown, one after the other
        (the People view has four); ``None`` after the last (back to the capture line)."""
        tables = self.visible_tables()
        if focused is capture:
            following = tables[:1]
        elif isinstance(focused, ItemTable) and focused in tables:
            following = tables[tables.index(focused) + 1:][:1]
        else:
            following = []
        if not following:
            return None
        if following[0].cursor_row < 0:
            following[0].select_newest()
        return following[0]

    def detail(self, item_id: str | None, table: ItemTable) -> Text:
        """The highlighted item in full, for the line under the lists (a list cuts long
        text), with who captured it; another seat's private note stays masked."""
        item = self.meeting.session.find(item_id) if item_id else None
        if item is None:
            return Text("")
        item = self.shown(item)
        text = Text(f"{kind_label(item)}: ", style="bold")
        text.append(visible(main_text(item)))
        fields = table.row_fields(item.id)
        seat = getattr(item, "seat", "")
        if seat:  # who captured it: the seat's login and host
            fields = f"{fields} · by {seat}" if fields else f"by {seat}"
        if fields:
            text.append(f"\n{visible(fields)}", style="dim")
        return text
