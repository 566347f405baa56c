"""Fixtures shared by the test files, and the rule that keeps the test tiers apart.

The tiers are markers registered in ``pyproject.toml``; plain ``pytest`` runs the unmarked,
fast tier. A test carries at most one tier, so the tiers add up to the whole suite. Naming
files or tests on the command line runs them whatever their tier (the long trials still need
``-m slow``): ``pytest tests/test_tui_agenda.py`` runs that file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

#: The markers that put a test in a tier other than the fast default (``slow`` is an extra,
#: opt-in length and may sit on top of one of these).
TIERS = ("ui", "cli", "terminal", "kill", "browser")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The store's main file, in a folder that does not exist yet."""
    return tmp_path / "store" / "kickoff.json"


def _default_markexpr(config: pytest.Config) -> str | None:
    """The ``-m`` expression that ``addopts`` in ``pyproject.toml`` gives."""
    words = list(config.getini("addopts"))  # already split as a shell would
    return next((after for word, after in zip(words, words[1:], strict=False) if word == "-m"),
                None)


def pytest_configure(config: pytest.Config) -> None:
    """Files or tests named on the command line run whatever their tier (not the long trials).

    The default ``-m`` keeps plain ``pytest`` fast; someone who names a file wants its tests.
    A ``-m`` of one's own always wins.
    """
    named = config.args_source is pytest.Config.ArgsSource.ARGS
    if named and config.option.markexpr == _default_markexpr(config):
        config.option.markexpr = "not slow"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test marked with two tiers: it would be counted, and run, twice."""
    doubled = [
        f"{item.nodeid}: {', '.join(tiers)}"
        for item in items
        if len(tiers := [t for t in TIERS if item.get_closest_marker(t)]) > 1
    ]
    if doubled:
        raise pytest.UsageError("tests in more than one tier:\n" + "\n".join(doubled))
