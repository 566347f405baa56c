"""The minutes: golden files for every format, and the structural promises of each format.

Golden files live in ``tests/golden/``; after an intended change regenerate them with
``KICKOFF_REGEN_GOLDEN=1 pytest tests/test_minutes.py`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from benchmarks.minutes_bench import benchmark_minutes
from kickoff_tui.core.minutes import (
    FORMATS,
    TBD,
    build_minutes,
    render,
    render_csv_actions,
    render_csv_raid,
    render_eml,
    render_html,
    render_json,
    render_markdown,
    render_text,
)
from kickoff_tui.core.minutes.layout import (
    Bullets,
    Facts,
    Heading,
    Table,
    Tasks,
    actions_table,
    layout,
)
from kickoff_tui.core.minutes.tabular import neutralise
from kickoff_tui.core.minutes.text import WIDTH, wrap
from kickoff_tui.core.models import (
    ActionItem,
    ActionStatus,
    AgendaSection,
    Attendee,
    Decision,
    Note,
    RaciRow,
    RaidEntry,
    Session,
)

from .fixtures import (
    DELETED_TEXT,
    LONG_TOKEN,
    PRIVATE_TEXT,
    SCRIPT,
    START,
    kickoff_session,
    rich_session,
)

GOLDEN = Path(__file__).with_name("golden")
REGEN = os.environ.get("KICKOFF_REGEN_GOLDEN", "") == "1"


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC for the test, so rendered times do not depend on the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def all_outputs(session: Session) -> dict[str, str]:
    """Every file the minutes can be written as, by golden-file name."""
    m = build_minutes(session)
    return {
        "rich.md": render_markdown(m),
        "rich.txt": render_text(m),
        "rich.html": render_html(m),
        "rich.json": render_json(session),
        "rich-actions.csv": render_csv_actions(m),
        "rich-raid.csv": render_csv_raid(m),
        "rich.eml": render_eml(m),
    }


MINUTES_FILES = ("rich.md", "rich.txt", "rich.html", "rich-actions.csv", "rich-raid.csv",
                 "rich.eml")


def kickoff_outputs() -> dict[str, str]:
    """Every minutes format of the realistic kick-off, by golden-file name."""
    session = kickoff_session()
    m = build_minutes(session)
    return {
        "kickoff.md": render_markdown(m),
        "kickoff.txt": render_text(m),
        "kickoff.html": render_html(m),
        "kickoff.eml": render_eml(m),
        "kickoff-actions.csv": render_csv_actions(m),
        "kickoff-raid.csv": render_csv_raid(m),
    }


def small_session(*items: object, **fields: object) -> Session:
    """A session on a two-section agenda holding just ``items``."""
    return Session(
        title=str(fields.pop("title", "Tiny call")),
        sections=[
            AgendaSection(id="intro", title="Intro", box_minutes=5),
            AgendaSection(id="wrap", title="Wrap-up", box_minutes=5),
        ],
        items=list(items),
        **fields,  # type: ignore[arg-type]
    )


# -- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted([*all_outputs(rich_session()), *kickoff_outputs()]))
def test_golden(name: str, utc: None) -> None:
    text = {**all_outputs(rich_session()), **kickoff_outputs()}[name]
    path = GOLDEN / name
    if REGEN:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))  # bytes: keep the CSV's CRLF exactly
    assert path.exists(), f"missing {path}: run KICKOFF_REGEN_GOLDEN=1 pytest {__file__}"
    assert text == path.read_bytes().decode("utf-8")


# -- what never appears ---------------------------------------------------------------------


def decoded(name: str, text: str) -> str:
    """What a reader sees: an e-mail's parts decoded, anything else as is."""
    if not name.endswith(".eml"):
        return text
    import email
    from email import policy

    message = email.message_from_string(text, policy=policy.default)
    return "".join(part.get_content() for part in message.walk()
                   if part.get_content_maintype() == "text")


