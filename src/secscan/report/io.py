"""Reading and atomically writing report files."""

from __future__ import annotations

import gc
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import ReportError, ReportInvalidError
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
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n"


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename: never a half-written file."""
    path = Path(path)
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


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM is allowed); a clear ReportError naming ``source`` otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(f"{source}: not UTF-8 text; a Secure report or SARIF log is a UTF-8 JSON file") from None


def decode_json(raw: bytes | str, source: str) -> Any:
    """Parse UTF-8 JSON (a BOM is allowed); a clear ReportError naming ``source`` otherwise."""
    try:
        return json.loads(raw if isinstance(raw, str) else decode_text(raw, source))
    except json.JSONDecodeError as exc:
        raise ReportError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ReportError(f"{source}: JSON nested too deeply to be a report") from None


def read_report(path: Path) -> Any:
    """Parse a JSON report; a clear ReportError for unreadable or non-JSON files."""
    return decode_json(read_bytes(path), str(path))


_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def split_report(
    text: str, each: Callable[[int, Any], None] | None = None
) -> tuple[dict[str, Any], list[tuple[int, int]]] | None:
    """A report's top-level fields except ``vulnerabilities``, and where each finding's JSON text
    starts and ends in ``text``, without holding every finding as objects at once (each is decoded
    to find its end, given to ``each(index, finding)`` if asked, and dropped). ``None`` when
    ``text`` is not a JSON object with a ``vulnerabilities`` array; parse it whole to say why."""
    try:
        return _split(text, each)
    except (ValueError, IndexError):
        return None


def last_value_of(text: str, key: str) -> Any:
    """The JSON value after the last ``"key":`` in ``text``, or ``None``: a cheap guess at a
    top-level field written after a big array (the key may as well be nested or inside a string;
    callers confirm the guess once the text is parsed)."""
    at = text.rfind(f'"{key}"')
    if at < 0:
        return None
    colon = _WHITESPACE.match(text, at + len(key) + 2).end()
    if text[colon : colon + 1] != ":":
        return None
    try:
        return _DECODER.raw_decode(text, _WHITESPACE.match(text, colon + 1).end())[0]
    except (ValueError, RecursionError):
        return None


def _split(text: str, each: Callable[[int, Any], None] | None) -> tuple[dict[str, Any], list[tuple[int, int]]] | None:
    skip = _WHITESPACE.match
    i = skip(text, 0).end()
    if text[i] != "{":
        return None
    i = skip(text, i + 1).end()
    head: dict[str, Any] = {}
    spans: list[tuple[int, int]] | None = None
    while text[i] != "}":
        if text[i] != '"':
            raise ValueError("expected a key")
        key, i = json.decoder.scanstring(text, i + 1)
        i = skip(text, i).end()
        if text[i] != ":":
            raise ValueError("expected ':'")
        i = skip(text, i + 1).end()
        if key == "vulnerabilities" and text[i] == "[":
            spans = []
            i = skip(text, i + 1).end()
            while text[i] != "]":
                finding, end = _DECODER.raw_decode(text, i)
                if each is not None:
                    each(len(spans), finding)
                spans.append((i, end))
                i = skip(text, end).end()
                if text[i] == ",":
                    i = skip(text, i + 1).end()
                    if text[i] == "]":
                        raise ValueError("trailing ','")
                elif text[i] != "]":
                    raise ValueError("expected ',' or ']'")
            i += 1
        else:
            head[key], i = _DECODER.raw_decode(text, i)
        i = skip(text, i).end()
        if text[i] == ",":
            i = skip(text, i + 1).end()
            if text[i] == "}":
                raise ValueError("trailing ','")
        elif text[i] != "}":
            raise ValueError("expected ',' or '}'")
    if skip(text, i + 1).end() != len(text) or spans is None or "vulnerabilities" in head:
        return None
    return head, spans
