"""Tests of agenda templates (built-in and user TOML), their error messages, and new sessions."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kickoff_tui.core import paths
from kickoff_tui.core.agenda import (
    Template,
    TemplateError,
    builtin_template,
    builtin_template_text,
    find_template,
    list_templates,
    load_template_file,
    new_session,
    parse_attendee,
    rescale_sections,
    write_template_copy,
)
from kickoff_tui.core.models import AgendaSection, Session

# The agenda of PRODUCT.md: (id, box minutes).
PRODUCT_AGENDA = [
    ("objectives", 10),
    ("stakeholders", 8),
    ("deliverables", 10),
    ("communication", 5),
    ("risks", 10),
    ("working-together", 5),
    ("questions", 7),
    ("wrap-up", 5),
]


@pytest.fixture
def templates_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private templates folder (through the environment, as paths.py documents)."""
    monkeypatch.setenv(paths.CONFIG_ENV, str(tmp_path / "config"))
    folder = paths.templates_dir()
    folder.mkdir(parents=True)
    return folder


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SMALL = """
title = "Retro"
description = "Short retrospective"

[[sections]]
title = "What went well"
box_minutes = 10
prompts = ["Celebrate one thing"]

[[sections]]
id = "improve"
title = "What to improve"
box_minutes = 20.5
"""


# -- the built-in template ------------------------------------------------------------------


def test_builtin_is_the_product_agenda() -> None:
    template = builtin_template()
    assert template.name == "kickoff"
    assert [(s.id, s.box_minutes) for s in template.sections] == PRODUCT_AGENDA
    assert template.total_minutes == 60
    for section in template.sections:
        assert len(section.prompts) >= 3, section.id
        assert all(prompt.strip() for prompt in section.prompts)


def test_builtin_text_is_commented_toml() -> None:
    text = builtin_template_text()
    assert tomllib.loads(text)["name"] == "kickoff"
    for field in ("box_minutes", "prompts", "title", "id"):
        assert any(line.startswith("#") and field in line for line in text.splitlines()), field


# -- user templates -------------------------------------------------------------------------


def test_load_user_template_with_defaults(tmp_path: Path) -> None:
    template = load_template_file(write(tmp_path / "retro.toml", SMALL))
    assert template.name == "retro"  # from the file name
    assert [s.id for s in template.sections] == ["what-went-well", "improve"]
    assert template.total_minutes == 30.5
    assert template.sections[0].prompts == ["Celebrate one thing"]


BROKEN = [
    # (file body, the exact one-line message for "my.toml")
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 5\n[[sections]]\ntitle = "B"\n'
        'box_minutes = 5\n[[sections]]\ntitle = "Risks"\nbox_minutes = 0\n',
        'my.toml: section 3 ("Risks"): box_minutes: must be greater than 0',
    ),
    (
        'name = "x"\ntitle = "y"\n[[sections]]\ntitle "Risks"\n',
        "my.toml: not valid TOML (line 4, column 7): Expected '=' after a key in a key/value pair",
    ),
    ('title = "T"\n', "my.toml: sections: missing (required)"),
    ('title = "T"\nsections = []\n', "my.toml: sections: must have at least 1 item"),
    ('[[sections]]\ntitle = "A"\nbox_minutes = 5\n', "my.toml: title: missing (required)"),
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = "ten"\n',
        'my.toml: section 1 ("A"): box_minutes: must be a valid number, '
        "unable to parse string as a number",
    ),
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 5\ncolour = "red"\n',
        'my.toml: section 1 ("A"): colour: unknown field',
    ),
    (
        'title = "T"\n[[sections]]\nbox_minutes = 5\n',
        "my.toml: section 1: title: missing (required)",
    ),
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 5\n'
        '[[sections]]\ntitle = "a"\nbox_minutes = 5\n',
        'my.toml: section 2 ("a"): id: \'a\' is already the id of section 1 (ids must be unique)',
    ),
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 5\nprompts = "one"\n',
        'my.toml: section 1 ("A"): prompts: must be a valid list',
    ),
    (
        'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 1000\n'
        '[[sections]]\ntitle = "B"\nbox_minutes = 1000\n',
        "my.toml: the boxes add up to 2000 minutes; the limit is 1440 (24 hours)",
    ),
    ('title = "T\n', "my.toml: not valid TOML (line 1, column 11): Illegal character '\\n'"),
    (
        'title = "T"\n[[sections]]\ntitle = "People"\nbox_minutes = 5\ntables = ["raci", "racy"]\n',
        'my.toml: section 1 ("People"): tables: \'racy\' is not a reference table '
        "(known: attendee, raci, deliverable, comm)",
    ),
    (
        'title = "T"\n[[sections]]\ntitle = "People"\nbox_minutes = 5\ntables = "raci"\n',
        'my.toml: section 1 ("People"): tables: must be a valid list',
    ),
]


