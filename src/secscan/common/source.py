"""Reading source lines for code extracts, tolerant of encodings and unreadable files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MAX_EXTRACT_LINES = 50


@lru_cache(maxsize=512)
def _lines(path: str) -> tuple[str, ...] | None:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return tuple(data.decode("utf-8", errors="replace").splitlines())


def read_lines(root: Path, relpath: str, start: int | None, end: int | None = None) -> str | None:
    """Lines ``start..end`` (1-based, inclusive) of ``root/relpath``, or None if unavailable."""
    if not start or start < 1:
        return None
    lines = _lines(str(Path(root) / relpath))
    if lines is None or start > len(lines):
        return None
    end = max(start, end or start)
    end = min(end, len(lines), start + MAX_EXTRACT_LINES - 1)
    return "\n".join(lines[start - 1 : end])


def clear_cache() -> None:
    _lines.cache_clear()
