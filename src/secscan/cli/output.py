"""Output helpers shared by the commands: writing text, rendering a base/head comparison."""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import click
from rich.console import Console

from ..common.engine.pipeline import SECSCAN
from ..common.errors import ConfigError
from ..report.accept import AcceptedReport, accept_report
from ..report.compare import Comparison
from ..report.io import atomic_write_text
from ..report.model import ToolDetails
from ..report.text import printable
from ..views.diff import MIN_CHARS, diff_markdown, diff_table, diff_to_dict


def secscan_tool() -> ToolDetails:
    """secscan as the tool of the documents it writes (SARIF exports)."""
    return SECSCAN


def accept_reports(paths: Sequence[Path], **options) -> list[AcceptedReport]:
    """:func:`~secscan.report.accept.accept_report` (with ``options``) for each path, printing
    every warning to standard error as one ``secscan: warning:`` line."""
    accepted = []
    for path in paths:
        item = accept_report(path, **options)
        for warning in item.warnings:
            click.echo(printable(f"secscan: warning: {warning}"), err=True)
        accepted.append(item)
    return accepted


def check_writable(path: Path, option: str) -> None:
    """Refuse, before any work is done, an output path that cannot be written: one line naming the
    path, the reason and the option to change (writing would only fail after the scan)."""
    try:
        path = path.resolve() if path.is_symlink() else path  # the report is written where the link points
        if path.is_dir():
            raise IsADirectoryError(0, "it is a directory")
        if path.exists() and not path.is_file():  # a device or FIFO is written in place (report.io)
            if not os.access(path, os.W_OK):
                raise PermissionError(0, "permission denied")
            return
        existing = next(p for p in (path.parent, *path.parent.parents) if p.exists())
        if not existing.is_dir():
            raise NotADirectoryError(0, f"{existing} is not a directory")
        with tempfile.TemporaryFile(prefix=".secscan-probe-", dir=existing):
            pass  # creating a file is the only check that holds for root, ACLs and read-only mounts
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(f"{path}: cannot write the file ({reason}); choose a writable path with {option}") from None


def emit(text: str, output: Path | None) -> None:
    """``text`` to ``output`` (atomically) or standard output."""
    if output:
        atomic_write_text(output, text)
    else:
        click.echo(text, nl=False)


def diff_options(func):
    """The output options of the comparison commands (``report diff``, ``vulns diff``)."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(["table", "json", "markdown"]),
            default="table",
            show_default=True,
            help="markdown: a merge-request comment.",
        ),
        click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write to this file instead of standard output.",
        ),
        click.option(
            "--max-chars",
            type=click.IntRange(min=MIN_CHARS),
            default=60000,
            show_default=True,
            help="Markdown size limit (GitHub comments: 65536; GitLab notes: 1000000).",
        ),
        click.option("--title", default="secscan security scan", show_default=True, help="Markdown heading."),
        click.option(
            "--details-url",
            metavar="URL",
            help="Link to the full report, shown when findings are left out (e.g. the job's artifact URL).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def render_diff(
    comparison: Comparison, base: str, head: str, fmt: str, output: Path | None, max_chars: int, title: str,
    details_url: str | None, console: Console,
) -> None:  # fmt: skip
    """Print or write a comparison in the chosen format."""
    if fmt == "json":
        emit(json.dumps(diff_to_dict(comparison, base=base, head=head), indent=2) + "\n", output)
    elif fmt == "markdown":
        try:
            emit(diff_markdown(comparison, title=title, max_chars=max_chars, details_url=details_url), output)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--details-url") from None
    elif output:
        capture = Console(file=io.StringIO(), width=150, highlight=False, record=True)
        capture.print(*diff_table(comparison))
        emit(capture.export_text(), output)
    else:
        console.print(*diff_table(comparison))
