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

from datetime import UTC, date, datetime, time, timedelta
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


#: The kick-off of issue 10, as a facilitator types it: @names and inline fields, no dialog.
KICKOFF_TEAM = (
    ("Dana Scully", "Project manager", "Acme", "dana@acme.example"),
    ("Priya Shah", "Sponsor", "Acme", "priya.shah@acme.example"),
    ("Marcus Reed", "Tech lead", "Acme", "marcus@acme.example"),
    ("Tom Okafor", "Head of operations", "Acme", ""),
    ("Sam Lee", "Account lead", "Vendor Ltd", "sam.lee@vendor.example"),
    ("Lee Park", "Data architect", "Vendor Ltd", "lee@vendor.example"),
)

KICKOFF_LINES = (
    ("objectives", "d: Phase 1 covers web onboarding only; mobile is phase 2 @priya "
                   "why: the partner API is not ready for mobile"),
    ("objectives", "n: Success = onboarding in 2 days instead of 10, measured on the March "
                   "cohort"),
    ("objectives", "a: Write the one-page scope statement @dana due:2026-12-02"),
    ("stakeholders", "d: Priya approves scope changes; Marcus owns technical decisions "
                     "@priya @marcus"),
    ("deliverables", "d: Go-live on 1 March 2027, no later @priya @tom"),
    ("deliverables", "a: Send the SOW draft for approval @dana due:2026-12-04"),
    ("deliverables", "a: Draft acceptance criteria for the discovery report @marcus "
                     "due:2026-12-09"),
    ("communication", "d: Weekly status on Tuesdays, 30 minutes, in Teams @dana"),
    ("communication", "a: Set up the shared Teams channel and invite everyone @sam "
                      "due:2026-11-27"),
    ("risks", "r: Vendor API may slip @sam L:high I:med mit: weekly check-in with the "
              "vendor"),
    ("risks", "r: Data migration volume unknown @lee L:med I:high mit: sample export in "
              "sprint 1"),
    ("risks", "r: Key people on leave over the holidays @dana !low"),
    ("risks", "dep: Payments team's API v2 @marcus L:med I:high"),
    ("risks", "as: Staging is available by mid-December"),
    ("risks", "c: Budget capped at €250k"),
    ("risks", "issue: Legacy SSO is undocumented @marcus mit: reverse-engineer from the "
              "logs"),
    ("working-together", "n: Core hours 10:00-15:00 CET; Sam's team is one hour behind"),
    ("questions", "q: Who owns data migration sign-off? @lee"),
    ("questions", "q: Is the go-live date fixed? @priya ans: yes, 1 March 2027"),
    ("questions", "p: Rebrand of the onboarding pages @tom"),
    ("wrap-up", "a: Book the design workshop @dana due:2026-12-01"),
    ("wrap-up", "a: Share the risk log with the steering group @dana due:2026-12-03"),
    ("wrap-up", "pn: PRIVATE-7f3a Sam seemed unsure about the budget"),
)


def kickoff_session() -> Session:
    """A realistic 60-minute kick-off, captured with @names and inline fields alone.

    Six attendees (two of them sharing "Lee"), 5 decisions, 7 actions, 3 risks rated with
    L:/I:/!level and mitigated with mit:, the other RAID kinds, an answered and an open
    question, a RACI, milestones and a communication plan; the next meeting set with next:.
    Ids and times are fixed so the golden files are stable.
    """
    from kickoff_tui.core.capture import parse_capture

    today = date(2026, 11, 26)
    names = [name for name, *_ in KICKOFF_TEAM]
    items: list[Any] = [
        Attendee(id=f"p{n}", name=name, role=role, organisation=org, email=email,
                 created=START, updated=START, section="stakeholders")
        for n, (name, role, org, email) in enumerate(KICKOFF_TEAM)
    ]
    for n, (section, line) in enumerate(KICKOFF_LINES):
        when = START + timedelta(minutes=2 * n + 1)
        item = parse_capture(line, today, names).to_item(section, seat="dana@laptop")
        items.append(item.model_copy(update={"id": f"k{n:02d}", "created": when,
                                             "updated": when}))
    at = START + timedelta(minutes=20)
    items += [
        RaciRow(id="x1", activity="Statement of work", section="stakeholders", created=at,
                assignments={"Dana Scully": "R", "Priya Shah": "A", "Marcus Reed": "C",
                             "Sam Lee": "I"}),
        RaciRow(id="x2", activity="Data migration", section="stakeholders", created=at,
                assignments={"Lee Park": "R", "Marcus Reed": "A", "Sam Lee": "C",
                             "Tom Okafor": "I"}),
        RaciRow(id="x3", activity="Go-live approval", section="stakeholders", created=at,
                assignments={"Priya Shah": "A", "Tom Okafor": "C", "Dana Scully": "R"}),
        Deliverable(id="m1", name="Discovery report", due=date(2026, 12, 18),
                    acceptance="Signed off by the sponsor", section="deliverables", created=at),
        Deliverable(id="m2", name="Pilot with 50 customers", due=date(2027, 2, 1),
                    milestone=True, section="deliverables", created=at),
        Deliverable(id="m3", name="Go-live", due=date(2027, 3, 1), milestone=True,
                    section="deliverables", created=at),
        CommunicationRow(id="c1", what="Status meeting", audience="Core team",
                         channel="Teams", frequency="Weekly (Tue)", owner="Dana Scully",
                         section="communication", created=at),
        CommunicationRow(id="c2", what="Steering update", audience="Sponsor, operations",
                         channel="E-mail", frequency="Monthly", owner="Priya Shah",
                         section="communication", created=at),
    ]
    used = {"objectives": 660.0, "stakeholders": 480.0, "deliverables": 720.0,
            "communication": 240.0, "risks": 780.0, "working-together": 240.0, "questions": 360.0,
            "wrap-up": 300.0}
    return Session(
        id="kick0ff1",
        title="Apollo onboarding — kick-off",
        project="Apollo",
        created=START,
        updated=START + timedelta(minutes=63),
        started_at=START,
        ended_at=START + timedelta(minutes=63),
        status=SessionStatus.ENDED,
        sections=sections(),
        clock=ClockState(started=True, paused=True, elapsed_s=sum(used.values()),
                         section_used_s=used),
        next_step="Design workshop (Dana sends the invite)",
        next_meeting=date(2026, 12, 8),
        next_meeting_time=time(10, 0),
        items=items,
    )
