"""Tracking signatures for SAST findings (GitLab's vulnerability tracking), from a real parse of the file.

Every finding gets, in GitLab's priority order:

1. ``scope_offset``: ``<file>|<scope>[<n>]|...:<offset>``. The scope path is the chain of enclosing
   named scopes (namespaces, modules, classes, functions, methods), outermost first; ``[n]`` is the
   0-based index of the name among same-named scopes of the same parent scope (a redefinition or an
   overload gets ``[1]``); the offset is the finding's start line minus the innermost scope's first
   line. Left out for module-level findings and when the file cannot be parsed.
2. ``location``: ``<file>:<start_line>:<end_line>``.
3. ``hash``: hex sha256 of ``<file>|`` + the flagged lines with all whitespace removed (reformatting
   and moving code keep it; editing the flagged code changes it). Left out when the lines cannot be read.

Parsers: Python through the stdlib ``ast``; every other language of the rule pack through tree-sitter
(:data:`LANGUAGES` maps file extensions to grammars). Where scopes start and how they are named
follows the values GitLab's own tracking calculator wrote in its reports (../shared/reference):

- Python: a function or class starts at its ``def``/``class`` line, not at its first decorator
  (GitLab: ``app/app.py|setup_users[0]:7`` for line 63 of a function decorated on line 55,
  ``def`` on line 56). Lambdas are not scopes.
- Other languages: a scope starts at its node's first line, which includes Java annotations and C#
  attributes (they are part of the declaration node).
- Java and C#: a scope is named by its first direct identifier child, which for a method whose return
  type is a plain identifier is that type (GitLab: ``App[0]|String[1]:1``,
  ``HomeController[0]|IActionResult[5]:2``); a C# namespace with a dotted name has no identifier
  child and is not part of the path (GitLab: ``WebApp/Controllers/HomeController.cs|HomeController[0]|...``
  for ``namespace WebApp.Controllers``).
- C and C++: a function is named by its declarator, parameters included (GitLab: ``subdir/utils.c|doStuff()[0]:2``).
- JavaScript and TypeScript: an anonymous function, arrow function or class expression takes the
  name it is bound to by ``const/let/var x =``, a class field or an object key; any other anonymous
  function (callbacks, ``exports.x = function``) is not a scope, like lambdas and blocks elsewhere.
- Go methods are named without their receiver type; C# file-scoped namespaces and PHP
  ``namespace X;`` statements enclose everything up to the next namespace or the end of the file.

Syntax errors: a Python file that does not compile gets no ``scope_offset``. tree-sitter recovers from
errors, so a finding keeps its ``scope_offset`` unless its line lies in an error region that its
innermost recognised scope does not enclose (the real enclosing scope may be missing). Files that are
not UTF-8 (Python: not decodable per PEP 263), larger than :data:`MAX_PARSE_BYTES` or of another
language get no ``scope_offset`` either.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tree_sitter import Language, Node, Parser, Query, QueryCursor

from ...report.model import Signature, Tracking, TrackingItem, Vulnerability

#: files larger than this are not parsed (location and hash are still given)
MAX_PARSE_BYTES = 5 * 1024 * 1024

#: file extension -> language of :data:`_GRAMMARS` (or ``python``); ``.h`` is tried as C, then C++
LANGUAGES: dict[str, tuple[str, ...]] = {
    ".py": ("python",), ".pyi": ("python",), ".pyw": ("python",),
    ".js": ("javascript",), ".jsx": ("javascript",), ".mjs": ("javascript",), ".cjs": ("javascript",),
    ".ts": ("typescript",), ".mts": ("typescript",), ".cts": ("typescript",), ".tsx": ("tsx",),
    ".go": ("go",),
    ".java": ("java",),
    ".c": ("c",), ".h": ("c", "cpp"),
    ".cpp": ("cpp",), ".cc": ("cpp",), ".cxx": ("cpp",), ".c++": ("cpp",),
    ".hpp": ("cpp",), ".hh": ("cpp",), ".hxx": ("cpp",),
    ".cs": ("csharp",),
    ".rb": ("ruby",),
    ".php": ("php",),
}  # fmt: skip


# -- naming rules ------------------------------------------------------------------------------------

#: how a scope node is named (None: anonymous, not a scope)
_Namer = Callable[[Node], "str | None"]


def _text(node: Node | None) -> str | None:
    """The node's source text on one line (whitespace runs collapsed), or None."""
    if node is None or node.text is None:
        return None
    return " ".join(node.text.decode("utf-8", "replace").split()) or None


