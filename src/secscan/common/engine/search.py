"""Walk the project the way GitLab's analyzers do: bounded depth, ignored and hidden dirs skipped."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ...report.model import Message

#: a directory holding this file is a cache (https://bford.info/cachedir/): never searched
CACHE_TAG = "CACHEDIR.TAG"


#: how many names a message lists before "and N more"
NAMES_SHOWN = 5


@dataclass(frozen=True)
class SearchResult:
    """Project-relative POSIX paths of the regular files found, sorted; plus what was skipped."""

    files: tuple[str, ...]
    too_deep: int = 0  # directories not entered because of SEARCH_MAX_DEPTH
    unreadable: tuple[str, ...] = field(default_factory=tuple)  # directories that could not be listed
    #: FIFOs, sockets and devices: reading one blocks or never ends, so they are never scan input
    special: tuple[str, ...] = field(default_factory=tuple)
    #: symbolic links that are broken, loop, or point outside the target
    bad_links: tuple[str, ...] = field(default_factory=tuple)
    #: symbolic links to regular files inside the target, not followed (their files are scanned)
    links: tuple[str, ...] = field(default_factory=tuple)
    #: regular files this process may not read (permissions)
    unreadable_files: tuple[str, ...] = field(default_factory=tuple)
    #: files whose path is not valid UTF-8 (a report cannot name them), shown with \\x escapes
    bad_names: tuple[str, ...] = field(default_factory=tuple)

    def notes(self) -> list[Message]:
        """The scan messages for the files skipped because of what they are (not where they are)."""
        notes = []
        if self.special:
            notes.append(
                Message(
                    "warn",
                    f"{len(self.special)} special file(s) (FIFO, socket, device) skipped, only regular files "
                    f"are scanned: {some(self.special)}",
                )
            )
        if self.bad_links:
            notes.append(
                Message(
                    "warn",
                    f"{len(self.bad_links)} symbolic link(s) broken, looping or leaving the target skipped: "
                    f"{some(self.bad_links)}; fix or remove them",
                )
            )
        if self.links:
            notes.append(
                Message(
                    "info",
                    f"{len(self.links)} symbolic link(s) to files not followed, each file is scanned under its "
                    f"own path: {some(self.links)}",
                )
            )
        notes += [
            Message("warn", f"{path}: file could not be read and was skipped; check its permissions")
            for path in self.unreadable_files
        ]
        notes += [
            Message("warn", f"{path}: file name is not valid UTF-8, so the file was skipped; rename it")
            for path in self.bad_names
        ]
        return notes


def some(names: Sequence[str]) -> str:
    """``"a, b, c"``: at most :data:`NAMES_SHOWN` names, then ``"and N more"``."""
    more = f" and {len(names) - NAMES_SHOWN} more" if len(names) > NAMES_SHOWN else ""
    return ", ".join(names[:NAMES_SHOWN]) + more


def is_utf8(rel: str) -> bool:
    """Whether ``rel`` (as ``os.walk`` decodes it, with surrogate escapes) is valid UTF-8."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def kind_of(full: str, root: Path) -> str:
    """What search does with the directory entry ``full`` that is not a directory: ``"file"``
    (scan it), ``"special"``, ``"link"`` (a bad link), ``"alias"`` (a good link) or ``"unreadable"``.

    Only regular files are scan input. Symbolic links never are (semgrep refuses them, and a
    file would be scanned twice): a link to a regular file inside ``root`` is an alias of a file
    scanned under its own path; a broken or looping link, or one that leaves ``root``, is a bad
    link. ``os.stat`` follows the link without opening anything (a FIFO is never opened)."""
    link = os.path.islink(full)
    try:
        info = os.stat(full)  # follows links; ELOOP or ENOENT for looping or broken ones
    except OSError:
        return "link" if link else "unreadable"
    if link and not Path(os.path.realpath(full)).is_relative_to(root):
        return "link"
    if not stat.S_ISREG(info.st_mode):
        return "special"
    if link:
        return "alias"
    return "file" if os.access(full, os.R_OK) else "unreadable"


def search(
    root: Path,
    max_depth: int,
    ignored_dirs: Iterable[str] = (),
    ignore_hidden_dirs: bool = True,
    only: str | None = None,
) -> SearchResult:
    """Find the regular files under ``root`` (with ``only``, a file target: that file of ``root``
    alone, nothing walked).

    Depth counts path components: a file in ``root`` has depth 1, ``a/b.py`` depth 2. Files deeper
    than ``max_depth`` are not returned. Directories named in ``ignored_dirs`` (at any depth) and,
    when ``ignore_hidden_dirs``, directories starting with ``.`` are skipped, and so are caches
    (directories with a ``CACHEDIR.TAG``, such as secscan's result cache). Symbolic links to
    directories are never followed (no walk can loop) and links to files are never scanned (the
    file is, under its own path, when it is inside ``root``). Special files, links, unreadable
    files and names that are not UTF-8 are skipped and listed in the result (see :func:`kind_of`).
    """
    root = Path(root).resolve()
    ignored = set(ignored_dirs)
    found: dict[str, list[str]] = {k: [] for k in ("file", "special", "link", "alias", "unreadable", "name")}
    unreadable: list[str] = []
    too_deep = 0

    def on_error(err: OSError) -> None:
        unreadable.append(os.path.relpath(err.filename, root) if err.filename else str(err))

    walk = [(str(root), [], [only])] if only is not None else os.walk(root, onerror=on_error)
    for dirpath, dirnames, filenames in walk:
        rel_dir = os.path.relpath(dirpath, root)
        depth = 0 if rel_dir == "." else rel_dir.count(os.sep) + 1
        keep = []
        for name in dirnames:
            if name in ignored or (ignore_hidden_dirs and name.startswith(".")):
                continue
            if os.path.isfile(os.path.join(dirpath, name, CACHE_TAG)):  # a cache (secscan's results)
                continue
            if os.path.islink(os.path.join(dirpath, name)):
                continue
            if depth + 2 > max_depth:  # files inside would be deeper than allowed
                too_deep += 1
                continue
            keep.append(name)
        dirnames[:] = sorted(keep)
        for name in filenames:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            if not is_utf8(rel):
                found["name"].append(os.fsencode(rel).decode("utf-8", "backslashreplace"))
                continue
            found[kind_of(os.path.join(dirpath, name), root)].append(rel)
    return SearchResult(
        files=tuple(sorted(found["file"])),
        too_deep=too_deep,
        unreadable=tuple(sorted(unreadable)),
        special=tuple(sorted(found["special"])),
        bad_links=tuple(sorted(found["link"])),
        links=tuple(sorted(found["alias"])),
        unreadable_files=tuple(sorted(found["unreadable"])),
        bad_names=tuple(sorted(found["name"])),
    )
