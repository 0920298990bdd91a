"""Options shared by every ``safestream`` command group, defined once."""

from __future__ import annotations

import click

DB_OPTION = click.option(
    "--db",
    "db_url",
    default=None,
    help="Store URL (default: SAFESTREAM_DB or ./data/safestream.db).",
)