def _name_field(*types: str) -> _Namer:
    """The ``name`` field's text, when that field's node is of one of ``types`` (any type if none)."""

    def name(node: Node) -> str | None:
        found = node.child_by_field_name("name")
        return _text(found) if found is not None and (not types or found.type in types) else None

    return name


def _first_child(*types: str) -> _Namer:
    """The first direct child of one of ``types`` (GitLab's rule for Java and C#)."""

    def name(node: Node) -> str | None:
        return next((_text(c) for c in node.named_children if c.type in types), None)

    return name


def _c_declarator(node: Node) -> str | None:
    """A C/C++ function's declarator (``doStuff()``, ``Foo::bar(int x) const``), pointers stripped."""
    declarator = node.child_by_field_name("declarator")
    while declarator is not None and declarator.type != "function_declarator":
        declarator = declarator.child_by_field_name("declarator")
    return _text(declarator)


#: the parent node types (and their field holding the name) that name an anonymous JS/TS function
_JS_BINDINGS = {
    "variable_declarator": "name",
    "field_definition": "property",
    "public_field_definition": "name",
    "pair": "key",
}
_JS_NAMES = ("identifier", "property_identifier", "private_property_identifier", "type_identifier")


def _js_name(node: Node) -> str | None:
    """Own name if any, else the name the function or class expression is bound to."""
    own = node.child_by_field_name("name")
    if own is not None:
        return _text(own)
    parent = node.parent
    if parent is None or parent.type not in _JS_BINDINGS:
        return None
    bound = parent.child_by_field_name(_JS_BINDINGS[parent.type])
    return _text(bound) if bound is not None and bound.type in _JS_NAMES else None


def _named(types: str, namer: _Namer) -> dict[str, _Namer]:
    return dict.fromkeys(types.split(), namer)


_JS_SCOPES = {
    **_named("function_declaration generator_function_declaration class_declaration method_definition", _name_field()),
    **_named("function_expression generator_function arrow_function class", _js_name),
}
_TS_SCOPES = {
    **_JS_SCOPES,
    **_named("abstract_class_declaration", _name_field()),
    **_named("internal_module module", _name_field("identifier", "nested_identifier")),
}


@dataclass(frozen=True)
class _Grammar:
    module: str
    factory: str
    #: scope node type -> its namer
    scopes: dict[str, _Namer]
    #: node types that must have a ``body`` to be a scope (C++ ``struct S`` used as a type is not one)
    need_body: frozenset[str] = frozenset()
    #: body-less node types that enclose their following siblings (``namespace X;``)
    open_ended: frozenset[str] = frozenset()


_CPP_TYPES = "class_specifier struct_specifier union_specifier"
_GRAMMARS: dict[str, _Grammar] = {
    "javascript": _Grammar("tree_sitter_javascript", "language", _JS_SCOPES),
    "typescript": _Grammar("tree_sitter_typescript", "language_typescript", _TS_SCOPES),
    "tsx": _Grammar("tree_sitter_typescript", "language_tsx", _TS_SCOPES),
    "go": _Grammar("tree_sitter_go", "language", _named("function_declaration method_declaration", _name_field())),
    "java": _Grammar(
        "tree_sitter_java",
        "language",
        _named(
            "class_declaration interface_declaration enum_declaration record_declaration annotation_type_declaration"
            " method_declaration constructor_declaration compact_constructor_declaration",
            _first_child("identifier", "type_identifier"),
        ),
    ),
    "c": _Grammar("tree_sitter_c", "language", _named("function_definition", _c_declarator)),
    "cpp": _Grammar(
        "tree_sitter_cpp",
        "language",
        {
            **_named("function_definition", _c_declarator),
            **_named(f"namespace_definition {_CPP_TYPES}", _name_field()),
        },
        need_body=frozenset(_CPP_TYPES.split()),
    ),
    "csharp": _Grammar(
        "tree_sitter_c_sharp",
        "language",
        _named(
            "namespace_declaration file_scoped_namespace_declaration class_declaration struct_declaration"
            " interface_declaration record_declaration method_declaration constructor_declaration"
            " destructor_declaration local_function_statement",
            _first_child("identifier"),
        ),
        open_ended=frozenset({"file_scoped_namespace_declaration"}),
    ),
    "ruby": _Grammar("tree_sitter_ruby", "language", _named("module class method singleton_method", _name_field())),
    "php": _Grammar(
        "tree_sitter_php",
        "language_php",
        _named(
            "namespace_definition class_declaration interface_declaration trait_declaration enum_declaration"
            " function_definition method_declaration",
            _name_field(),
        ),
        open_ended=frozenset({"namespace_definition"}),
    ),
}


