"""Size-balanced groups of files: batches for scanners that check one file at a time, and shards."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


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
