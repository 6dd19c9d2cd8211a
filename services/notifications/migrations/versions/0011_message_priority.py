"""notifications: a message's priority, so a welcome is not sent after a backlog

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30

Messages already queued take their kind's priority (``domain.kinds.priority``: the
welcome and the opt-out confirmation first); the due messages are found by status,
priority and due time.
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

PROMPT = ("welcome", "opt_out_confirmed")  # kinds.PROMPT as it stood at this revision


def upgrade() -> None:
    op.add_column("messages", sa.Column("priority", sa.SmallInteger(), nullable=False,
                                        server_default="1"))
    op.execute(sa.text("UPDATE messages SET priority = 0 WHERE template IN :prompt")
               .bindparams(sa.bindparam("prompt", PROMPT, expanding=True)))
    op.drop_index("ix_messages_due", table_name="messages")
    op.create_index("ix_messages_due", "messages", ["status", "priority", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_due", table_name="messages")
    op.create_index("ix_messages_due", "messages", ["status", "next_attempt_at"])
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("priority")