@cache
def _compiled(language: str) -> tuple[Language, Query]:
    grammar = _GRAMMARS[language]
    lang = Language(getattr(importlib.import_module(grammar.module), grammar.factory)())
    # node types this grammar version knows (a type renamed between versions is left out, not fatal)
    alternatives = " ".join(f"({t})" for t in grammar.scopes if lang.id_for_node_kind(t, True))
    return lang, Query(lang, f"[{alternatives}] @scope (ERROR) @error")


def grammar(language: str) -> Language:
    """The tree-sitter grammar of ``language`` (a value of :data:`LANGUAGES` other than python), loaded once."""
    return _compiled(language)[0]


# -- scope trees -------------------------------------------------------------------------------------


@dataclass
class _Scope:
    """A named scope: its path from the file root, its lines (1-based, inclusive) and its bytes."""

    path: str
    start: int
    end: int
    start_byte: int = 0
    end_byte: int = 0
    children: list[_Scope] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, name: str, start: int, end: int, start_byte: int = 0, end_byte: int = 0) -> _Scope:
        """A child named ``name``, indexed among its same-named siblings."""
        index = self.seen.get(name, 0)
        self.seen[name] = index + 1
        label = f"{name}[{index}]"
        child = _Scope(f"{self.path}|{label}" if self.path else label, start, end, start_byte, end_byte)
        self.children.append(child)
        return child

    def innermost(self, line: int) -> _Scope | None:
        """The deepest scope below this one whose lines contain ``line`` (the first on ties)."""
        found, children = None, self.children
        while True:
            found_here = next((c for c in children if c.start <= line <= c.end), None)
            if found_here is None:
                return found
            found, children = found_here, found_here.children


