"""The wrap-up screen: what is still missing, the minutes, copy and export.

On entering it the meeting is saved, ``<date>-<slug>.json`` and ``.md`` are written to the export
folder, the Markdown minutes are copied, and the screen says exactly what happened and where.
All of that, and every later copy or export, runs in a worker thread: the files are fsync'd,
and the screen stays live while the disk works.

The minutes are previewed as they will read (Textual's ``Markdown`` widget), followed by
bars of the agenda's time, planned against used; ctrl+t switches to the Markdown source. A long
meeting's rendered preview stops after its first part (the source is always whole), so the
screen of a 10,000-item meeting still comes up at once. The minutes are built on a worker
thread too, once for the preview, the file and the clipboard: the screen answers keys while
a big meeting's minutes are being written.

Every step that failed stays listed, first and in the warning colour: a later success (the
clipboard) never covers a failed save or a file that could not be written. Entering again
(ctrl+r after more edits) rewrites the files it wrote for this session rather than adding
``-2`` copies, as long as nobody changed them.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Label,
    Markdown,
    OptionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kickoff_tui.core import completeness, minutes
from kickoff_tui.core.clipboard import copy_text
from kickoff_tui.core.export import (
    ExportError,
    WrittenFiles,
    export_files,
    own_target,
    wrapup_export,
)
from kickoff_tui.tui.commands import wrapup_bindings
from kickoff_tui.tui.controller import MeetingController
from kickoff_tui.tui.messages import GoToSection, OpenItem
from kickoff_tui.tui.resources import stylesheets
from kickoff_tui.tui.screens.base import SizeAware
from kickoff_tui.tui.screens.dialogs import ask_next_step
from kickoff_tui.tui.text import plain
from kickoff_tui.tui.widgets.too_small import TooSmall

if TYPE_CHECKING:
    from kickoff_tui.core.models import Session

#: The rendered preview shows this much of the Markdown (about two screens of the Summary);
#: the source view shows it all. Textual's Markdown widget mounts a widget per block: 12,000
#: characters took seconds to show.
PREVIEW_CHARS = 4_000
#: Minutes longer than this go into the source view when it is first shown, not before:
#: a 10,000-item meeting's 1.6 MB took over a second to load into the TextArea.
SOURCE_NOW_CHARS = 100_000
#: The width of the longest bar in the agenda chart, in cells.
BAR_CELLS = 24


class TimeBars:
    """The agenda's time as bars: per section, the box (░) and the time used (█, red past it).

    A Rich renderable, so it lays itself out for the width it is given: labels shorten and
    bars narrow on an 80-column terminal instead of wrapping.
    """

    def __init__(self, m: minutes.Minutes) -> None:
        self.sections = [s for s in m.sections if s.number is not None] if m.timed else []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """One line per section, fitted to ``options.max_width``."""
        if not self.sections:
            return
        scale = max([max(s.box_s, s.used_s) for s in self.sections] + [1.0])
        figures = max(len(f"{s.used}/{s.box} {s.over}".rstrip()) for s in self.sections)
        room = options.max_width - figures - 2
        cells = max(6, min(BAR_CELLS, room // 2))
        width = max(3, min(28, room - cells, max(len(s.heading) for s in self.sections)))
        yield Text("Time: planned ░ used █", style="bold")
        for s in self.sections:
            label = s.heading if len(s.heading) <= width else s.heading[: width - 1] + "…"
            box = round(cells * s.box_s / scale)
            used = round(cells * s.used_s / scale)
            line = Text(f"{label:<{width}} ", no_wrap=True, overflow="ellipsis")
            line.append("█" * min(used, box), style="bold")
            if used > box:
                line.append("█" * (used - box), style="bold red")
            else:
                line.append("░" * (box - used), style="dim")
            line.append(" " * (cells - max(used, box)) + f" {s.used}/{s.box}")
            if s.over:
                line.append(f" {s.over}", style="bold red")
            yield line


def preview_markdown(source: str, limit: int = PREVIEW_CHARS) -> str:
    """The part of the minutes the rendered preview shows: whole lines up to ``limit``."""
    if len(source) <= limit:
        return source
    # At a line's end: a list or a table is shortened, never broken mid-line.
    cut = source.rfind("\n", 0, limit)
    shown = source[: cut if cut > 0 else limit]
    return shown + "\n\n*The preview stops here: ctrl+t shows the whole minutes.*\n"


class WrapUpScreen(SizeAware, Screen[None]):
    """Completeness check, minutes preview, copy and export, reopen.

    Args:
        controller: the meeting being wrapped up; the wrap-up goes back to the agenda through
            it (reopen, a finding to fix), never by calling the agenda screen.
    """

    CSS_PATH = stylesheets("wrapup.tcss")
    BINDINGS = wrapup_bindings()

    def __init__(self, controller: MeetingController) -> None:
        super().__init__()
        self.controller = controller
        self.files: list[Path] = []
        self._shown_revision = -1
        #: What went wrong (kept until the screen closes) and what went right (the latest few).
        self.problems: list[str] = []
        self.done: list[str] = []

    @property
    def session(self) -> Session:
        """The session being wrapped up."""
        return self.controller.meeting.session

    def compose(self) -> ComposeResult:
        """Findings on the left, the minutes on the right, actions below."""
        yield TooSmall()
        yield Static(plain(f" Wrap-up · {self.session.title}"), id="wrapup-title")
        yield Static("Saving…", id="wrapup-status")
        with Horizontal(id="wrapup-body"):
            with Vertical(id="wrapup-left"):
                yield Label("Before you close", classes="section-head")
                yield OptionList(id="findings")
                yield Static("Enter on a finding takes you to it.", classes="hint")
            with ContentSwitcher(initial="rendered", id="preview-switcher"):
                # The summary first (what a sponsor reads); the time used last, as in the
                # minutes themselves.
                with VerticalScroll(id="rendered"):
                    yield Markdown("*Writing the minutes…*", id="preview-md", open_links=False)
                    yield Static("", id="time-bars")
                yield TextArea("", id="preview", read_only=True, soft_wrap=True,
                               show_line_numbers=False)
        with Horizontal(id="wrapup-buttons"):
            yield Button("Copy MD ^y", id="copy-md", variant="primary")
            yield Button("Copy text ^o", id="copy-txt")
            yield Button("Export ^e", id="export-all")
            yield Button("Next step", id="next-step")
            yield Button("Reopen", id="reopen", variant="warning")
        yield Footer()

    def on_mount(self) -> None:
        """Show the check at once; the minutes, saving, the files and the copy follow the
        first frame (for a 10,000-item meeting they take a second)."""
        self._show_findings()
        self.check_size()
        self.query_one("#findings", OptionList).focus()
        # Other seats go on capturing while this one reviews: the agenda screen below takes
        # their changes in every half second, and this screen shows them.
        self.set_interval(0.5, self._refresh_if_changed)
        # Not call_after_refresh: Textual's writer thread must get the frame out first.
        self.set_timer(0.05, self._after_shown)

    _footer_waits = 0

    def _after_shown(self) -> None:
        """The screen is up: the minutes preview, then save, write the files and copy."""
        if not self.query_one(Footer).children and self._footer_waits < 10:
            # The footer fills its keys a frame or two after the screen: let it draw first.
            self._footer_waits += 1
            self.set_timer(0.03, self._after_shown)
            return
        if self._footer_waits >= 0:
            self._footer_waits = -1
            self.set_timer(0.05, self._after_shown)  # and reach the terminal
            return
        self._enter_wrapup()  # builds the minutes once: the preview, the file, the copy

    def on_screen_resume(self) -> None:
        """Back from an edit: the findings and minutes may have changed."""
        self._refresh_if_changed()

    def _refresh_if_changed(self) -> None:
        """Recompute the findings and the preview if the meeting changed since they were shown
        (an edit here, or another seat's change that the agenda screen took in)."""
        if self.controller.meeting.revision != self._shown_revision:
            self.refresh_content()

    def refresh_content(self) -> None:
        """Recompute the completeness check and the minutes preview."""
        self._show_findings()
        self._build_preview()

    def _show_findings(self) -> None:
        """Recompute the completeness check."""
        # Shown first on mount, then resumed at once: a 10,000-item meeting's minutes are built
        # once for that, not twice.
        self._shown_revision = self.controller.meeting.revision
        findings = completeness.check(self.session)
        options = self.query_one("#findings", OptionList)
        options.clear_options()
        if findings:
            options.add_options(
                Option(plain(f"⚠ {finding.message}"), id=f"{index}")
                for index, finding in enumerate(findings)
            )
        else:
            options.add_option(Option("✓ Nothing missing: owners, dates and next step are set."))
        self._findings = findings

    @work(thread=True, exclusive=True, group="wrapup-preview")
    def _build_preview(self) -> None:
        """Build the minutes of the meeting as it is now, and show them (a newer build wins)."""
        revision = self.controller.meeting.revision  # the snapshot is at least this new
        built = minutes.build_minutes(self.controller.snapshot())
        source = minutes.render_markdown(built)
        if not get_current_worker().is_cancelled:
            self._post(self._show_minutes, built, source, revision)

    #: The meeting's revision the minutes shown were built from.
    _minutes_revision = -1

    def _show_minutes(self, built: minutes.Minutes, source: str, revision: int) -> None:
        """Show built minutes: the preview, the time bars (and the source view, at once when
        short); a build older than the one shown is dropped."""
        if revision < self._minutes_revision:
            return
        self._minutes_revision = revision
        self._source = source
        switcher = self.query_one("#preview-switcher", ContentSwitcher)
        if len(source) <= SOURCE_NOW_CHARS or switcher.current == "preview":
            self._fill_source()
        self.query_one("#time-bars", Static).update(TimeBars(built))
        self.query_one("#preview-md", Markdown).update(preview_markdown(source))

    def status(self, message: str, *, problem: bool = False) -> None:
        """Say what happened (see :meth:`report`)."""
        self.report(message, problem=problem)

    def report(self, message: str, *, problem: bool = False) -> None:
        """Add a line to what the screen says happened.

        A problem stays until the screen closes and is listed first; of the successes only the
        latest few are kept, so a success can never push a failure out of view.
        """
        message = message.lstrip("✓⚠ ")
        if problem:
            if message not in self.problems:
                self.problems.append(message)
        else:
            self.done = [*self.done[-1:], message]
        lines = [plain(f"⚠ {text}", style="bold") for text in self.problems]
        lines += [plain(f"✓ {text}") for text in self.done[-max(1, 3 - len(lines)):]]
        widget = self.query_one("#wrapup-status", Static)
        widget.set_class(bool(self.problems), "-problem")
        widget.update(Text("\n").join(lines))

    @property
    def _registry(self) -> WrittenFiles:
        return self.controller.services.written_files

    def _report_from_thread(self, message: str, *, problem: bool = False) -> None:
        self._post(self.report, message, problem=problem)

    def _post(self, callback: Any, *args: Any, **kwargs: Any) -> None:
        """Run ``callback`` on the UI thread, from a worker (not once the app has stopped:
        a quit while the minutes were being built)."""
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(callback, *args, **kwargs)

    # -- on entering ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="wrapup-files")
    def _enter_wrapup(self) -> None:
        """Save the session, write the JSON and Markdown files, copy the minutes."""
        outcome = self.controller.save_in_thread("wrap-up")
        if outcome.error:
            self._report_from_thread(
                f"The session was NOT saved: {outcome.error}. Your edits are kept in this "
                "window; saving is retried (ctrl+q asks before quitting).", problem=True)
        revision = self.controller.meeting.revision
        session = self.controller.snapshot()
        out_dir = self.controller.services.launch.out_dir
        today = self.controller.services.today()
        built = minutes.build_minutes(session)
        text = minutes.render_markdown(built)
        self._post(self._show_minutes, built, text, revision)
        try:
            json_path, md_path = wrapup_export(session, out_dir, today, self._registry,
                                               markdown=text)  # rendered once, for both
        except ExportError as error:
            self._report_from_thread(f"{error}. Use Export all to try another folder.",
                                     problem=True)
            self._copy(text, None, prefix="Minutes")
            return
        self.files = [json_path, md_path]
        self._report_from_thread(f"JSON and Markdown written to {_show(json_path.parent)}: "
                                 f"{json_path.name}, {md_path.name}.")
        self._copy(text, md_path, prefix="Minutes")

    def _copy(self, text: str, file: Path | None, *, prefix: str, replace: bool = False) -> None:
        """Copy to the clipboard and save to ``file`` (on a worker thread: pyperclip may run a
        subprocess, and the file is fsync'd)."""
        system = self.controller.services.clipboard_system
        kwargs: dict[str, Any] = {"file": file, "osc52": self._osc52, "label": prefix,
                                  "replace": replace}
        if system is not None:
            kwargs["system"] = system
        result = copy_text(text, **kwargs)
        if result.file is not None:
            self._registry.record({result.file: text}, self.session.id)
        copied = result.system or result.osc52
        problem = not copied or (file is not None and result.file is None)
        self._report_from_thread(result.message(), problem=problem)

    def _osc52(self, text: str) -> None:
        """Textual's OSC 52 copy, run on the UI thread (it writes to the terminal)."""
        self.app.call_from_thread(self.app.copy_to_clipboard, text)

    # -- actions --------------------------------------------------------------------------

    def action_copy(self, fmt: str) -> None:
        """Copy the minutes as Markdown or plain text (and save them beside the JSON)."""
        self._copy_worker(fmt)

    @work(thread=True, exclusive=True, group="clipboard")
    def _copy_worker(self, fmt: str) -> None:
        session = self.controller.snapshot()
        out_dir = self.controller.services.launch.out_dir
        today = self.controller.services.today()
        try:
            target: Path | None = own_target(out_dir, session, fmt, today, self._registry)
        except ExportError as error:
            target = None
            self._report_from_thread(str(error), problem=True)
        replace = target is not None and target.exists()
        self._copy(minutes.render(session, fmt), target, prefix="Minutes", replace=replace)

    @work(thread=True, group="export")
    def action_export_all(self) -> None:
        """Write the minutes in every format to the export folder."""
        session = self.controller.snapshot()
        out_dir = self.controller.services.launch.out_dir
        today = self.controller.services.today()
        written: list[Path] = []
        registry = self._registry
        try:
            for fmt in minutes.FORMATS:
                # Its own earlier export of this session (unchanged) is refreshed, not copied.
                target = own_target(out_dir, session, fmt, today, registry)
                paths = export_files(session, fmt, target)
                registry.record({path: path.read_bytes() for path in paths}, session.id)
                written.extend(paths)
        except (ExportError, OSError) as error:
            self._report_from_thread(f"Export stopped: {error}", problem=True)
            return
        self.files.extend(written)
        names = ", ".join(path.name for path in written)
        self._report_from_thread(f"Exported {len(written)} files to {_show(out_dir)}: {names}")

    def action_toggle_source(self) -> None:
        """Switch the preview between the rendered minutes and their Markdown source."""
        switcher = self.query_one("#preview-switcher", ContentSwitcher)
        switcher.current = "preview" if switcher.current == "rendered" else "rendered"
        if switcher.current == "preview":
            self._fill_source()

    _source = ""

    def _fill_source(self) -> None:
        """Put the latest minutes into the source view (once per change)."""
        area = self.query_one("#preview", TextArea)
        if area.text != self._source:
            area.text = self._source

    def action_back(self) -> None:
        """Back to the agenda (the meeting stays ended until reopened)."""
        self.dismiss()

    def action_reopen(self) -> None:
        """Reopen a meeting ended by mistake."""
        self.dismiss()
        self.controller.reopen()

    def action_next_step(self) -> None:
        """Record the agreed next step."""
        ask_next_step(self, self.controller)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        match event.button.id:
            case "copy-md":
                self.action_copy("md")
            case "copy-txt":
                self.action_copy("txt")
            case "export-all":
                self.action_export_all()
            case "next-step":
                self.action_next_step()
            case "reopen":
                self.action_reopen()

    @on(OptionList.OptionSelected, "#findings")
    def _finding_chosen(self, event: OptionList.OptionSelected) -> None:
        """Take the user to the item to fix."""
        if event.option.id is None:
            return
        finding = self._findings[int(event.option.id)]
        no_target = finding.item_id is None and finding.section_id is None
        if finding.kind in (completeness.NO_NEXT_STEP, completeness.NO_NEXT_MEETING) or no_target:
            self.action_next_step()
            return
        self.dismiss()
        if finding.item_id is not None:
            self.controller.publish(OpenItem(finding.item_id))
        elif finding.section_id is not None:
            self.controller.publish(GoToSection(finding.section_id))


def _show(path: Path) -> str:
    """A path as the user best reads it: relative to the current folder when under it."""
    try:
        relative = path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):  # elsewhere, or the current folder is gone
        return str(path)
    return "the current folder (./)" if relative == Path(".") else f"./{relative}"