def test_private_note_is_in_the_session_file_only(utc: None) -> None:
    outputs = all_outputs(rich_session())
    for name in MINUTES_FILES:
        assert "PRIVATE-7f3a" not in decoded(name, outputs[name]), name
    assert "Send SOW draft" in decoded("rich.eml", outputs["rich.eml"])
    assert PRIVATE_TEXT in outputs["rich.json"]


def test_deleted_items_never_appear_in_the_minutes(utc: None) -> None:
    outputs = all_outputs(rich_session())
    for name in MINUTES_FILES:
        assert "DELETED-91c2" not in decoded(name, outputs[name]), name
    # The session file keeps the tombstones: that is how a deletion merges across seats.
    assert DELETED_TEXT in outputs["rich.json"]


def test_json_is_the_whole_validated_session() -> None:
    session = rich_session()
    text = render(session, "json")
    assert Session.model_validate_json(text) == session


# -- Markdown -------------------------------------------------------------------------------


def parse_markdown(text: str) -> list:  # list of markdown_it tokens
    return MarkdownIt("commonmark").enable("table").parse(text)


def table_shapes(tokens: list) -> list[tuple[int, list[int]]]:
    """For each table: the header's cell count and each body row's cell count."""
    shapes: list[tuple[int, list[int]]] = []
    header = 0
    rows: list[int] = []
    cells = 0
    in_head = False
    for token in tokens:
        if token.type == "table_open":
            header, rows = 0, []
        elif token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            if in_head:
                header = cells
            else:
                rows.append(cells)
        elif token.type == "table_close":
            shapes.append((header, rows))
    return shapes


def raw_cell_counts(text: str) -> list[list[int]]:
    """Per table in the Markdown source, the cell count of every line (header, rule, rows).

    Counted on the source, where an unescaped ``|`` in user text would add a cell (a parser
    would hide that: GFM drops cells beyond the header's count).
    """
    tables: list[list[int]] = []
    current: list[int] = []
    for line in text.splitlines() + [""]:
        if not line.startswith("|"):
            if current:
                tables.append(current)
            current = []
            continue
        pipes, escaped = 0, False
        for char in line:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == "|":
                pipes += 1
        current.append(pipes - 1)
    return tables


class _Cells(HTMLParser):
    """The text of every table cell of an HTML page, table by table (``<br>`` as a newline)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip("\n"))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def expected_tables(session: Session) -> list[list[list[str]]]:
    """The tables the layout asks for (headers, then rows), as a reader should see them."""
    return [
        [list(block.headers), *[list(row) for row in block.rows]]
        for block in layout(build_minutes(session))
        if isinstance(block, Table)
    ]


def assert_markdown_tables_read_as_typed(session: Session) -> None:
    """Every Markdown table row has its header's cell count and every cell reads as typed."""
    text = render(session, "md")
    for counts in raw_cell_counts(text):
        assert len(set(counts)) == 1, counts
    parser = _Cells()
    parser.feed(MarkdownIt("commonmark").enable("table").render(text))
    assert parser.tables == expected_tables(session)


def test_markdown_tables_keep_their_shape(utc: None) -> None:
    session = rich_session()
    text = render(session, "md")
    shapes = table_shapes(parse_markdown(text))
    # decisions, 5 RAID kinds, 2 question tables, attendees, RACI, deliverables, comms, agenda
    assert len(shapes) == len(raw_cell_counts(text)) == 13
    for _, rows in shapes:
        assert rows, "a table without rows is an empty part and must be left out"
    # RACI: people are columns, one per person named in any row.
    assert (1 + 5) in [header for header, _ in shapes]
    assert_markdown_tables_read_as_typed(session)


def test_markdown_user_text_cannot_change_structure(utc: None) -> None:
    text = render(rich_session(), "md")
    tokens = parse_markdown(text)
    headings = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [
        "Minutes: Apollo — platform kick-off 🚀",
        "Summary",
        "Decisions",
        "Action items",
        "Dana Whitfield",
        "Sam Okafor",
        "TBD",
        "RAID log",
        "Risks",
        "Assumptions",
        "Issues",
        "Dependencies",
        "Constraints",
        "Questions",
        "Open",
        "Answered",
        "Notes",
        "1. Objectives & scope",
        "2. Stakeholders, roles & responsibilities",
        "5. Risks, constraints & dependencies",
        "People",
        "Attendees",
        "RACI",
        "Plans",
        "Deliverables and milestones",
        "Communication plan",
        "Parking lot",
        "Agenda and time used",
    ]
    assert not [t for t in tokens if t.type == "html_block"]
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>" not in html  # the question "Can we use <b>prod</b> data" stays text


