"""A follow-up meeting: a new session that opens by reviewing what the last one left open.

:func:`new_followup` builds it from its source session: the agenda opens with a
**Review of open items** section whose time box is taken proportionally from the other
sections (the total is unchanged), holding the source's open action items, open risks and
issues, open questions and parking-lot items. They are carried, not copied: each keeps its
id and records its home session in ``origin``, so a change to it in the follow-up is a
change to the one item (``core/tracking.py`` writes it through the store).

The source holds, besides its own items, the ones it carried itself; so a chain of
follow-ups carries whatever is still open from the whole chain, and an item closed in an
earlier follow-up is not carried again.

This module never imports Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kickoff_tui.core.agenda import MAX_MINUTES, parse_attendee, rescale_sections
from kickoff_tui.core.history import TRACKED_TYPES, adopt_fields, home_of, is_open
from kickoff_tui.core.models import (
    MAX_SHORT,
    AgendaSection,
    Attendee,
    ClockState,
    Session,
)

#: The id and title of the section a follow-up opens with.
REVIEW_SECTION_ID = "review-open-items"
REVIEW_TITLE = "Review of open items"
REVIEW_PROMPTS = [
    "For each carried item: done, still open, new owner or new date?",
    "Anything blocked? Who unblocks it, by when?",
    "Parking lot: take it up now, give it an owner, or drop it?",
]
#: Review time per carried item, and the bounds of the review's box.
MINUTES_PER_ITEM = 2
MIN_REVIEW_MINUTES = 5
MAX_REVIEW_SHARE = 0.25


def carried_items(source: Session, homes: Mapping[str, Session] | None = None) -> list[Any]:
    """What a follow-up of ``source`` reviews: its open tracked items, at their newest state.

    Args:
        source: the meeting followed up (its own items and those it carried).
        homes: home sessions by id, to see a carried item's latest state when its home has
            changed it since (the newer replica wins, as in every merge).

    Returns:
        The items, actions first, then RAID, questions, parking lot; oldest first in each.
    """
    homes = homes or {}
    found: list[Any] = []
    for item in source.live(*TRACKED_TYPES):
        home = homes.get(home_of(item, source.id))
        newest = item
        if home is not None and home.id != source.id:
            original = home.find(item.id)
            if original is not None:
                newest = adopt_fields(item, original)
        if is_open(newest):
            found.append(newest)
    found.sort(key=lambda i: (TRACKED_TYPES.index(i.type), i.created))
    return found


def review_minutes(carried: int, total: float) -> int:
    """The review's box: two minutes an item, at least five, at most a quarter of the meeting."""
    wanted = max(MIN_REVIEW_MINUTES, MINUTES_PER_ITEM * carried)
    return max(1, min(wanted, int(total * MAX_REVIEW_SHARE)))


def followup_agenda(sections: Sequence[AgendaSection], carried: int,
                    total: float | None = None) -> list[AgendaSection]:
    """The review section, then ``sections`` shrunk proportionally so the total is unchanged.

    Args:
        sections: the agenda to follow the review (a previous review section gives its
            time back to the others).
        carried: how many items the review holds.
        total: the planned length in minutes (default: the sum of ``sections``' boxes).
    """
    # The total is the whole given agenda's, a previous review's box included: a follow-up
    # of a follow-up is as long as the meeting it follows.
    total = float(total if total is not None else sum(s.box_minutes for s in sections))
    rest = [s for s in sections if s.id != REVIEW_SECTION_ID] or [
        AgendaSection(id="discussion", title="Discussion", box_minutes=total)]
    review = review_minutes(carried, total)
    remaining = max(float(len(rest)), total - review)
    review_section = AgendaSection(id=REVIEW_SECTION_ID, title=REVIEW_TITLE,
                                   box_minutes=review, prompts=list(REVIEW_PROMPTS))
    return [review_section, *rescale_sections(rest, remaining)]


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def new_followup(
    source: Session,
    title: str,
    *,
    homes: Mapping[str, Session] | None = None,
    project: str | None = None,
    sections: Sequence[AgendaSection] | None = None,
    template_name: str | None = None,
    duration: float | None = None,
    attendees: Sequence[str] = (),
) -> Session:
    """A new, not yet started session following up ``source``.

    Args:
        source: the meeting followed up.
        title: the new meeting's title.
        homes: home sessions of the items ``source`` carried, by id (see
            :func:`carried_items`); the caller loads them from the store.
        project: default: the source's project.
        sections: the agenda after the review (default: the source's, without its review).
        template_name: recorded as the session's template (default: the source's).
        duration: the planned length in minutes (default: the agenda's).
        attendees: more attendees, ``"Name, Role, Organisation"`` each; the source's
            attendees come first.

    Raises:
        ValueError: empty or too long title, a duration out of range, an attendee without
            a name.
    """
    title = title.strip()
    if not title:
        raise ValueError("the session needs a title")
    if len(title) > MAX_SHORT:
        raise ValueError(f"the title is longer than {MAX_SHORT:,} characters")
    if duration is not None and not 0 < duration <= MAX_MINUTES:
        raise ValueError(
            f"duration must be more than 0 and at most {MAX_MINUTES} minutes, not {duration:g}"
        )
    carried = [
        item.model_copy(update={"section": REVIEW_SECTION_ID,
                                "origin": home_of(item, source.id)})
        for item in carried_items(source, homes)
    ]
    agenda = followup_agenda(sections if sections is not None else source.sections,
                             len(carried), duration)
    people: list[Attendee] = [
        Attendee(name=a.name, role=a.role, organisation=a.organisation)
        for a in source.attendees
    ]
    for text in attendees:
        person = parse_attendee(text)
        if not any(_same_person(person.name, p.name) for p in people):
            people.append(person)
    total = float(sum(s.box_minutes for s in agenda))
    return Session(
        title=title,
        project=(source.project if project is None else project).strip(),
        template=template_name or source.template,
        planned_minutes=min(total, MAX_MINUTES),
        sections=agenda,
        clock=ClockState(box_s={s.id: s.box_minutes * 60.0 for s in agenda}),
        follows=source.id,
        items=[*people, *carried],
    )
