"""Where the app's stylesheets are: inside the installed package (a wheel ships the top-level
``styles/`` folder as ``kickoff_tui/styles``) or, in a source checkout, the top-level folder."""

from __future__ import annotations

from pathlib import Path, PurePath

#: The App's own stylesheets: shared rules and the first screen. Each other screen names its
#: own (``CSS_PATH``), so its rules are read when it is first shown, not at start-up.
STYLESHEETS = ("app.tcss", "home.tcss")


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "styles"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "styles"  # src/kickoff_tui -> repository root


def stylesheets(*names: str) -> list[str | PurePath]:
    """Absolute paths of stylesheets (by default the App's), for a ``CSS_PATH``."""
    folder = styles_dir()
    return [folder / name for name in (names or STYLESHEETS)]