@pytest.mark.parametrize(("body", "message"), BROKEN, ids=[m for _, m in BROKEN])
def test_broken_template_is_one_clear_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(TemplateError) as info:
        load_template_file(write(tmp_path / "my.toml", body))
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_several_problems_say_how_many_more(tmp_path: Path) -> None:
    body = 'title = "T"\n[[sections]]\ntitle = "A"\nbox_minutes = 0\ncolour = 1\n'
    with pytest.raises(TemplateError, match=r"\(and 1 more problem\)$"):
        load_template_file(write(tmp_path / "my.toml", body))


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"^gone\.toml: cannot read it: "):
        load_template_file(tmp_path / "gone.toml")
    (tmp_path / "bin.toml").write_bytes(b'title = "\xff"\n')
    with pytest.raises(TemplateError, match=r"^bin\.toml: not UTF-8 text"):
        load_template_file(tmp_path / "bin.toml")


# -- finding and listing --------------------------------------------------------------------


def test_find_builtin(templates_dir: Path) -> None:
    assert find_template(None) == builtin_template()
    assert find_template("kickoff") == builtin_template()


def test_find_by_path_stem_and_declared_name(templates_dir: Path, tmp_path: Path) -> None:
    elsewhere = write(tmp_path / "elsewhere.toml", SMALL)
    assert find_template(str(elsewhere)).name == "elsewhere"
    write(templates_dir / "retro.toml", SMALL)
    write(templates_dir / "file-name.toml", 'name = "board"\n' + SMALL)
    assert find_template("retro").name == "retro"
    assert find_template("retro.toml").name == "retro"
    assert find_template("board").title == "Retro"
    assert find_template("file-name").name == "board"


def test_find_unknown_lists_known_names(templates_dir: Path) -> None:
    write(templates_dir / "retro.toml", SMALL)
    write(templates_dir / "broken.toml", "title = \n")
    with pytest.raises(TemplateError) as info:
        find_template("nope")
    assert str(info.value) == "unknown template 'nope' (known: kickoff, retro)"
    with pytest.raises(TemplateError, match="no such template file"):
        find_template("./missing.toml")
    # A broken template named directly reports its own problem, not "unknown".
    with pytest.raises(TemplateError, match=r"^broken\.toml: not valid TOML"):
        find_template("broken")


def test_list_templates_reports_broken_ones(templates_dir: Path) -> None:
    write(templates_dir / "b-retro.toml", SMALL)
    write(templates_dir / "a-broken.toml", 'title = "T"\n')
    (templates_dir / "notes.txt").write_text("not a template")
    listing = list_templates()
    assert [source for _, source, _ in listing] == [
        "built-in",
        str(templates_dir / "a-broken.toml"),
        str(templates_dir / "b-retro.toml"),
    ]
    builtin, broken, retro = listing
    assert builtin[0] == builtin_template() and builtin[2] == ""
    assert broken[0] is None and broken[2] == "a-broken.toml: sections: missing (required)"
    assert retro[0] is not None and retro[0].name == "b-retro" and retro[2] == ""


def test_list_templates_without_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.CONFIG_ENV, str(tmp_path / "nowhere"))
    assert [source for _, source, _ in list_templates()] == ["built-in"]


