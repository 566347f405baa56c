"""People, not strings: matching a typed ``@name`` or owner against the attendee list.

A facilitator types ``@dana``, ``@scully``, ``@dana.scully`` or ``@dan``; the record should
say "Dana Scully", as the attendee list does. :class:`Roster` is built once from the
attendees' names and answers :meth:`Roster.match` in a dictionary look-up or two, so the
capture line can call it on every key press and the minutes on every owner of a 2,000-item
meeting.

Rules (case-insensitive throughout):

* the keys of an attendee are the first name, the last name, the full name as written, the
  full name without spaces (``danascully``) and with a dot or an underscore between the
  parts (``dana.scully``, ``dana_scully``);
* a key that names one attendee is a match; a whole-name key beats a part (``@sam`` is the
  attendee "Sam" even when "Sam Lee" is there too);
* failing an exact key, a unique prefix of any key matches (``@dan``);
* two or more candidates make the name *ambiguous*; none make it *unknown*. Either way the
  caller keeps what was typed and says so.

This module never imports Textual.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

MatchKind = Literal["attendee", "ambiguous", "unknown"]


@dataclass(frozen=True, slots=True)
class PersonMatch:
    """What a typed name resolved to.

    ``name`` is the attendee's full name on a match, else the name as typed; ``candidates``
    lists the attendees an ambiguous name could mean.
    """

    kind: MatchKind
    name: str
    candidates: tuple[str, ...] = ()

    @property
    def problem(self) -> str | None:
        """A sentence for the echo line, or ``None`` when the name is an attendee."""
        if self.kind == "ambiguous":
            shown = list(self.candidates[:4])
            more = len(self.candidates) - len(shown)
            names = " or ".join(shown) if not more else ", ".join(shown) + f" or {more} more"
            return f"@{self.name} is ambiguous: {names}; kept as typed"
        if self.kind == "unknown":
            return f"{self.name} is not an attendee"
        return None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_keys(name: str) -> tuple[set[str], set[str]]:
    """The keys an attendee answers to: ``(whole-name keys, part keys)``, casefolded."""
    parts = _norm(name).split(" ")
    whole = {" ".join(parts), "".join(parts), ".".join(parts), "_".join(parts)}
    partial = {parts[0], parts[-1]} - whole
    return whole, partial


class Roster:
    """The attendees' names, indexed for :meth:`match`.

    Args:
        names: the attendees' full names, in the attendee list's order (duplicates and
            blanks are ignored).
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: tuple[str, ...] = tuple(
            dict.fromkeys(" ".join(n.split()) for n in names if n and n.strip())
        )
        self._whole: dict[str, list[str]] = {}
        self._part: dict[str, list[str]] = {}
        for name in self.names:
            whole, partial = name_keys(name)
            for key in whole:
                self._whole.setdefault(key, []).append(name)
            for key in partial:
                self._part.setdefault(key, []).append(name)
        self._all_keys = sorted({*self._whole, *self._part})
        self._cache: dict[str, PersonMatch] = {}

    def __bool__(self) -> bool:
        return bool(self.names)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and " ".join(name.split()) in self.names

    def _prefix(self, key: str) -> list[str]:
        """Attendees with a key starting with ``key``, in attendee-list order."""
        found: set[str] = set()
        # The keys are sorted: the ones sharing a prefix are one contiguous run.
        index = bisect_left(self._all_keys, key)
        while index < len(self._all_keys) and self._all_keys[index].startswith(key):
            k = self._all_keys[index]
            found.update(self._whole.get(k, ()))
            found.update(self._part.get(k, ()))
            index += 1
        return [name for name in self.names if name in found]

    def match(self, typed: str) -> PersonMatch:
        """Resolve a typed name (without the ``@``) against the attendees."""
        cached = self._cache.get(typed)
        if cached is not None:
            return cached
        key = _norm(typed)
        result: PersonMatch
        if not key or not self.names:
            result = PersonMatch("unknown", typed)
        elif len(whole := self._whole.get(key, [])) == 1:
            result = PersonMatch("attendee", whole[0])
        elif whole:
            result = PersonMatch("ambiguous", typed, tuple(whole))
        elif part := self._part.get(key):
            result = (
                PersonMatch("attendee", part[0]) if len(part) == 1
                else PersonMatch("ambiguous", typed, tuple(part))
            )
        else:
            found = self._prefix(key)
            if len(found) == 1:
                result = PersonMatch("attendee", found[0])
            elif found:
                result = PersonMatch("ambiguous", typed, tuple(found))
            else:
                result = PersonMatch("unknown", typed)
        if len(self._cache) < 10_000:  # bounded: the capture line calls this per key press
            self._cache[typed] = result
        return result

    def resolve(self, typed: str) -> str:
        """The attendee's full name when ``typed`` names exactly one, else ``typed``."""
        return self.match(typed).name

    def strangers(self, names: Sequence[str]) -> list[str]:
        """The names (as given, each once) that are not attendees' full names."""
        return [n for n in dict.fromkeys(" ".join(x.split()) for x in names if x.strip())
                if n not in self.names]


def split_people(value: str) -> list[str]:
    """A field naming several people (``"Dana Scully, Sam Lee"``) as a list of names."""
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


#: Item fields that name people: what a dialog puts there is matched like an ``@name``.
PEOPLE_FIELDS = ("owner", "asked_by", "decided_by")


def resolve_people_fields(fields: dict[str, Any], roster: Roster) -> dict[str, Any]:
    """``@marcus`` or ``priya`` typed in a dialog's people fields becomes the attendee's name.

    A name that means no attendee, or more than one, is kept as typed (without the ``@``);
    the wrap-up lists owners who are not attendees. Fields not in :data:`PEOPLE_FIELDS` are
    returned as they are.
    """
    changed = dict(fields)
    for key in PEOPLE_FIELDS:
        value = changed.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        names = [name.strip().lstrip("@").strip() for name in value.split(",")]
        changed[key] = ", ".join(roster.resolve(name) if roster else name
                                 for name in names if name)
    return changed
