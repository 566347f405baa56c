"""Fixtures shared by the test files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """The store's main file, in a folder that does not exist yet."""
    return tmp_path / "store" / "kickoff.json"
