"""The ``secscan`` command: parse options, call the library, render. No logic lives here."""

from __future__ import annotations

import importlib
import json
import logging
import platform
import shlex
import signal
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

import click
from rich.console import Console

from .. import __version__
from ..analyzers.catalog import catalog
from ..common import (
    EXIT_FINDINGS,
    EXIT_INCOMPLETE,
    EXIT_OK,
    EXIT_USAGE,
    Config,
    ConfigError,
    SecscanError,
    select,
    stop_all,
)
from ..common import log as seclog
from ..common.engine import diffscan, pipeline
from ..common.engine.registry import available, probe
from ..common.engine.scope import parse_shard
from ..report import Severity, write_report
from ..report.io import write_json
from ..report.sarif import to_sarif
from ..report.text import printable
from ..views.terminal import (
    AnalyzerLine,
    analyzers_table,
    fail_on_line,
    findings_table,
    rules_table,
    summary_table,
)
from .cache import cache_group
from .output import check_writable
from .progress import make_listener
from .report import report_group
from .ruleset import ruleset_group

EXIT_INTERRUPTED = 130  # the shell's convention for SIGINT
SEVERITY_CHOICES = [s.value.lower() for s in sorted(Severity, key=lambda s: s.rank)]
_out = Console(highlight=False, soft_wrap=False)
if not _out.is_terminal:
    _out.width = 150  # CI logs: wide tables rather than squeezed columns
_err = Console(stderr=True, highlight=False)


def fail(message: str, code: int = EXIT_USAGE) -> click.exceptions.Exit:
    """Print one clear line and exit with ``code``: never a traceback."""
    click.echo(printable(f"secscan: error: {message}"), err=True)
    return click.exceptions.Exit(code)


def _is_database_error(exc: Exception) -> bool:
    """Whether ``exc`` is SQLAlchemy's; SQLAlchemy is only loaded by the database commands."""
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.SQLAlchemyError)


def _details(exc: Exception, args: list[str]) -> str:
    """Log the traceback and its context at debug level, and only then; say where they are."""
    logger = seclog.ready()
    if not logger.isEnabledFor(logging.DEBUG):
        return "set SECURE_LOG_LEVEL=debug for details and report it"
    command = shlex.join(["secscan", *args])
    context = f"secscan {__version__}, Python {platform.python_version()}, {platform.platform()}"
    logger.debug("internal error in `%s` (%s, cwd %s)", command, context, Path.cwd(), exc_info=exc)
    return "the traceback is above; please report it with that"


