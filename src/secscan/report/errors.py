"""Errors raised by the report module."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class ReportError(Exception):
    """A report file cannot be read or parsed."""


class ReportInvalidError(ReportError):
    """secscan built a report that fails its own schema: a bug in secscan or in an analyzer."""

    def __init__(self, path: Path, errors: Sequence[object]):
        self.path = path
        self.errors = list(errors)
        first = "; ".join(str(e) for e in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(
            f"{path}: refusing to write a report that fails the schema: {first}{more}. "
            "This is a bug in secscan or in the analyzer plugin; please report it"
        )
