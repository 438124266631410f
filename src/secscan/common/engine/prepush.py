"""Pre-push hooks: which commits a push sends, the diff-aware scan of them, and a plain git
``pre-push`` hook script for projects that do not use the pre-commit framework.

Where the range comes from, in order:

1. git's pre-push input (``secscan hook run --git-pre-push REMOTE``, what the installed script
   runs): one line ``<local ref> <local sha> <remote ref> <remote sha>`` per pushed ref. Deleting
   a remote ref scans nothing. An existing remote branch is compared with its old tip. For a new
   branch (remote sha all zeros, or a tip not fetched here) the base is the parent of the oldest
   pushed commit that no ref of REMOTE has, as pre-commit computes it; when even the root commit
   is new (the first push of a project), every file of the pushed commit is scanned.
2. pre-commit's ``PRE_COMMIT_FROM_REF``/``PRE_COMMIT_TO_REF`` (the same computation, done by
   pre-commit). pre-commit sets neither when the push contains a root commit (it then runs on all
   files): with ``PRE_COMMIT_REMOTE_NAME`` set, every file of HEAD is scanned.
3. Run by hand: HEAD against ``@{upstream}``, else the remote's default branch
   (``origin/HEAD``), else every file of HEAD.

The head side is always the pushed commit's content (``git cat-file``), not the work tree, so
unstaged edits neither hide nor add findings.

A range with no base (the remote has none of the pushed history: the first push of an existing
project, or no remote at all) has nothing to tell new findings from old ones, so its findings are
reported but never stop the push (:attr:`PushRange.blocks`); from the next push on, only what a
push adds can stop it. A ``--baseline`` report leaves out the findings it already holds.
"""

from __future__ import annotations

import os
import shlex
import stat
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..analyzer import Analyzer
from ..config import Config
from ..errors import ConfigError
from . import gitdiff
from .gitdiff import ZERO_SHA, GitError
from .pipeline import Listener, ScanResult

#: the line that marks a hook script as secscan's own
HOOK_MARKER = "# secscan-hook: pre-push"


@dataclass(frozen=True)
class PushRange:
    """One pushed ref: compare ``head`` with the merge-base of ``base`` (``None``: all new)."""

    base: str | None
    head: str
    name: str  #: what ``base`` is, for messages

    @property
    def blocks(self) -> bool:
        """Whether findings of this range may stop the push: only when there is a base to tell
        new findings from old ones (with none, every finding of the project would count as new)."""
        return self.base is not None


def from_git_input(target: Path, text: str, remote: str) -> list[PushRange]:
    """The ranges of git's pre-push input ``text`` for a push to ``remote``."""
    ranges: list[PushRange] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = line.rsplit(maxsplit=3)
        if len(parts) != 4:
            raise GitError(f"unexpected pre-push input line {line!r}; expected '<local ref> <sha> <remote ref> <sha>'")
        _local_ref, local_sha, remote_ref, remote_sha = parts
        if local_sha == ZERO_SHA:
            continue  # deleting the remote ref: nothing new to scan
        if remote_sha != ZERO_SHA and gitdiff.exists(target, remote_sha):
            ranges.append(PushRange(remote_sha, local_sha, f"{remote}/{remote_ref.removeprefix('refs/heads/')}"))
            continue
        new = gitdiff.commits_not_on_remote(target, local_sha, remote)
        if not new:
            continue  # every pushed commit is on the remote already
        base = gitdiff.parent(target, new[0])
        ranges.append(PushRange(base, local_sha, f"what {remote} already has" if base else ""))
    return ranges


def from_environment(target: Path, env: Mapping[str, str]) -> list[PushRange] | None:
    """The range pre-commit gives its pre-push hooks, or ``None`` when not run by pre-commit."""
    from_ref, to_ref = env.get("PRE_COMMIT_FROM_REF", ""), env.get("PRE_COMMIT_TO_REF", "")
    if from_ref and to_ref:
        return [PushRange(from_ref, to_ref, from_ref)]
    if env.get("PRE_COMMIT_REMOTE_NAME"):  # pre-commit runs on all files: the push has a root commit
        return [PushRange(None, gitdiff.resolve(target, "HEAD"), "")]
    return None


def default_range(target: Path) -> PushRange:
    """Run by hand: HEAD against its upstream, else ``origin/HEAD``, else no base."""
    head = gitdiff.resolve(target, "HEAD")
    for ref in ("@{upstream}", "refs/remotes/origin/HEAD"):
        if gitdiff.exists(target, ref):
            return PushRange(ref, head, ref)
    return PushRange(None, head, "")


def push_ranges(
    target: Path, env: Mapping[str, str], git_input: str | None = None, remote: str | None = None
) -> list[PushRange]:
    """What to scan (see the module docstring for the order)."""
    gitdiff.repository(target)
    if git_input is not None:
        return from_git_input(target, git_input, remote or "origin")
    ranges = from_environment(target, env)
    return ranges if ranges is not None else [default_range(target)]


