"""The line that says a save failed, and keeps saying it until a save succeeds.

The echo above the capture line is rewritten by every capture, so it cannot carry a failure
that matters for the rest of the meeting: this line can. It is hidden while all is saved.
"""

from __future__ import annotations

from textual.widgets import Static

from kickoff_tui.tui.text import plain


class SaveStatus(Static):
    """Shown only while the last save failed: what failed, and that edits are kept."""

    DEFAULT_CSS = """
    SaveStatus {
        height: 1;
        width: 1fr;
        display: none;
        background: $error;
        color: $text;
        text-style: bold;
        padding: 0 1;
    }
    SaveStatus.-failed {
        display: block;
    }
    """

    def show_error(self, error: str) -> None:
        """Say that saving fails (``error``), or hide the line when ``error`` is empty."""
        failed = bool(error)
        if failed:
            # The verdict and the reason first, the path last: at 80 columns it may be cut.
            where, _, reason = error.rpartition(": ")
            text = f"{reason} · {where}" if where else error
            self.update(plain(f"⚠ NOT SAVED: {text} · edits kept here, retried each second"))
        self.set_class(failed, "-failed")

    @property
    def failed(self) -> bool:
        """Whether the line is saying that a save failed."""
        return self.has_class("-failed")
