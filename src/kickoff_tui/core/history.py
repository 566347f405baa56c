"""One item across meetings: its dated changes, and the item as it stood at a meeting's end.

A tracked item (action, RAID entry, question, parking-lot item) may live in several sessions
at once: its home, where it was raised, and every follow-up that carried it (same id,
``origin`` = the home's id). Those copies are *replicas* of one item. The fields listed in
:data:`LOCAL_FIELDS` belong to a replica (which section of *this* agenda it sits in, whether
*this* meeting dropped it); every other field belongs to the item and is the same everywhere.

Every change of an item's own fields is appended to its ``history`` as an
:class:`~kickoff_tui.core.models.ItemChange` (who, when, in which meeting, before and after),
so :func:`as_of_end` can show the minutes of an earlier meeting as they stood at its end and
say what changed since ("done 2026-12-03 in Sprint 0 planning").

This module never imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from kickoff_tui.core.dates import aware
from kickoff_tui.core.models import (
    ActionStatus,
    ItemChange,
    QuestionStatus,
    RaidKind,
    RaidStatus,
    Session,
    TrackedItem,
    utcnow,
)

#: The ``type`` of every item that is followed across meetings.
TRACKED_TYPES = ("action", "raid", "question", "parking")

#: Fields of one replica rather than of the item: the section of this agenda it sits in,
#: where its home is, and whether this meeting dropped it (deleting a carried item takes it
#: off this meeting's review; it does not erase the original).
LOCAL_FIELDS = frozenset({"id", "type", "section", "origin", "created", "seat", "deleted"})

#: Fields never compared for the history (bookkeeping, not content).
_BOOKKEEPING = LOCAL_FIELDS | {"updated", "history"}

#: RAID kinds a follow-up reviews (assumptions, dependencies and constraints are reference).
CARRIED_RAID_KINDS = (RaidKind.RISK, RaidKind.ISSUE)


def is_tracked(item: Any) -> bool:
    """Whether ``item`` is followed across meetings."""
    return isinstance(item, TrackedItem)


def is_open(item: Any) -> bool:
    """Whether a follow-up should review ``item``: still open, and not deleted.

    Open action items, open risks and issues, open questions, and parking-lot items (these
    have no status: they stay on the review until a meeting takes them off).
    """
    if item.deleted or not is_tracked(item):
        return False
    if item.type == "action":
        return bool(item.status is ActionStatus.OPEN)
    if item.type == "raid":
        return item.kind in CARRIED_RAID_KINDS and item.status is RaidStatus.OPEN
    if item.type == "question":
        return bool(item.status is QuestionStatus.OPEN)
    return item.type == "parking"


def home_of(item: Any, session_id: str) -> str:
    """The id of the session ``item`` was raised in (``session_id`` holds a replica)."""
    return str(getattr(item, "origin", "") or session_id)


def shared_fields(item: Any) -> dict[str, Any]:
    """The fields that belong to the item rather than to one replica (python values)."""
    return {name: getattr(item, name) for name in type(item).model_fields
            if name not in LOCAL_FIELDS}


def adopt_fields(replica: Any, source: Any) -> Any:
    """``replica`` with the item's own fields taken from ``source`` (same id, another replica).

    The replica keeps its local fields (section, origin, deleted...). Returns ``replica``
    itself if ``source`` is not newer, or either of them is deleted.
    """
    if (source is replica or source.deleted or replica.deleted
            or aware(source.updated) <= aware(replica.updated)):
        # A deletion is one meeting's own (a tombstone's text is erased): it never spreads,
        # and a tombstone takes nothing back.
        return replica
    return replica.model_copy(update=shared_fields(source))


def _diff(old: Any, new: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    old_doc = old.model_dump(mode="json")
    new_doc = new.model_dump(mode="json")
    for name, value in new_doc.items():
        if name in _BOOKKEEPING:
            continue
        if old_doc.get(name) != value:
            before[name] = old_doc.get(name)
            after[name] = value
    return before, after


def with_change(
    item: Any,
    fields: Mapping[str, Any],
    *,
    seat: str,
    session_id: str = "",
    session_title: str = "",
    at: datetime | None = None,
) -> Any:
    """A copy of ``item`` with ``fields`` changed (validated), stamped, and the change dated.

    For a tracked item a change of its own fields appends one
    :class:`~kickoff_tui.core.models.ItemChange` to its history; other items just change.

    Args:
        item: the item as it stands.
        fields: the new values.
        seat: who changes it (``user@host``).
        session_id: the meeting it is changed in ("" for the command line).
        session_title: that meeting's title, kept so the minutes can name it.
        at: when (default: now).

    Raises:
        pydantic.ValidationError: a value is not valid for the field.
    """
    moment = at or utcnow()
    data = item.model_dump()
    data.update(fields)
    data["updated"] = moment
    new = type(item).model_validate(data)
    if not is_tracked(new):
        return new
    before, after = _diff(item, new)
    if not after:
        return new
    change = ItemChange(at=moment, seat=seat, session_id=session_id,
                        session_title=session_title, before=before, after=after)
    return new.model_copy(update={"history": [*new.history, change]})


# -- the minutes of an earlier meeting ------------------------------------------------------


@dataclass(frozen=True)
class ChangedSince:
    """What became of an item after the meeting ended, for the minutes to mark it."""

    item_id: str
    #: What changed, in words: ``done``, ``cancelled``, ``answered``, ``reopened``,
    #: ``now owned by Sam Lee``, ``due 2026-12-10``, ``edited``, joined by ", ".
    what: str
    at: datetime
    session_id: str
    #: The meeting it was changed in ("" when changed from the command line).
    session_title: str
    seat: str

    @property
    def day(self) -> date:
        """The (UTC) day of the last change."""
        return aware(self.at).astimezone(UTC).date()

    def describe(self, emphasis: str = "") -> str:
        """One phrase, e.g. ``done 2026-12-03 in Sprint 0 planning``.

        Args:
            emphasis: put around the meeting's title (``"*"`` for Markdown).
        """
        day = self.day.isoformat()
        where = (f" in {emphasis}{self.session_title}{emphasis}" if self.session_title
                 else " from the command line" if not self.session_id else "")
        if self.what in _STATUS_WORDS:  # "done 2026-12-03 in *Sprint 0 planning*"
            return f"{self.what} {day}{where}"
        # "now owned by Sam Lee, due 2026-12-10 on 2026-12-03 in *Sprint 0 planning*"
        return f"{self.what} on {day}{where}"


#: Every status word :func:`_what` can produce alone.
_STATUS_WORDS = frozenset({"done", "cancelled", "reopened", "answered", "deferred", "mitigated",
                           "closed"})


def _what(at_end: dict[str, Any], now: dict[str, Any]) -> str:
    """The changes from ``at_end`` to ``now`` in the words of the trade."""
    words: list[str] = []
    if at_end.get("status") != now.get("status"):
        words.append("reopened" if now.get("status") == "open" else str(now.get("status")))
    if at_end.get("owner") != now.get("owner"):
        words.append(f"now owned by {now['owner']}" if now.get("owner") else "owner now TBD")
    if at_end.get("due") != now.get("due"):
        words.append(f"due {now['due']}" if now.get("due") else "due date now TBD")
    if at_end.get("answer") != now.get("answer") and "answered" not in words:
        words.append("answer changed")
    if at_end.get("mitigation") != now.get("mitigation"):
        words.append("mitigation changed")
    named = {"status", "owner", "due", "answer", "mitigation"}
    if any(at_end.get(name) != now.get(name) for name in (set(at_end) | set(now)) - named):
        words.append("edited")
    return ", ".join(words)


def as_of_end(session: Session) -> tuple[Session, dict[str, ChangedSince]]:
    """The session's items as they stood when its meeting ended, and what changed since.

    A session not ended yet (or with nothing changed after its end) comes back as it is.

    Returns:
        ``(session_at_end, changes_since)``: a copy whose tracked items are rolled back to
        the meeting's end (their history cut there too), and, by item id, what has become of
        each item changed since (the item's present state is the one in ``session``).
    """
    if session.ended_at is None:
        return session, {}
    end = aware(session.ended_at)
    items: list[Any] = []
    changes: dict[str, ChangedSince] = {}
    rolled = False
    for item in session.items:
        history = getattr(item, "history", None)
        if not history or item.deleted or aware(history[-1].at) <= end:
            items.append(item)
            continue
        kept = [h for h in history if aware(h.at) <= end]
        later = [h for h in history if aware(h.at) > end]
        state = item.model_dump(mode="json")
        now = {name: value for name, value in state.items() if name not in _BOOKKEEPING}
        for change in reversed(later):
            state.update({k: v for k, v in change.before.items() if k not in _BOOKKEEPING})
        state["history"] = [h.model_dump(mode="json") for h in kept]
        state["updated"] = (kept[-1].at if kept else item.created).isoformat()
        try:
            old = type(item).model_validate(state)
        except ValueError:
            items.append(item)  # a history that no longer fits the model: show it as it is
            continue
        at_end = {name: value for name, value in old.model_dump(mode="json").items()
                  if name not in _BOOKKEEPING}
        what = _what(at_end, now)
        items.append(old)
        rolled = True
        if not what:
            continue
        status_change = next((h for h in reversed(later) if "status" in h.after), None)
        last = status_change or later[-1]
        changes[item.id] = ChangedSince(item.id, what, last.at, last.session_id,
                                        last.session_title, last.seat)
    if not rolled:
        return session, {}
    return session.model_copy(update={"items": items}), changes
