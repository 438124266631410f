"""``secscan hook``: the pre-push hook (``run``) and a plain git hook for projects without the
pre-commit framework (``install``, ``uninstall``). The logic is in :mod:`secscan.common.prepush`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..common import EXIT_INCOMPLETE, EXIT_OK, prepush, select
from ..common import log as seclog
from ..common.registry import available
from ..report import Severity, write_report
from ..report.text import printable
from .main import SEVERITY_CHOICES, _config, _err, _render
from .progress import make_listener


@click.group("hook")
def hook_group() -> None:
    """Pre-push hooks: scan what a push changes, stop it on new severe findings."""


@hook_group.command("run")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITY_CHOICES, case_sensitive=False),
    default="high",
    show_default=True,
    help="Exit 1 when a new finding has this severity or higher.",
)
@click.option(
    "--git-pre-push",
    "remote",
    metavar="REMOTE",
    help="Read git's pre-push input from standard input (what the installed hook passes; REMOTE is git's first hook argument).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report of the new findings here (default: no report file).",
)
def hook_run(target, fail_on, remote, output):
    """Diff-aware scan of what a push sends: the pushed commit's changed files against the
    merge-base, new findings only. Refs come from git's pre-push input (--git-pre-push), from
    pre-commit (PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF), else HEAD against @{upstream} or origin/HEAD."""
    config = _config(target=target or os.getcwd())
    git_input = sys.stdin.read() if remote is not None else None
    ranges = prepush.push_ranges(config.target, os.environ, git_input, remote)
    installed, _ = available(config)
    chosen = select(installed, config)
    with make_listener(_err) as listener:
        results = prepush.scan_push(config, chosen, ranges, listener)
    threshold = Severity.parse(fail_on)
    codes = [EXIT_OK]
    for result in results:
        written = []
        if output:
            write_report(result.report, output, config.indent_report)
            written.append(output)
        _render(result, written, result.report)
        codes.append(result.exit_code(threshold))
    if not results:
        click.echo("secscan: nothing new to scan in this push")
    code = EXIT_INCOMPLETE if EXIT_INCOMPLETE in codes else max(codes)
    if code == EXIT_INCOMPLETE:
        click.echo("secscan: scan incomplete (see the messages above); push stopped", err=True)
    elif code != EXIT_OK:
        click.echo(
            printable(f"secscan: this push brings new findings of severity {threshold.value} or higher; push stopped"),
            err=True,
        )
    seclog.get().debug("hook run exit %d", code)
    sys.exit(code)


@hook_group.command("install")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITY_CHOICES, case_sensitive=False),
    default="high",
    show_default=True,
    help="Severity at which the hook stops a push.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace a pre-push hook that is not secscan's (it is kept as pre-push.secscan-backup).",
)
def hook_install(target, fail_on, force):
    """Write the repository's git pre-push hook (for projects without the pre-commit framework)."""
    path, status = prepush.install_hook(Path(target or "."), fail_on.lower(), force)
    click.echo(printable(f"{path}: {status}"))


@hook_group.command("uninstall")
@click.argument("target", required=False, type=click.Path(path_type=Path))
def hook_uninstall(target):
    """Remove secscan's git pre-push hook (a hook that is not secscan's is left alone)."""
    path, status = prepush.uninstall_hook(Path(target or "."))
    click.echo(printable(f"{path}: {status}"))
