"""notifications: templates marked personal (with a fallback body), and who consented to
be named in messages

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("recipients", sa.Column("named_allowed", sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
    for table in ("templates", "template_history"):
        op.add_column(table, sa.Column("personal", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
        op.add_column(table, sa.Column("fallback", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("templates", "template_history"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("fallback")
            batch.drop_column("personal")
    with op.batch_alter_table("recipients") as batch:
        batch.drop_column("named_allowed")
