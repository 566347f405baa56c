"""Agenda templates: the built-in kick-off agenda, user templates in TOML, and new sessions.

A template is a TOML file: a ``name``, a ``title``, an optional ``description`` and a list of
``[[sections]]`` (each an :class:`~kickoff_tui.core.models.AgendaSection`: ``id``, ``title``,
``box_minutes``, ``prompts`` and the reference ``tables`` it works on, item kinds declared in
:mod:`kickoff_tui.core.kinds.registry`). The built-in one ships inside the package and is
read through :mod:`importlib.resources`, so it works from a wheel or a zip as well as from a
checkout.

User templates live in :func:`~kickoff_tui.core.paths.templates_dir` or are named by path.
Every problem with one is reported as a single line that names the file, the section and the
field, because the CLI prints it as its one-line error.

This module never imports Textual.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from kickoff_tui.core import paths
from kickoff_tui.core.attendees import distinct_name, distinct_names, parse_attendee
from kickoff_tui.core.kinds import TABLE_KINDS
from kickoff_tui.core.models import MAX_SHORT, AgendaSection, ClockState, Session
from kickoff_tui.core.textutil import slugify, squeeze, validation_line

__all__ = [
    "BUILTIN_NAME",
    "MAX_MINUTES",
    "MIN_BOX_MINUTES",
    "MIN_BOX_SECONDS",
    "Template",
    "TemplateError",
    "builtin_template",
    "builtin_template_text",
    "distinct_name",
    "distinct_names",
    "find_template",
    "list_templates",
    "load_template_file",
    "new_session",
    "parse_attendee",
    "parse_template",
    "rescale_sections",
    "slugify",
    "write_template_copy",
]

BUILTIN_NAME = "kickoff"
_BUILTIN_RESOURCE = ("templates", "kickoff.toml")

#: Shortest box a rescaled section gets, in minutes (a zero-minute box would be no box).
MIN_BOX_MINUTES = 1
#: Shortest box when a short meeting is cut into seconds (5 minutes for 8 sections).
MIN_BOX_SECONDS = 15
#: Longest meeting a session accepts, in minutes (same bound as ``Session.planned_minutes``).
MAX_MINUTES = 24 * 60

_TOML_POSITION = re.compile(
    r"^(?P<msg>.*?)\s*\("
    r"(?:at line (?P<line>\d+), column (?P<col>\d+)|(?P<end>at end of document))\)$"
)


class TemplateError(ValueError):
    """A template cannot be found, read or validated. The message is one line."""


class Template(BaseModel):
    """An agenda template: the sections of a meeting and their time boxes."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    title: str = Field(min_length=1, max_length=2_000)
    description: str = Field(default="", max_length=2_000)
    sections: list[AgendaSection] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_agenda(self) -> Template:
        # Captured items and the clock are keyed by section id, so two sections sharing an
        # id would silently share their notes and their time.
        seen: dict[str, int] = {}
        for number, section in enumerate(self.sections, start=1):
            if section.id in seen:
                title = json.dumps(section.title, ensure_ascii=False)
                raise ValueError(
                    f"section {number} ({title}): id: {section.id!r} is already the id of "
                    f"section {seen[section.id]} (ids must be unique)"
                )
            seen[section.id] = number
            for name in section.tables:
                if name not in TABLE_KINDS:
                    title = json.dumps(section.title, ensure_ascii=False)
                    raise ValueError(
                        f"section {number} ({title}): tables: {name!r} is not a reference "
                        f"table (known: {', '.join(TABLE_KINDS)})"
                    )
        if self.total_minutes > MAX_MINUTES:
            raise ValueError(
                f"the boxes add up to {self.total_minutes:g} minutes; "
                f"the limit is {MAX_MINUTES} (24 hours)"
            )
        return self

    @property
    def total_minutes(self) -> float:
        """The planned length: the sum of the time boxes, in minutes."""
        return float(sum(section.box_minutes for section in self.sections))


