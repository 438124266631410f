"""``secscan ruleset``: work with custom rulesets (``.gitlab/sast-ruleset.toml``).

Errors are raised as :class:`~secscan.common.errors.ConfigError`; the main group prints them as one
line and exits 2.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..common.config import Config
from ..common.engine.ruleset import check_ruleset, known_primary_identifiers, ruleset_path, unknown_names
from ..common.errors import ConfigError
from ..report.text import printable


@click.group("ruleset")
def ruleset_group() -> None:
    """Custom rulesets: GitLab's .gitlab/sast-ruleset.toml (disable, override, passthrough)."""


@ruleset_group.command("check")
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Unknown analyzer sections and rule ids are errors (exit 2).")
def ruleset_check(path: Path | None, strict: bool) -> None:
    """Validate the ruleset file PATH (default: SAST_RULESET_PATH or .gitlab/sast-ruleset.toml of
    CI_PROJECT_DIR or the current directory) without scanning. File passthroughs are checked
    against the project root: the directory holding .gitlab/, else the target directory. A section
    no installed analyzer has, or an entry naming a rule id its analyzer never reports, is a
    warning naming the closest known name (an error with --strict): such entries apply to nothing."""
    config = Config.load()
    if path is None:
        path = ruleset_path(config)
        if path.is_relative_to(Path.cwd()):
            path = path.relative_to(Path.cwd())
    root = path.resolve().parent.parent if path.resolve().parent.name == ".gitlab" else config.target
    ruleset = check_ruleset(path, root)
    problems = unknown_names(ruleset, known_primary_identifiers(config))
    for problem in problems:
        click.echo(printable(f"secscan: warning: {problem}"), err=True)
    if strict and problems:
        raise ConfigError(f"{path}: {len(problems)} unknown name(s) (see the warnings above; --strict)")
    warned = f"; {len(problems)} warning(s)" if problems else ""
    click.echo(printable(f"{path}: valid ({ruleset.summary()}{warned})"))
