"""Errors raised by the vulnerability store (a branch of the tree in ``secscan.report.errors``)."""

from __future__ import annotations

from ..report.errors import SecscanError


class StoreError(SecscanError):
    """The database cannot be opened or used, or a request names something it does not hold.
    The message is one line naming the database (password hidden) or the record, and the fix."""
