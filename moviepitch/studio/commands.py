"""The studio's operator commands: `flask usage` and `flask finetune export|start|status|cancel`."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from ..services import services
from . import dataset, tuning
from .usage import GROUPINGS, format_report, usage_report


def _store():
    """The store, or a one-line error when the database's schema does not fit this code."""
    mp = services()
    problem = mp.schema.problem() if mp.schema is not None else None
    if problem:
        raise click.ClickException(problem)
    return mp.store


@click.command("usage")
@with_appcontext
@click.option(
    "--days",
    type=click.IntRange(1, 3660),
    default=7,
    show_default=True,
    help="How many days back, today included (UTC).",
)
@click.option(
    "--by",
    "by",
    type=click.Choice(GROUPINGS),
    default="model",
    show_default=True,
    help="One line per model or per day.",
)
def usage_command(days: int, by: str) -> None:
    """Tokens, images and cost of every model call, as a table."""
    rows = usage_report(_store(), days, by)
    if not rows:
        click.echo(f"No model calls in the last {days} day{'s' if days != 1 else ''}.")
        return
    click.echo(format_report(rows, by))
    if current_app.config.get("PRICES") is None:
        click.echo("No prices are configured (MOVIEPITCH_PRICES), so no cost is shown.")
    elif any(row.unpriced for row in rows):
        click.echo("A cost ending in + leaves out calls to models the price table does not price.")


finetune_group = AppGroup("finetune", help="Fine-tune a model on your pitches' synopses.")


def _client():
    try:
        return tuning.make_client(current_app.config)
    except tuning.TuningError as exc:
        raise click.ClickException(str(exc)) from exc


@finetune_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--liked-only", is_flag=True, help="Only pitches someone liked.")
@click.option("--min-likes", type=click.IntRange(0), default=0, help="Only pitches liked at least this often.")
@click.option(
    "--include-unlisted",
    is_flag=True,
    help="Also finished pitches their owners did not publish (by default only published ones).",
)
def export_command(file: str, liked_only: bool, min_likes: int, include_unlisted: bool) -> None:
    """Write FILE: chat-format JSONL, one example a line (the synopsis step's prompt, the idea, the synopsis)."""
    try:
        report = dataset.export(
            _store(), file, liked_only=liked_only, min_likes=min_likes, include_unlisted=include_unlisted
        )
    except OSError as exc:
        raise click.ClickException(f"Could not write {file}: {exc.strerror or exc}.") from exc
    click.echo(f"Wrote {report.written} example{'s' if report.written != 1 else ''} to {file}.")
    for reason, count in sorted(report.left_out.items()):
        click.echo(f"  left out {count}: {reason}")
    check = dataset.check_file(file)
    click.echo(
        f"About {check.tokens:,} training tokens per epoch (estimated at {dataset.BYTES_PER_TOKEN} bytes a "
        "token; the job reports the exact count)."
    )
    if not check.ok:
        raise click.ClickException(f"{file} is not ready for fine-tuning: {'; '.join(check.problems)}.")
    click.echo(f"Ready: flask --app moviepitch finetune start {file} --model gpt-4.1-mini-2025-04-14")


@finetune_group.command("start")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--model", required=True, help="The base model to tune, e.g. gpt-4.1-mini-2025-04-14.")
@click.option("--suffix", default=None, help="Up to 64 characters added to the tuned model's name.")
def start_command(file: str, model: str, suffix: str | None) -> None:
    """Upload FILE (purpose fine-tune) and start a supervised fine-tuning job on MODEL."""
    check = dataset.check_file(file)
    if not check.ok:
        raise click.ClickException(f"{file} is not ready for fine-tuning: {'; '.join(check.problems)}.")
    try:
        job = tuning.start(_client(), file, model, suffix)
    except tuning.TuningError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Started {job.id} on {job.model} ({job.status}), training on {job.training_file}.")
    click.echo(f"Watch it: flask --app moviepitch finetune status {job.id} --watch")


def _when(seconds: int | None) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC") if seconds else "-"


def _show_job(job) -> None:
    click.echo(f"{job.id}  {job.status}  base {job.model}  created {_when(job.created_at)}")
    if job.trained_tokens:
        click.echo(f"  trained tokens: {job.trained_tokens:,}")
    if job.error is not None and job.error.message:
        click.echo(f"  error: {job.error.message}")
    if job.fine_tuned_model:
        click.echo(f"  fine-tuned model: {job.fine_tuned_model}")
        click.echo(f"  put it on the synopsis step: MOVIEPITCH_SYNOPSIS_MODEL={job.fine_tuned_model}")


def _show_events(events) -> None:
    for event in events:
        stamp = datetime.fromtimestamp(event.created_at, UTC).strftime("%H:%M:%S")
        click.echo(f"  {stamp}  {event.level:<5}  {event.message}")


@finetune_group.command("status")
@click.argument("job_id", metavar="[JOB]", required=False)
@click.option("--watch", is_flag=True, help="Keep reading the job until it has finished.")
@click.option(
    "--interval", type=click.FloatRange(0), default=30.0, show_default=True, help="Seconds between reads with --watch."
)
def status_command(job_id: str | None, watch: bool, interval: float) -> None:
    """Show a job's state and events; with no JOB, the recent jobs."""
    client = _client()
    try:
        if job_id is None:
            jobs = tuning.recent(client)
            if not jobs:
                click.echo("No fine-tuning jobs yet.")
            for job in jobs:
                tuned = f" -> {job.fine_tuned_model}" if job.fine_tuned_model else ""
                click.echo(f"{job.id}  {job.status:<16}  {job.model}{tuned}  {_when(job.created_at)}")
            return
        seen: set[str] = set()
        reads = 0
        while True:
            current = tuning.state(client, job_id)
            if not reads:
                _show_job(current.job)
                click.echo("Events:")
            reads += 1
            fresh = [event for event in current.events if event.id not in seen]
            _show_events(fresh)
            seen.update(event.id for event in fresh)
            if not watch or current.job.status in tuning.FINISHED:
                break
            time.sleep(interval)
        if reads > 1:
            _show_job(current.job)  # where the watch ended
    except tuning.TuningError as exc:
        raise click.ClickException(str(exc)) from exc


@finetune_group.command("cancel")
@click.argument("job_id", metavar="JOB")
def cancel_command(job_id: str) -> None:
    """Cancel a job that has not finished."""
    try:
        job = tuning.cancel(_client(), job_id)
    except tuning.TuningError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{job.id} is {job.status}.")


def register_studio_commands(app: Flask) -> None:
    """Attach `usage` and `finetune` to `flask`."""
    app.cli.add_command(usage_command)
    app.cli.add_command(finetune_group)
