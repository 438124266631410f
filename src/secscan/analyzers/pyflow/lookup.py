"""Looking names up in the knowledge tables: glob matching of qualified names, the sink of a
call, bandit's test for a call, request objects, dotted names of expressions."""

from __future__ import annotations

import ast
from fnmatch import fnmatchcase
from functools import lru_cache

from .sinks import BANDIT_KIND_TESTS, BANDIT_TESTS, SINKS
from .sources import REQUEST_OBJECTS, REQUEST_SAFE_ATTRS


def bandit_test(name: str | None, kind: str) -> str | None:
    """Bandit's test id for a finding of ``kind`` at a call of ``name``, or None when bandit has none."""
    found = next((test for pattern, test in BANDIT_TESTS if name and fnmatchcase(name, pattern)), None)
    return found or BANDIT_KIND_TESTS.get(kind)


def matches(name: str | None, patterns: str | tuple[str, ...]) -> bool:
    """``name`` matches one of the glob ``patterns`` (cached: the same names recur in every file)."""
    return bool(name) and _matches(name, (patterns,) if isinstance(patterns, str) else patterns)


@lru_cache(maxsize=1 << 16)
def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(name, p) for p in patterns)


@lru_cache(maxsize=1 << 16)
def sink_for(name: str) -> tuple[str, str, tuple[int, ...], tuple[str, ...]] | None:
    """The first SINKS entry whose pattern matches the called name."""
    return next((sink for sink in SINKS if fnmatchcase(name, sink[0])), None)


# --------------------------------------------------------------------------- module analysis


def is_request(ref: str | None) -> bool:
    """A request object, or request data reached through it (not ``request.session`` and the like)."""
    if not ref:
        return False
    for root in (*REQUEST_OBJECTS, "<request>"):
        if ref == root:
            return True
        if ref.startswith(root + "."):
            return ref[len(root) + 1 :].split(".")[0] not in REQUEST_SAFE_ATTRS
    return False


def dotted_name(node) -> str | None:
    """``a.b.c`` for the expression ``a.b.c`` (names and attributes only), else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None
