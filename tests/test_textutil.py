"""The small text rules shared by the core and the screens (core/textutil.py)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, Field, ValidationError

from kickoff_tui.core.dates import format_day
from kickoff_tui.core.textutil import (
    one_line,
    record_line,
    slugify,
    squeeze,
    validation_line,
    value_error_line,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("day", "today", "text"),
    [
        (date(2026, 12, 4), TODAY, "Fri 4 Dec"),
        (date(2027, 1, 8), TODAY, "Fri 8 Jan 2027"),  # another year says which
        (date(2025, 12, 4), TODAY, "Thu 4 Dec 2025"),
        (None, TODAY, "TBD"),
    ],
)
def test_format_day(day: date | None, today: date, text: str) -> None:
    assert format_day(day, today) == text


def test_slugify_fallback_and_limit() -> None:
    assert slugify("Risks & Issues", fallback="section") == "risks-issues"
    assert slugify("🚀", fallback="section") == "section"
    assert slugify("alpha beta gamma", max_len=12) == "alpha-beta"


def test_one_line_folds_shows_controls_and_cuts() -> None:
    assert one_line("a\n  b") == "a b"
    assert one_line("\x1b[2Jx") == "␛[2Jx"
    assert one_line("x" * 50, 10) == "x" * 9 + "…"
    assert len(one_line("y" * 1000)) == 200
    assert one_line("y" * 1000, None) == "y" * 1000


def test_record_line_drops_controls_and_shows_bidi() -> None:
    assert record_line("  Dana  ") == "Dana"
    assert record_line("Da\x1b[31mna\nLee") == "Da[31mna Lee"
    assert record_line("\u202eevil") == "⟨U+202E⟩evil"


def test_squeeze() -> None:
    assert squeeze(" a \n\t b ") == "a b"


class _Form(BaseModel):
    due_date: int = Field(gt=0)
    owner: str


@pytest.mark.parametrize(
    ("doc", "line"),
    [
        ({"due_date": 0, "owner": "x"}, "due_date: must be greater than 0"),
        ({"due_date": 0}, "due_date: must be greater than 0 (and 1 more problem)"),
        ({}, "due_date: missing (required) (and 1 more problem)"),
    ],
)
def test_validation_line(doc: dict[str, object], line: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _Form.model_validate(doc)
    assert validation_line(caught.value) == line


def test_value_error_line_names_fields_in_words() -> None:
    with pytest.raises(ValidationError) as caught:
        _Form.model_validate({"due_date": -1, "owner": "x"})
    assert value_error_line(caught.value) == "due date: must be greater than 0"
    assert value_error_line(ValueError("could not read\ndue date")) == "could not read due date"