#: the fields of Python AST nodes that hold statements (or except/match clauses holding statements)
_PY_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def _python_scopes(data: bytes) -> _Scope | None:
    """Scopes of a Python file, or None if it does not compile."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for invalid escapes etc.
            module = ast.parse(data)
    except (SyntaxError, ValueError, RecursionError):
        return None
    root = _Scope("", 1, 0)

    def visit(node: ast.AST, parent: _Scope) -> None:
        # only statement blocks can hold a def or class (if/for/try/with/match bodies open no scope)
        for block in _PY_BLOCKS:
            for child in getattr(node, block, ()):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    visit(child, parent.add(child.name, child.lineno, child.end_lineno or child.lineno))
                else:
                    visit(child, parent)

    visit(module, root)
    return root


@dataclass
class _TreeScopes:
    """Scopes of a tree-sitter parse, with the error regions that make a lookup uncertain."""

    root: _Scope
    #: (start line, end line, start byte, end byte) of each ERROR node
    errors: list[tuple[int, int, int, int]]

    def innermost(self, line: int) -> _Scope | None:
        scope = self.root.innermost(line)
        if scope is None:
            return None
        for start, end, start_byte, end_byte in self.errors:
            if start <= line <= end and not (scope.start_byte <= start_byte and end_byte <= scope.end_byte):
                return None  # the line is in an error region its scope does not enclose
        return scope


def _tree_scopes(data: bytes, language: str) -> _TreeScopes:
    grammar = _GRAMMARS[language]
    lang, query = _compiled(language)
    tree = Parser(lang).parse(data)
    captures = QueryCursor(query).captures(tree.root_node)
    spans: list[tuple[int, int, int, int, str]] = []
    for node in captures.get("scope", ()):
        if node.type in grammar.need_body and node.child_by_field_name("body") is None:
            continue
        name = grammar.scopes[node.type](node)
        if not name:
            continue
        end, end_byte = node.end_point.row + 1, node.end_byte
        if node.type in grammar.open_ended and node.child_by_field_name("body") is None:
            end, end_byte = _open_end(node)
        spans.append((node.start_byte, end_byte, node.start_point.row + 1, end, name))
    root = _Scope("", 1, 0, 0, len(data))
    stack = [root]
    for start_byte, end_byte, start, end, name in sorted(spans, key=lambda s: (s[0], -s[1])):
        while len(stack) > 1 and not (start_byte >= stack[-1].start_byte and end_byte <= stack[-1].end_byte):
            stack.pop()
        stack.append(stack[-1].add(name, start, end, start_byte, end_byte))
    errors = [(n.start_point.row + 1, n.end_point.row + 1, n.start_byte, n.end_byte) for n in captures.get("error", ())]
    return _TreeScopes(root, errors)


def _open_end(node: Node) -> tuple[int, int]:
    """Where a body-less namespace ends (line, byte): on the line before the next one of its kind,
    else with its parent."""
    sibling = node.next_named_sibling
    while sibling is not None and sibling.type != node.type:
        sibling = sibling.next_named_sibling
    if sibling is not None:
        return max(sibling.start_point.row, node.start_point.row + 1), sibling.start_byte
    parent = node.parent or node
    return parent.end_point.row + 1, parent.end_byte


# -- files and signatures ----------------------------------------------------------------------------


class _SourceFile:
    """One file read once: its lines for the hash and its scopes (parsed on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data: bytes | None = path.read_bytes()
        except (OSError, ValueError):  # missing, a directory, unreadable, a NUL in the name
            self.data = None
        self._lines: list[str] | None = None
        self._scopes: _Scope | _TreeScopes | None = None
        self._parsed = False

    @property
    def lines(self) -> list[str] | None:
        if self._lines is None and self.data is not None:
            text = self.data.decode("utf-8", "surrogateescape")  # any bytes; hashed back byte for byte
            self._lines = text.split("\n")
            if text.endswith("\n"):
                self._lines.pop()
        return self._lines

    def innermost(self, line: int) -> _Scope | None:
        if not self._parsed:
            self._parsed = True
            self._scopes = self._parse()
        return self._scopes.innermost(line) if self._scopes is not None else None

    def _parse(self) -> _Scope | _TreeScopes | None:
        data = self.data
        languages = LANGUAGES.get(self.path.suffix.lower(), ())
        if data is None or not languages or len(data) > MAX_PARSE_BYTES or b"\0" in data:
            return None
        if languages == ("python",):
            return _python_scopes(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        scopes = None
        for language in languages:  # the first grammar that parses without errors, else the first
            candidate = _tree_scopes(data, language)
            scopes = scopes or candidate
            if not candidate.errors:
                return candidate
        return scopes


def _signatures(source: _SourceFile, file: str, start_line: int, end_line: int) -> tuple[Signature, ...]:
    lines = source.lines
    readable = lines is not None and start_line <= len(lines)
    signatures = []
    scope = source.innermost(start_line) if readable else None
    if scope is not None:
        signatures.append(Signature("scope_offset", f"{file}|{scope.path}:{start_line - scope.start}"))
    signatures.append(Signature("location", f"{file}:{start_line}:{end_line}"))
    if readable:
        code = "".join("".join(line.split()) for line in lines[start_line - 1 : end_line])
        digest = hashlib.sha256(f"{file}|{code}".encode("utf-8", "surrogateescape")).hexdigest()
        signatures.append(Signature("hash", digest))
    return tuple(signatures)


def _span(start_line: int | None, end_line: int | None) -> tuple[int, int] | None:
    if not start_line or start_line < 1:
        return None
    return start_line, max(start_line, end_line or start_line)


def signatures_for(target: Path, file: str, start_line: int, end_line: int | None = None) -> tuple[Signature, ...]:
    """The tracking signatures of a finding at ``file`` (relative to ``target``) lines
    ``start_line..end_line``, in GitLab's priority order: ``scope_offset`` (when the line is inside a
    named scope of a file that parses), ``location``, ``hash`` (when the lines can be read).
    ``end_line`` defaults to ``start_line``; a ``start_line`` below 1 gives no signature. Never raises."""
    span = _span(start_line, end_line)
    if span is None or not file:
        return ()
    return _signatures(_SourceFile(Path(target) / file), file, *span)


def add_tracking(target: Path, vulns: Iterable[Vulnerability]) -> list[Vulnerability]:
    """``vulns`` with ``tracking`` set (one ``source`` item with :func:`signatures_for`'s signatures).

    A finding that already has tracking (from its analyzer) keeps it; one without a file or start
    line is left without. Each file is read and parsed once per call."""
    files: dict[str, _SourceFile] = {}
    result = []
    for vuln in vulns:
        location = vuln.location
        span = _span(location.start_line, location.end_line)
        if vuln.tracking is not None or span is None or not location.file:
            result.append(vuln)
            continue
        source = files.get(location.file)
        if source is None:
            source = files[location.file] = _SourceFile(Path(target) / location.file)
        signatures = _signatures(source, location.file, *span)
        item = TrackingItem(file=location.file, line_start=span[0], line_end=span[1], signatures=signatures)
        result.append(vuln.with_(tracking=Tracking(items=(item,))))
    return result


def scope_at(target: Path, file: str, line: int) -> tuple[str, int] | None:
    """The innermost named scope at ``line`` of ``target/file``: its path (``A[0]|f[1]``) and its
    first line, or None (module level, unknown language, file that does not parse)."""
    scope = _SourceFile(Path(target) / file).innermost(line)
    return (scope.path, scope.start) if scope is not None else None