# -- loading --------------------------------------------------------------------------------


def _prepare(raw: dict[str, Any], default_name: str) -> dict[str, Any]:
    """Fill the conveniences of the file format before validation.

    ``name`` defaults to the file name and a section's ``id`` to its slugified title, so a
    hand-written template needs only titles and boxes.
    """
    doc = dict(raw)
    doc.setdefault("name", default_name)
    sections = doc.get("sections")
    if isinstance(sections, list):
        prepared = []
        for section in sections:
            if (
                isinstance(section, dict)
                and "id" not in section
                and isinstance(section.get("title"), str)
            ):
                section = {"id": slugify(section["title"], fallback="section"), **section}
            prepared.append(section)
        doc["sections"] = prepared
    return doc


def _where(loc: tuple[int | str, ...], raw: dict[str, Any]) -> str:
    """Turn a pydantic location into ``section 3 ("Risks"): box_minutes`` or ``title``."""
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        index = loc[1]
        title = ""
        sections = raw.get("sections")
        if isinstance(sections, list) and index < len(sections):
            section = sections[index]
            if isinstance(section, dict) and isinstance(section.get("title"), str):
                title = f" ({json.dumps(section['title'], ensure_ascii=False)})"
        where = f"section {index + 1}{title}"
        rest = ".".join(str(part) for part in loc[2:])
        return f"{where}: {rest}" if rest else where
    return ".".join(str(part) for part in loc)


def _is_derived_id(loc: tuple[int | str, ...], raw: dict[str, Any]) -> bool:
    """Whether ``loc`` is the id of a section that did not give one."""
    if len(loc) != 3 or loc[0] != "sections" or loc[2] != "id" or not isinstance(loc[1], int):
        return False
    sections = raw.get("sections")
    section = sections[loc[1]] if isinstance(sections, list) and loc[1] < len(sections) else None
    return isinstance(section, dict) and "id" not in section


def _validation_message(label: str, error: ValidationError, raw: dict[str, Any]) -> str:
    """One line for the first problem, and how many more there are."""
    # A section's id is optional in the file (made from its title), so "id missing" only
    # echoes a bad or missing title: report the title instead.
    line = validation_line(
        error, where=lambda loc: _where(loc, raw), skip=lambda loc: _is_derived_id(loc, raw)
    )
    return squeeze(f"{label}: {line}")


def _toml_message(label: str, error: tomllib.TOMLDecodeError) -> str:
    """``my.toml: not valid TOML (line 4, column 7): <what tomllib said>``."""
    text = " ".join(str(error).split())
    match = _TOML_POSITION.match(text)
    if match and match["end"]:
        return f"{label}: not valid TOML (at the end of the file): {match['msg']}"
    if match:
        return (
            f"{label}: not valid TOML (line {match['line']}, column {match['col']}): {match['msg']}"
        )
    return f"{label}: not valid TOML: {text}"


def parse_template(text: str, *, label: str, default_name: str) -> Template:
    """Validate the TOML text of a template.

    Args:
        text: the TOML document.
        label: how to name its source in error messages (usually the file name).
        default_name: the template's name when the file does not give one.

    Raises:
        TemplateError: not TOML, or not a valid template (one line naming section and field).
    """
    try:
        raw = tomllib.loads(text)
        doc = _prepare(raw, default_name)
        try:
            return Template.model_validate(doc)
        except ValidationError as error:
            raise TemplateError(_validation_message(label, error, doc)) from None
    except tomllib.TOMLDecodeError as error:
        raise TemplateError(_toml_message(label, error)) from None
    except RecursionError:
        # A hostile file ("a = [[[[…]]]]" thousands deep) must not take the app down.
        raise TemplateError(f"{label}: nested too deeply to be an agenda template") from None


def builtin_template_text() -> str:
    """The TOML text of the built-in template, comments included."""
    resource = resources.files("kickoff_tui.core")
    for part in _BUILTIN_RESOURCE:
        resource = resource.joinpath(part)
    return resource.read_text(encoding="utf-8")