def test_markdown_escaped_text_reads_as_typed(utc: None) -> None:
    """What the escapes render to is exactly what was typed."""
    html = MarkdownIt("commonmark").enable("table").render(render(rich_session(), "md"))
    assert "<td>Acme | Finance</td>" in html
    assert "# not a heading | and a pipe" in html
    assert "=SUM(A1) check the budget sheet" in html
    assert "-1 day of buffer per sprint?" in html


def test_markdown_actions_are_a_task_list(utc: None) -> None:
    session = rich_session()
    lines = render(session, "md").splitlines()
    tasks = [line for line in lines if line.startswith(("- [ ] ", "- [x] "))]
    actions = [a for a in session.live("action")]
    assert len(tasks) == len(actions) == 5
    ticked = {line.split(" — ")[0][6:] for line in tasks if line.startswith("- [x]")}
    assert ticked == {r"\-1 day of buffer per sprint?", "@channel announce the kick-off"}
    assert any("due: **TBD**" in line for line in tasks)
    # Grouped by owner: each owner's tasks follow a heading with their name.
    text = render(session, "md")
    assert text.index("### Dana Whitfield") < text.index("Send SOW draft — due")


def test_markdown_table_cells_hold_line_breaks_and_pipes() -> None:
    session = small_session(
        Decision(text="Use A | B\nthen C", rationale="x|y\n\nz", section="intro")
    )
    text = render(session, "md")
    row = next(line for line in text.splitlines() if line.startswith("| 1 | Use A"))
    assert row.startswith("| 1 | Use A \\| B<br>then C | x\\|y<br><br>z |")
    assert_markdown_tables_read_as_typed(session)


# -- plain text -----------------------------------------------------------------------------


def user_strings(session: Session) -> list[str]:
    """Every string the layout puts in the document (user text and fixed labels)."""
    strings: list[str] = []
    for block in layout(build_minutes(session)):
        if isinstance(block, Heading):
            strings.append(block.text)
        elif isinstance(block, Facts):
            strings += [f"{label}: {value}" for label, value in block.rows]
        elif isinstance(block, Table | Tasks):
            shown = actions_table(block.actions) if isinstance(block, Tasks) else block
            strings += list(shown.headers)
            strings += [cell for row in shown.rows for cell in row]
        elif isinstance(block, Bullets):
            strings += [f"{b.label} {b.text}" for b in block.items]
            strings += [child for b in block.items for child in b.children]
    return strings


def test_text_lines_fit_and_carry_no_markup(utc: None) -> None:
    session = rich_session()
    text = render(session, "txt")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    # Any markup character in the output was typed by a user: the renderer adds none.
    strings = user_strings(session)
    for mark in ("|", "**", "#", "<", "`"):
        assert text.count(mark) == sum(s.count(mark) for s in strings), mark
    assert not [line for line in lines if line.rstrip() != line]


def test_text_breaks_an_unbreakable_token(utc: None) -> None:
    lines = render(rich_session(), "txt").splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    joined = "".join(line.strip() for line in lines)
    assert LONG_TOKEN in joined  # broken across lines, but nothing lost


def test_text_columns_are_aligned() -> None:
    session = small_session(
        ActionItem(text="Short", owner="Al", due=date(2026, 12, 1), section="intro"),
        ActionItem(text="A somewhat longer action", owner="Al", section="intro"),
    )
    lines = render(session, "txt").splitlines()
    start = lines.index("Al")
    header, rule, first, second = lines[start + 2: start + 6]
    due_at = header.index("Due")
    assert first[due_at:].startswith("2026-12-01 ")
    assert second[due_at:].startswith("TBD ")
    assert set(rule) <= {"-", " "}


