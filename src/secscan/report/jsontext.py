"""Report files as JSON text, read one way by every command: the rules for input that is not quite JSON.

- text that is not UTF-8 is refused;
- a lone UTF-16 surrogate escape (``"\\ud800"``, valid JSON but no Unicode character) is replaced
  with U+FFFD and a warning naming its JSON path, so nothing unrenderable is ever stored or written;
- a key repeated in one object (two ``vulnerabilities`` arrays) is refused, naming the key and its
  JSON path: tools disagree on which copy counts, so secscan takes neither;
- integers longer than Python's limit (4300 digits) and nesting deeper than :data:`MAX_DEPTH` are
  refused with the place named.

Every refusal is a :class:`~secscan.report.errors.ReportError`: one line naming the file.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections.abc import Callable
from typing import Any

from .errors import ReportError

#: objects and arrays nest at most this deep (real reports: under 10; details nest a few levels)
MAX_DEPTH = 64
#: warnings listed one by one for lone surrogates (the others are counted)
_LISTED = 3
_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: an escaped backslash (skipped), a surrogate pair (kept) or a lone surrogate escape (replaced)
_SURROGATE_ESCAPES = re.compile(
    r"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_ANY_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.IGNORECASE)
#: a number longer than Python reads (its limit on digits in an integer)
_LONG_NUMBER = re.compile(rf"\d{{{sys.get_int_max_str_digits() + 1},}}")


class _DuplicateKey(Exception):
    """A key given twice in one object (raised while decoding; its path is found afterwards)."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        raise _DuplicateKey(next(k for k, _ in pairs if k in seen or seen.add(k)))
    return obj


class _Pairs(list):
    """An object's key/value pairs in order, duplicates kept (only to locate a duplicate key)."""


class _NotFinite(Exception):
    """``NaN``, ``Infinity`` or a number too large for a float: JavaScript's, not JSON's."""


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise _NotFinite(text)
    return number


def _not_finite_error(source: str, exc: _NotFinite, path: str = "$") -> ReportError:
    return ReportError(
        f"{source}: {path}: {exc.args[0][:40]} is not a JSON number (NaN, Infinity and numbers beyond a "
        "float's range are not JSON); fix the tool that wrote the report"
    )


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_object, parse_constant=_refuse_constant, parse_float=_finite)
_PAIRS_DECODER = json.JSONDecoder(object_pairs_hook=_Pairs)
_PLAIN_DECODER = json.JSONDecoder()


def decode_text(raw: bytes, source: str) -> str:
    """UTF-8 text (a BOM is allowed); a clear ReportError naming ``source`` otherwise."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportError(f"{source}: not UTF-8 text; a Secure report or SARIF log is a UTF-8 JSON file") from None


def replace_lone_surrogates(text: str, source: str) -> tuple[str, list[str]]:
    """``text`` with every lone surrogate escape replaced by ``\\ufffd`` (U+FFFD), and a warning
    naming the JSON path of each string that held one. Surrogate pairs (an emoji) are kept."""
    if "\\u" not in text or not _ANY_SURROGATE_ESCAPE.search(text):
        return text, []
    fixed = _SURROGATE_ESCAPES.sub(lambda m: "\\ufffd" if len(m.group()) == 6 else m.group(), text)
    if fixed == text:
        return text, []
    paths = _surrogate_paths(text)
    listed = "; ".join(paths[:_LISTED]) + (f" and {len(paths) - _LISTED} more" if len(paths) > _LISTED else "")
    return fixed, [
        f"{source}: {listed or 'a string'}: a lone UTF-16 surrogate (\\ud800-\\udfff) is no Unicode character; "
        "replaced with U+FFFD"
    ]


def _surrogate_paths(text: str) -> list[str]:
    """JSON paths of the strings (values or keys) holding a lone surrogate; empty if unparsable."""
    try:
        document = _PAIRS_DECODER.decode(text)
    except (ValueError, RecursionError):
        return []
    found: list[str] = []

    def bad(s: str) -> bool:
        return any("\ud800" <= c <= "\udfff" for c in s)

    def walk(value: Any, path: str) -> None:
        if isinstance(value, _Pairs):
            for key, item in value:
                if bad(key):
                    found.append(f"{path} (a key)")
                walk(item, f"{path}.{_key_text(key)}")
        elif isinstance(value, list):
            for n, item in enumerate(value):
                walk(item, f"{path}[{n}]")
        elif isinstance(value, str) and bad(value):
            found.append(path)

    walk(document, "$")
    return found


def _key_text(key: str) -> str:
    shown = key.encode("utf-8", "replace").decode("utf-8")
    return shown if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", shown) else json.dumps(shown[:60])


def _duplicate_path(text: str, prefix: str = "$") -> str:
    """The JSON path of the first object with a repeated key in ``text``, with that key."""
    try:
        document = _PAIRS_DECODER.decode(text)
    except (ValueError, RecursionError):
        return prefix

    def walk(value: Any, path: str) -> str | None:
        if isinstance(value, _Pairs):
            seen: set[str] = set()
            for key, _ in value:
                if key in seen:
                    return f"{path}.{_key_text(key)}"
                seen.add(key)
            items = ((f"{path}.{_key_text(k)}", v) for k, v in value)
        elif isinstance(value, list):
            items = ((f"{path}[{n}]", v) for n, v in enumerate(value))
        else:
            return None
        return next((p for p in (walk(v, where) for where, v in items) if p), None)

    return walk(document, prefix) or prefix


def _duplicate_error(source: str, path: str) -> ReportError:
    return ReportError(
        f"{source}: {path} is given twice in one object; a report names each key once "
        "(remove one copy: tools disagree on which one counts)"
    )


def check_depth(value: Any, source: str, path: str = "$") -> None:
    """:class:`ReportError` when objects and arrays in ``value`` nest deeper than :data:`MAX_DEPTH`."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth >= MAX_DEPTH:
            raise _too_deep(source, path)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def _too_deep(source: str, path: str = "$") -> ReportError:
    return ReportError(
        f"{source}: {path} nests objects and arrays more than {MAX_DEPTH} deep; no report needs that many levels"
    )


