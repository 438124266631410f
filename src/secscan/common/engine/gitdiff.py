"""Git plumbing for diff-aware scans: resolve refs, find the merge-base, list the files that
changed since it (committed, staged, unstaged and untracked-but-not-ignored) and write the
versions of files at a commit into a scratch directory.

Paths are relative to the scanned directory (which may be a subdirectory of the repository),
with ``/`` separators, as the rest of secscan uses them. Every failure is a :class:`GitError`
with one line naming the repository and the fix (exit 2).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError

#: what git writes for "no commit" (a new branch's remote sha, a deleted ref's local sha)
ZERO_SHA = "0" * 40


class GitError(ConfigError):
    """A git command failed: not a repository, an unknown ref, no merge-base, git missing."""


def git(cwd: Path, *args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``git`` in ``cwd`` (bytes in and out); a non-zero exit is a :class:`GitError` unless
    ``check`` is false. Git's own messages are never in the user's language, so they can be quoted."""
    exe = shutil.which("git")
    if exe is None:
        raise GitError("git is not installed or not on PATH; diff-aware scans and hooks need it")
    env = dict(os.environ, LC_ALL="C", GIT_TERMINAL_PROMPT="0")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):  # a hook runs with these set
        env.pop(name, None)
    proc = subprocess.run([exe, *args], cwd=cwd, input=input, capture_output=True, env=env)
    if check and proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"{cwd}: git {args[0]} failed: {reason[-1] if reason else f'exit {proc.returncode}'}")
    return proc


