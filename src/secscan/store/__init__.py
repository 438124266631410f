"""The vulnerability database: reports ingested into projects, scans, vulnerabilities and their history.

:class:`StoreError` is imported eagerly; the rest loads SQLAlchemy and Alembic on first use, so
commands that never open a database (``secscan sast``) do not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from .errors import StoreError

if TYPE_CHECKING:
    from .db import DATABASE_ENV, Store, database_url, display_url, open_store
    from .ingestion import IngestOptions, IngestResult, ingest

_LAZY = {
    "DATABASE_ENV": ".db",
    "Store": ".db",
    "database_url": ".db",
    "display_url": ".db",
    "open_store": ".db",
    "IngestOptions": ".ingestion",
    "IngestResult": ".ingestion",
    "ingest": ".ingestion",
}

__all__ = [
    "DATABASE_ENV",
    "IngestOptions",
    "IngestResult",
    "Store",
    "StoreError",
    "database_url",
    "display_url",
    "ingest",
    "open_store",
]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_LAZY[name], __name__), name)
