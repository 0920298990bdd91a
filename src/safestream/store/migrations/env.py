"""Alembic environment: runs on the engine SafeStream hands over, never on a URL in a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from safestream.store.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through safestream.store.migrate(engine)")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