#: settings a pre-push scan uses unless the user set them, because a developer waits for it:
#: semgrep's OCaml command line (``semgrep --experimental``) skips the Python start-up and rule
#: loading that cost several seconds per run, and gives the same reports on every sample of the
#: rule pack (tests/test_semgrep_engine.py). ``SECSCAN_SEMGREP_EXPERIMENTAL=false`` opts out.
HOOK_DEFAULTS = {"SECSCAN_SEMGREP_EXPERIMENTAL": "true"}


def hook_config(config: Config) -> Config:
    """``config`` with :data:`HOOK_DEFAULTS` for the settings it leaves unset."""
    env = {**HOOK_DEFAULTS, **{k: v for k, v in config.env.items() if v != ""}}
    return config.with_(env=env)


def scan_push(
    config: Config, analyzers: Sequence[Analyzer], ranges: Sequence[PushRange], listener: Listener | None = None
) -> list[ScanResult]:
    """A diff-aware scan of each pushed range (the pushed commit's versions of the changed
    files), with :data:`HOOK_DEFAULTS`."""
    from .diffscan import diff_scan

    config = hook_config(config)
    return [diff_scan(config, analyzers, r.base, r.head, listener, ref_name=r.name or None) for r in ranges]


# --- the plain git hook -----------------------------------------------------------------------


def hook_path(target: Path) -> Path:
    """Where git runs the ``pre-push`` hook of ``target``'s repository (``core.hooksPath`` and
    linked work trees respected)."""
    gitdiff.repository(target)
    hooks = gitdiff.git(target, "rev-parse", "--git-path", "hooks").stdout.decode().strip()
    return (target / hooks / "pre-push").absolute()


def hook_script(fail_on: str, baseline: str | None = None) -> str:
    """The ``pre-push`` script: this Python's secscan when it is still there, else ``secscan``
    on PATH; git's pre-push input goes through on standard input."""
    python = shlex.quote(sys.executable)
    args = f'hook run --git-pre-push "$1" --fail-on {shlex.quote(fail_on)}'
    args += f" --baseline {shlex.quote(baseline)}" if baseline else ""
    return (
        "#!/bin/sh\n"
        f"{HOOK_MARKER}\n"
        "# Written by `secscan hook install`; `secscan hook uninstall` removes it (and restores a backed-up hook).\n"
        "# Scans the files this push changes and stops the push when a change brings a new finding\n"
        f"# of severity {fail_on} or higher (skip once with git push --no-verify).\n"
        f"if [ -x {python} ]; then\n"
        f"  exec {python} -m secscan.cli.main {args}\n"
        "fi\n"
        f"exec secscan {args}\n"
    )


def _is_ours(path: Path) -> bool:
    try:
        return HOOK_MARKER in path.read_text(encoding="utf-8", errors="replace").splitlines()[:3]
    except OSError:
        return False


def install_hook(
    target: Path, fail_on: str = "high", force: bool = False, baseline: str | None = None
) -> tuple[Path, str]:
    """Write the ``pre-push`` hook. Returns its path and what happened (``installed``,
    ``updated``, ``unchanged``, ``replaced`` with a backup beside it). A hook that is not
    secscan's is a :class:`ConfigError` unless ``force``."""
    path = hook_path(target)
    script = hook_script(fail_on, baseline)
    status = "installed"
    if path.exists() or path.is_symlink():
        if _is_ours(path):
            if path.read_text(encoding="utf-8") == script and os.access(path, os.X_OK):
                return path, "unchanged"
            status = "updated"
        elif not force:
            raise ConfigError(
                f"{path}: a pre-push hook that is not secscan's is already there; "
                "add secscan to it by hand, or pass --force to replace it (a backup is kept)"
            )
        else:
            backup = _backup_of(path)
            path.replace(backup)
            status = f"replaced (the previous hook is in {backup.name})"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(".pre-push.secscan-tmp")
    tmp.write_text(script, encoding="utf-8")
    tmp.chmod(tmp.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH | stat.S_IRUSR)
    tmp.replace(path)
    return path, status


def uninstall_hook(target: Path) -> tuple[Path, str]:
    """Remove secscan's ``pre-push`` hook and put back the hook ``install --force`` backed up
    (``removed``, ``removed (...restored)`` or ``absent``); another hook is a
    :class:`ConfigError`, never deleted."""
    path = hook_path(target)
    if not path.exists():
        return path, "absent"
    if not _is_ours(path):
        raise ConfigError(f"{path}: this pre-push hook is not secscan's; it was left as it is")
    backup = _backup_of(path)
    if backup.exists() or backup.is_symlink():
        backup.replace(path)
        return path, f"removed (the previous hook was restored from {backup.name})"
    path.unlink()
    return path, "removed"


def _backup_of(path: Path) -> Path:
    return path.with_name("pre-push.secscan-backup")
