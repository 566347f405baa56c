"""The item-kind registry: one declaration per kind, read by every part of Kickoff.

And the reference tables a template section declares (``tables = ["raci"]``): validated by the
template loader, carried by the session (schema 5; older sessions keep the tables their section
ids had), and shown by the agenda screen whatever the section ids are.
"""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static, TabbedContent

from kickoff_tui.core.agenda import builtin_template, load_template_file, new_session
from kickoff_tui.core.capture import PREFIXES, parse_capture
from kickoff_tui.core.kinds import (
    BY_NAME,
    KINDS,
    SECTION_COLUMNS,
    TABLE_KINDS,
    columns_of,
    kind_of,
    label_of,
)
from kickoff_tui.core.minutes import build_minutes
from kickoff_tui.core.minutes.model import _Names, _Parts
from kickoff_tui.core.models import (
    ActionItem,
    Attendee,
    CommunicationRow,
    Decision,
    Deliverable,
    Item,
    Note,
    ParkingLotItem,
    Question,
    RaciRow,
    RaidEntry,
    load_session,
)
from kickoff_tui.tui.screens.agenda import AgendaScreen
from kickoff_tui.tui.widgets.item_table import ItemTable

from .uihelpers import app_for, wait_for

#: One item of every kind, every field filled.
SAMPLES: list[Any] = [
    Note(text="Scope agreed", private=True),
    Decision(text="Go", decided_by="Dana", rationale="cheap"),
    ActionItem(text="Send SOW", owner="Dana", due=date(2026, 12, 4)),
    RaidEntry(text="Vendor late", owner="Sam", likelihood="high", impact="low",
              mitigation="weekly call"),
    Question(text="Budget?", owner="Dana", answer="50k"),
    ParkingLotItem(text="Logo", owner="Sam"),
    Attendee(name="Dana Scully", role="PM"),
    RaciRow(activity="SOW", assignments={"Dana": "A", "Sam": "R"}),
    Deliverable(name="MVP", due=date(2026, 12, 4), milestone=True, acceptance="demo"),
    CommunicationRow(what="Status", audience="All", channel="Mail", frequency="weekly"),
]


def test_every_stored_kind_is_declared_once() -> None:
    union = typing.get_args(typing.get_args(Item)[0])
    assert {cls for cls in union} == {kind.model for kind in KINDS}
    assert len(BY_NAME) == len(KINDS)
    for kind in KINDS:
        assert kind.model.model_fields["type"].default == kind.name


@pytest.mark.parametrize("item", SAMPLES, ids=lambda item: item.type)
def test_a_kinds_form_lists_and_label_read_its_model(item: Any) -> None:
    kind = kind_of(item)
    for field in kind.fields:
        assert field.name in type(item).model_fields, field.name
    people = ("Dana", "Sam")
    for column in (*SECTION_COLUMNS, *columns_of(kind.name, people)):
        text = column.cell(item)
        assert isinstance(text, str)
        if column.style is not None:
            assert isinstance(column.style(item), str)
    assert label_of(item)
    assert kind.noun_of(item)


def test_the_capture_prefixes_are_the_kinds_prefixes() -> None:
    declared = {word: kind.name for kind in KINDS for prefix in kind.prefixes
                for word in prefix.words}
    assert {word: k.type for word, k in PREFIXES.items() if k.type != "next"} == declared
    for word, name in declared.items():
        capture = parse_capture(f"{word}: something", date(2026, 11, 26))
        assert isinstance(capture.to_item("s"), BY_NAME[name].model)


def test_labels_follow_the_item() -> None:
    assert label_of(RaidEntry(text="x", kind="dependency")) == "Dependency"
    assert label_of(Note(text="x", private=True)) == "Private"
    assert kind_of(RaciRow(activity="x")).noun_of(RaciRow(activity="x")) == "RACI row"


def test_the_builtin_agenda_declares_its_reference_tables() -> None:
    tables = {s.id: s.tables for s in builtin_template().sections}
    assert tables == {
        "objectives": [], "stakeholders": ["raci"], "deliverables": ["deliverable"],
        "communication": ["comm"], "risks": [], "working-together": [], "questions": [],
        "wrap-up": [],
    }
    assert set(TABLE_KINDS) == {"attendee", "raci", "deliverable", "comm"}


def test_a_session_written_before_tables_keeps_its_reference_tables() -> None:
    session = new_session("Old")
    doc = session.model_dump(mode="json")
    doc["schema_version"] = 4
    for section in doc["sections"]:
        del section["tables"]
    doc["sections"][0]["id"] = "communication"  # by id, as before, whatever the template
    loaded = load_session(doc)
    assert {s.id: s.tables for s in loaded.sections if s.tables} == {
        "communication": ["comm"], "stakeholders": ["raci"], "deliverables": ["deliverable"]}


def user_template(tmp_path: Path) -> Path:
    """An agenda whose section ids are none of the built-in ones."""
    path = tmp_path / "roles.toml"
    path.write_text(
        'title = "Roles"\n'
        '[[sections]]\nid = "intro"\ntitle = "Intro"\nbox_minutes = 5\n'
        '[[sections]]\nid = "who-does-what"\ntitle = "Who does what"\nbox_minutes = 5\n'
        'tables = ["raci"]\n'
        '[[sections]]\nid = "close"\ntitle = "Close"\nbox_minutes = 5\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.ui
async def test_a_user_template_section_shows_the_raci_table(db: Path, tmp_path: Path) -> None:
    template = load_template_file(user_template(tmp_path))
    session = new_session("Roles call", template=template, attendees=["Ann, PM", "Bo, Dev"])
    session.items.append(RaciRow(activity="Sign-off", assignments={"Ann": "A"},
                                 section="who-does-what"))
    app = app_for(db, session)
    async with app.run_test(size=(120, 36)) as pilot:
        agenda = await wait_for(pilot, lambda: isinstance(app.screen, AgendaScreen)
                                and app.screen.meeting and app.screen)
        tabs = agenda.query_one(TabbedContent)
        assert tabs.active == "view-section"
        await pilot.press("ctrl+n")  # "Who does what": its RACI table comes into view
        await wait_for(pilot, lambda: tabs.active == "view-people")
        echo = str(agenda.query_one("#echo", Static).render())
        assert "RACI below" in echo and "Add RACI row" in echo
        raci = agenda.query_one("#table-people-raci", ItemTable)
        assert raci.row_count == 1
        assert [c.label for c in raci.spec] == ["Activity / deliverable", "Ann", "Bo"]
        await pilot.press("ctrl+n")  # "Close" declares no table: back to its own items
        await wait_for(pilot, lambda: tabs.active == "view-section")


def test_every_kind_has_a_place_in_the_minutes() -> None:
    """A kind's minutes hook names a part the minutes hold (else its items would vanish)."""
    minutes = build_minutes(new_session("Minuted", attendees=["Dana"]))
    places = {field.name for field in dataclasses.fields(minutes)} | {"discussion"}
    for item in SAMPLES:
        hook = kind_of(item).minutes
        assert hook is not None, item.type
        context = _Parts(_Names([]), {}, {})
        made = hook(item.model_copy(update={"private": False}) if item.type == "note"
                    else item, context)
        assert made is not None and made[0] in places, item.type