def test_text_lists_a_table_that_would_wrap() -> None:
    """A wide table becomes a list: it reads in a proportional font, within 78 columns."""
    people = [f"Person Number {n:02d} With A Long Name" for n in range(40)]
    word = "x" * 300
    session = small_session(
        RaciRow(activity=f"Build it {word}", section="intro",
                assignments={p: "RACI"[n % 4] for n, p in enumerate(people)}),  # type: ignore[misc]
        Decision(text=f"Long decision {word}", decided_by=people[0], section="intro"),
        ActionItem(text=f"Do {word}", owner=word, section="intro"),
    )
    text = render(session, "txt")
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert "- 1. Long decision" in text
    assert f"  - A: {people[1]}, {people[5]}" in text
    assert word in "".join(line.strip() for line in text.splitlines())


# -- HTML -----------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.data.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "li", "strong", "br", "svg", "g", "rect", "text",
}


def test_html_escapes_every_piece_of_user_text(utc: None) -> None:
    parser = _Collector()
    parser.feed(render(rich_session(), "html"))
    assert "script" not in parser.tags
    assert set(parser.tags) <= ALLOWED_TAGS  # "<b>prod</b>" did not become a tag
    assert not [a for a in parser.attrs if a in ("src", "href") or a.startswith("on")]
    text = "".join(parser.data)
    assert SCRIPT in text
    assert "Can we use <b>prod</b> data for tests?" in text


def test_html_is_self_contained(utc: None) -> None:
    page = render(rich_session(), "html")
    assert "http://" not in page.replace("https://files.example.com", "").replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    assert "<link" not in page and "@import" not in page
    assert page.startswith("<!DOCTYPE html>")


# -- CSV ------------------------------------------------------------------------------------


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_actions_round_trip(utc: None) -> None:
    session = rich_session()
    rows = read_csv(render(session, "csv"))
    titles = {s.id: s.title for s in session.sections}
    meeting = "Apollo — platform kick-off 🚀 (2026-11-26)"
    expected = [
        [
            neutralise(a.text),
            a.owner or "",
            a.due.isoformat() if a.due else "",
            a.status.value,
            "",
            "kickoff",
            "",
            meeting,
            titles[a.section],
            a.id,
        ]
        for a in session.live("action")
    ]
    assert rows[0] == ["Summary", "Assignee", "Due date", "Status", "Priority", "Labels",
                       "Description", "Meeting", "Section", "Id"]
    assert rows[1:] == expected
    assert TBD not in {cell for row in rows for cell in row}
    assert "'=SUM(A1) check the budget sheet" in [r[0] for r in rows]
    assert "'@channel announce the kick-off" in [r[0] for r in rows]


def test_csv_raid_round_trip(utc: None) -> None:
    session = rich_session()
    rows = read_csv(render_csv_raid(build_minutes(session)))
    assert rows[0] == ["Summary", "Type", "Owner", "Likelihood", "Impact", "Mitigation",
                       "Status", "Meeting", "Section", "Id"]
    assert TBD not in {cell for row in rows for cell in row}
    live = session.live("raid")
    assert len(rows) - 1 == len(live)
    by_id = {row[-1]: row for row in rows[1:]}
    for entry in live:
        row = by_id[entry.id]
        assert row[1] == entry.kind.value.capitalize()
        assert row[0] == neutralise(entry.text)
        assert row[5] == entry.mitigation  # multi-line cells survive quoting
    assert by_id["r25"][0] == "'+1 headcount not approved"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Plain", "Plain"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_cell_starting_with_a_tab_is_neutralised() -> None:
    # The model turns tabs into spaces, so this checks the CSV guard on its own input.
    session = small_session(ActionItem(text="\t=cmd|' /C calc'!A0", section="intro"))
    rows = read_csv(render(session, "csv"))
    assert rows[1][0].startswith("'")


# -- content --------------------------------------------------------------------------------


