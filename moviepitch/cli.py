"""Command-line tools: `flask pitch` makes a pitch in the foreground; `flask db` migrates."""

from __future__ import annotations

import logging
import threading

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import tasks
from .chain.pipeline import run_pitch
from .pitch_text import cast_of
from .providers.base import split_error
from .services import services
from .storage import db
from .storage.budget import OverBudget
from .studio.commands import register_studio_commands
from .vocab import LABELS, Status, StepState
from .web.forms import idea_problem, one_line
from .web.views.present import failure_report

CLI_OWNER = "cli"
# Where `flask run` and `make run` serve, for links printed when no public URL is set.
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


def ready_services():
    """The app's services, or a one-line error when the database's schema does not fit this code."""
    mp = services()
    problem = mp.schema.problem()
    if problem:
        raise click.ClickException(problem)
    return mp


def public_url(path: str) -> str:
    """A link an operator can click: on MOVIEPITCH_PUBLIC_URL, else on the address `flask run` serves."""
    return (current_app.config.get("PUBLIC_URL") or DEFAULT_BASE_URL).rstrip("/") + path


def _progress(step: str, state: str, detail: str) -> None:
    marks = {StepState.RUNNING: "…", StepState.DONE: "✓", StepState.FAILED: "✗", StepState.SKIPPED: "–"}
    message, hint = split_error(detail)
    line = f"  {marks.get(state, ' ')} {LABELS[step]} {state}"
    click.echo(f"{line}: {message}" if message else line, err=state == StepState.FAILED)
    if hint:
        # The CLI's user runs the server: tell them what to change.
        click.echo(f"      {hint}", err=True)


@click.command("pitch")
@with_appcontext
@click.argument("idea")
@click.option("--seed", type=int, default=None, help="Seed for the offline writer (same seed, same pitch).")
def pitch_command(idea: str, seed: int | None) -> None:
    """Make a pitch from IDEA in the foreground and print it.

    Exits 0 when the pitch is done (a missing boss's reply only warns), 1 otherwise.
    """
    idea = one_line(idea)
    problem = idea_problem(idea)
    if problem:
        raise click.BadParameter(problem, param_hint="IDEA")
    mp = ready_services()
    try:
        mp.spend_pitches()  # the same daily budget as the web's pitches
    except OverBudget as exc:
        raise click.ClickException(exc.message) from exc
    slug = mp.save_pitch(idea, CLI_OWNER, seed=seed)
    click.echo(f"Pitching with {mp.provider.name} ({mp.provider.text_model}, {mp.provider.image_model})")
    status = run_pitch(
        mp.store,
        mp.provider,
        slug,
        on_event=_progress,
        budget=mp.budget,
        price=mp.prices.cost if mp.prices else None,
        synopsis_model=mp.synopsis_model,
    )
    pitch = mp.store.view(slug)
    click.echo()
    if pitch.text("title"):
        click.echo(click.style(pitch.text("title"), bold=True))
    for member in cast_of(pitch):
        click.echo(f"  {member['character']} ({member['actor']})")
    click.echo(f"Permalink: {public_url(f'/p/{slug}')}")
    if status != Status.DONE:
        raise click.ClickException(f"the pitch ended {status}: {pitch.error or 'see the steps above'}")
    for failed in failure_report(pitch):  # only the boss's reply can fail in a pitch that is done
        click.echo(
            f"Warning: the pitch is done, but the {failed['label'].lower()} step failed: {failed['message']}", err=True
        )


db_group = AppGroup("db", help="Database migrations.")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    engine = services().store.engine
    before = db.current_revision(engine)
    db.upgrade(engine, revision)
    after = db.current_revision(engine)
    if after == before:
        click.echo(f"Database is up to date (revision {after}); nothing to do.")
    else:
        click.echo(
            f"Database upgraded from {before or 'empty'} to revision {after}"
            f"{' (the newest)' if after == db.head_revision() else ''}."
        )


@db_group.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Revert migrations down to REVISION ("base" empties the database)."""
    db.downgrade(services().store.engine, revision)
    click.echo(f"Database downgraded to {db.current_revision(services().store.engine) or 'empty (no tables)'}.")


@db_group.command("current")
def current_command() -> None:
    """Show the database's revision and the newest one."""
    current, head = db.current_revision(services().store.engine), db.head_revision()
    if current == head:
        click.echo(f"Database is up to date (revision {current}).")
    else:
        click.echo(
            f"Database is at {current or 'empty (no tables)'}; the newest revision is {head}: "
            "run `flask --app moviepitch db upgrade`."
        )


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def revision_command(message: str) -> None:
    """Autogenerate a migration from the models (for developers)."""
    db.make_revision(services().store.engine, message)


# How often a worker looks for pitches left queued (Redis was down when they were made).
RECOVER_EVERY_SECONDS = 30.0


@click.command("worker")
@with_appcontext
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--name", default=None, help="A name for this worker (default: host and pid).")
def worker_command(burst: bool, name: str | None) -> None:
    """Run an RQ worker that makes pitches with this app's settings (needs REDIS_URL)."""
    mp = ready_services()
    if not mp.jobs.shared:
        raise click.ClickException("set REDIS_URL (or MOVIEPITCH_REDIS_URL) to run workers")
    tasks.bind(current_app._get_current_object())
    stop = threading.Event()

    def recover_forever() -> None:
        while True:
            try:
                for slug in mp.recover(older_than=RECOVER_EVERY_SECONDS):
                    click.echo(f"Queued /p/{slug} again")
            except Exception:
                logging.getLogger(__name__).exception("Recovery of queued pitches failed")
            if stop.wait(RECOVER_EVERY_SECONDS):
                return

    threading.Thread(target=recover_forever, name="recover-queued", daemon=True).start()
    try:
        mp.jobs.work(burst=burst, name=name)
    finally:
        stop.set()


pitches_group = AppGroup("pitches", help="Operator tools for published pitches.")


@pitches_group.command("recover")
@click.option("--older-than", default=60.0, show_default=True, help="Seconds a pitch has waited.")
def recover_command(older_than: float) -> None:
    """Queue again the pitches left queued (for example while Redis was down)."""
    slugs = services().recover(older_than=older_than)
    click.echo(f"Queued {len(slugs)} pitch(es) again." if slugs else "Nothing was left queued.")


@pitches_group.command("reported")
def reported_command() -> None:
    """List reported pitches, most reported first."""
    rows = services().store.reported()
    if not rows:
        click.echo("No reports.")
    for slug, idea, count, hidden_at in rows:
        state = "hidden" if hidden_at else "in the gallery"
        click.echo(f"{count:>3} report(s)  /p/{slug}  ({state})  {idea[:60]}")


@pitches_group.command("hide")
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Put it back in the gallery.")
def hide_command(slug: str, undo: bool) -> None:
    """Take a pitch out of the gallery (its link keeps working)."""
    if not services().store.hide(slug, hidden=not undo):
        raise click.ClickException(f"no pitch /p/{slug}")
    click.echo(f"/p/{slug} is {'back in' if undo else 'out of'} the gallery.")


def register_commands(app: Flask) -> None:
    """Attach the commands to `flask`."""
    app.cli.add_command(pitch_command)
    app.cli.add_command(db_group)
    app.cli.add_command(pitches_group)
    app.cli.add_command(worker_command)
    register_studio_commands(app)
