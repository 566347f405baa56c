"""The meetings the benchmark runs on: big, deterministic, and shaped like real kick-offs.

A 2,000-item meeting on the built-in agenda, most of it captured in the section that is open
(the harsh case for the facilitator's screen: its "this section" table holds nearly every
row), with every kind of item, some long texts and some characters that need escaping.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from kickoff_tui.core.agenda import builtin_template, new_session
from kickoff_tui.core.models import (
    ActionItem,
    Decision,
    Note,
    ParkingLotItem,
    Question,
    RaidEntry,
    RaidKind,
    Session,
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