def test_empty_parts_are_left_out() -> None:
    session = small_session(Decision(text="Go with plan B", section="intro"))
    for fmt in ("md", "txt", "html"):
        out = render(session, fmt)
        assert "Decisions" in out, fmt
        for absent in ("Action items", "Attendees", "RAID log", "Questions",
                       "Parking lot", "RACI", "Notes", "Communication plan",
                       "Time used"):
            assert absent not in out, (fmt, absent)


def test_sections_show_time_used_against_the_box(utc: None) -> None:
    m = build_minutes(rich_session())
    first, second = m.sections[0], m.sections[1]
    assert (first.box, first.used, first.over) == ("10:00", "12:00", "+02:00")
    assert (second.box, second.used, second.over) == ("08:00", "07:30", "")
    assert dict(m.facts)["Duration"] == "1:04:30 of 1:00:00 planned (04:30 over plan)"


def test_times_are_shown_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "EST+05")
    time.tzset()
    try:
        facts = dict(build_minutes(rich_session()).facts)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert facts["Started"] == "04:00 EST"
    assert facts["Date"] == "2026-11-26"


def test_a_call_past_midnight_says_when_it_ended(utc: None) -> None:
    late = datetime(2026, 11, 26, 23, 30, tzinfo=UTC)
    session = small_session(started_at=late, ended_at=late + timedelta(hours=1))
    facts = dict(build_minutes(session).facts)
    assert facts["Ended"] == "2026-11-27 00:30 UTC"


def test_the_summary_comes_first_and_says_what_a_sponsor_needs() -> None:
    session = small_session(
        Attendee(name="Dana Scully"), Attendee(name="Sam Lee"),
        Decision(text="Ship on the existing platform", section="intro"),
        ActionItem(text="Send invite", owner="Dana", due=date(2026, 12, 1), section="wrap"),
        ActionItem(text="Already done", status=ActionStatus.DONE, section="wrap"),
        ActionItem(text="Book room", owner="Sam Lee", section="intro"),
        RaidEntry(text="Vendor may slip", likelihood="high", section="intro"),
        RaidEntry(text="Minor", likelihood="low", impact="low", section="intro"),
        next_step="Workshop", next_meeting=date(2026, 12, 8), next_meeting_time=dt_time(10),
    )
    lines = render(session, "txt").splitlines()
    summary = lines[lines.index("Summary"):lines.index("Decisions")]
    assert summary[3:] == [
        "- Decisions (1)",
        "  - Ship on the existing platform",
        "- Actions (2 open)",
        "  - Dana Scully: Send invite (due 2026-12-01)",
        "  - Sam Lee: Book room (due TBD)",
        "- High risks (1)",
        "  - Vendor may slip (TBD)",
        "- Next step: Workshop",
        "- Next meeting: Tue 8 Dec 2026, 10:00",
        "",
    ]
    # Each item once in the body: the decision is not repeated among the notes.
    body = "\n".join(lines[lines.index("Decisions"):])
    assert body.count("Ship on the existing platform") == 1


def test_raid_columns_fit_the_kind() -> None:
    session = small_session(
        RaidEntry(kind="issue", text="Build down", section="intro"),
        RaidEntry(kind="assumption", text="Staff free", section="intro"),
        RaidEntry(kind="risk", text="Slip", section="intro"),
    )
    blocks = layout(build_minutes(session))
    tables = [b for b in blocks if isinstance(b, Table)]
    risk, assumption, issue = tables[0:3]
    assert risk.headers == ("Risk", "Owner", "Status") and risk.rows[0][1] == TBD
    assert assumption.headers == ("Assumption", "Status")
    assert issue.headers == ("Issue", "Status")


def test_people_are_named_as_in_the_attendee_list() -> None:
    session = small_session(
        Attendee(name="Priya Shah"), Attendee(name="Tom Okafor"),
        ActionItem(text="Draft SOW", owner="priya", section="intro"),
        Decision(text="Go", decided_by="Tom, priya", section="intro"),
        RaciRow(activity="SOW", assignments={"Priya": "A", "Priya Shah": "R"}, section="intro"),
    )
    m = build_minutes(session)
    assert m.actions[0].owner == "Priya Shah"
    assert m.decisions[0].decided_by == "Tom Okafor, Priya Shah"
    assert m.raci.people == ("Priya Shah",)
    assert "owner: **" not in render(session, "md")


