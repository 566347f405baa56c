"""Small text rules used all over: slugs, one-line text, pydantic errors in one line.

Each rule lives here once, under a name that says what it does, so the template loader and the
exporter make slugs alike, the lists and the minutes fold text to one line knowingly, and every
validation error reads the same wherever it is shown. (Days as people say them are in
:mod:`kickoff_tui.core.dates`.)

This module never imports Textual.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from kickoff_tui.core.safetext import bidi_visible, filename_safe, visible

#: Where a pydantic error happened: its ``loc`` tuple.
Loc = tuple[int | str, ...]

#: The most characters :func:`one_line` shows by default: wider than any terminal, so a cell
#: is never cut by this but a runaway paste does not cost its full length on every draw.
LINE_LIMIT = 200

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
# C0/C1 control characters other than newline and tab (those two fold into spaces).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# -- slugs and lines --------------------------------------------------------------------------


def slugify(text: str, *, max_len: int | None = None, fallback: str = "untitled") -> str:
    """An ASCII, lowercase, hyphenated form of ``text`` (a section id, a file name), never empty.

    Escape sequences and bidi controls go whole, accents are folded (``Café`` -> ``cafe``),
    anything else that is not a letter or digit becomes a hyphen. With ``max_len``, a long
    slug is cut at a hyphen so no word is left half (unless that would lose most of it).

    >>> slugify("Apollo: Kick-off (Phase 2)!")
    'apollo-kick-off-phase-2'

    Args:
        text: the title to make a slug of.
        max_len: the longest slug wanted (``None``: no limit).
        fallback: what to return when nothing of ``text`` is left.
    """
    folded = unicodedata.normalize("NFKD", filename_safe(text)).encode("ascii", "ignore")
    slug = _SLUG_JUNK.sub("-", folded.decode("ascii").lower()).strip("-")
    if max_len is not None and len(slug) > max_len:
        cut = slug[:max_len]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2 :] else cut
        slug = slug.strip("-")
    return slug or fallback


def squeeze(text: str) -> str:
    """``text`` on one line: every run of whitespace (line breaks too) becomes one space.

    For messages built from parts (an OS error, a file name) before they are shown or logged.
    """
    return " ".join(text.split())


def one_line(text: str, limit: int | None = LINE_LIMIT) -> str:
    """User text for a one-line cell on screen: breaks folded, controls made visible, cut.

    Args:
        text: what the user typed (may hold line breaks and escape sequences).
        limit: the most characters shown; a longer text ends in ``…`` (``None``: no cut).
    """
    if limit is None:
        return visible(squeeze(text))
    flat = visible(squeeze(text[: limit * 2]))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def record_line(text: str) -> str:
    """User text for a one-line place in the written record (a name, a title in the minutes).

    Unlike :func:`one_line`, control characters are dropped rather than shown (the minutes go
    to mail clients and files) and only bidi controls are made visible, so they cannot reorder
    what the reader sees; line breaks become spaces.
    """
    if text.isprintable():
        return text.strip()
    return squeeze(_CONTROL.sub("", bidi_visible(text)))


# -- validation errors ------------------------------------------------------------------------


def humanise(message: str, kind: str = "", context: dict[str, Any] | None = None) -> str:
    """Pydantic's "Input should be greater than 0" reads better as "must be greater than 0"."""
    if kind == "too_short" and context and "min_length" in context:
        count = context["min_length"]
        return f"must have at least {count} item{'s' if count != 1 else ''}"
    replacements = {
        "Field required": "missing (required)",
        "Extra inputs are not permitted": "unknown field",
    }
    if message in replacements:
        return replacements[message]
    if message.startswith("Input should be "):
        return "must be " + message[len("Input should be ") :]
    if message.startswith("Value error, "):
        return message[len("Value error, ") :]
    return message[:1].lower() + message[1:]


def dotted(loc: Loc) -> str:
    """A pydantic location as ``items.3.owner`` (``top level`` for the document itself)."""
    return ".".join(str(part) for part in loc) or "top level"


def validation_line(
    error: ValidationError,
    *,
    where: Callable[[Loc], str] = dotted,
    skip: Callable[[Loc], bool] | None = None,
) -> str:
    """The first problem pydantic found, on one line: ``where: what (and 2 more problems)``.

    Args:
        error: what pydantic raised.
        where: names a location for a reader (a template names the section by its title).
        skip: problems that only echo another one; they are left out unless all are.
    """
    problems = error.errors(include_url=False)
    if skip is not None:
        problems = [p for p in problems if not skip(tuple(p["loc"]))] or problems
    first = problems[0]
    place = where(tuple(first["loc"]))
    message = humanise(str(first["msg"]), first["type"], first.get("ctx"))
    # Newlines inside a message (rare, from nested errors) would break the one-line promise.
    line = squeeze(f"{place}: {message}" if place else message)
    extra = len(problems) - 1
    if extra:
        line += f" (and {extra} more problem{'s' if extra > 1 else ''})"
    return line


def value_error_line(problem: ValueError) -> str:
    """One readable line from a form's ``ValueError``; fields named in words (``due date``)."""
    if isinstance(problem, ValidationError):
        return validation_line(problem, where=_field_words)
    return squeeze(str(problem))


def _field_words(loc: Loc) -> str:
    """``due_date`` as ``due date``; a whole-form problem names no field."""
    return ".".join(str(part) for part in loc).replace("_", " ")
