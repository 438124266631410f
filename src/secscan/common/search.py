"""Walk the project the way GitLab's analyzers do: bounded depth, ignored and hidden dirs skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: a directory holding this file is a cache (https://bford.info/cachedir/): never searched
CACHE_TAG = "CACHEDIR.TAG"


@dataclass(frozen=True)
class SearchResult:
    """Project-relative POSIX paths of the regular files found, sorted; plus what was skipped."""

    files: tuple[str, ...]
    too_deep: int = 0  # directories not entered because of SEARCH_MAX_DEPTH
    unreadable: tuple[str, ...] = field(default_factory=tuple)


def search(
    root: Path,
    max_depth: int,
    ignored_dirs: Iterable[str] = (),
    ignore_hidden_dirs: bool = True,
) -> SearchResult:
    """Find files under ``root``.

    Depth counts path components: a file in ``root`` has depth 1, ``a/b.py`` depth 2. Files deeper
    than ``max_depth`` are not returned. Directories named in ``ignored_dirs`` (at any depth) and,
    when ``ignore_hidden_dirs``, directories starting with ``.`` are skipped, and so are caches
    (directories with a ``CACHEDIR.TAG``, such as secscan's result cache). Symbolic links to
    directories are not followed; symbolic links to files are kept only if they point inside root.
    """
    root = Path(root).resolve()
    ignored = set(ignored_dirs)
    files: list[str] = []
    unreadable: list[str] = []
    too_deep = 0

    def on_error(err: OSError) -> None:
        unreadable.append(os.path.relpath(err.filename, root) if err.filename else str(err))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        rel_dir = os.path.relpath(dirpath, root)
        depth = 0 if rel_dir == "." else rel_dir.count(os.sep) + 1
        keep = []
        for name in dirnames:
            if name in ignored or (ignore_hidden_dirs and name.startswith(".")):
                continue
            if os.path.isfile(os.path.join(dirpath, name, CACHE_TAG)):  # a cache (secscan's results)
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                continue
            if depth + 2 > max_depth:  # files inside would be deeper than allowed
                too_deep += 1
                continue
            keep.append(name)
        dirnames[:] = sorted(keep)
        for name in filenames:
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                try:
                    Path(full).resolve(strict=True).relative_to(root)
                except (OSError, ValueError):
                    continue
                if not os.path.isfile(full):
                    continue
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            files.append(rel)
    return SearchResult(files=tuple(sorted(files)), too_deep=too_deep, unreadable=tuple(sorted(unreadable)))


def partition(root: Path, files: Iterable[str], parts: int, min_bytes_per_part: int = 256 * 1024) -> list[list[str]]:
    """Split ``files`` into at most ``parts`` groups of similar total size (largest first, greedy).

    For scanners that analyse one file at a time (bandit), running one process per group uses
    every core. Small projects stay in one group: a process start costs more than it saves.
    Groups come largest first (run them in this order for the best balance); each keeps the
    files' sorted order, so output order stays deterministic.
    """
    sized = []
    for rel in files:
        try:
            size = (Path(root) / rel).stat().st_size
        except OSError:
            size = 0
        sized.append((size, rel))
    total = sum(size for size, _ in sized)
    parts = max(1, min(parts, len(sized), total // max(1, min_bytes_per_part) or 1))
    return [group for group in balance(sized, parts) if group]


def balance(weighted: Iterable[tuple[int, str]], parts: int) -> list[list[str]]:
    """Exactly ``parts`` groups of ``(weight, path)`` items with similar total weights: heaviest
    item first into the lightest group, ties broken by path, so the result depends only on the
    weights and paths (not on the order they come in). Groups come heaviest first (equal loads
    in the order they were filled); each is sorted; a group is empty when items run out."""
    groups: list[list[str]] = [[] for _ in range(max(1, parts))]
    loads = [0] * len(groups)
    for weight, rel in sorted(weighted, key=lambda item: (-item[0], item[1])):
        i = loads.index(min(loads))
        groups[i].append(rel)
        loads[i] += weight
    order = sorted(range(len(groups)), key=lambda i: (-loads[i], i))
    return [sorted(groups[i]) for i in order]
