"""Shared test sessions: ``rich_session()`` holds every kind of item and every awkward input.

Ids and times are fixed, so the golden minutes rendered from it are stable. Reuse it with
``from tests.fixtures import rich_session``; it returns a fresh session on every call, so a
test may change it freely.

What it contains, on purpose:

* every item type, on the built-in agenda's section ids (``working-together`` left empty);
* unicode and emoji, ``|`` in text, ``<script>alert(1)</script>``, ``=SUM(A1)`` and other
  cells a spreadsheet would run, text starting with Markdown block markers;
* a 10 KB note and a note holding one unbreakable 200-character token;
* a private note (:data:`PRIVATE_TEXT`) and deleted items (:data:`DELETED_TEXT`), which must
  never reach the minutes;
* loose ends for the completeness check (an action without owner or date, a risk without
  owner or mitigation, an open question nobody owns, RACI rows with no A and with two).
"""

from __future__ import annotations

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
    RaciRow,
    RaidEntry,
    RaidKind,
    RaidStatus,
    Session,
    SessionStatus,
)

#: When the call started (09:00 UTC on 26 Nov 2026); every other time is relative to it.
START = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
#: Text of the private note: in the JSON session, in no minutes format.
PRIVATE_TEXT = "PRIVATE-7f3a Sam seems unsure about the budget"
#: Text of the deleted items: in the JSON session (as tombstones), in no minutes format.
DELETED_TEXT = "DELETED-91c2 this was captured by mistake"
#: The script tag a user typed: must stay text in every format.
SCRIPT = "<script>alert(1)</script>"
#: A 200-character token with no break opportunity (a pasted signed URL, say).
LONG_TOKEN = "https://files.example.com/" + "x7Q" * 58
#: The built-in agenda's sections (ids, titles and boxes as in templates/kickoff.toml).
SECTIONS = (
    ("objectives", "Objectives & scope", 10),
    ("stakeholders", "Stakeholders, roles & responsibilities", 8),
    ("deliverables", "Deliverables, timeline & quality", 10),
    ("communication", "Communication channels", 5),
    ("risks", "Risks, constraints & dependencies", 10),
    ("working-together", "Working together", 5),
    ("questions", "Questions & concerns", 7),
    ("wrap-up", "Wrap-up & next steps", 5),
)


def ten_kb_note() -> str:
    """About 10 KB of multi-line text, with paragraphs, as a long pasted transcript would be."""
    lines = []
    n = 0
    while sum(len(line) + 1 for line in lines) < 10_240:
        n += 1
        lines.append(
            f"Pre-mortem {n}: the integration could slip because the vendor's sandbox is shared "
            f"with {n % 7 + 2} other teams, and test data is refreshed only on Mondays."
        )
        if n % 12 == 0:
            lines.append("")
    return "\n".join(lines)


def sections() -> list[AgendaSection]:
    """The eight sections of the built-in kick-off agenda."""
    return [AgendaSection(id=i, title=t, box_minutes=b) for i, t, b in SECTIONS]


