"""A synthetic large meeting and the timing of every minutes format on it.

The product bar is "minutes for a 2,000-item meeting render in under 50 ms in every format";
the lead's benchmark reuses :func:`benchmark_minutes` so that the figure is measured the
same way everywhere. Kept out of the tests on purpose: timings belong in a benchmark.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

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
    "criteria", "scope", "release", "stakeholder", "dependency", "integration", "timeline",
    "approval", "security", "review", "onboarding", "data", "quality", "rollout", "training",
    "support", "contract", "deadline", "|", "<b>markup</b>", "=formula", "émoji", "🚀",
)


_LETTERS: tuple[RaciLetter, ...] = ("R", "A", "C", "I")


def _sentence(n: int, words: int) -> str:
    return " ".join(_WORDS[(n * 7 + k * 3) % len(_WORDS)] for k in range(words))


def benchmark_session(n_items: int = 2000) -> Session:
    """A deterministic ended meeting with ``n_items`` captured items of every kind.

    The mix leans on notes and action items, as real calls do; some texts run to several
    lines and some hold characters every renderer must escape.
    """
    start = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    sections = [
        AgendaSection(id=f"s{n}", title=f"Section {n} {_sentence(n, 3)}", box_minutes=7.5)
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
        text = _sentence(n, 8 + n % 17)
        if n % 50 == 0:
            text = "\n".join(_sentence(n + k, 12) for k in range(4))
        kind = n % 20
        item: Item
        if kind < 7:
            item = Note(text=text, private=(n % 97 == 0), **common)
        elif kind < 9:
            item = Decision(text=text, decided_by=people[n % 8], rationale=_sentence(n, 6),
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
                likelihood=Level.HIGH, impact=Level.MEDIUM, mitigation=_sentence(n, 5), **common,
            )
        elif kind < 17:
            item = Question(
                text=text, asked_by=people[n % 8], owner=people[(n + 1) % 8],
                answer=_sentence(n, 6) if n % 2 else "",
                status=QuestionStatus.ANSWERED if n % 2 else QuestionStatus.OPEN, **common,
            )
        elif kind == 17:
            item = ParkingLotItem(text=text, **common)
        elif kind == 18:
            item = Deliverable(name=_sentence(n, 4), due=date(2027, 1, 1),
                               acceptance=_sentence(n, 9), **common)
        elif n % 40 == 19:
            item = RaciRow(
                activity=_sentence(n, 3),
                assignments={p: _LETTERS[(k + n) % 4] for k, p in enumerate(people)},
                **common,
            )
        else:
            item = CommunicationRow(what=_sentence(n, 3), audience="All", channel="Email",
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


def _time_ms(work: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``work`` over ``repeat`` runs, in milliseconds."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def benchmark_minutes(n_items: int = 2000, repeat: int = 5) -> dict[str, float]:
    """Time every minutes format on a meeting of ``n_items`` items.

    Each figure covers the whole job the CLI and the wrap-up do: building the minutes from the
    session and rendering them (for ``csv``, both the actions and the RAID files).

    Returns:
        ``{format: median milliseconds}`` for every entry of ``FORMATS``.
    """
    from kickoff_tui.core.minutes import (  # the package imports this module: import late
        FORMATS,
        build_minutes,
        render,
        render_csv_actions,
        render_csv_raid,
    )

    session = benchmark_session(n_items)
    timings: dict[str, float] = {}
    for fmt in FORMATS:
        work: Callable[[], object]
        if fmt == "csv":
            def work_csv() -> object:
                m = build_minutes(session)
                return render_csv_actions(m), render_csv_raid(m)
            work = work_csv
        else:
            def work_fmt(fmt: str = fmt) -> object:
                return render(session, fmt)
            work = work_fmt
        work()  # warm up imports and caches, as a running app would be
        timings[fmt] = _time_ms(work, repeat)
    return timings
