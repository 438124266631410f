"""Reading and atomically writing report files."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ReportError, ReportInvalidError
from .jsontext import decode_json, decode_text, replace_lone_surrogates
from .model import Report
from .schema import is_valid, validate


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects are made (parsing a
    big report, building its database rows): its passes over them would cost a third of the time.

    On the way out the objects alive are frozen (:func:`gc.freeze`) rather than left for the
    collector's next pass, which would walk all of them (half a second for a 100,000-finding
    report). Reference counting still frees them; the next pause hands them back to the collector
    (:func:`gc.unfreeze`), so a garbage cycle caught in a freeze is collected later, not kept.
    """
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def dumps(document: dict[str, Any], indent: bool = False) -> str:
    if indent:
        return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False, allow_nan=False) + "\n"


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename: never a half-written file.

    A symbolic link is followed (the file it names is replaced, the link stays), and a path that
    is not a regular file (``/dev/null``, a FIFO, a terminal) is written in place: renaming over
    it would replace a device with a file."""
    path = Path(path)
    if path.is_symlink():
        path = path.resolve()
    if path.exists() and not path.is_file() and not path.is_dir():
        with path.open("w", encoding="utf-8") as fh:
            fh.write(text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def checked_document(report: Report, path: Path | str) -> dict[str, Any]:
    """``report`` as a JSON document, validated against its type's schema.

    A report secscan built that fails its own schema is a bug: raise :class:`ReportInvalidError`."""
    document = report.to_dict()
    if not is_valid(document, report.scan.type.value):
        raise ReportInvalidError(Path(path), validate(document, report.scan.type.value))
    return document


def write_json(path: Path, document: Any, indent: bool = False) -> None:
    """Write a JSON document atomically; a clear ReportError when the path is not writable."""
    try:
        atomic_write_text(path, dumps(document, indent))
    except OSError as exc:
        raise ReportError(
            f"{path}: cannot write the file ({exc.strerror or exc}); check that the directory is writable"
        ) from None


def write_report(report: Report, path: Path, indent: bool = False) -> dict[str, Any]:
    """Validate ``report`` against its schema, then write it atomically; nothing is written
    when it is invalid."""
    document = checked_document(report, path)
    write_json(path, document, indent)
    return document


def read_bytes(path: Path) -> bytes:
    """The bytes of a report file; a clear ReportError when it cannot be read."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ReportError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReportError(f"{path}: is a directory, expected a JSON report file") from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot read ({exc.strerror}); check the file's permissions") from None


@dataclass(frozen=True)
class ReportFile:
    """A report file's text, read the one way every command reads it (:mod:`.jsontext`)."""

    source: str
    text: str  #: UTF-8 decoded, lone surrogate escapes replaced
    digest: str  #: sha256 of the file's bytes
    warnings: tuple[str, ...] = ()


def read_file(path: Path | str) -> ReportFile:
    """The text of the report file at ``path``; a clear ReportError when it is no UTF-8 file."""
    source = str(path)
    raw = read_bytes(Path(path))
    digest = hashlib.sha256(raw).hexdigest()
    text, warnings = replace_lone_surrogates(decode_text(raw, source), source)
    return ReportFile(source, text, digest, tuple(warnings))


def read_report(path: Path) -> Any:
    """Parse a JSON report; a clear ReportError for unreadable or non-JSON files."""
    return decode_json(read_file(path).text, str(path))
