"""What the wrap-up's completeness check can find: the :class:`Finding` and its kinds.

The kinds of finding and their order live here; the rules that find them are declared with
each item kind (:mod:`kickoff_tui.core.kinds.registry`), and :mod:`kickoff_tui.core.completeness`
runs them over a session.

This module never imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass

ACTION_NO_OWNER = "action-no-owner"
ACTION_NO_DUE = "action-no-due"
RISK_NO_OWNER = "risk-no-owner"
RISK_NO_MITIGATION = "risk-no-mitigation"
RISK_NO_RATING = "risk-no-rating"
OWNER_NOT_ATTENDEE = "owner-not-attendee"
QUESTION_NO_OWNER = "question-no-owner"
SECTION_EMPTY = "section-empty"
RACI_ACCOUNTABLE = "raci-accountable"
NO_NEXT_STEP = "no-next-step"
NO_NEXT_MEETING = "no-next-meeting"

#: Every finding kind, in the order the check reports them.
KINDS = (
    ACTION_NO_OWNER,
    ACTION_NO_DUE,
    RISK_NO_OWNER,
    RISK_NO_MITIGATION,
    RISK_NO_RATING,
    OWNER_NOT_ATTENDEE,
    QUESTION_NO_OWNER,
    SECTION_EMPTY,
    RACI_ACCOUNTABLE,
    NO_NEXT_STEP,
    NO_NEXT_MEETING,
)

#: Item texts are quoted up to this many characters in a message.
QUOTE_MAX = 40


@dataclass(frozen=True)
class Finding:
    """Something to settle before the call ends.

    ``kind`` is one of :data:`KINDS`; ``item_id`` / ``section_id`` say what it is about.
    """

    kind: str
    message: str
    item_id: str | None = None
    section_id: str | None = None


def quote(text: str) -> str:
    """An item's text as a short one-line quotation."""
    flat = " ".join(text.split())
    if len(flat) > QUOTE_MAX:
        flat = flat[: QUOTE_MAX - 1].rstrip() + "…"
    return f'"{flat}"'


def blank(value: str | None) -> bool:
    """Whether a field holds nothing but whitespace (or nothing at all)."""
    return value is None or not value.strip()
