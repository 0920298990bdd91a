"""Service settings, from the environment with embedded defaults (no setup needed)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from safestream.store.db import DB_ENV, DEFAULT_DATA_DIR


@dataclass(frozen=True, slots=True)
class Settings:
    """``SAFESTREAM_*`` variables; see the README for each."""

    db_url: str
    data_dir: Path = DEFAULT_DATA_DIR
    webhook_url: str | None = None
    webhook_secret: str | None = None
    rule_files: tuple[Path, ...] = field(default_factory=tuple)

    @classmethod
    def from_env(cls, db_url: str | None = None) -> Settings:
        data_dir = Path(os.environ.get("SAFESTREAM_DATA_DIR", str(DEFAULT_DATA_DIR)))
        url = db_url or os.environ.get(DB_ENV) or f"sqlite:///{data_dir / 'safestream.db'}"
        rules = os.environ.get("SAFESTREAM_RULES", "")
        return cls(
            db_url=url,
            data_dir=data_dir,
            webhook_url=os.environ.get("SAFESTREAM_WEBHOOK_URL") or None,
            webhook_secret=os.environ.get("SAFESTREAM_WEBHOOK_SECRET") or None,
            rule_files=tuple(Path(p) for p in rules.split(os.pathsep) if p),
        )
