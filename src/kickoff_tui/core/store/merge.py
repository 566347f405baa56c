"""The one merge rule between seats, for items and for session-level fields.

Everything two seats can change concurrently merges *piece by piece*, never last-writer-wins
on the whole document:

* an **item** (including a tombstone, ``deleted=True``) by its id: the version with the newer
  ``updated`` wins; on a tie the one already held stays;
* a **session field** (:data:`SESSION_FIELDS`: the next step, the status, the start and end
  times, the title and project, the current section, the clock...) by its own change stamp
  in :attr:`Session.stamps`: the newer stamp wins; on a tie the value already held stays.

A wrap-up sets ``status`` to ended with a stamp; a seat that merely saves afterwards has an
older status stamp and cannot undo it. Only an explicit reopen, which stamps ``status``
again, can (see :meth:`Meeting.reopen`).

Naive datetimes (hand-edited files, old versions) are read as UTC here and nowhere else, so
a comparison never raises. The store (saving, journal replay), :meth:`Meeting.adopt` and
:func:`merge_sessions` all go through :func:`apply_changes`.

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from kickoff_tui.core.dates import EPOCH, aware
from kickoff_tui.core.models import ClockState, Session

#: Session fields that are not merged field by field: identity, bookkeeping, the items.
_NOT_MERGED = frozenset({"schema_version", "id", "created", "updated", "items", "stamps"})
#: Session-level fields that seats change and that merge field by field: every other field
#: of the model (the title, status, start and end, current section, clock, next step, next
#: meeting...), so a field added to the model merges without being listed here.
SESSION_FIELDS: tuple[str, ...] = tuple(
    name for name in Session.model_fields if name not in _NOT_MERGED
)
#: The stamp of a field never changed: older than any real change.
def stamp_of(session: Session, name: str) -> datetime:
    """When field ``name`` of ``session`` last changed (:data:`EPOCH` if never)."""
    return aware(session.stamps.get(name))


def item_wins(held: Any | None, incoming: Any) -> bool:
    """Whether ``incoming`` replaces ``held`` (the item with the same id, if any)."""
    return held is None or (
        held is not incoming and aware(incoming.updated) > aware(held.updated)
    )


def field_wins(held_stamp: datetime | None, incoming_stamp: datetime | None) -> bool:
    """Whether a field value stamped ``incoming_stamp`` replaces one stamped ``held_stamp``."""
    return aware(incoming_stamp) > aware(held_stamp)


@dataclass
class Changes:
    """A set of changes to one session: items (upserts and tombstones) and fields.

    ``fields`` maps a field name to ``(value, stamp)``; the value is the model's own value
    (a :class:`ClockState`, a list of sections, a datetime...).
    """

    items: list[Any] = field(default_factory=list)
    fields: dict[str, tuple[Any, datetime]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.items or self.fields)

    def latest(self) -> datetime | None:
        """The newest time among the changes (the session's ``updated`` after them)."""
        moments = [aware(item.updated) for item in self.items]
        moments += [aware(stamp) for _value, stamp in self.fields.values()]
        return max(moments, default=None)

    def extend(self, other: Changes) -> None:
        """Add ``other``'s changes after ours (later ones replace earlier ones of a field)."""
        self.items.extend(other.items)
        self.fields.update(other.fields)


def item_index(session: Session) -> dict[str, int]:
    """``id -> position`` of every item (the last one wins if an id repeats)."""
    return {item.id: position for position, item in enumerate(session.items)}


def apply_changes(
    session: Session, changes: Changes, index: dict[str, int] | None = None
) -> Changes:
    """Apply ``changes`` to ``session`` in place, by the merge rule.

    Args:
        session: the session to change (items are replaced, never mutated).
        changes: the incoming changes.
        index: ``id -> position`` of ``session.items``, kept up to date if given (callers
            applying many changes keep one to stay O(changes)).

    Returns:
        The changes that took effect (those newer than what ``session`` held).
    """
    if index is None:
        index = item_index(session)
    taken = Changes()
    for item in changes.items:
        position = index.get(item.id)
        held = session.items[position] if position is not None else None
        if not item_wins(held, item):
            continue
        if position is None:
            index[item.id] = len(session.items)
            session.items.append(item)
        else:
            session.items[position] = item
        taken.items.append(item)
    stamps = dict(session.stamps)
    for name, (value, stamp) in changes.fields.items():
        if name not in SESSION_FIELDS or not field_wins(stamps.get(name), stamp):
            continue
        setattr(session, name, value)
        stamps[name] = aware(stamp)
        taken.fields[name] = (value, aware(stamp))
    if taken.fields:
        session.stamps = stamps
    latest = taken.latest()
    if latest is not None and latest > aware(session.updated):
        session.updated = latest
    return taken


def changes_of(session: Session) -> Changes:
    """Everything ``session`` holds, as changes (to merge a whole version into another)."""
    return Changes(
        items=list(session.items),
        fields={
            name: (getattr(session, name), stamp_of(session, name)) for name in SESSION_FIELDS
        },
    )


def copy_session(session: Session) -> Session:
    """A copy safe to change: its own item list and field values, shared (immutable) items."""
    return session.model_copy(
        update={
            "items": list(session.items),
            "stamps": dict(session.stamps),
            "clock": session.clock.model_copy(deep=True),
            "sections": [section.model_copy(deep=True) for section in session.sections],
        }
    )


def merge_sessions(ours: Session, theirs: Session) -> Session:
    """Merge another seat's version of a session into ours (neither is changed).

    Items are united by id (ours keep their order; items only they have follow, in their
    order) and each field goes to the newer stamp, by :func:`apply_changes`.

    Returns:
        ``ours`` itself if they had nothing newer, else a merged copy.
    """
    merged = copy_session(ours)
    taken = apply_changes(merged, changes_of(theirs))
    return merged if taken else ours


def advance_clock(state: ClockState, section_id: str, seconds: float) -> ClockState:
    """A running clock's state ``seconds`` later (in section ``section_id``).

    A clock is stored when it changes (start, pause, section switch...), not every second;
    whoever reads it later adds the wall time since its stamp while it was running.
    """
    if seconds <= 0 or not state.started or state.paused:
        return state
    used = dict(state.section_used_s)
    used[section_id] = used.get(section_id, 0.0) + seconds
    return state.model_copy(
        update={"elapsed_s": state.elapsed_s + seconds, "section_used_s": used}
    )


def clock_at(session: Session, moment: datetime) -> ClockState:
    """The session's clock as it stood at ``moment`` (advanced from its stamp if running)."""
    seconds = (aware(moment) - stamp_of(session, "clock")).total_seconds()
    if stamp_of(session, "clock") == EPOCH:
        return session.clock  # never stamped (an old document): nothing to add
    return advance_clock(session.clock, session.current_section.id, seconds)


def local_changes(
    held: Session, index: dict[str, int], caller: Session, now: datetime
) -> Changes:
    """What ``caller`` changed relative to ``held`` (the store's merged state), to save.

    An item or field differing from ``held`` counts as the caller's change if it is newer
    (its ``updated`` or stamp), or as new as what is held (changed in place without a new
    time: it is stamped ``now``). An older one is stale — another seat changed it since the
    caller read it — and the held version stands. Items only ``held`` has are never
    dropped: deleting is a tombstone.
    """
    changes = Changes()
    for item in caller.items:
        position = index.get(item.id)
        old = held.items[position] if position is not None else None
        if old is None:
            changes.items.append(item)
        elif old is not item:
            ours, theirs = aware(item.updated), aware(old.updated)
            if ours > theirs:
                changes.items.append(item)
            elif ours == theirs and item != old:
                changes.items.append(item.model_copy(update={"updated": now}))
    for name in SESSION_FIELDS:
        value, held_value = getattr(caller, name), getattr(held, name)
        if value == held_value:
            continue
        ours, theirs = stamp_of(caller, name), stamp_of(held, name)
        if ours > theirs:
            changes.fields[name] = (value, ours)
        elif ours == theirs:
            changes.fields[name] = (value, max(aware(now), theirs))
    return changes


def changes_between(sent: Session, merged: Session) -> Changes:
    """What a save's result holds beyond what was sent: other seats' items and fields.

    The store shares item objects, so an item that is not the very object sent (or was
    not sent) came from elsewhere; a field whose stamp differs did too.
    """
    sent_items = {item.id: item for item in sent.items}
    return Changes(
        items=[item for item in merged.items if sent_items.get(item.id) is not item],
        fields={
            name: (getattr(merged, name), stamp_of(merged, name))
            for name in SESSION_FIELDS
            if stamp_of(merged, name) != stamp_of(sent, name)
        },
    )
