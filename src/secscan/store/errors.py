"""Errors raised by the vulnerability store."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be opened or used, or a request names something it does not hold.
    The message is one line naming the database (password hidden) or the record, and the fix."""