class _Group(click.Group):
    """Turns library errors into one line and the documented exit code, and loads the commands
    that need the database stack (SQLAlchemy, Alembic) only when they are used."""

    lazy_commands = {
        "vulns": "secscan.cli.vulns:vulns_group",
        "policy": "secscan.cli.policy:policy_group",
        "hook": "secscan.cli.hook:hook_group",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            module, attribute = self.lazy_commands[name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        return super().get_command(ctx, name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["secscan.argv"] = list(args)  # the command line, for the details of an internal error
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SecscanError as exc:  # the one root: every error secscan raises on purpose
            raise fail(str(exc), exc.exit_code) from None
        except KeyboardInterrupt:
            stop_all()
            raise fail("interrupted; scanners stopped, no report written", EXIT_INTERRUPTED) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # the last line of defence against tracebacks
            if _is_database_error(exc):  # the database went away or refused a statement
                reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
                raise fail(
                    f"database error: {reason}; check the database (SECSCAN_DATABASE_URL or --database)"
                ) from None
            details = _details(exc, ctx.meta["secscan.argv"])
            raise fail(f"internal error: {type(exc).__name__}: {exc} ({details})", EXIT_INCOMPLETE) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="secscan")
def cli() -> None:
    """GitLab Secure-compatible scanning on any machine: analyzers, reports, processing."""


def _config(**flags) -> Config:
    config = Config.load(**flags)
    seclog.setup(config.log_level)
    return config


def _run_lines(result: pipeline.ScanResult) -> list[AnalyzerLine]:
    return [AnalyzerLine(r.id, r.scanner_version, len(r.files), r.status, r.duration) for r in result.runs]


def _render(result: pipeline.ScanResult, written: list[Path], report, limit: int = 25, verbose: bool = False) -> None:
    if result.runs:
        _out.print(summary_table(report, _run_lines(result)))
        if report.vulnerabilities:
            _out.print(findings_table(report, limit, verbose), crop=False)  # long locations run on, whole
    for message in result.messages:
        _out.print(printable(f"{message.level}: {message.value}"), markup=False, soft_wrap=True)
    for path in written:
        _out.print(printable(f"report written: {path}"), markup=False, soft_wrap=True)


def _write_sarif(result: pipeline.ScanResult, report, path: Path) -> Path:
    document = to_sarif(report, result.suppressed, scanners=result.scanners(), source_root=result.config.target)
    write_json(path, document, result.config.indent_report)
    return path


def _threshold(fail_on: str | None) -> Severity | None:
    """``--fail-on``'s severity; ``none`` (or no value) never fails on findings."""
    return None if fail_on in (None, "none") else Severity.parse(fail_on)


def _exit(result: pipeline.ScanResult, fail_on: str | None) -> None:
    threshold = _threshold(fail_on)
    code = result.exit_code(threshold)
    if code == EXIT_INCOMPLETE:
        names = ", ".join(r.id for r in result.failed)
        click.echo(f"secscan: scan incomplete: {names} failed (see the messages above)", err=True)
    elif code == EXIT_FINDINGS:
        click.echo(fail_on_line(result.report.vulnerabilities, threshold), err=True)
    sys.exit(code)


def _check_outputs(config: Config, chosen, output: Path | None, sarif_output: Path | None, split: bool) -> None:
    """Every path the scan will write, checked before any scanner runs."""
    if split:
        reports = [config.artifact_dir / f"gl-sast-{a.metadata.id}-report.json" for a in chosen]
        paths = [(p, "--artifact-dir") for p in reports or [config.artifact_dir / "gl-sast-report.json"]]
    else:
        paths = [(output or config.artifact_dir / "gl-sast-report.json", "-o/--output" if output else "--artifact-dir")]
    every = [*paths, *([(sarif_output, "--sarif-output")] if sarif_output else [])]
    for path, option in every:
        check_writable(path, option)
    if sarif_output and any(path.resolve() == sarif_output.resolve() for path, _ in paths):
        raise ConfigError(f"{sarif_output}: the SARIF log would overwrite the report; give --sarif-output another path")


_scan_options = [
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Report path (default: <artifact dir>/gl-sast-report.json).",
    ),
    click.option(
        "--artifact-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Where reports are written [ANALYZER_ARTIFACT_DIR; default: the target].",
    ),
    click.option(
        "--excluded-paths",
        metavar="GLOBS",
        help="Comma-separated paths/globs excluded from scanning and results "
        "[SAST_EXCLUDED_PATHS; default: spec, test, tests, tmp].",
    ),
    click.option(
        "--max-depth",
        type=click.IntRange(min=1),
        help="How deep search looks for files [SEARCH_MAX_DEPTH; default 20].",
    ),
    click.option(
        "--fail-on",
        type=click.Choice([*SEVERITY_CHOICES, "none"], case_sensitive=False),
        envvar="SECSCAN_FAIL_ON",
        help="Exit 1 when a finding has this severity or higher; none: never [SECSCAN_FAIL_ON; default: none].",
    ),
    click.option(
        "--indent/--no-indent", "indent", default=None, help="Pretty-print the report [ANALYZER_INDENT_REPORT]."
    ),
    click.option(
        "--sarif-output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Also write the findings as SARIF 2.1.0 to this file (ignored findings with their suppressions).",
    ),
    click.option(
        "--no-inline-ignores",
        "no_inline_ignores",
        is_flag=True,
        default=None,
        help="Honour no secscan: ignore, nosec or nosemgrep comment [SECSCAN_DISABLE_INLINE_IGNORES].",
    ),
    click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=25,
        show_default=True,
        help="Findings listed in the terminal table (0: all; the report file always has every one).",
    ),
    click.option("-v", "--verbose", is_flag=True, help="Show each finding's code in the findings table."),
    click.option(
        "--no-cache",
        "no_cache",
        is_flag=True,
        default=None,
        help="Neither read nor write the result cache; run every scanner on every file [SECSCAN_NO_CACHE].",
    ),
]


