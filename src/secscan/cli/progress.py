"""Scan progress: a live display on a terminal, plain log lines when output is not a TTY (CI)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..common import log
from ..common.engine.pipeline import AnalyzerRun


class LogListener:
    """CI: one log line when each analyzer starts and ends."""

    def searched(self, files: int) -> None:
        log.get().info("searched %d files", files)

    def started(self, analyzer_id: str, files: int) -> None:
        log.get().info("%s: scanning %d files", analyzer_id, files)

    def finished(self, run: AnalyzerRun) -> None:
        if run.status == "success":
            log.get().info(
                "%s: %d findings in %.1fs (before merging duplicates across analyzers)",
                run.id,
                len(run.vulnerabilities),
                run.duration,
            )


class LiveListener:
    """Terminal: a spinner per running analyzer."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.tasks: dict[str, int] = {}
        self.lock = threading.Lock()

    def searched(self, files: int) -> None:
        self.progress.console.print(f"searched {files} files", markup=False)

    def started(self, analyzer_id: str, files: int) -> None:
        with self.lock:
            self.tasks[analyzer_id] = self.progress.add_task(f"{analyzer_id}: scanning {files} files", total=1)

    def finished(self, run: AnalyzerRun) -> None:
        with self.lock:
            task = self.tasks.get(run.id)
            outcome = f"{len(run.vulnerabilities)} findings" if run.status == "success" else "FAILED"
            if task is not None:
                self.progress.update(task, completed=1, description=f"{run.id}: {outcome}")


@contextmanager
def make_listener(console: Console) -> Iterator[object]:
    if not console.is_terminal:
        yield LogListener()
        return
    progress = Progress(
        SpinnerColumn(finished_text="✓"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    with progress:
        yield LiveListener(progress)
