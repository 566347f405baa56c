"""The ``kickoff`` command line.

``list``, ``export``, ``copy`` and ``templates`` never import Textual: they stay fast and
scriptable over SSH. The UI is imported only by ``kickoff``, ``new`` and ``resume``.
Every user mistake is one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from kickoff_tui import __version__

if TYPE_CHECKING:
    from kickoff_tui.core.models import Session
    from kickoff_tui.core.store import Store

EXIT_USER = 1
EXIT_USAGE = 2


class UserError(click.ClickException):
    """A mistake the user can fix: shown as one line."""


def fail(message: str) -> NoReturn:
    """Stop with a one-line error."""
    raise UserError(message)


def _store(ctx: click.Context) -> Store:
    """The store named by --db / KICKOFF_DB, or the default one."""
    from kickoff_tui.core.store import Store, StoreError

    obj = ctx.find_root().obj
    if "store" not in obj:
        try:
            obj["store"] = Store(obj["db"])
        except StoreError as error:
            fail(str(error))
    return obj["store"]


def _checked_db(raw: str | Path) -> Path:
    """The store's main file, or one line saying why the path is not a Kickoff store.

    Checked before anything else runs, and without creating, renaming or chmodding anything
    (the check only reads; it loads no heavy module).
    """
    from kickoff_tui.core.store.marker import NotAStore, check_db_path

    try:
        return check_db_path(raw)
    except NotAStore as error:
        fail(str(error))


def _warn(store: Store) -> None:
    for warning in store.warnings:
        click.echo(f"kickoff: warning: {warning}", err=True)
    store.warnings.clear()


def _load(ctx: click.Context, ref: str) -> Session:
    """Load a session by id, id prefix or ``latest``, or stop with a clear line."""
    from kickoff_tui.core.store import StoreError

    store = _store(ctx)
    try:
        session = store.load(store.resolve(ref))
    except StoreError as error:
        fail(str(error))
    _warn(store)
    return session


def _out_dir(ctx: click.Context, out: Path | None) -> Path:
    root = ctx.find_root().obj
    folder = out or root.get("out")
    if folder:
        return Path(folder)
    try:
        return Path.cwd()
    except OSError:
        fail("the current folder no longer exists (was it deleted?); "
             "cd to another folder or use --out DIR")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db", type=click.Path(), envvar="KICKOFF_DB",
              help="The store's main file (default: in your user data folder). Env: KICKOFF_DB.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the wrap-up files (default: the current folder).")
@click.version_option(__version__, "--version", prog_name="kickoff", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, db: str | None, out: Path | None) -> None:
    """Run a pre-project kick-off call: agenda with time boxes, one-line capture, minutes.

    With no command, opens the home screen: start a new session, resume, browse past ones.
    """
    from kickoff_tui.core.paths import default_db_path

    ctx.ensure_object(dict)
    ctx.obj["db"] = _checked_db(default_db_path() if db is None else db)
    ctx.obj["out"] = out
    if ctx.invoked_subcommand is None:
        _run_ui(ctx, None)


def _run_ui(ctx: click.Context, launch: Any) -> None:
    """Open the UI; afterwards say where the session is and how to resume it."""
    from kickoff_tui.tui.app import Launch
    from kickoff_tui.tui.run import run_ui

    launch = launch or Launch()
    launch.out_dir = _out_dir(ctx, None)
    root = ctx.find_root().obj
    # One Store per process: reuse the one `resume` opened; else the app opens it lazily.
    code = run_ui(root.get("store") or Path(root["db"]), launch)
    if code:
        sys.exit(code)


@cli.command()
@click.argument("title")
@click.option("--project", default=None, help="Project name (a follow-up: the source's).")
@click.option("--template", "template_ref", default=None, metavar="NAME|FILE",
              help="Agenda template: a name from `kickoff templates`, or a TOML file.")
@click.option("--duration", type=click.FloatRange(min=1, max=24 * 60), metavar="MIN",
              help="Meeting length in minutes; the time boxes are scaled to fit.")
@click.option("--attendee", "attendees", multiple=True, metavar='"Name, Role"',
              help='An attendee (repeat the option for each): "Name, Role, Organisation", '
                   'the name optionally with an address: "Dana Scully <dana@acme.example>".')
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the wrap-up files (default: the current folder).")
@click.option("--from", "source_ref", default=None, metavar="ID|latest",
              help="Follow up that session: its open items are carried into a review section.")
@click.pass_context
def new(ctx: click.Context, title: str, project: str | None, template_ref: str | None,
        duration: float | None, attendees: tuple[str, ...], out: Path | None,
        source_ref: str | None) -> None:
    """Start a new session and open its agenda (--from ID: a follow-up of that session)."""
    from kickoff_tui.core.agenda import TemplateError, find_template, new_session
    from kickoff_tui.tui.app import Launch

    if not title.strip():
        fail("the title is empty")
    try:
        if source_ref is not None:
            session = _followup(ctx, source_ref, title, project, template_ref, duration,
                                attendees)
        else:
            session = new_session(title.strip(), project=project or "",
                                  template=find_template(template_ref), duration=duration,
                                  attendees=attendees)
    except (TemplateError, ValueError) as error:
        fail(str(error))
    if out:
        ctx.find_root().obj["out"] = out
    _run_ui(ctx, Launch(new_session=session))


@cli.command()
@click.argument("ref", default="latest", metavar="[ID|latest]")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the wrap-up files (default: the current folder).")
@click.pass_context
def resume(ctx: click.Context, ref: str, out: Path | None) -> None:
    """Reopen a session where it was left: section, clock and everything captured."""
    from kickoff_tui.tui.app import Launch

    session_id = _load(ctx, ref).id  # fail here, in one line, rather than inside the UI
    if out:
        ctx.find_root().obj["out"] = out
    _run_ui(ctx, Launch(resume_id=session_id))


@cli.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    """List stored sessions, newest first."""
    from kickoff_tui.core.safetext import visible
    from kickoff_tui.core.store.quick import quick_listing

    # An up-to-date index is read with plain json (no pydantic: fast over SSH); anything
    # to re-read, repair or report goes through the store.
    quick = quick_listing(ctx.find_root().obj["db"])
    rows_json: list[dict[str, Any]]
    listed: list[tuple[str, datetime, str, int, str, str]]
    if quick is not None:
        path, found = quick
        rows_json = [row.as_json() for row in found]
        listed = [(str(row.fields["id"]), row.created, str(row.fields["status"]),
                   int(row.fields["items"]), str(row.fields["title"]),
                   str(row.fields["project"])) for row in found]
    else:
        store = _store(ctx)
        sessions = store.list_sessions()
        _warn(store)
        path = store.path
        rows_json = [s.model_dump(mode="json") for s in sessions]
        listed = [(s.id, s.created, s.status.value, s.items, s.title, s.project)
                  for s in sessions]
    if as_json:
        click.echo(json.dumps(rows_json, indent=2))
        return
    if not listed:
        click.echo(f'No sessions yet in {path}. Start one with: kickoff new "TITLE"')
        return
    rows = [("ID", "DATE", "STATUS", "ITEMS", "TITLE")]
    for session_id, created_at, status, items, title_text, project in listed:
        # Titles come from files (another seat, a received file): never raw to the terminal.
        title = visible(title_text) + (f" · {visible(project)}" if project else "")
        created = f"{created_at.astimezone():%Y-%m-%d %H:%M}"
        rows.append((visible(session_id), created, status, str(items), title))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:4])]
        click.echo("  ".join([*cells, row[4]]))


@cli.command()
@click.argument("ref", metavar="ID|latest")
@click.option("--format", "fmt",
              type=click.Choice(["md", "txt", "html", "json", "csv", "eml"]),
              default="md", show_default=True,
              help="Minutes format (eml: an e-mail draft to the attendees with addresses).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (csv: STEM-actions.csv and STEM-raid.csv beside it)."
                   " Default (or -): standard output.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option("--include-private", is_flag=True,
              help="json only: keep private notes (they are left out of everything else).")
@click.pass_context
def export(ctx: click.Context, ref: str, fmt: str, output: Path | None, force: bool,
           include_private: bool) -> None:
    """Export a session's minutes (or the whole session as JSON).

    Private notes and deleted items never leave the store, except private notes with
    --format json --include-private.
    """
    from kickoff_tui.core import minutes
    from kickoff_tui.core.export import csv_paths, export_files, shareable

    if include_private and fmt != "json":
        fail("--include-private goes with --format json only (the minutes never show "
             "private notes)")
    session = _load(ctx, ref)
    if output is not None and str(output) == "-":
        output = None  # the usual convention: "-" is standard output
    if output is None:
        text = minutes.render(shareable(session, include_private=include_private), fmt)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        if fmt == "csv":
            click.echo("kickoff: note: standard output holds the action items; use -o FILE to "
                       "get the RAID log too (STEM-actions.csv and STEM-raid.csv)", err=True)
        return
    targets = csv_paths(output) if fmt == "csv" else (output,)
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        verb = "exist" if len(existing) > 1 else "exists"
        fail(f"{', '.join(existing)} {verb} already (use --force to overwrite, or another -o)")
    try:
        written = export_files(session, fmt, output, include_private=include_private)
    except OSError as error:
        fail(f"could not write {output}: {error.strerror or error}")
    for path in written:
        click.echo(f"Wrote {path}")


@cli.command()
@click.argument("ref", metavar="ID|latest")
@click.option("--format", "fmt", type=click.Choice(["md", "txt"]), default="md",
              show_default=True, help="Markdown for wikis and chat, plain text for email.")
@click.pass_context
def copy(ctx: click.Context, ref: str, fmt: str) -> None:
    """Copy a session's minutes to the clipboard (and always save them to a file).

    Running it again replaces the file it wrote for the session (if unchanged since) rather
    than adding a -2 copy. Exits 1 when the minutes reached neither a clipboard nor a file.
    """
    from kickoff_tui.core import minutes
    from kickoff_tui.core.clipboard import copy_text, osc52_to_tty
    from kickoff_tui.core.export import ExportError, WrittenFiles, own_target

    out_dir = _out_dir(ctx, None)
    session = _load(ctx, ref)
    text = minutes.render(session, fmt)
    registry = WrittenFiles()
    target: Path | None
    try:
        target = own_target(out_dir, session, fmt, date.today(), registry)
    except ExportError as error:
        target, problem = None, str(error)
    else:
        problem = ""
    replace = target is not None and target.exists()
    result = copy_text(text, file=target, osc52=osc52_to_tty(), replace=replace)
    if result.file is not None:
        registry.record({result.file: text}, session.id)
    if not result.reached:
        why = f" ({problem})" if problem else ""
        fail(f"{result.message()}{why}")
    click.echo(result.message())


def _followup(ctx: click.Context, source_ref: str, title: str, project: str | None,
              template_ref: str | None, duration: float | None,
              attendees: tuple[str, ...]) -> Session:
    """The follow-up of a stored session: its open items carried, its attendees invited.

    Raises:
        TemplateError, ValueError: a bad template, title, duration or attendee.
    """
    from kickoff_tui.core.agenda import find_template
    from kickoff_tui.core.store import StoreError
    from kickoff_tui.core.tracking import build_followup, latest_meeting

    store = _store(ctx)
    if source_ref.strip().lower() == "latest":
        # The last meeting held, not the last one touched: a `kickoff done` updates the
        # kick-off, and its follow-up must still be followed up next.
        source_ref = latest_meeting(store) or source_ref
    source_id = _load(ctx, source_ref).id  # one clear line if it is not there
    template = find_template(template_ref) if template_ref is not None else None
    try:
        session = build_followup(store, source_id, title, project=project, duration=duration,
                                 sections=template.sections if template else None,
                                 template_name=template.name if template else None,
                                 attendees=attendees)
    except StoreError as error:
        fail(str(error))
    _warn(store)
    return session


def _visible(text: str) -> str:
    """Text from the store, control and escape characters made visible."""
    from kickoff_tui.core.safetext import visible

    return visible(text)


@cli.command()
@click.option("--owner", "owner", default=None, metavar="NAME",
              help="Only this owner's items (matched like @name: first, last, prefix).")
@click.option("--all", "show_all", is_flag=True, help="Done and cancelled items too.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def actions(ctx: click.Context, owner: str | None, show_all: bool, as_json: bool) -> None:
    """Open action items of every session: overdue first, then by due date."""
    from kickoff_tui.core.actionlist import action_listing
    from kickoff_tui.core.store.quick import quick_open_actions

    today = date.today()
    # Open items of an up-to-date index are read with plain json (no pydantic: fast over
    # SSH); closed items, and anything to re-read, repair or report, go through the store.
    rows = None if show_all else quick_open_actions(ctx.find_root().obj["db"])
    store = None
    if rows is None:
        from kickoff_tui.core import tracking

        store = _store(ctx)
        rows = tracking.stored_actions(store, include_closed=show_all)
    listing = action_listing(rows, today, owner=owner, show_all=show_all, as_json=as_json)
    if listing.note is not None:
        click.echo(f"kickoff: note: {listing.note}", err=True)
    if store is not None:
        _warn(store)
    click.echo("\n".join(listing.lines))  # one write: hundreds of rows, one flush


@cli.command()
@click.argument("items", nargs=-1, required=True, metavar="ITEM...")
@click.pass_context
def done(ctx: click.Context, items: tuple[str, ...]) -> None:
    """Mark action items done (an id may be shortened to a unique prefix)."""
    from kickoff_tui.core import tracking
    from kickoff_tui.core.meeting import default_seat
    from kickoff_tui.core.store import StoreError

    store = _store(ctx)
    try:
        marked = tracking.mark_done(store, items, seat=default_seat())
    except (tracking.TrackingError, StoreError) as error:
        fail(str(error))
    _warn(store)
    for result in marked:
        click.echo(_visible(result.message()))


@cli.command()
@click.argument("ref", default="latest", metavar="[ID|latest]")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but localhost opens the meeting to the network.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the wrap-up files of browser seats (default: the current folder).")
@click.pass_context
def serve(ctx: click.Context, ref: str, host: str, port: int, out: Path | None) -> None:
    """Serve a session to browsers: every tab is a seat, behind a URL with a secret token."""
    try:
        from kickoff_tui.serve import serve as run_server
    except ImportError as error:
        fail(f"serving to browsers needs textual-serve ({error.name} is missing): "
             "pip install textual-serve")
    session = _load(ctx, ref)
    root = ctx.find_root().obj
    try:
        run_server(Path(root["db"]).absolute(), session.id, session.title, host=host, port=port,
                   out_dir=_out_dir(ctx, out).absolute(), say=click.echo)
    except OSError as error:
        fail(f"cannot listen on {host}:{port}: {error.strerror or error}")


@cli.command()
@click.option("--init", "init", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write an editable copy of the built-in template to FILE.")
def templates(init: Path | None) -> None:
    """List agenda templates, or write an editable copy of the built-in one."""
    from kickoff_tui.core.agenda import TemplateError, list_templates, write_template_copy
    from kickoff_tui.core.paths import templates_dir
    from kickoff_tui.core.safetext import visible

    if init is not None:
        try:
            path = write_template_copy(init)
        except TemplateError as error:
            fail(str(error))
        click.echo(f"Wrote {path}. Edit it, then: kickoff new \"TITLE\" --template {path}")
        click.echo(f"(Put it in {templates_dir()} to use it by name.)")
        return
    for template, source, problem in list_templates():
        # A shared template is text from a file: its control characters are shown, not run.
        if template is None:
            click.echo(f"  (broken) {visible(source)}: {visible(problem)}")
            continue
        click.echo(f"{visible(template.name):<16} {template.total_minutes:>5g} min  "
                   f"{len(template.sections)} sections  {visible(source)}")
        if template.description:
            click.echo(f"{'':<16} {visible(template.description)}")
    click.echo(f"User templates are read from {templates_dir()}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning every user error into one line on stderr."""
    from kickoff_tui.core.safetext import visible

    try:
        cli.main(args=argv, prog_name="kickoff", standalone_mode=False, obj={})
    except click.exceptions.Abort:
        click.echo("kickoff: aborted", err=True)
        sys.exit(EXIT_USER)
    except click.UsageError as error:
        command = error.ctx.command_path.removeprefix("kickoff").strip() if error.ctx else ""
        where = f"kickoff {command} --help" if command else "kickoff --help"
        click.echo(f"kickoff: {error.format_message()} (see {where})", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as error:
        # Messages quote titles and file names: text from files, shown, never run.
        click.echo(f"kickoff: {visible(error.format_message())}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 - a bug must not print a wall of traceback
        if os.environ.get("KICKOFF_DEBUG"):
            raise
        from kickoff_tui.core.crashlog import EXIT_CRASH, internal_error_line

        # The details (no local variables) in a private log, not on the screen.
        click.echo(internal_error_line(error), err=True)
        sys.exit(EXIT_CRASH)
