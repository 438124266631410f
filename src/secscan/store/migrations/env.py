"""Alembic environment: runs on the connection secscan hands over (see ``secscan.store.db``)."""

from alembic import context

from secscan.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic` on the command line reaches this
    raise SystemExit("run migrations through secscan (secscan.store.db.migrate), which passes the connection")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
