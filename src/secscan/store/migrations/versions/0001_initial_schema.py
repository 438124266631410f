"""initial schema: projects, scans, vulnerabilities, identifiers, findings, append-only history

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("gitlab_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("report_type", sa.String(length=32), nullable=False),
        sa.Column("report_version", sa.Text(), nullable=False),
        sa.Column("analyzer_id", sa.Text(), nullable=False),
        sa.Column("analyzer_name", sa.Text(), nullable=False),
        sa.Column("analyzer_version", sa.Text(), nullable=False),
        sa.Column("scanner_id", sa.Text(), nullable=False),
        sa.Column("scanner_name", sa.Text(), nullable=False),
        sa.Column("scanner_version", sa.Text(), nullable=False),
        sa.Column("ref", sa.String(length=255), nullable=False),
        sa.Column("commit_sha", sa.String(length=64), nullable=False),
        sa.Column("pipeline_id", sa.String(length=64), nullable=False),
        sa.Column("default_branch", sa.Boolean(), nullable=False),
        sa.Column("start_time", sa.DateTime(), nullable=False),
        sa.Column("end_time", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("report_digest", sa.String(length=64), nullable=False),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("ingested_by", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "report_digest", "ref", "commit_sha", "pipeline_id", name="uq_scans_report"),
    )
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.create_index("ix_scans_project_ref", ["project_id", "ref", "report_type"], unique=False)

    op.create_table(
        "vulnerabilities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("report_type", sa.String(length=32), nullable=False),
        sa.Column("scanner_id", sa.Text(), nullable=False),
        sa.Column("primary_type", sa.Text(), nullable=False),
        sa.Column("primary_value", sa.Text(), nullable=False),
        sa.Column("primary_fp", sa.String(length=40), nullable=False),
        sa.Column("location_fp", sa.String(length=40), nullable=False),
        sa.Column("sig_scope_offset", sa.String(length=40), nullable=True),
        sa.Column("sig_location", sa.String(length=40), nullable=True),
        sa.Column("sig_hash", sa.String(length=40), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("severity_rank", sa.Integer(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("start_line", sa.Integer(), nullable=True),
        sa.Column("end_line", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("dismissal_reason", sa.String(length=32), nullable=True),
        sa.Column("no_longer_detected", sa.Boolean(), nullable=False),
        sa.Column("first_seen_scan_id", sa.Integer(), nullable=False),
        sa.Column("last_seen_scan_id", sa.Integer(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_seen_scan_id"],
            ["scans.id"],
        ),
        sa.ForeignKeyConstraint(
            ["last_seen_scan_id"],
            ["scans.id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "uuid", name="uq_vulnerabilities_uuid"),
    )
    with op.batch_alter_table("vulnerabilities", schema=None) as batch_op:
        batch_op.create_index("ix_vulnerabilities_match", ["project_id", "report_type", "primary_fp"], unique=False)
        batch_op.create_index("ix_vulnerabilities_state", ["project_id", "state"], unique=False)

    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("vulnerability_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("report_id", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("start_line", sa.Integer(), nullable=True),
        sa.Column("end_line", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scan_id"],
            ["scans.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vulnerability_id"],
            ["vulnerabilities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_findings_scan_id"), ["scan_id"], unique=False)
        batch_op.create_index("ix_findings_vulnerability", ["vulnerability_id"], unique=False)

    op.create_table(
        "history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vulnerability_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("event", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("scan_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["scan_id"],
            ["scans.id"],
        ),
        sa.ForeignKeyConstraint(
            ["vulnerability_id"],
            ["vulnerabilities.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index("ix_history_vulnerability", ["vulnerability_id"], unique=False)

    op.create_table(
        "identifiers",
        sa.Column("vulnerability_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["vulnerability_id"],
            ["vulnerabilities.id"],
        ),
        sa.PrimaryKeyConstraint("vulnerability_id", "position"),
        sqlite_with_rowid=False,  # the primary key is the table: one B-tree per row, not two
    )
    _history_append_only()


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER history_append_only ON history")
        op.execute("DROP FUNCTION secscan_history_append_only()")
    else:
        op.execute("DROP TRIGGER history_no_update")
        op.execute("DROP TRIGGER history_no_delete")
    op.drop_table("identifiers")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index("ix_history_vulnerability")

    op.drop_table("history")
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_index("ix_findings_vulnerability")
        batch_op.drop_index(batch_op.f("ix_findings_scan_id"))

    op.drop_table("findings")
    with op.batch_alter_table("vulnerabilities", schema=None) as batch_op:
        batch_op.drop_index("ix_vulnerabilities_state")
        batch_op.drop_index("ix_vulnerabilities_match")

    op.drop_table("vulnerabilities")
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_index("ix_scans_project_ref")

    op.drop_table("scans")
    op.drop_table("projects")


_REFUSE = "history is append-only"


def _history_append_only() -> None:
    """Refuse UPDATE and DELETE on ``history`` in the database itself, on both engines."""
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION secscan_history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
            "FOR EACH ROW EXECUTE FUNCTION secscan_history_append_only()"
        )
    else:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER history_no_{action.lower()} BEFORE {action} ON history "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
            )