def _text(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout.decode("utf-8", "surrogateescape").strip()


def repository(target: Path) -> Path:
    """The top directory of the git work tree ``target`` is in."""
    proc = git(target, "rev-parse", "--show-toplevel", check=False)
    if proc.returncode != 0:
        raise GitError(f"{target}: not a git repository (or inside one); diff-aware scans compare git commits")
    return Path(_text(proc))


def prefix(target: Path) -> str:
    """``target``'s path inside its repository (``""`` at the top, else ``"sub/dir/"``)."""
    return _text(git(target, "rev-parse", "--show-prefix"))


def resolve(target: Path, ref: str) -> str:
    """The full commit sha ``ref`` names; a :class:`GitError` when it names no commit."""
    if not ref or ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git ref; give a branch, tag or commit, e.g. origin/main")
    sha = exists(target, ref)
    if sha is None:
        raise GitError(
            f"{target}: unknown git ref {ref!r}; give a branch, tag or commit that exists here "
            "(fetch it first, e.g. git fetch origin main)"
        )
    return sha


def merge_base(target: Path, a: str, b: str) -> str:
    """The best common ancestor of commits ``a`` and ``b``."""
    proc = git(target, "merge-base", a, b, check=False)
    if proc.returncode != 0:
        raise GitError(f"{target}: {a[:12]} and {b[:12]} have no common ancestor; diff against a related branch")
    return _text(proc)


def commits_not_on_remote(target: Path, sha: str, remote: str) -> list[str]:
    """Commits reachable from ``sha`` that no ref of ``remote`` has, oldest first."""
    proc = git(target, "rev-list", sha, "--topo-order", "--reverse", "--not", f"--remotes={remote}")
    return _text(proc).split()


def parent(target: Path, sha: str) -> str | None:
    """The first parent of ``sha``, or ``None`` for a root commit."""
    proc = git(target, "rev-parse", "--verify", "--quiet", f"{sha}^1", check=False)
    return _text(proc) if proc.returncode == 0 else None


def exists(target: Path, ref: str) -> str | None:
    """The commit sha of ``ref`` when it exists here, else ``None`` (no error)."""
    proc = git(target, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    return _text(proc) if proc.returncode == 0 else None


@dataclass(frozen=True)
class Change:
    """One changed file: its path now and where its earlier version is (``None``: it is new)."""

    path: str  #: relative to the scanned directory
    base_path: str | None  #: relative to the scanned directory; differs from ``path`` for a rename


@dataclass(frozen=True)
class Changes:
    """The files that differ between a base commit and the head (a commit or the work tree)."""

    changed: tuple[Change, ...]
    deleted: tuple[str, ...]


def _parse_name_status(raw: bytes) -> tuple[list[Change], list[str]]:
    fields = raw.decode("utf-8", "surrogateescape").split("\0")
    changed: list[Change] = []
    deleted: list[str] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        kind = status[0]
        if kind in "RC":
            old, new = fields[i + 1], fields[i + 2]
            i += 3
            # a rename keeps its history (same findings, moved); a copy is new code
            changed.append(Change(new, old if kind == "R" else None))
            continue
        path = fields[i + 1]
        i += 2
        if kind == "D":
            deleted.append(path)
        elif kind == "A":
            changed.append(Change(path, None))
        else:  # M, T (type change), U (unmerged), X
            changed.append(Change(path, path))
    return changed, deleted


def changes(target: Path, base: str | None, head: str | None = None) -> Changes:
    """Files under ``target`` that changed from commit ``base`` to commit ``head``, or, without
    ``head``, to the work tree: committed, staged and unstaged changes and untracked files that
    are not ignored. Deleted files are listed apart. ``base=None`` means every file is new."""
    if base is None:
        listing = git(target, "ls-tree", "-r", "-z", "--name-only", "--full-tree", head or "HEAD")
        root = prefix(target)
        names = [n for n in listing.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        changed = [Change(n[len(root) :], None) for n in names if n.startswith(root)]
        if head is None:
            changed += [Change(p, None) for p in _untracked(target)]
        return Changes(tuple(sorted(set(changed), key=lambda c: c.path)), ())
    args = ["diff", "--name-status", "-z", "--find-renames", "--relative", "--no-ext-diff", base]
    if head is not None:
        args.append(head)
    changed, deleted = _parse_name_status(git(target, *args).stdout)
    if head is None:
        known = {c.path for c in changed}
        changed += [Change(p, None) for p in _untracked(target) if p not in known]
    return Changes(tuple(sorted(changed, key=lambda c: c.path)), tuple(sorted(deleted)))


def _untracked(target: Path) -> list[str]:
    proc = git(target, "ls-files", "--others", "--exclude-standard", "-z", "--", ".")
    return [p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def write_files(target: Path, commit: str, files: Iterable[tuple[str, str]], dest: Path) -> list[str]:
    """Write the version at ``commit`` of each ``(source, path)`` pair to ``dest/path``, where
    ``source`` is the file's path at that commit (both relative to ``target``). One
    ``git cat-file --batch`` reads them all. Returns the paths written (a source missing at the
    commit, or not a regular file there, is skipped)."""
    pairs = [(source, path) for source, path in files if "\n" not in source]  # a batch line holds one name
    if not pairs:
        return []
    root = prefix(target)
    specs = "".join(f"{commit}:{root}{source}\n" for source, _ in pairs).encode("utf-8", "surrogateescape")
    out = git(target, "cat-file", "--batch", input=specs).stdout
    written: list[str] = []
    pos = 0
    for _, path in pairs:
        end = out.index(b"\n", pos)
        line = out[pos:end]
        pos = end + 1
        if line.endswith((b" missing", b" ambiguous")):  # "<spec> missing": not at that commit
            continue
        header = line.split()  # "<sha> <type> <size>", then the content and a newline
        size = int(header[2])
        data = out[pos : pos + size]
        pos += size + 1
        if header[1] != b"blob":
            continue
        dest_file = dest / path
        dest_file.parent.mkdir(parents=True, exist_ok=True)
        dest_file.write_bytes(data)
        written.append(path)
    return written


def copy_files(source: Path, paths: Sequence[str], dest: Path) -> None:
    """Copy project files (configuration the scanners read) into a scratch tree, where they exist."""
    for rel in paths:
        src = source / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest / rel)