def scan_options(func):
    for option in reversed(_scan_options):
        func = option(func)
    return func


@cli.command()
@click.argument("target", required=False, type=click.Path(path_type=Path))
@scan_options
@click.option("--analyzers", metavar="IDS", help="Comma-separated analyzers to run (default: all whose match applies).")
@click.option(
    "--exclude-analyzers", metavar="IDS", help="Comma-separated analyzers not to run [SAST_EXCLUDED_ANALYZERS]."
)
@click.option(
    "--split",
    is_flag=True,
    help="Write one report per analyzer (gl-sast-<analyzer>-report.json) instead of one merged report.",
)
@click.option(
    "--diff-base",
    metavar="REF",
    help="Scan only files changed since the merge-base of REF and HEAD (work tree included) "
    "and report only findings new since then.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Leave out findings already in this earlier report (count-aware).",
)
@click.option(
    "--shard",
    metavar="K/N",
    help="Scan shard K of N of the files, balanced by size (e.g. --shard $CI_NODE_INDEX/$CI_NODE_TOTAL); "
    "`secscan report merge` joins the shard reports.",
)
@click.option(
    "--include-paths",
    metavar="GLOBS",
    help="Comma-separated paths/globs: scan only files matching one [SAST_INCLUDED_PATHS; default: all].",
)
def sast(
    target,
    output,
    artifact_dir,
    excluded_paths,
    max_depth,
    fail_on,
    indent,
    sarif_output,
    no_inline_ignores,
    limit,
    verbose,
    no_cache,
    analyzers,
    exclude_analyzers,
    split,
    diff_base,
    baseline,
    shard,
    include_paths,
):
    """Scan TARGET (default: CI_PROJECT_DIR or the current directory) with every SAST analyzer
    whose match applies, in parallel, and write gl-sast-report.json."""
    if split and output:
        raise fail("--split writes one report per analyzer into the artifact dir; drop -o/--output or --split")
    config = _config(
        target=target,
        artifact_dir=artifact_dir,
        excluded_paths=excluded_paths,
        max_depth=max_depth,
        analyzers=analyzers,
        excluded_analyzers=exclude_analyzers,
        indent_report=indent,
        disable_inline_ignores=no_inline_ignores,
        no_cache=no_cache,
        included_paths=include_paths,
    )
    if split and (diff_base or baseline):
        raise fail("--split writes every finding of each analyzer; drop --split to use --diff-base or --baseline")
    shard_spec = parse_shard(shard) if shard is not None else None
    installed, broken = available(config)
    for plugin in broken:
        seclog.get().warning("analyzer plugin %s skipped: %s", plugin.name, plugin.error)
    chosen = select(installed, config)
    _check_outputs(config, chosen, output, sarif_output, split)
    with make_listener(_err) as listener:
        result = diffscan.run(
            config,
            chosen,
            listener,
            diff_base=diff_base,
            baseline=baseline,
            shard=shard_spec,
            outputs=(output, sarif_output),
        )
    written: list[Path] = []
    if split:
        for run in result.runs:
            path = config.artifact_dir / f"gl-sast-{run.id}-report.json"
            write_report(run.report(), path, config.indent_report)
            written.append(path)
        if not result.runs:
            path = config.artifact_dir / "gl-sast-report.json"
            write_report(result.report, path, config.indent_report)
            written.append(path)
    else:
        path = output or config.artifact_dir / "gl-sast-report.json"
        write_report(result.report, path, config.indent_report)
        written.append(path)
    if sarif_output:
        written.append(_write_sarif(result, result.report, sarif_output))
    _render(result, written, result.report, limit, verbose)
    _exit(result, fail_on)


