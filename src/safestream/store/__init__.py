"""Persistence: SQLAlchemy models, Alembic migrations and the store handle."""

from safestream.store.db import Store, default_db_url, make_engine, migrate

__all__ = ["Store", "default_db_url", "make_engine", "migrate"]
