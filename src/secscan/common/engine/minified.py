"""Minified and bundled files: generated code that takes most of a scan's time, makes rules time
out and holds nothing a reviewer can fix, so scans skip it by default (as semgrep does).

A file is minified when its name says so (``*.min.js``, ``*-min.js``, ``*.bundle.js``,
``*.chunk.js``, and the same for ``.mjs``/``.cjs``) or when its first 8 KiB have an average line
length above 300 bytes, counting two extra lines so that a short one-line file is not caught
(semgrep's own rule, ``Skip_target.is_minified``). A source-map comment alone does not make a
file minified: compiled but readable output is still scanned. ``SECSCAN_SCAN_MINIFIED=true``
scans these files too.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..config import Config, parse_bool

SETTING = "SECSCAN_SCAN_MINIFIED"
#: names that only generated files have
NAMES = re.compile(r"(\.min|-min|\.bundle|\.chunk)\.[mc]?js$", re.IGNORECASE)
SAMPLE_BYTES = 8192
MAX_AVERAGE_LINE = 300.0
BONUS_LINES = 2


def skips_minified(config: Config) -> bool:
    """Whether this scan leaves minified files out (the default)."""
    value = config.setting(SETTING)
    return value is None or not parse_bool(SETTING, value)


def is_minified(root: Path, rel: str) -> bool:
    """Whether the project file ``rel`` is minified or bundled (see the module docstring)."""
    if NAMES.search(rel):
        return True
    try:
        with open(Path(root) / rel, "rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
    except OSError:
        return False
    lines = sample.count(b"\n") + 1 + BONUS_LINES
    return (len(sample) + 1 + BONUS_LINES) / lines > MAX_AVERAGE_LINE