def _may_be_deep(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether the JSON text between ``start`` and ``end`` has enough brackets to nest too deep."""
    end = len(text) if end is None else end
    return text.count("{", start, end) + text.count("[", start, end) > MAX_DEPTH


def _number_error(text: str, source: str) -> ReportError:
    match = _LONG_NUMBER.search(text)
    if match is None:  # pragma: no cover - Python raised its limit error for a number it found
        return ReportError(f"{source}: holds a number too long to read; a report's numbers are short")
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return ReportError(
        f"{source}: line {line}, column {column}: a number of {len(match.group())} digits; "
        "a report's numbers (line numbers, counts) are short"
    )


def decode_json(raw: bytes | str, source: str) -> Any:
    """Parse UTF-8 JSON (a BOM is allowed) under this module's rules (lone surrogates must have been
    replaced already: :func:`replace_lone_surrogates`); a clear ReportError naming ``source`` otherwise."""
    text = raw if isinstance(raw, str) else decode_text(raw, source)
    try:
        document = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except _DuplicateKey:
        raise _duplicate_error(source, _duplicate_path(text)) from None
    except _NotFinite as exc:
        raise _not_finite_error(source, exc) from None
    except ValueError:  # Python's limit on digits in an integer
        raise _number_error(text, source) from None
    except RecursionError:
        raise _too_deep(source) from None
    if _may_be_deep(text):
        check_depth(document, source)
    return document


def split_report(
    text: str, each: Callable[[int, Any], None] | None = None, source: str = "report"
) -> tuple[dict[str, Any], list[tuple[int, int]]] | None:
    """A report's top-level fields except ``vulnerabilities``, and where each finding's JSON text
    starts and ends in ``text``, without holding every finding as objects at once (each is decoded
    to find its end, given to ``each(index, finding)`` if asked, and dropped). ``None`` when
    ``text`` is not a JSON object with a ``vulnerabilities`` array; parse it whole to say why.
    A repeated key or nesting too deep is a :class:`ReportError` naming its JSON path."""
    try:
        return _split(text, each, source)
    except (ValueError, IndexError, RecursionError):
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
        return _PLAIN_DECODER.raw_decode(text, _WHITESPACE.match(text, colon + 1).end())[0]
    except (ValueError, RecursionError):
        return None


def _value(text: str, i: int, source: str, path: str) -> tuple[Any, int]:
    """The JSON value at ``text[i]`` and where it ends, under this module's rules."""
    try:
        value, end = _DECODER.raw_decode(text, i)
    except _DuplicateKey:
        raise _duplicate_error(source, _duplicate_path(text[i : _PLAIN_DECODER.raw_decode(text, i)[1]], path)) from None
    except _NotFinite as exc:
        raise _not_finite_error(source, exc, path) from None
    if _may_be_deep(text, i, end):
        check_depth(value, source, path)
    return value, end


def _split(
    text: str, each: Callable[[int, Any], None] | None, source: str
) -> tuple[dict[str, Any], list[tuple[int, int]]] | None:
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
        if key in head or (key == "vulnerabilities" and spans is not None):
            raise _duplicate_error(source, f"$.{_key_text(key)}")
        i = skip(text, i).end()
        if text[i] != ":":
            raise ValueError("expected ':'")
        i = skip(text, i + 1).end()
        if key == "vulnerabilities" and text[i] == "[":
            spans = []
            i = skip(text, i + 1).end()
            while text[i] != "]":
                finding, end = _value(text, i, source, f"$.vulnerabilities[{len(spans)}]")
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
            head[key], i = _value(text, i, source, f"$.{_key_text(key)}")
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
