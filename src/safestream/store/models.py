"""Tables of the SafeStream store; the Alembic migrations create exactly these."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

# SQLite only auto-increments INTEGER PRIMARY KEY columns; PostgreSQL gets 64-bit ids.
SeqId = BigInteger().with_variant(Integer(), "sqlite")
Json = JSON()


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes on every engine: SQLite hands back naive ones otherwise."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use UTC-aware datetimes")
        # SQLite keeps wall-clock text: store every instant in UTC so comparisons hold.
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: Json, list[Any]: Json, datetime: UTCDateTime()}  # noqa: RUF012


class EventRow(Base):
    """The event log: every accepted event, in arrival order (``seq``)."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[str] = mapped_column(String(200), index=True)
    ts: Mapped[datetime] = mapped_column(UTCDateTime())
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_events_unprocessed", "processed_at", "seq"),)


class SignalRow(Base):
    __tablename__ = "signals"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(200), index=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float)
    detector: Mapped[str] = mapped_column(String(100))
    version: Mapped[str] = mapped_column(String(40))
    evidence: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_signals_subject", "subject_kind", "subject_id"),)


class SubjectRow(Base):
    """Risk state of one stream, conversation or account."""

    __tablename__ = "subjects"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    level: Mapped[str] = mapped_column(String(10))
    score: Mapped[float] = mapped_column(Float)
    first_alert_event_id: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[dict[str, Any]]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AccountRow(Base):
    """Facts the platform told us about an account (``account.profile``)."""

    __tablename__ = "accounts"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    declared_age: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    age_assurance: Mapped[dict[str, Any] | None]
    display_name: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CaseRow(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    priority: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(10))
    reasons: Mapped[list[Any]]
    flags: Mapped[list[Any]]
    opened_event_id: Mapped[str] = mapped_column(String(200))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_cases_subject", "subject_kind", "subject_id"),)


class ActionRow(Base):
    """The outbox: every action a policy asked for, until the platform has it."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    rule_id: Mapped[str] = mapped_column(String(100))
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[str] = mapped_column(String(200))
    params: Mapped[dict[str, Any]]
    shadow: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_actions_due", "status", "next_attempt_at"),
        Index("ix_actions_subject", "subject_kind", "subject_id"),
    )


class EvidenceRow(Base):
    """Preserved evidence: the subject's events, encrypted at rest."""

    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[str] = mapped_column(String(200))
    event_ids: Mapped[list[Any]]
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_evidence_subject", "subject_kind", "subject_id"),)


class ApiKeyRow(Base):
    """API keys; only a SHA-256 digest of the secret part is kept."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AuditRow(Base):
    """Append-only record of who did what: keys, evidence access, decisions, rule changes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    ts: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    target: Mapped[str] = mapped_column(String(400))
    details: Mapped[dict[str, Any]]


class HashBankRow(Base):
    """A list of known perceptual hashes from a hotline or partner, or of known false positives."""

    __tablename__ = "hash_banks"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    enabled: Mapped[bool] = mapped_column(Boolean)
    threshold: Mapped[int] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class BankEntryRow(Base):
    """One hash in a bank; a hash appears once per bank, a content id too when given."""

    __tablename__ = "bank_entries"

    id: Mapped[int] = mapped_column(SeqId, primary_key=True, autoincrement=True)
    bank_id: Mapped[int] = mapped_column(SeqId, ForeignKey("hash_banks.id", ondelete="CASCADE"))
    hash: Mapped[str] = mapped_column(String(64))
    content_id: Mapped[str | None] = mapped_column(String(200))
    meta: Mapped[dict[str, Any]]
    added_by: Mapped[str] = mapped_column(String(200))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint("bank_id", "hash"),
        UniqueConstraint("bank_id", "content_id"),
    )


class FrameBufferRow(Base):
    """A frame's picture, encrypted, between ingest and processing (see ``safestream.frames``)."""

    __tablename__ = "frame_buffer"

    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


__all__ = [
    "AccountRow",
    "ActionRow",
    "ApiKeyRow",
    "AuditRow",
    "BankEntryRow",
    "Base",
    "CaseRow",
    "EventRow",
    "EvidenceRow",
    "FrameBufferRow",
    "HashBankRow",
    "SignalRow",
    "SubjectRow",
]
