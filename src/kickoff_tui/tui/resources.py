"""Where the app's stylesheets are: inside the installed package (a wheel ships the top-level
``styles/`` folder as ``kickoff_tui/styles``) or, in a source checkout, the top-level folder."""

from __future__ import annotations

from pathlib import Path

#: The stylesheets, in the order they are applied.
STYLESHEETS = ("app.tcss", "agenda.tcss", "home.tcss", "dialogs.tcss", "wrapup.tcss")


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files."""
    package = Path(__file__).resolve().parent.parent
    shipped = package / "styles"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "styles"  # src/kickoff_tui -> repository root


def stylesheets() -> list[str | Path]:
    """Absolute paths of the stylesheets, for ``App.CSS_PATH``."""
    folder = styles_dir()
    return [folder / name for name in STYLESHEETS]