def test_items_from_a_section_not_on_the_agenda_are_still_minuted() -> None:
    session = small_session(Note(text="From an old template", section="gone"))
    m = build_minutes(session)
    assert m.sections[-1].title == "Other notes"
    assert "From an old template" in render(session, "txt")


def test_control_characters_never_reach_the_output() -> None:
    session = small_session(Note(text="red \x1b[31malert\x07 end\r\nnext", section="intro"))
    for fmt in ("md", "txt", "html"):
        out = render(session, fmt)
        assert "\x1b" not in out and "\x07" not in out and "\r" not in out, fmt
        assert "alert" in out


def test_raid_entries_are_grouped_by_kind_in_raid_order() -> None:
    session = small_session(
        RaidEntry(kind="dependency", text="dep", section="intro"),
        RaidEntry(kind="risk", text="risk", section="intro"),
        RaidEntry(kind="assumption", text="assumption", section="intro"),
    )
    assert [r.kind for r in build_minutes(session).raid] == ["risk", "assumption", "dependency"]


def test_render_dispatch() -> None:
    session = rich_session()
    assert set(FORMATS) == {"md", "txt", "html", "json", "csv", "eml"}
    assert render(session, "csv") == render_csv_actions(build_minutes(session))
    with pytest.raises(ValueError, match="unknown minutes format"):
        render(session, "pdf")


def test_benchmark_reports_every_format() -> None:
    timings = benchmark_minutes(n_items=60, repeat=1)
    assert set(timings) == set(FORMATS)
    assert all(ms > 0 for ms in timings.values())


# -- any text at all ------------------------------------------------------------------------

_awkward = st.text(
    alphabet=st.sampled_from(list("ab |\\*_`#<>&=-+@\n\r\t[]()~!1.é🦄 \x1b\u2028")),
    min_size=0,
    max_size=120,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_awkward, owner=_awkward)
def test_any_text_keeps_every_format_well_formed(text: str, owner: str) -> None:
    session = small_session(
        Note(text=text or "x", section="intro"),
        Decision(text=text, rationale=owner, section="intro"),
        ActionItem(text=text or "x", owner=owner[:50] or None, section="wrap"),
        RaidEntry(text=text or "x", mitigation=text, section="intro"),
        created=START,
    )
    assert_markdown_tables_read_as_typed(session)
    tokens = parse_markdown(render(session, "md"))
    headings = [b for b in layout(build_minutes(session)) if isinstance(b, Heading)]
    assert len([t for t in tokens if t.type == "heading_open"]) == len(headings)
    blocks = {t.type for t in tokens if t.block}
    assert not blocks & {"html_block", "code_block", "fence", "blockquote_open", "hr",
                         "ordered_list_open"}, blocks
    assert all(len(line) <= WIDTH for line in render(session, "txt").splitlines())
    parser = _Collector()
    parser.feed(render(session, "html"))
    assert set(parser.tags) <= ALLOWED_TAGS
    rows = read_csv(render(session, "csv"))
    assert len(rows) == 2 and len(rows[1]) == 10


# -- each format read the way its destination reads it --------------------------------------


