"""Open items across meetings: list action items, mark them done, keep replicas in step.

A tracked item carried into follow-ups lives in several sessions under one id (see
``core/history.py``). This module is where the store meets that idea:

* :func:`stored_actions` is the store's data source of ``kickoff actions`` and ``kickoff
  done``: every session's action items as :class:`ActionRow` (``core/store/quick.py`` reads
  the same rows from an up-to-date index without pydantic);
* what a row is, :func:`tracked_actions` (one row per item, the newest replica wins),
  :func:`sort_actions` (overdue first, then by due date) and the listing itself live in
  ``core/actionlist.py``, which imports no pydantic; they are re-exported here;
* :func:`mark_done` changes every replica of each item, through the store's merge (a seat
  with that meeting open loses nothing), with a dated history entry;
* :class:`CarriedSync` is what a running meeting calls after each save: a carried item
  changed in this meeting is written to its home session; a home that changed it since is
  read back.

This module never imports Textual.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from kickoff_tui.core.actionlist import ActionRow as ActionRow
from kickoff_tui.core.actionlist import owners_matching as owners_matching
from kickoff_tui.core.actionlist import short_ids as short_ids
from kickoff_tui.core.actionlist import sort_actions as sort_actions
from kickoff_tui.core.actionlist import tracked_actions as tracked_actions
from kickoff_tui.core.dates import EPOCH, aware
from kickoff_tui.core.history import adopt_fields, is_tracked, with_change
from kickoff_tui.core.models import ActionStatus, Session, utcnow

if TYPE_CHECKING:
    from kickoff_tui.core.store import Store


class TrackingError(Exception):
    """A user mistake (unknown or ambiguous id...): the message is one line."""


def action_rows(session: Session) -> list[ActionRow]:
    """Every live action item of one session (its own and those it carries)."""
    return [
        ActionRow(
            id=item.id, text=item.text, owner=item.owner, due=item.due,
            status=item.status.value, session_id=session.id, session_title=session.title,
            updated=item.updated, origin=item.origin if item.origin != session.id else "",
        )
        for item in session.live("action")
    ]


def stored_actions(store: Store, *, include_closed: bool = True) -> list[ActionRow]:
    """Every action row of every stored session (replicas included, not yet merged).

    The one place the action list is read from. Open items come from the store's index;
    closed ones (``include_closed``) are read from each session file.

    Args:
        store: the store.
        include_closed: also done and cancelled items (the index may carry only open ones).
    """
    from kickoff_tui.core.store import StoreError

    rows: list[ActionRow] = []
    if not include_closed:
        # The index carries each session's open action items: no session file is read
        # unless it changed since the index was written.
        for summary, actions in store.open_actions():
            rows.extend(
                ActionRow(id=a.id, text=a.text, owner=a.owner, due=a.due, status=a.status,
                          session_id=summary.id, session_title=summary.title,
                          updated=a.updated, origin=a.origin if a.origin != summary.id else "")
                for a in actions
            )
        return rows
    for summary in store.list_sessions():
        try:
            session = store.load(summary.id)
        except StoreError as error:
            store.warnings.append(str(error))
            continue
        rows.extend(r for r in action_rows(session)
                    if include_closed or r.status == ActionStatus.OPEN.value)
    return rows


# -- resolving ids --------------------------------------------------------------------------


def resolve_ids(prefixes: Sequence[str], ids: Iterable[str]) -> list[str]:
    """Turn each (case-insensitive) unique id prefix into a full item id.

    Raises:
        TrackingError: a prefix is empty, matches nothing, or matches several items (the
            message names the first such prefix and, when ambiguous, the candidates).
    """
    known = sorted(set(ids))
    result: list[str] = []
    for typed in prefixes:
        ref = typed.strip().lower()
        if not ref:
            raise TrackingError("an item id is empty")
        if ref in known:
            result.append(ref)
            continue
        matches = [i for i in known if i.lower().startswith(ref)]
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
            raise TrackingError(f"'{typed}' matches {len(matches)} action items ({shown}): "
                                "type more of the id")
        if not matches:
            raise TrackingError(f"No action item matches '{typed}' (see `kickoff actions --all`)")
        result.append(matches[0])
    return list(dict.fromkeys(result))


# -- marking done ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """What :func:`mark_done` did to one item."""

    row: ActionRow
    already: bool = False  # it was done already: nothing changed

    def message(self) -> str:
        """One line for the command line."""
        head = "Already done" if self.already else "Done"
        return f"{head}: {self.row.id[:8]}  {self.row.text}  ({self.row.session_title})"


def mark_done(store: Store, prefixes: Sequence[str], *, seat: str) -> list[Marked]:
    """Mark action items done everywhere they live, each with a dated history entry.

    Every prefix is resolved before anything is written: an unknown or ambiguous one changes
    nothing. Prefixes are matched among open items first (so a prefix need only be unique
    among those), then among all. Each session holding a replica is loaded, changed and
    saved through the store, whose item-by-item merge keeps whatever a seat has written
    meanwhile.

    Raises:
        TrackingError: a prefix is unknown or ambiguous.
        StoreError: a session could not be read or saved (the message says which).
    """
    rows = stored_actions(store, include_closed=False)  # the index: fast
    merged = {row.id: row for row in tracked_actions(rows)}
    try:
        ids = resolve_ids(prefixes, merged)
    except TrackingError:
        # Not among the open items: look at every item, to say "already done" rightly.
        rows = stored_actions(store)
        merged = {row.id: row for row in tracked_actions(rows)}
        ids = resolve_ids(prefixes, merged)
    holders: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.id in ids:
            holders[row.session_id].add(row.id)
            holders[row.home_id].add(row.id)
    todo = [i for i in ids if merged[i].status != ActionStatus.DONE.value]
    results = {i: Marked(merged[i], already=True) for i in ids if i not in todo}
    if todo:
        _apply_to_replicas(store, holders, todo, {"status": ActionStatus.DONE}, seat=seat)
    for item_id in todo:
        row = merged[item_id]
        results[item_id] = Marked(ActionRow(row.id, row.text, row.owner, row.due, "done",
                                            row.session_id, row.session_title, utcnow()))
    return [results[i] for i in ids]


def _apply_to_replicas(store: Store, holders: dict[str, set[str]], item_ids: Sequence[str],
                       fields: dict[str, Any], *, seat: str) -> None:
    """Change ``item_ids`` in every session holding them: one change, every replica."""
    from kickoff_tui.core.store import SessionNotFound

    sessions: dict[str, Session] = {}
    for session_id in sorted(holders):
        if any(i in item_ids for i in holders[session_id]):
            try:
                sessions[session_id] = store.load(session_id)
            except SessionNotFound:
                continue  # a home deleted meanwhile: its replicas remain, and change
    at = utcnow()
    for item_id in item_ids:
        found = (s.find(item_id) for s in sessions.values())
        replicas: list[Any] = [r for r in found if r is not None and not r.deleted]
        if not replicas:
            continue
        newest = max(replicas, key=lambda r: aware(r.updated))
        changed = with_change(newest, fields, seat=seat, at=at)
        for session in sessions.values():
            held = session.find(item_id)
            if held is None:
                continue
            new = adopt_fields(held, changed)
            session.items = [new if i.id == item_id else i for i in session.items]
    for session in sessions.values():
        store.save(session)


# -- follow-ups from the store --------------------------------------------------------------


def build_followup(store: Store, source_id: str, title: str, **options: Any) -> Session:
    """A follow-up of stored session ``source_id`` (not saved): see :func:`new_followup`.

    The homes of the items the source carried are loaded, so each is carried at its latest
    state; a home deleted since leaves its carried copy as it is.

    Args:
        store: the store.
        source_id: the full id of the session followed up.
        title: the new meeting's title.
        options: passed to :func:`~kickoff_tui.core.followup.new_followup` (project,
            sections, template_name, duration, attendees).

    Raises:
        StoreError: the source (or a home) cannot be read.
        ValueError: a bad title, duration or attendee.
    """
    from kickoff_tui.core.followup import new_followup
    from kickoff_tui.core.store import SessionNotFound

    source = store.load(source_id)
    homes: dict[str, Session] = {}
    for home_id in sorted({getattr(i, "origin", "") for i in source.items} - {"", source.id}):
        try:
            homes[home_id] = store.load(home_id)
        except SessionNotFound:
            continue
    return new_followup(source, title, homes=homes, **options)


def latest_meeting(store: Store) -> str | None:
    """The id of the most recently created session (``--from latest``), or ``None``."""
    sessions = store.list_sessions()
    if not sessions:
        return None
    return max(sessions, key=lambda s: aware(s.created)).id


@dataclass(frozen=True)
class ActionCounts:
    """How many action items are open across the store, and how many of them are overdue."""

    open: int
    overdue: int


def action_counts(store: Store, today: date) -> ActionCounts:
    """The open and overdue action items of every session (from the index)."""
    rows = [r for r in tracked_actions(stored_actions(store, include_closed=False))
            if r.status == ActionStatus.OPEN.value]
    return ActionCounts(len(rows), sum(1 for r in rows if r.overdue(today)))


# -- a running meeting's carried items ------------------------------------------------------


class CarriedSync:
    """Keeps a running meeting's carried items and their home sessions in step.

    After each save of the meeting, :meth:`push` writes every carried item changed here to
    its home session (through the store's merge); :meth:`pull`, once, reads back what the
    homes changed since the meeting was created.

    Args:
        store: the store.
        session: the meeting's session as opened.
    """

    def __init__(self, store: Store, session: Session) -> None:
        self.store = store
        self.session_id = session.id
        self._sent: dict[str, datetime] = {
            item.id: aware(item.updated) for item in session.items if _carried(item, session)
        }
        self._pulled = False

    def push(self, items: Iterable[Any]) -> int:
        """Write the carried items among ``items`` that changed since last sent to their homes.

        Returns:
            How many items were written.

        Raises:
            StoreError: a home could not be read or saved; what was not written is written
                at the next call.
        """
        if not self._sent:
            return 0  # not a follow-up: nothing is carried (a meeting never gains carried items)
        from kickoff_tui.core.store import SessionNotFound

        by_home: dict[str, list[Any]] = defaultdict(list)
        for item in items:
            if (item.id in self._sent and _carried_from(item, self.session_id) and not item.deleted
                    and aware(item.updated) > self._sent.get(item.id, EPOCH)):
                by_home[item.origin].append(item)
        written = 0
        for home_id, mine in sorted(by_home.items()):
            try:
                home = self.store.load(home_id)
            except SessionNotFound:
                home = None  # its home was deleted: the carried copy is all there is
            if home is not None:
                wanted = {item.id: item for item in mine}
                new_items = [adopt_fields(original, wanted[original.id])
                             if original.id in wanted else original for original in home.items]
                count = sum(a is not b for a, b in zip(new_items, home.items, strict=True))
                if count:
                    self.store.save(home.model_copy(update={"items": new_items}))
                    written += count
            for item in mine:
                self._sent[item.id] = aware(item.updated)
        return written

    def pull(self, session: Session) -> list[Any]:
        """The first time: carried items whose home has a newer version, as replicas here.

        Returns:
            The replicas to take in (local fields kept), newest fields from their homes; an
            empty list after the first call, or when nothing changed.
        """
        if self._pulled or not self._sent:
            return []
        from kickoff_tui.core.store import SessionNotFound

        carried: list[Any] = [item for item in session.items if _carried(item, session)]
        found: list[Any] = []
        for home_id in sorted({item.origin for item in carried}):
            try:
                home = self.store.load(home_id)
            except SessionNotFound:
                continue
            for item in carried:
                original = home.find(item.id) if item.origin == home_id else None
                if original is not None:
                    new = adopt_fields(item, original)
                    if new is not item:
                        found.append(new)
                        self._sent[item.id] = aware(new.updated)
        self._pulled = True
        return found

    def sync(self, session: Session) -> Session | None:
        """:meth:`push` then :meth:`pull` for a whole session.

        Returns:
            ``session`` with the pulled replicas in place, or ``None`` if nothing came back.
        """
        self.push(session.items)
        found = {item.id: item for item in self.pull(session)}
        if not found:
            return None
        return session.model_copy(update={"items": [found.get(i.id, i) for i in session.items]})



def _carried_from(item: Any, session_id: str) -> bool:
    return is_tracked(item) and bool(item.origin) and item.origin != session_id


def _carried(item: Any, session: Session) -> bool:
    return _carried_from(item, session.id)