@cli.command("run")
@click.argument("analyzer")
@click.argument("target", required=False, type=click.Path(path_type=Path))
@scan_options
def run_one(
    analyzer,
    target,
    output,
    artifact_dir,
    excluded_paths,
    max_depth,
    fail_on,
    indent,
    sarif_output,
    no_inline_ignores,
    limit,
    verbose,
    no_cache,
):
    """Run one ANALYZER on TARGET and write its own report (like GitLab's `/analyzer run`)."""
    config = _config(
        target=target,
        artifact_dir=artifact_dir,
        excluded_paths=excluded_paths,
        max_depth=max_depth,
        analyzers=analyzer,
        indent_report=indent,
        disable_inline_ignores=no_inline_ignores,
        no_cache=no_cache,
    )
    installed, _ = available(config)
    chosen = select(installed, config)
    _check_outputs(config, chosen, output, sarif_output, split=False)
    with make_listener(_err) as listener:
        result = pipeline.scan(config, chosen, listener)
    report = result.runs[0].report() if result.runs else result.report
    path = output or config.artifact_dir / "gl-sast-report.json"
    write_report(report, path, config.indent_report)
    written = [path, _write_sarif(result, report, sarif_output)] if sarif_output else [path]
    _render(result, written, report, limit, verbose)
    _exit(result, fail_on)


@cli.command("analyzers")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def list_analyzers(as_json):
    """List installed analyzers, their scanner versions and whether each is usable here."""
    config = _config(target=".")
    installed, broken = available(config)
    with ThreadPoolExecutor(max_workers=max(1, len(installed))) as pool:
        statuses = list(pool.map(lambda a: probe(a, config), installed.values()))
    rows = [asdict(s) for s in statuses] + [{"id": b.name, "usable": False, "problem": b.error} for b in broken]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
    else:
        _out.print(analyzers_table(rows))
    sys.exit(EXIT_OK if all(s.usable for s in statuses) and not broken else EXIT_INCOMPLETE)


@cli.command("new-analyzer")
@click.argument("name")
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Where the package directory secscan-NAME is made.",
)
@click.option("--vendor", default="", help="Who makes the analyzer (its metadata's vendor).")
def new_analyzer_command(name, directory, vendor):
    """Generate an analyzer plugin package, secscan-NAME: pyproject with the entry point, the
    analyzer, its converter, a placeholder scanner, a sample project and tests (the conformance
    kit) that pass right away. Its README says what to replace to wrap a real scanner."""
    from ..scaffold import new_analyzer

    root = new_analyzer(name, directory, vendor)
    click.echo(printable(f"created {root}"))
    click.echo(printable(f"next: cd {root} && pip install -e '.[test]' && python -m pytest"))


@cli.group("rules")
def rules_group() -> None:
    """The bundled rules: semgrep's pack and pyflow's checks."""


@rules_group.command("list")
@click.option(
    "--language", "language", metavar="L", help="Only rules for this language (python, javascript, go, java, c, ...)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def rules_list(language, as_json):
    """List every bundled rule with its language, CWE, OWASP category and severity."""
    rules = catalog(language)
    if as_json:
        click.echo(json.dumps([r.to_json() for r in rules], indent=2))
    else:
        _out.print(rules_table(rules))


cli.add_command(ruleset_group)
cli.add_command(report_group)
cli.add_command(cache_group)


def main() -> None:
    # SIGTERM (a CI runner cancelling the job) stops like Ctrl-C: scanners killed, scratch removed
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    cli(prog_name="secscan")


if __name__ == "__main__":
    main()
