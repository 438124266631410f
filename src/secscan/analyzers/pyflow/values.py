"""The abstract values pyflow's interpreter computes, and how two of them join.

A :class:`Value` knows its constant (when it has one), its taint (where untrusted ``user`` or
weak-``random`` data entered it), the sink kinds it has been neutralised for, the elements of a
container built in the function, the qualified name it refers to and what made it. Branches
join values (taint union, sanitisation intersection); an environment maps names to values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

#: every sink kind; a value safe for all of them is clean
KINDS = frozenset(
    {
        "sql",
        "cmd",
        "code",
        "path",
        "xss",
        "redirect",
        "ssrf",
        "ldap",
        "xpath",
        "xxe",
        "deser",
        "trust",
        "header",
        "random",
    }
)

UNKNOWN = object()
MAX_CONST = 10_000  # longest string/sequence constant folded; longer ones become unknown


@dataclass(frozen=True)
class Value:
    const: Any = UNKNOWN
    taint: frozenset = frozenset()  # {(label, line)} label: "user" | "random"
    safe: frozenset = KINDS  # sink kinds this value's taint is neutralised for
    items: tuple | None = None  # list/tuple elements, when known
    keys: tuple | None = None  # dict / ConfigParser entries ((key, Value), ...), when known
    ref: str | None = None  # the qualified name this value is (a module, function, class)
    type: str | None = None  # qualified name of what made it (``pathlib.Path``)
    flags: frozenset = frozenset()  # "xxe": an XML parser that resolves external entities

    def has_const(self) -> bool:
        return self.const is not UNKNOWN

    def origins(self, kind: str, label: str = "user") -> list[int]:
        if kind in self.safe:
            return []
        return sorted(line for lab, line in self.taint if lab == label)

    def sanitized(self, kinds: Iterable[str]) -> Value:
        kinds = frozenset(kinds)
        return replace(
            self,
            safe=self.safe | kinds,
            items=_map(self.items, lambda v: v.sanitized(kinds)),
            keys=_mapk(self.keys, lambda v: v.sanitized(kinds)),
        )


CLEAN = Value()


def _map(items, fn):
    return None if items is None else tuple(fn(v) for v in items)


def _mapk(keys, fn):
    return None if keys is None else tuple((k, fn(v)) for k, v in keys)


def const(value: Any) -> Value:
    if isinstance(value, (str, bytes, tuple, list)) and len(value) > MAX_CONST:
        return CLEAN
    return Value(const=value)


def union(values: Iterable[Value], **kw) -> Value:
    """A value derived from all of ``values`` (concatenation, an unknown call)."""
    taint: frozenset = frozenset()
    safe = KINDS
    for v in values:
        if v.taint:
            taint |= v.taint
            safe &= v.safe
    return Value(taint=taint, safe=safe if taint else KINDS, **kw)


def join(a: Value | None, b: Value | None) -> Value:
    """Either value (two branches met)."""
    if a is None:
        return b or CLEAN
    if b is None or a == b:
        return a
    out = union([a, b])
    items = keys = None
    if a.items is not None and b.items is not None and len(a.items) == len(b.items):
        items = tuple(join(x, y) for x, y in zip(a.items, b.items))
    if a.keys is not None and b.keys is not None:
        da, db = dict(a.keys), dict(b.keys)
        keys = tuple((k, join(da.get(k), db.get(k))) for k in dict.fromkeys([*da, *db]))
    return replace(
        out,
        const=a.const if a.has_const() and b.has_const() and same_constant(a.const, b.const) else UNKNOWN,
        items=items,
        keys=keys,
        ref=a.ref if a.ref == b.ref else None,
        type=a.type if a.type == b.type else None,
        flags=a.flags | b.flags,
    )


def join_all(values: list[Value]) -> Value:
    out = values[0]
    for v in values[1:]:
        out = join(out, v)
    return out


def same_constant(x, y) -> bool:
    try:
        return type(x) is type(y) and bool(x == y)
    except Exception:
        return False


def hashable(value):
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


Env = dict  # name -> Value; None as a whole environment means "this path does not flow on"


def join_env(a: Env | None, b: Env | None) -> Env | None:
    if a is None:
        return None if b is None else dict(b)
    if b is None:
        return dict(a)
    out = {}
    for name in a.keys() | b.keys():
        out[name] = join(a.get(name), b.get(name))
    return out