def test_write_template_copy(tmp_path: Path) -> None:
    dest = tmp_path / "sub" / "my-agenda.toml"
    assert write_template_copy(dest) == dest
    copy = load_template_file(dest)
    assert copy.name == "my-agenda"
    assert copy.sections == builtin_template().sections
    assert dest.read_text(encoding="utf-8").count("\n#") > 5  # the explanations came along
    dest.write_text("edited", encoding="utf-8")
    with pytest.raises(TemplateError, match="already exists"):
        write_template_copy(dest)
    assert dest.read_text(encoding="utf-8") == "edited"


# -- new sessions ---------------------------------------------------------------------------


def test_new_session_from_builtin() -> None:
    session = new_session("  Apollo kick-off ", project="Apollo")
    assert session.title == "Apollo kick-off"
    assert session.project == "Apollo"
    assert session.template == "kickoff"
    assert session.planned_minutes == 60
    assert [s.id for s in session.sections] == [sid for sid, _ in PRODUCT_AGENDA]
    assert session.clock.box_s == {sid: box * 60.0 for sid, box in PRODUCT_AGENDA}
    assert not session.clock.started
    # It is a valid stored document.
    assert Session.model_validate_json(session.model_dump_json()) == session


def test_new_session_does_not_share_sections_with_the_template() -> None:
    template = builtin_template()
    session = new_session("X", template=template)
    session.sections[0].prompts.append("added during the call")
    assert "added during the call" not in template.sections[0].prompts


@pytest.mark.parametrize("duration", [90, 45, 30, 120, 61])
def test_duration_rescales_boxes_proportionally(duration: int) -> None:
    session = new_session("X", duration=duration)
    boxes = [s.box_minutes for s in session.sections]
    assert sum(boxes) == duration == session.planned_minutes
    for box, (_, original) in zip(boxes, PRODUCT_AGENDA, strict=True):
        assert box == int(box) >= 1
        assert abs(box - original * duration / 60) < 1
    assert session.clock.box_s == {s.id: s.box_minutes * 60 for s in session.sections}


def test_duration_shorter_than_one_minute_per_section_is_honoured_in_seconds() -> None:
    """``--duration 5`` with 8 sections is 5 minutes, not 8: boxes of whole seconds."""
    session = new_session("X", duration=5)
    seconds = [s.box_minutes * 60 for s in session.sections]
    assert [round(b) for b in seconds] == [50, 40, 50, 25, 50, 25, 35, 25]  # 10:8:10:5:10:5:7:5
    assert all(abs(b - round(b)) < 1e-6 and b >= 15 for b in seconds)
    assert session.planned_minutes == 5
    assert sum(session.clock.box_s.values()) == 300


def test_duration_too_short_for_the_sections_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="8 sections.*at least 2 minutes"):
        new_session("X", duration=1)


def test_fractional_duration_is_kept_to_the_second() -> None:
    session = new_session("X", duration=61.5)
    assert session.planned_minutes == 61.5
    assert sum(session.clock.box_s.values()) == 3690


@pytest.mark.parametrize("duration", [0, -5, 24 * 60 + 1])
def test_duration_out_of_range(duration: float) -> None:
    with pytest.raises(ValueError, match="duration"):
        new_session("X", duration=duration)


@settings(max_examples=300, deadline=None)
@given(
    boxes=st.lists(st.floats(min_value=0.25, max_value=120), min_size=1, max_size=20),
    minutes=st.integers(min_value=1, max_value=24 * 60),
)
def test_rescale_property(boxes: list[float], minutes: int) -> None:
    sections = [
        AgendaSection(id=f"s{i}", title=f"S{i}", box_minutes=box) for i, box in enumerate(boxes)
    ]
    if minutes * 60 < len(boxes) * 15:
        with pytest.raises(ValueError, match="sections"):
            rescale_sections(sections, minutes)
        return
    scaled = [s.box_minutes for s in rescale_sections(sections, minutes)]
    if minutes < len(boxes):  # cut into whole seconds, exactly the duration
        assert round(sum(scaled) * 60) == minutes * 60
        return
    assert all(box >= 1 and box == int(box) for box in scaled)
    assert sum(scaled) == minutes
    # A longer template box never ends up shorter than a shorter one.
    for i, box_i in enumerate(boxes):
        for j, box_j in enumerate(boxes):
            if box_i > box_j:
                assert scaled[i] >= scaled[j]
    # When no box is held up at the one-minute floor, each is within a minute of its share.
    shares = [box * minutes / sum(boxes) for box in boxes]
    if min(shares) >= 1:
        assert all(abs(b - share) < 1 for b, share in zip(scaled, shares, strict=True))


