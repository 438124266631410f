"""Path exclusion with GitLab's ``SAST_EXCLUDED_PATHS`` semantics.

Each pattern is a doublestar glob or a plain path, matched against the path relative to the
project root and against every parent directory of it: ``spec`` excludes ``spec/a.rb`` and
everything below ``spec/``, but not ``app/spec/a.rb`` (write ``**/spec`` for that).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from wcmatch import glob

_FLAGS = glob.GLOBSTAR | glob.BRACE | glob.DOTGLOB


def _normalise_pattern(pattern: str) -> str:
    pattern = pattern.strip().replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.strip("/")


def normalise_path(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.strip("/")


class PathFilter:
    """Decides whether a project-relative path is excluded."""

    def __init__(self, patterns: Iterable[str]):
        self.patterns = tuple(p for p in (_normalise_pattern(p) for p in patterns) if p)
        self._cached = lru_cache(maxsize=65536)(self._excludes)
        # compiled once: globmatch compiles its patterns on every call (3,600 files: 5 s)
        included, _ = glob.translate(self.patterns, flags=_FLAGS) if self.patterns else ([], [])
        self._regexes = tuple(re.compile(r) for r in included)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def excludes(self, path: str) -> bool:
        if not self.patterns:
            return False
        return self._cached(normalise_path(path))

    def _excludes(self, path: str) -> bool:
        parts = path.split("/")
        candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(r.match(candidate) for candidate in candidates for r in self._regexes)