class _Clock:
    """Hands out fixed, increasing creation times and ids, so items sort as written."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, prefix: str, section: str) -> dict[str, Any]:
        self.n += 1
        when = START + timedelta(minutes=self.n)
        return {"id": f"{prefix}{self.n:02d}", "section": section, "created": when,
                "updated": when, "seat": "dana@laptop"}


def rich_session() -> Session:
    """A finished kick-off call holding every item type and every awkward input (see module)."""
    at = _Clock()
    items: list[Item] = [
        Attendee(name="Dana Whitfield", role="Project manager", organisation="Acme",
                 **at("at", "")),
        Attendee(name="Sam Okafor", role="Tech lead", organisation="Vendor Ltd",
                 **at("at", "")),
        Attendee(name="Lee Müller-Łukasiewicz", role="Data architect", organisation="Acme",
                 present=False, **at("at", "")),
        Attendee(name="Zoë 🦄 Park", role="Sponsor", organisation="Acme | Finance",
                 **at("at", "")),
        # Objectives & scope
        Note(text="Goal: cut customer onboarding from 10 days to 2 ✅", **at("n", "objectives")),
        Note(text="In scope:\n- web app\n- partner API\nOut of scope: mobile (phase 2)",
             **at("n", "objectives")),
        Note(text="# not a heading | and a pipe", **at("n", "objectives")),
        Note(text=PRIVATE_TEXT, private=True, **at("n", "objectives")),
        Decision(text="We ship on the existing platform", decided_by="Zoë 🦄 Park",
                 rationale="Lower risk | faster start", **at("d", "objectives")),
        Note(text=DELETED_TEXT, deleted=True, **at("n", "objectives")),
        # Stakeholders
        Note(text=f"Sam pasted {SCRIPT} into the chat", **at("n", "stakeholders")),
        RaciRow(activity="Statement of work",
                assignments={"Dana Whitfield": "A", "Sam Okafor": "R", "Zoë 🦄 Park": "I"},
                **at("rc", "stakeholders")),
        RaciRow(activity="Data migration",
                assignments={"Lee Müller-Łukasiewicz": "R", "Sam Okafor": "C"},
                **at("rc", "stakeholders")),
        RaciRow(activity="Go-live approval",
                assignments={"Zoë 🦄 Park": "A", "Dana Whitfield": "A", "Priya (Legal)": "C"},
                **at("rc", "stakeholders")),
        # Deliverables
        ActionItem(text="Send SOW draft", owner="Dana Whitfield", due=date(2026, 12, 4),
                   **at("a", "deliverables")),
        Deliverable(name="Discovery report", due=date(2026, 12, 18),
                    acceptance="Signed off by the sponsor | reviewed by Sam",
                    **at("dl", "deliverables")),
        Deliverable(name="Go-live", due=date(2027, 3, 1), milestone=True,
                    **at("dl", "deliverables")),
        ActionItem(text="-1 day of buffer per sprint?", owner="Sam Okafor",
                   due=date(2026, 12, 1), status=ActionStatus.DONE, **at("a", "deliverables")),
        ActionItem(text=DELETED_TEXT, deleted=True, **at("a", "deliverables")),
        # Communication
        Decision(text="Weekly status on Tuesdays, 30 minutes", **at("d", "communication")),
        CommunicationRow(what="Status meeting", audience="Core team", channel="Teams",
                         frequency="Weekly (Tue)", owner="Dana Whitfield",
                         **at("cm", "communication")),
        CommunicationRow(what="Steering update", audience="Sponsors", channel="Email",
                         frequency="Monthly", **at("cm", "communication")),
        ActionItem(text="@channel announce the kick-off", owner="Dana Whitfield",
                   due=date(2026, 11, 27), status=ActionStatus.CANCELLED,
                   **at("a", "communication")),
        # Risks
        RaidEntry(kind=RaidKind.RISK, text="Vendor API may slip", owner="Sam Okafor",
                  likelihood=Level.HIGH, impact=Level.HIGH,
                  mitigation="Weekly sync with the vendor\nFallback: a mock API",
                  **at("r", "risks")),
        RaidEntry(kind=RaidKind.RISK, text="+1 headcount not approved",
                  likelihood=Level.MEDIUM, impact=Level.LOW, **at("r", "risks")),
        RaidEntry(kind=RaidKind.ASSUMPTION, text="Staging is available by December",
                  **at("r", "risks")),
        RaidEntry(kind=RaidKind.ISSUE, text="Legacy SSO is undocumented",
                  owner="Lee Müller-Łukasiewicz", status=RaidStatus.MITIGATED,
                  mitigation="Reverse-engineer from the logs", **at("r", "risks")),
        RaidEntry(kind=RaidKind.DEPENDENCY, text="Payments team's API v2",
                  owner="Sam Okafor", **at("r", "risks")),
        RaidEntry(kind=RaidKind.CONSTRAINT, text="Budget capped at €250k", **at("r", "risks")),
        ActionItem(text="=SUM(A1) check the budget sheet", **at("a", "risks")),
        Note(text=ten_kb_note(), **at("n", "risks")),
        Note(text=f"Signed link: {LONG_TOKEN}", **at("n", "risks")),
        RaidEntry(kind=RaidKind.RISK, text=DELETED_TEXT, deleted=True, **at("r", "risks")),
        # Questions
        Question(text="Who owns data migration?", asked_by="Dana Whitfield",
                 owner="Lee Müller-Łukasiewicz", **at("q", "questions")),
        Question(text="Can we use <b>prod</b> data for tests?", asked_by="Sam Okafor",
                 **at("q", "questions")),
        Question(text="Is the go-live date fixed?", asked_by="Sam Okafor",
                 owner="Zoë 🦄 Park", answer="Yes: 1 March 2027, no later",
                 status=QuestionStatus.ANSWERED, **at("q", "questions")),
        Question(text="Training budget?", owner="Zoë 🦄 Park", status=QuestionStatus.DEFERRED,
                 **at("q", "questions")),
        ParkingLotItem(text="Rebrand discussion", owner="Zoë 🦄 Park", **at("p", "questions")),
        ParkingLotItem(text="Mobile app 📱 | later", **at("p", "questions")),
        # Wrap-up
        ActionItem(text="Book the design workshop", owner="Dana Whitfield",
                   due=date(2026, 11, 30), **at("a", "wrap-up")),
    ]
    used = {
        "objectives": 720.0, "stakeholders": 450.0, "deliverables": 610.0,
        "communication": 240.0, "risks": 780.0, "working-together": 300.0,
        "questions": 420.0, "wrap-up": 350.0,
    }
    return Session(
        id="c0ffee01",
        title="Apollo — platform kick-off 🚀",
        project="Apollo | Phase 1",
        created=START - timedelta(days=1),
        updated=START + timedelta(minutes=65),
        started_at=START,
        ended_at=START + timedelta(seconds=sum(used.values())),
        status=SessionStatus.ENDED,
        planned_minutes=60,
        sections=sections(),
        current=7,
        clock=ClockState(started=True, elapsed_s=sum(used.values()), section_used_s=used),
        next_step="Design workshop on 3 Dec 2026, 10:00 (Dana sends the invite)",
        items=items,
    )
