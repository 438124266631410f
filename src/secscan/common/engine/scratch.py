"""Scratch space of a scan: one directory per run (``secscan-run-<pid>-*`` in the temporary
directory) holding each analyzer's work directory, removed when the scan ends; one left by a scan
that was killed (SIGKILL leaves no chance to clean up) is removed by the next scan."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

PREFIX = "secscan-run-"


@contextlib.contextmanager
def run_directory(kind: str = "") -> Iterator[Path]:
    """This scan's scratch directory (``kind`` names what it is for: ``diff`` for the base and
    head trees of a diff scan), after removing those of scans that no longer run."""
    remove_stale(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-{kind + '-' if kind else ''}") as path:
        yield Path(path)


@contextlib.contextmanager
def work_directory(scratch: Path, analyzer_id: str) -> Iterator[Path]:
    """One analyzer's work directory inside the scan's scratch directory."""
    with tempfile.TemporaryDirectory(prefix=f"secscan-{analyzer_id}-", dir=scratch) as path:
        yield Path(path)


def remove_stale(parent: Path) -> list[Path]:
    """Remove the scratch directories in ``parent`` whose scan's process is gone; returns them."""
    removed = []
    for path in parent.glob(f"{PREFIX}*-*"):
        pid = path.name[len(PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
