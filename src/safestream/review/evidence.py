"""Evidence preserved for moderators and hotlines, encrypted at rest.

Fernet (AES-CBC with HMAC-SHA256, from ``cryptography``) seals each bundle; the key lives
outside the database (``SAFESTREAM_EVIDENCE_KEY`` or a 0600 key file), so a copied database
alone discloses nothing. Every read goes through :func:`open_evidence`, which audits it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select
from sqlalchemy.orm import Session

from safestream.frames import load_buffered
from safestream.review.audit import record
from safestream.store.models import EventRow, EvidenceRow

KEY_ENV = "SAFESTREAM_EVIDENCE_KEY"
MAX_EVENTS_PER_BUNDLE = 1_000


class EvidenceError(RuntimeError):
    pass


class EvidenceVault:
    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)
        self.key_id = hashlib.sha256(key).hexdigest()[:16]

    @classmethod
    def ephemeral(cls) -> EvidenceVault:
        """A vault whose key dies with the process: for throwaway stores such as ``scan``."""
        return cls(Fernet.generate_key())

    @classmethod
    def from_env_or_file(cls, key_file: Path) -> EvidenceVault:
        """Use ``SAFESTREAM_EVIDENCE_KEY``; else read, or create with mode 0600, ``key_file``."""
        env_key = os.environ.get(KEY_ENV)
        if env_key:
            return cls(env_key.encode())
        if key_file.exists():
            return cls(key_file.read_bytes().strip())
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key = Fernet.generate_key()
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
        return cls(key)

    def seal(self, bundle: dict[str, Any]) -> bytes:
        return self.seal_bytes(json.dumps(bundle, sort_keys=True).encode())

    def unseal(self, token: bytes) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.unseal_bytes(token))
        return data

    def seal_bytes(self, data: bytes) -> bytes:
        return self._fernet.encrypt(data)

    def unseal_bytes(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            raise EvidenceError("evidence cannot be decrypted with this key") from None


def preserve(
    session: Session,
    vault: EvidenceVault,
    *,
    subject_kind: str,
    subject_id: str,
    extra_event_ids: list[str],
    reasons: list[dict[str, Any]],
    now: datetime,
) -> EvidenceRow:
    """Seal the subject's recent events and the events behind its reasons into one bundle."""
    rows = list(
        session.scalars(
            select(EventRow)
            .where(EventRow.subject_id == subject_id)
            .order_by(EventRow.seq.desc())
            .limit(MAX_EVENTS_PER_BUNDLE)
        )
    )
    have = {r.id for r in rows}
    missing = [i for i in extra_event_ids if i not in have]
    if missing:
        rows.extend(session.scalars(select(EventRow).where(EventRow.id.in_(missing))))
    rows.sort(key=lambda r: r.seq)
    bundle = {
        "subject": {"kind": subject_kind, "id": subject_id},
        "preserved_at": now.isoformat(),
        "reasons": reasons,
        "events": [json.loads(r.payload) for r in rows],
        "frames": _buffered_frames(session, vault, [r.id for r in rows if r.type == "frame"]),
    }
    row = EvidenceRow(
        subject_kind=subject_kind,
        subject_id=subject_id,
        event_ids=[r.id for r in rows],
        ciphertext=vault.seal(bundle),
        key_id=vault.key_id,
        created_at=now,
    )
    session.add(row)
    return row


def _buffered_frames(
    session: Session, vault: EvidenceVault, event_ids: list[str]
) -> dict[str, str]:
    """Pictures of the bundle's frames still in the frame buffer, base64: the only copy kept."""
    pictures = load_buffered(session, vault, event_ids)
    return {event_id: base64.b64encode(data).decode() for event_id, data in pictures.items()}


def open_evidence(
    session: Session, vault: EvidenceVault, evidence_id: int, actor: str
) -> dict[str, Any]:
    """Decrypt one bundle and audit who read it (the audit entry commits with the caller)."""
    row = session.get(EvidenceRow, evidence_id)
    if row is None:
        raise EvidenceError(f"no evidence with id {evidence_id}")
    if row.key_id != vault.key_id:
        raise EvidenceError(f"evidence {evidence_id} was sealed with another key ({row.key_id})")
    record(session, actor, "evidence.read", f"evidence:{evidence_id}")
    return vault.unseal(row.ciphertext)