def builtin_template() -> Template:
    """The built-in "kickoff" agenda: 8 sections, 60 minutes."""
    return parse_template(
        builtin_template_text(), label="built-in kickoff.toml", default_name=BUILTIN_NAME
    )


def load_template_file(path: Path) -> Template:
    """Read and validate one template file.

    Raises:
        TemplateError: unreadable, not UTF-8, not TOML or not a valid template.
    """
    label = path.name or str(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise TemplateError(f"{label}: not UTF-8 text (byte {error.start})") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise TemplateError(f"{label}: cannot read it: {reason}") from None
    return parse_template(text, label=label, default_name=path.stem)


def _user_template_files() -> list[Path]:
    folder = paths.templates_dir()
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        # An unreadable templates folder must not stop the built-in agenda from working.
        return []


def list_templates() -> list[tuple[Template | None, str, str]]:
    """Every template there is: the built-in one first, then the user's, by file name.

    Returns:
        ``(template or None if broken, source ("built-in" or the file path), error or "")``.
    """
    found: list[tuple[Template | None, str, str]] = [(builtin_template(), "built-in", "")]
    for path in _user_template_files():
        try:
            found.append((load_template_file(path), str(path), ""))
        except TemplateError as error:
            found.append((None, str(path), str(error)))
    return found


def find_template(ref: str | None) -> Template:
    """The template a ``--template`` option names.

    ``None`` or ``"kickoff"`` is the built-in agenda; a path to an existing file is that
    file; anything else is looked up in the templates folder, by file name (without
    ``.toml``) first, then by the ``name`` the file declares.

    Raises:
        TemplateError: the template is broken, or unknown (the message lists the known names).
    """
    if ref is None or ref.strip() == "" or ref.strip() == BUILTIN_NAME:
        return builtin_template()
    ref = ref.strip()
    direct = Path(ref).expanduser()
    if direct.is_file():
        return load_template_file(direct)
    files = _user_template_files()
    for path in files:
        if path.stem == ref or path.name == ref:
            return load_template_file(path)
    known = [BUILTIN_NAME]
    for path in files:
        try:
            template = load_template_file(path)
        except TemplateError:
            continue
        if template.name == ref:
            return template
        known.append(path.stem)
    if ref.endswith(".toml") or "/" in ref or "\\" in ref:
        raise TemplateError(f"{ref}: no such template file")
    raise TemplateError(f"unknown template {ref!r} (known: {', '.join(known)})")


def write_template_copy(dest: Path) -> Path:
    """Write an editable copy of the built-in template, with its explanatory comments.

    The copy is named after the file (``name = "<file stem>"``) so that it does not shadow
    the built-in agenda. Missing parent folders are created.

    Raises:
        TemplateError: the file exists already (it is never overwritten) or cannot be written.
    """
    text = builtin_template_text()
    # json.dumps gives a valid TOML basic string for any name (same escapes for these chars).
    name = json.dumps(dest.stem or "my-agenda", ensure_ascii=False)
    text = re.sub(r'^name = ".*"$', lambda _m: f"name = {name}", text, count=1, flags=re.M)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        # "x" refuses to overwrite atomically, even if the file appears after a check.
        with dest.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise TemplateError(f"{dest}: already exists; not overwriting it") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise TemplateError(f"{dest}: cannot write it: {reason}") from None
    return dest


# -- new sessions ---------------------------------------------------------------------------


def _apportion(weights: Sequence[float], target: int, minimum: int) -> list[int]:
    """Split ``target`` whole units in proportion to ``weights``, each at least ``minimum``.

    Largest-remainder rounding, so the parts add up to ``target`` exactly whenever that is
    possible (``target >= minimum * len(weights)``); otherwise every part is ``minimum``.
    """
    count = len(weights)
    if target <= minimum * count:
        return [minimum] * count
    total = sum(weights)
    exact = [w * target / total for w in weights]
    parts = [max(minimum, int(e)) for e in exact]
    diff = target - sum(parts)
    while diff > 0:
        # Give the missing units to the parts that were rounded down the most.
        order = sorted(range(count), key=lambda i: exact[i] - parts[i], reverse=True)
        for i in order[:diff]:
            parts[i] += 1
        diff = target - sum(parts)
    while diff < 0:
        # The minimum pushed the sum over: take back from the parts most above their share.
        order = sorted(
            (i for i in range(count) if parts[i] > minimum),
            key=lambda i: parts[i] - exact[i],
            reverse=True,
        )
        for i in order[:-diff]:
            parts[i] -= 1
        diff = target - sum(parts)
    return parts


def rescale_sections(sections: Sequence[AgendaSection], minutes: float) -> list[AgendaSection]:
    """Copies of ``sections`` with boxes rescaled proportionally to exactly ``minutes``.

    Boxes are whole minutes, each at least one, when ``minutes`` is a whole number of at
    least one minute per section; otherwise (5 minutes for 8 sections, 61.5 minutes) they are
    whole seconds, each at least :data:`MIN_BOX_SECONDS`. Either way they add up to
    ``minutes`` (to the second).

    Raises:
        ValueError: ``minutes`` leaves less than :data:`MIN_BOX_SECONDS` per section.
    """
    weights = [s.box_minutes for s in sections]
    if float(minutes).is_integer() and minutes >= len(sections) * MIN_BOX_MINUTES:
        boxes = [float(b) for b in _apportion(weights, int(minutes), MIN_BOX_MINUTES)]
    else:
        seconds = round(minutes * 60)
        if seconds < len(sections) * MIN_BOX_SECONDS:
            raise ValueError(
                f"a duration of {minutes:g} minutes leaves less than {MIN_BOX_SECONDS} seconds "
                f"for each of the {len(sections)} sections; give at least "
                f"{len(sections) * MIN_BOX_SECONDS / 60:g} minutes"
            )
        boxes = [b / 60 for b in _apportion(weights, seconds, MIN_BOX_SECONDS)]
    return [
        s.model_copy(update={"box_minutes": b}) for s, b in zip(sections, boxes, strict=True)
    ]


def new_session(
    title: str,
    *,
    project: str = "",
    template: Template | None = None,
    duration: float | None = None,
    attendees: Sequence[str] = (),
) -> Session:
    """A new, not yet started session from a template.

    Args:
        title: the meeting title (required).
        project: the project name.
        template: the agenda; the built-in one when ``None``.
        duration: a new planned length in minutes; the boxes are rescaled to it.
        attendees: ``"Name"``, ``"Name, Role"`` or ``"Name, Role, Organisation"`` each.

    Raises:
        ValueError: empty title, a duration out of range, or an attendee without a name.
    """
    title = title.strip()
    if not title:
        raise ValueError("the session needs a title")
    if len(title) > MAX_SHORT:
        raise ValueError(f"the title is longer than {MAX_SHORT:,} characters")
    template = template or builtin_template()
    sections = [s.model_copy(deep=True) for s in template.sections]
    if duration is not None:
        if not 0 < duration <= MAX_MINUTES:
            raise ValueError(
                f"duration must be more than 0 and at most {MAX_MINUTES} minutes, not {duration:g}"
            )
        sections = rescale_sections(sections, duration)
    people = distinct_names([parse_attendee(text) for text in attendees])
    # Seconds first: boxes of whole seconds add up exactly (5 min = 300 s, not 299.99…).
    box_s = {s.id: float(round(s.box_minutes * 60, 6)) for s in sections}
    total = sum(box_s.values()) / 60 if duration is not None else float(
        sum(s.box_minutes for s in sections))
    clock = ClockState(box_s=box_s)
    return Session(
        title=title,
        project=project.strip(),
        template=template.name,
        planned_minutes=total,
        sections=sections,
        clock=clock,
        items=list(people),
    )
