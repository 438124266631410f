"""The vulnerability database: reports ingested into projects, scans, vulnerabilities and their history."""

from .db import DATABASE_ENV, Store, database_url, display_url, open_store
from .errors import StoreError
from .ingestion import IngestOptions, IngestResult, ingest

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
