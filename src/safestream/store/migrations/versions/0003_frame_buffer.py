"""frame buffer

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frame_buffer",
        sa.Column("event_id", sa.String(length=200), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_frame_buffer")),
    )
    op.create_index(
        op.f("ix_frame_buffer_received_at"), "frame_buffer", ["received_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_frame_buffer_received_at"), table_name="frame_buffer")
    op.drop_table("frame_buffer")
