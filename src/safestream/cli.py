"""The ``safestream`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
import uvicorn

from safestream import __version__
from safestream.api.app import create_app
from safestream.api.keys import ScopeError, create_key, has_keys, list_keys, revoke_key
from safestream.cli_options import DB_OPTION
from safestream.config import Settings
from safestream.detect.hashing.cli import bank, hash_command, match_command
from safestream.evaluation import eval_command
from safestream.pipeline import ProcessedEvent
from safestream.policy.delivery import requeue_dead
from safestream.policy.engine import PolicyEngine
from safestream.policy.rules import check_rules_file, load_rules
from safestream.review.audit import record
from safestream.scan import event_json, write_events_table, write_table
from safestream.scan import scan as run_scan
from safestream.service import Service
from safestream.store.db import Store


@click.group()
@click.version_option(__version__, prog_name="safestream")
def main() -> None:
    """SafeStream: child-safety detection and response for live streams and chats."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@DB_OPTION
@click.option(
    "--bootstrap-key/--no-bootstrap-key",
    default=True,
    show_default=True,
    help="On a store with no API keys, create an admin key and print it once.",
)
def serve(host: str, port: int, db_url: str | None, bootstrap_key: bool) -> None:
    """Start the HTTP API with its processing and webhook workers."""

    settings = Settings.from_env(db_url)
    service = Service(settings)
    if bootstrap_key:
        with service.store.session() as session, session.begin():
            if not has_keys(session):
                key = create_key(session, "bootstrap-admin", ["admin"], actor="serve")
                click.echo(f"Created an admin API key (shown once, store it safely): {key}")
                click.echo("Give platforms narrower keys: safestream keys create --scope ingest")
    if settings.webhook_url is None:
        click.echo("No SAFESTREAM_WEBHOOK_URL set: actions are kept in the outbox, not delivered.")
    url = f"http://{host}:{port}"
    click.echo(f"SafeStream {__version__} listening on {url} (OpenAPI: {url}/openapi.json)")
    click.echo(f"Store: {service.store.engine.url.render_as_string(hide_password=True)}")
    uvicorn.run(create_app(service), host=host, port=port, log_level="info")


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--events", "per_event", is_flag=True, help="Report each event instead of each subject."
)
@DB_OPTION
@click.option(
    "--rules",
    "rule_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Rule files to use instead of the default pack.",
)
def scan(
    files: tuple[Path, ...],
    as_json: bool,
    per_event: bool,
    db_url: str | None,
    rule_files: tuple[Path, ...],
) -> None:
    """Replay JSONL event files through the full pipeline and report risk."""

    policy = PolicyEngine([load_rules(p) for p in rule_files]) if rule_files else None

    def stream_event(processed: ProcessedEvent) -> None:
        click.echo(json.dumps(event_json(processed)))

    report = run_scan(
        list(files),
        db_url=db_url,
        policy=policy,
        on_event=stream_event if per_event and as_json else None,
    )
    if per_event and not as_json:
        write_events_table(report.events, sys.stdout)
    elif not per_event and as_json:
        for subject in report.subjects:
            click.echo(json.dumps(subject))
    elif not per_event:
        write_table(report, sys.stdout)
    for problem in report.problems:
        click.echo(f"rejected {problem}", err=True)
    if report.problems or report.duplicates:
        click.echo(
            f"{len(report.events)} events processed, {len(report.problems)} rejected, "
            f"{report.duplicates} duplicates ignored",
            err=True,
        )


@main.group()
def keys() -> None:
    """Manage API keys (only their digests are stored)."""


@keys.command("create")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    help="ingest, read or admin; repeat or comma-separate.",
)
@click.option("--name", default="platform", show_default=True, help="Who the key is for.")
@DB_OPTION
def keys_create(scopes: tuple[str, ...], name: str, db_url: str | None) -> None:
    """Create a key and print it (the only time it is shown)."""

    store = Store(Settings.from_env(db_url).db_url)
    try:
        with store.session() as session, session.begin():
            key = create_key(session, name, scopes)
    except ScopeError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        store.close()
    click.echo(key)


@keys.command("list")
@DB_OPTION
def keys_list(db_url: str | None) -> None:
    """List keys: id, name, scopes, created, revoked."""

    store = Store(Settings.from_env(db_url).db_url)
    with store.session() as session:
        for row in list_keys(session):
            revoked = row.revoked_at.isoformat() if row.revoked_at else "-"
            click.echo(
                f"{row.id}  {row.name:<20} {row.scopes:<20} {row.created_at.isoformat()}  {revoked}"
            )
    store.close()


@keys.command("revoke")
@click.argument("key_id")
@DB_OPTION
def keys_revoke(key_id: str, db_url: str | None) -> None:
    """Revoke a key by its id."""

    store = Store(Settings.from_env(db_url).db_url)
    with store.session() as session, session.begin():
        done = revoke_key(session, key_id)
    store.close()
    if not done:
        raise click.ClickException(f"no active key {key_id!r}")
    click.echo(f"revoked {key_id}")


@main.group()
def rules() -> None:
    """Policy rule files."""


@rules.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def rules_check(files: tuple[Path, ...]) -> None:
    """Validate rule files; print line-numbered errors and exit 1 if any."""

    failed = False
    for path in files:
        errors = check_rules_file(path)
        for error in errors:
            click.echo(str(error), err=True)
        failed = failed or bool(errors)
        if not errors:
            click.echo(f"{path}: ok")
    if failed:
        sys.exit(1)


@main.command()
@DB_OPTION
def migrate(db_url: str | None) -> None:
    """Create or upgrade the store's schema."""

    store = Store(Settings.from_env(db_url).db_url)
    click.echo(
        f"store at the newest schema: {store.engine.url.render_as_string(hide_password=True)}"
    )
    store.close()


@main.group()
def outbox() -> None:
    """Webhook outbox: inspect and requeue dead-lettered actions."""


@outbox.command("requeue")
@click.argument("action_ids", nargs=-1, type=int)
@DB_OPTION
def outbox_requeue(action_ids: tuple[int, ...], db_url: str | None) -> None:
    """Put dead-lettered actions (all, or the given ids) back in the delivery queue."""

    store = Store(Settings.from_env(db_url).db_url)
    count = requeue_dead(store, list(action_ids) or None)
    with store.session() as session, session.begin():
        record(
            session, "cli", "outbox.requeue", "actions", {"ids": list(action_ids), "count": count}
        )
    store.close()
    click.echo(f"requeued {count} action(s)")


main.add_command(eval_command)
main.add_command(hash_command)
main.add_command(bank)
main.add_command(match_command)

if __name__ == "__main__":
    main()
