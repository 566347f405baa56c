"""The meetings every benchmark runs on: big, deterministic, and shaped like real kick-offs.

The one generator of workloads (``run.py``, ``store_bench.py``, ``seats.py``,
``actions_bench.py`` and ``minutes_bench.py`` all take their meetings from here):

* :func:`big_session`: a running meeting on the built-in agenda, most of it captured in the
  section that is open (the harsh case for the facilitator's screen: its "this section"
  table holds nearly every row), with every kind of item, some long texts and some
  characters that need escaping.
* :func:`past_session`: a smaller one, to fill a store with history.
* :func:`ended_session`: an ended meeting with every kind of item, people and plans
  included, multi-line texts and answered questions: what the minutes render.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kickoff_tui.core.agenda import builtin_template, new_session
from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    AgendaSection,
    Attendee,
    ClockState,
    CommunicationRow,
    Decision,
    Deliverable,
    Item,
    Level,
    Note,
    ParkingLotItem,
    Question,
    QuestionStatus,
    RaciLetter,
    RaciRow,
    RaidEntry,
    RaidKind,
    Session,
    SessionStatus,
)

_WORDS = (
    "vendor", "platform", "migration", "budget", "sponsor", "milestone", "acceptance",
    "scope", "release", "stakeholder", "dependency", "integration", "timeline", "approval",
    "security", "review", "onboarding", "data", "quality", "rollout", "training", "support",
    "contract", "deadline", "<b>", "|", "=SUM(A1)", "naïve", "🚀", "数据",
)
_PEOPLE = ("Dana", "Sam", "Lee", "Kim", "Ana", "Raj")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words))


def big_session(n_items: int = 2000, *, current_share: float = 0.75, seed: int = 7) -> Session:
    """A running meeting with ``n_items`` captured items on the built-in agenda.

    Args:
        n_items: how many items (notes, decisions, actions, RAID entries, questions, parked).
        current_share: the fraction raised in the first section, which is the open one.
        seed: the items are the same for the same seed.
    """
    rng = random.Random(seed)
    session = new_session(
        "Benchmark kick-off", project="Benchmark", template=builtin_template(),
        attendees=[f"{name}, Role" for name in _PEOPLE],
    )
    sections = [section.id for section in session.sections]
    start = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    for n in range(n_items):
        section = sections[0] if rng.random() < current_share else rng.choice(sections[1:])
        when = start + timedelta(seconds=n)
        common = {"section": section, "created": when, "updated": when, "seat": "bench@host"}
        text = _sentence(rng, rng.randint(4, 24))
        kind = n % 10
        if kind < 4:
            item: object = Note(text=text, private=(n % 41 == 0), **common)
        elif kind == 4:
            item = Decision(text=text, decided_by=rng.choice(_PEOPLE), **common)
        elif kind < 7:
            item = ActionItem(text=text, owner=rng.choice((*_PEOPLE, None)),
                              due=date(2026, 12, 1) + timedelta(days=n % 40), **common)
        elif kind == 7:
            item = RaidEntry(kind=rng.choice(tuple(RaidKind)), text=text,
                             owner=rng.choice(_PEOPLE), **common)
        elif kind == 8:
            item = Question(text=text, owner=rng.choice(_PEOPLE), **common)
        else:
            item = ParkingLotItem(text=text, **common)
        session.items.append(item)  # type: ignore[arg-type]
    return session


def past_session(title: str, n_items: int = 50, *, seed: int = 1) -> Session:
    """A smaller finished-looking meeting, to fill a store with history."""
    return big_session(n_items, current_share=0.2, seed=seed).model_copy(
        update={"title": title}, deep=False
    )


_LETTERS: tuple[RaciLetter, ...] = ("R", "A", "C", "I")


def _cycled(n: int, words: int) -> str:
    """Words picked by a formula, not a generator: the ended meeting is the same on every Python."""
    return " ".join(_WORDS[(n * 7 + k * 3) % len(_WORDS)] for k in range(words))


def ended_session(n_items: int = 2000) -> Session:
    """A deterministic ended meeting with ``n_items`` captured items of every kind.

    The mix leans on notes and action items, as real calls do; some texts run to several
    lines and some hold characters every renderer must escape.
    """
    start = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    sections = [
        AgendaSection(id=f"s{n}", title=f"Section {n} {_cycled(n, 3)}", box_minutes=7.5)
        for n in range(1, 9)
    ]
    people = [f"Person {n}" for n in range(8)]
    items: list[Item] = [
        Attendee(id=f"at{n}", name=p, role="Role", organisation="Org", created=start,
                 email=f"person{n}@example.com")
        for n, p in enumerate(people)
    ]
    for n in range(n_items):
        section = sections[n % len(sections)].id
        when = start + timedelta(seconds=n)
        common: dict[str, Any] = {"id": f"i{n:05d}", "section": section, "created": when,
                                  "updated": when}
        text = _cycled(n, 8 + n % 17)
        if n % 50 == 0:
            text = "\n".join(_cycled(n + k, 12) for k in range(4))
        kind = n % 20
        item: Item
        if kind < 7:
            item = Note(text=text, private=(n % 97 == 0), **common)
        elif kind < 9:
            item = Decision(text=text, decided_by=people[n % 8], rationale=_cycled(n, 6),
                            **common)
        elif kind < 13:
            item = ActionItem(
                text=text,
                owner=people[n % 8] if n % 5 else None,
                due=date(2026, 12, 1) + timedelta(days=n % 30) if n % 3 else None,
                status=(ActionStatus.OPEN, ActionStatus.DONE)[n % 2],
                **common,
            )
        elif kind < 15:
            item = RaidEntry(
                kind=tuple(RaidKind)[n % 5], text=text, owner=people[n % 8],
                likelihood=Level.HIGH, impact=Level.MEDIUM, mitigation=_cycled(n, 5), **common,
            )
        elif kind < 17:
            item = Question(
                text=text, asked_by=people[n % 8], owner=people[(n + 1) % 8],
                answer=_cycled(n, 6) if n % 2 else "",
                status=QuestionStatus.ANSWERED if n % 2 else QuestionStatus.OPEN, **common,
            )
        elif kind == 17:
            item = ParkingLotItem(text=text, **common)
        elif kind == 18:
            item = Deliverable(name=_cycled(n, 4), due=date(2027, 1, 1),
                               acceptance=_cycled(n, 9), **common)
        elif n % 40 == 19:
            item = RaciRow(
                activity=_cycled(n, 3),
                assignments={p: _LETTERS[(k + n) % 4] for k, p in enumerate(people)},
                **common,
            )
        else:
            item = CommunicationRow(what=_cycled(n, 3), audience="All", channel="Email",
                                    frequency="Weekly", owner=people[n % 8], **common)
        items.append(item)
    used = {s.id: 400.0 + 20 * k for k, s in enumerate(sections)}
    return Session(
        id="bench",
        title="Benchmark kick-off",
        project="Benchmark",
        created=start,
        updated=start,
        started_at=start,
        ended_at=start + timedelta(minutes=65),
        status=SessionStatus.ENDED,
        sections=sections,
        clock=ClockState(started=True, elapsed_s=sum(used.values()), section_used_s=used),
        next_step="Meet again next week",
        items=items,
    )
