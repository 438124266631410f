"""``secscan cache``: the result cache of ``secscan sast``/``secscan run`` (see secscan.common.engine.cache).

Errors are raised as :class:`~secscan.common.errors.ConfigError`; the main group prints them as one
line and exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..common.config import Config
from ..common.engine import cache
from ..report.text import printable

_target = click.argument("target", required=False, type=click.Path(file_okay=False, path_type=Path))


def _cache(target: Path | None) -> cache.ResultCache:
    return cache.cache_of(Config.load(target=target))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@click.group("cache")
def cache_group() -> None:
    """The result cache: findings per file, reused by scans while the file, the rules and the
    scanners are unchanged (SECSCAN_CACHE_DIR, default TARGET/.secscan/cache)."""


@cache_group.command("info")
@_target
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def cache_info(target: Path | None, as_json: bool) -> None:
    """Where the result cache of TARGET (default: CI_PROJECT_DIR or the current directory) is,
    how many entries it holds and their size."""
    info = _cache(target).info()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "location": str(info.location),
                    "entries": info.entries,
                    "bytes": info.bytes,
                    "max_bytes": info.max_bytes,
                },
                indent=2,
            )
        )
        return
    click.echo(printable(f"location: {info.location}"))
    click.echo(f"entries: {info.entries}")
    click.echo(f"size: {_mb(info.bytes)} of at most {_mb(info.max_bytes)} ({cache.MAX_MB_SETTING})")


@cache_group.command("clear")
@_target
def cache_clear(target: Path | None) -> None:
    """Delete every entry of TARGET's result cache: the next scan runs every scanner on every file."""
    before = _cache(target).clear()
    click.echo(printable(f"{before.location}: removed {before.entries} entries ({_mb(before.bytes)})"))