def test_the_kickoff_reads_in_every_destination(utc: None) -> None:
    """GFM tables (markdown-it-py), HTML (html.parser), CSV (csv), the e-mail (email)."""
    import email
    from email import policy

    out = kickoff_outputs()
    session = kickoff_session()
    # A wiki: every table keeps its shape; the summary's first lines say what a sponsor needs.
    md = out["kickoff.md"]
    for counts in raw_cell_counts(md):
        assert len(set(counts)) == 1, counts
    assert_markdown_tables_read_as_typed(session)
    head = md.split("## Decisions")[0]
    for said in ("Phase 1 covers web onboarding", "Dana Scully: Write the one-page",
                 "Vendor API may slip (Sam Lee)", "Who owns data migration sign-off? (Lee)",
                 "Tue 8 Dec 2026, 10:00"):
        assert said in head.replace("\\", ""), said
    # A browser: well-formed, with the agenda chart inline and no private note.
    parser = _Cells()
    parser.feed(out["kickoff.html"])
    assert parser.tables and all(len(set(map(len, t))) == 1 for t in parser.tables)
    assert "<svg" in out["kickoff.html"] and "PRIVATE-7f3a" not in out["kickoff.html"]
    # A tracker: the columns it maps, ISO dates, full names, no TBD.
    actions = list(csv.DictReader(io.StringIO(out["kickoff-actions.csv"], newline="")))
    assert len(actions) == 6
    assert {a["Assignee"] for a in actions} <= {"Dana Scully", "Marcus Reed", "Sam Lee"}
    assert all(date.fromisoformat(a["Due date"]) for a in actions)
    raid = list(csv.DictReader(io.StringIO(out["kickoff-raid.csv"], newline="")))
    vendor = next(r for r in raid if r["Summary"] == "Vendor API may slip")
    assert (vendor["Owner"], vendor["Likelihood"], vendor["Impact"], vendor["Mitigation"]) == (
        "Sam Lee", "high", "medium", "weekly check-in with the vendor")
    assert all(r["Likelihood"] == r["Impact"] == "" for r in raid
               if r["Type"] in ("Issue", "Assumption", "Constraint"))
    # A mail client: a draft to the attendees with addresses, text and HTML alternatives.
    message = email.message_from_string(out["kickoff.eml"], policy=policy.default)
    assert message["Subject"] == "Minutes: Apollo onboarding — kick-off (2026-11-26)"
    assert message["X-Unsent"] == "1"
    to = [address.addr_spec for address in message["To"].addresses]
    assert to == ["dana@acme.example", "priya.shah@acme.example", "marcus@acme.example",
                  "sam.lee@vendor.example", "lee@vendor.example"]
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None
    assert plain.get_content().replace("\r\n", "\n") == out["kickoff.txt"]
    assert html.get_content().replace("\r\n", "\n") == out["kickoff.html"]
    assert all(len(line) <= 998 for line in out["kickoff.eml"].split("\r\n"))


def test_the_kickoff_summary_fits_a_first_screen(utc: None) -> None:
    lines = kickoff_outputs()["kickoff.txt"].splitlines()
    assert lines.index("Decisions") < 50
    assert all(len(line) <= WIDTH for line in lines)


@settings(max_examples=300, deadline=None)
@given(line=st.text(alphabet=st.sampled_from(list("ab c  é🦄")), max_size=200),
       width=st.integers(min_value=1, max_value=90))
def test_wrap_fits_and_keeps_every_character(line: str, width: int) -> None:
    out = wrap(line, width)
    assert all(len(part) <= width for part in out)
    assert "".join(out).replace(" ", "") == line.replace(" ", "")


def test_the_email_draft_survives_awkward_names_and_titles() -> None:
    import email
    from email import policy

    session = small_session(
        Attendee(name='Smith, "Jo" <boss>', email="jo@acme.example"),
        Attendee(name="Zoë 🦄 Park", email="zoe@acme.example"),
        Attendee(name="No Address"),
        Attendee(name="Again", email="JO@acme.example"),  # the same mailbox once
        Note(text="line one\nline two", section="intro"),
        title="Kick-off\r\nBcc: everyone@evil.example",
    )
    message = email.message_from_string(render(session, "eml"), policy=policy.default)
    assert "Bcc" not in message and message["X-Unsent"] == "1"
    assert [a.addr_spec for a in message["To"].addresses] == ["jo@acme.example",
                                                              "zoe@acme.example"]
    assert [a.display_name for a in message["To"].addresses] == ['Smith, "Jo" <boss>',
                                                                 "Zoë 🦄 Park"]
    assert message["Subject"].startswith("Minutes: Kick-off Bcc: everyone@evil.example (")
    html = message.get_body(preferencelist=("html",))
    assert html is not None and "line one<br>" in html.get_content()
    no_one = small_session(Note(text="x", section="intro"))
    assert "To" not in email.message_from_string(render(no_one, "eml"), policy=policy.default)