def test_attendees() -> None:
    session = new_session("X", attendees=["Dana Smith, Sponsor", "Lee", "Sam, Dev, Acme, Inc."])
    people = [(a.name, a.role, a.organisation) for a in session.attendees]
    assert people == [("Dana Smith", "Sponsor", ""), ("Lee", "", ""), ("Sam", "Dev", "Acme, Inc.")]


@pytest.mark.parametrize(
    ("text", "name", "role", "organisation"),
    [
        ("Dana", "Dana", "", ""),
        ("  Dana ,  CFO ", "Dana", "CFO", ""),
        ("Dana, CFO, Acme", "Dana", "CFO", "Acme"),
        ("Dana,,Acme", "Dana", "", "Acme"),
    ],
)
def test_parse_attendee(text: str, name: str, role: str, organisation: str) -> None:
    attendee = parse_attendee(text)
    assert (attendee.name, attendee.role, attendee.organisation) == (name, role, organisation)


@pytest.mark.parametrize(
    ("text", "name", "email"),
    [
        ("Dana Scully <dana@acme.example>, PM, Acme", "Dana Scully", "dana@acme.example"),
        ('"Lee Park" <lee@vendor.example>', "Lee Park", "lee@vendor.example"),
        ("Sam Lee, Lead", "Sam Lee", ""),
    ],
)
def test_parse_attendee_with_an_address(text: str, name: str, email: str) -> None:
    attendee = parse_attendee(text)
    assert (attendee.name, attendee.email) == (name, email)


@pytest.mark.parametrize("text", ["Dana <dana>", "Dana <dana@acme.example", "Dana <a b@c.d>"])
def test_parse_attendee_refuses_a_broken_address(text: str) -> None:
    with pytest.raises(ValueError, match="e-mail address|write the address"):
        parse_attendee(text)


@pytest.mark.parametrize("text", ["", "  ", ", CFO", " , CFO, Acme"])
def test_parse_attendee_needs_a_name(text: str) -> None:
    with pytest.raises(ValueError, match="has no name"):
        parse_attendee(text)


def test_new_session_needs_a_title() -> None:
    with pytest.raises(ValueError, match="title"):
        new_session("   ")


def test_template_model_rejects_duplicate_ids_directly() -> None:
    section = AgendaSection(id="a", title="A", box_minutes=1)
    with pytest.raises(ValueError, match="already the id"):
        Template(name="t", title="T", sections=[section, section])


@pytest.mark.cli
def test_core_modules_do_not_import_textual() -> None:
    """The CLI and the tests use these without a terminal: Textual must not come along."""
    code = (
        "import sys, kickoff_tui.core.agenda, kickoff_tui.core.capture, kickoff_tui.core.clock; "
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_same_name_attendees_are_told_apart() -> None:
    session = new_session("X", attendees=["Dana, PM", "Dana, Dev", "Sam"])
    assert [a.name for a in session.attendees] == ["Dana (PM)", "Dana (Dev)", "Sam"]
    twins = new_session("X", attendees=["Lee", "Lee"])
    assert [a.name for a in twins.attendees] == ["Lee (1)", "Lee (2)"]


def test_a_second_attendee_of_a_name_added_later_is_qualified() -> None:
    from kickoff_tui.core.meeting import Meeting
    from kickoff_tui.core.models import Attendee

    meeting = Meeting(new_session("X", attendees=["Dana, PM"]))
    meeting.add(Attendee(name="dana", role="Dev"))
    meeting.add(Attendee(name="Dana"))
    names = [a.name for a in meeting.session.attendees]
    assert names == ["Dana", "dana (Dev)", "Dana (2)"]
