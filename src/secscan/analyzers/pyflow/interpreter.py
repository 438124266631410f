"""pyflow's interpreter: an abstract interpreter of Python functions that follows untrusted data.

Each function body is interpreted statement by statement over an environment that maps
names to abstract values (:class:`Value`). A value knows

* its constant, when it has one (so ``if 7 * 42 - num > 200:`` with ``num = 86`` takes only
  the branch that can run, and ``'should' not in text`` folds when ``text`` is a constant);
* its taint: where untrusted (``user``) or weak-random (``random``) data entered it;
* the sink kinds it has been neutralised for (``html.escape`` -> ``xss``, ``shlex.quote`` ->
  ``cmd``, a containment check -> ``path``, ``int()`` -> everything);
* the elements of a list, tuple, dict or ConfigParser built in the function, so reading an
  element that was never the tainted one gives a clean value;
* the qualified name it refers to (``flask.request.args``, ``os.path.join``), resolved
  through the file's imports, so sources and sinks are matched by what they are.

Branches are joined (taint union, sanitisation intersection); a branch that returns or
raises does not flow on, which is what makes ``if not inside(base, path): return`` a
containment check. Loops run their body twice. Calls to unknown functions propagate the
taint of their arguments. The analysis is intra-procedural, per file, and never executes code.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from .calls import CallHandling
from .conditions import ConditionHandling
from .expressions import ExpressionEvaluation
from .lookup import bandit_test, dotted_name, matches
from .sanitizers import RAISING_CHECKS
from .sinks import SECRET_NAME_PARTS
from .sources import REQUEST_PARAM_MODULES, WEB_ROUTE_DECORATORS
from .values import CLEAN, Env, Value, const, hashable, join_all, join_env, same_constant, union


@dataclass(frozen=True)
class Finding:
    kind: str
    line: int
    column: int
    end_line: int
    source_lines: tuple[int, ...]  # where the data entered the function (or the sink itself, for patterns)
    bandit: str | None = None  # bandit's test id for this very call, when bandit has one


# --------------------------------------------------------------------------- sources, sinks, sanitisers


@dataclass
class _Function:
    handler: bool  # a web handler whose return value is the HTML response body
    returns: list = field(default_factory=list)  # values returned, when a caller wants them


@dataclass
class ModuleAnalysis(ExpressionEvaluation, CallHandling, ConditionHandling):
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)
    hits: dict[tuple[str, int, int], Finding] = field(default_factory=dict)
    _loops: list = field(default_factory=list)  # (break states, continue states) of the loops we are in
    #: request data was read somewhere in the file: pyflow's model of the file applies
    web: bool = False

    def __post_init__(self) -> None:
        #: module-level functions by name: calls to them with request data are followed inside
        self.functions = {n.name: n for n in self.tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self._inlined: dict = {}
        self._stack: list = []  # the functions being followed
        self._all_functions: list = []
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self._all_functions.append(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        self.imports[alias.asname] = alias.name
                    else:
                        self.imports[alias.name.split(".")[0]] = alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if alias.name != "*":
                        self.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        roots = {v.split(".")[0] for v in self.imports.values()}
        self.request_params_apply = any(r in roots for r in REQUEST_PARAM_MODULES)
        self.flask_like = any(r in roots for r in ("flask", "quart", "bottle"))
        self.uses_xml = any(
            v.startswith(("xml.etree", "lxml", "defusedxml", "elementpath")) for v in self.imports.values()
        )
        self.uses_ldap = any(r in roots for r in ("ldap", "ldap3"))

    # -- entry point
    def run(self) -> list[Finding]:
        self._interpret_body(self.tree.body, self._module_env(), None)
        for node in self._all_functions:
            self._analyze_function(node)
        return sorted(self.hits.values(), key=lambda h: (h.line, h.column, h.kind))

    def _module_env(self) -> Env:
        env: Env = {}
        for name, target in self.imports.items():
            env[name] = Value(ref=target)
        return env

    def _analyze_function(self, node) -> None:
        decorators = [self._decorator_name(d) for d in node.decorator_list]
        handler = any(matches(d, WEB_ROUTE_DECORATORS) for d in decorators if d)
        fastapi = (
            handler
            and any((d or "").split(".")[0] in ("app", "router", "api") for d in decorators)
            and any(v.startswith("fastapi") for v in self.imports.values())
        )
        env = self._module_env()
        args = node.args
        params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
        if args.vararg:
            params.append(args.vararg.arg)
        if args.kwarg:
            params.append(args.kwarg.arg)
        line = node.lineno
        for p in params:
            if p in ("request", "req") and (self.request_params_apply or fastapi):
                env[p] = Value(ref="<request>")
            elif fastapi and p not in ("self", "cls", "db", "session", "background_tasks"):
                env[p] = Value(taint=frozenset({("user", line)}), safe=frozenset())
                self.web = True
            elif handler and self.flask_like and p not in ("self", "cls"):
                env[p] = Value(taint=frozenset({("user", line)}), safe=frozenset())  # URL variables
                self.web = True
            else:
                env.pop(p, None)
                env[p] = CLEAN
        self._interpret_body(node.body, env, _Function(handler and self.flask_like))

    def _follow(self, node, args: list[Value], kwargs: dict) -> Value | None:
        """Interpret a function of this file with the caller's argument values (request data
        only; two calls deep at most): sinks inside it are reported, its return value is the join
        of what it returns. None when there is nothing to follow."""
        if not any(v.taint for v in (*args, *kwargs.values())) or len(self._stack) >= 2 or node in self._stack:
            return None
        key = (
            node,
            tuple(v.taint and v.safe for v in args),
            tuple(sorted((k, v.taint and v.safe) for k, v in kwargs.items())),
        )
        if key in self._inlined:
            return self._inlined[key]
        env = self._module_env()
        params = [a.arg for a in (*node.args.posonlyargs, *node.args.args)]
        for i, param in enumerate(params):
            env[param] = args[i] if i < len(args) else kwargs.get(param, CLEAN)
        for a in node.args.kwonlyargs:
            env[a.arg] = kwargs.get(a.arg, CLEAN)
        fn = _Function(handler=False)
        self._stack.append(node)
        try:
            end = self._interpret_body(node.body, env, fn)
        finally:
            self._stack.pop()
        returned = list(fn.returns) + ([const(None)] if end is not None else [])
        result = join_all(returned) if returned else CLEAN
        self._inlined[key] = result
        return result

    def _decorator_name(self, d) -> str | None:
        """``app.route`` for ``@app.route(...)`` and ``@app.route``."""
        return dotted_name(d.func if isinstance(d, ast.Call) else d)

    # -- reporting
    def _report(self, kind: str, node: ast.AST, lines: list[int], call: str | None = None) -> None:
        """Record a finding of ``kind`` at ``node`` (a call of ``call``, when it is one)."""
        if not lines:
            return
        line = getattr(node, "lineno", 0)
        key = (kind, line, getattr(node, "col_offset", 0))
        if key not in self.hits:
            column, end = getattr(node, "col_offset", 0) + 1, getattr(node, "end_lineno", None) or line
            self.hits[key] = Finding(kind, line, column, end, tuple(lines), bandit_test(call, kind))

    # -- statements
    def _interpret_body(self, body: list[ast.stmt], env: Env | None, fn: _Function | None) -> Env | None:
        for stmt in body:
            if env is None:
                return None
            env = self._stmt(stmt, env, fn)
        return env

    def _stmt(self, s: ast.stmt, env: Env, fn: _Function | None) -> Env | None:
        handler = getattr(self, f"_statement_{type(s).__name__}", None)
        return env if handler is None else handler(s, env, fn)

    def _statement_FunctionDef(self, s: ast.FunctionDef, env: Env, fn: _Function | None) -> Env | None:
        env[s.name] = CLEAN
        return env

    _statement_AsyncFunctionDef = _statement_FunctionDef
    _statement_ClassDef = _statement_FunctionDef

    def _statement_Assign(self, s: ast.Assign, env: Env, fn: _Function | None) -> Env | None:
        value = self._expr(s.value, env)
        for target in s.targets:
            self._assign(target, value, env, s)
        return env

    def _statement_AnnAssign(self, s: ast.AnnAssign, env: Env, fn: _Function | None) -> Env | None:
        if s.value is not None:
            self._assign(s.target, self._expr(s.value, env), env, s)
        return env

    def _statement_AugAssign(self, s: ast.AugAssign, env: Env, fn: _Function | None) -> Env | None:
        current = self._expr(s.target, env)  # the context (load/store) does not matter here
        value = self._binop(s.op, current, self._expr(s.value, env))
        self._assign(s.target, value, env, s)
        return env

    def _statement_Expr(self, s: ast.Expr, env: Env, fn: _Function | None) -> Env | None:
        self._expr(s.value, env)
        call = s.value
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in RAISING_CHECKS:
            # ``path.relative_to(base)`` as a statement raises unless path is inside base
            holder = dotted_name(call.func.value)
            if holder in env:
                env[holder] = env[holder].sanitized(RAISING_CHECKS[call.func.attr])
        return env

    def _statement_Return(self, s: ast.Return, env: Env, fn: _Function | None) -> Env | None:
        if s.value is not None:
            value = self._expr(s.value, env)
            if isinstance(s.value, ast.Tuple) and value.items:
                if _plain_headers(s.value.elts[-1]):
                    value = CLEAN  # (body, status, {"Content-Type": "text/plain"}): not HTML
                value = value.items[0] if value.items else value  # (body, status[, headers])
            if (
                fn is not None
                and fn.handler
                and not isinstance(s.value, (ast.Dict, ast.List, ast.ListComp, ast.DictComp))
            ):
                self._report("xss", s, value.origins("xss"))
            if fn is not None:
                fn.returns.append(value)
        return None

    def _statement_Raise(self, s: ast.Raise, env: Env, fn: _Function | None) -> Env | None:
        if s.exc is not None:
            self._expr(s.exc, env)
        return None

    def _statement_Break(self, s: ast.Break, env: Env, fn: _Function | None) -> Env | None:
        if self._loops:
            self._loops[-1][0 if isinstance(s, ast.Break) else 1].append(dict(env))
        return None

    _statement_Continue = _statement_Break

    def _statement_If(self, s: ast.If, env: Env, fn: _Function | None) -> Env | None:
        return self._if(s.test, s.body, s.orelse, env, fn)

    def _statement_For(self, s: ast.For, env: Env, fn: _Function | None) -> Env | None:
        iterable = self._expr(s.iter, env)
        element = self._element(iterable)
        return self._loop(env, fn, s.body, s.orelse, lambda e: self._assign(s.target, element, e, s))

    _statement_AsyncFor = _statement_For

    def _statement_While(self, s: ast.While, env: Env, fn: _Function | None) -> Env | None:
        test = self._expr(s.test, env)
        if test.has_const() and not test.const:
            return self._interpret_body(s.orelse, env, fn)
        endless = test.has_const() and bool(test.const)
        return self._loop(env, fn, s.body, s.orelse, lambda e: None, endless)

    def _statement_With(self, s: ast.With, env: Env, fn: _Function | None) -> Env | None:
        for item in s.items:
            value = self._expr(item.context_expr, env)
            if item.optional_vars is not None:
                self._assign(item.optional_vars, value, env, s)
        return self._interpret_body(s.body, env, fn)

    _statement_AsyncWith = _statement_With

    def _statement_Try(self, s: ast.Try, env: Env, fn: _Function | None) -> Env | None:
        return self._try(s, env, fn)

    _statement_TryStar = _statement_Try

    def _statement_Assert(self, s: ast.Assert, env: Env, fn: _Function | None) -> Env | None:
        self._guard(s.test, env, passing=True)
        return env

    def _statement_Import(self, s: ast.Import, env: Env, fn: _Function | None) -> Env | None:
        for alias in s.names:
            if isinstance(s, ast.Import):
                name = alias.asname or alias.name.split(".")[0]
                env[name] = Value(ref=alias.name if alias.asname else name)
            elif alias.name != "*" and s.module:
                env[alias.asname or alias.name] = Value(ref=f"{s.module}.{alias.name}")
        return env

    _statement_ImportFrom = _statement_Import

    def _statement_Delete(self, s: ast.Delete, env: Env, fn: _Function | None) -> Env | None:
        for t in s.targets:
            if isinstance(t, ast.Name):
                env.pop(t.id, None)
        return env

    def _statement_Match(self, s: ast.Match, env: Env, fn: _Function | None) -> Env | None:
        subject = self._expr(s.subject, env)
        out: Env | None = None
        for case in s.cases:
            pattern = case.pattern
            if isinstance(pattern, ast.MatchValue) and subject.has_const():
                pv = self._expr(pattern.value, env)
                if pv.has_const() and not same_constant(pv.const, subject.const):
                    continue
            branch = self._interpret_body(case.body, dict(env), fn)
            out = join_env(out, branch)
            if (isinstance(pattern, ast.MatchValue) and subject.has_const()) or (
                isinstance(pattern, ast.MatchAs) and pattern.pattern is None and case.guard is None
            ):
                return out  # this case is certain to match: later cases never run
        return join_env(out, env)

    def _loop(self, env: Env, fn, body, orelse, bind, endless: bool = False) -> Env | None:
        """Run the body twice from the loop head; ``break`` states leave the loop, ``continue``
        states and the end of the body go back to the head."""
        head: Env = dict(env)
        exits: list[Env] = []
        for _ in range(2):
            self._loops.append(([], []))
            state = dict(head)
            bind(state)
            after = self._interpret_body(body, state, fn)
            breaks, continues = self._loops.pop()
            exits.extend(breaks)
            for reached in (after, *continues):
                if reached is not None:
                    head = join_env(head, reached)
        out = None if endless else self._interpret_body(orelse, dict(head), fn)
        for state in exits:
            out = join_env(out, state)
        return out

    def _try(self, s, env: Env, fn) -> Env | None:
        before = dict(env)
        body = self._interpret_body(s.body, dict(env), fn)
        if body is not None:
            body = self._interpret_body(s.orelse, body, fn)
        out = body
        start = join_env(before, body) if body is not None else before
        for handler in s.handlers:
            henv = dict(start)
            if handler.name:
                henv[handler.name] = CLEAN
            out = join_env(out, self._interpret_body(handler.body, henv, fn))
        if s.finalbody:
            fin = self._interpret_body(s.finalbody, dict(out if out is not None else start), fn)
            if fin is None:
                return None
            if out is not None:
                out.update({k: v for k, v in fin.items()})
        return out

    # -- assignment
    def _assign(self, target: ast.expr, value: Value, env: Env, stmt: ast.stmt) -> None:
        if isinstance(target, ast.Name):
            env[target.id] = value
            if value.origins("random", "random") and any(p in target.id.lower() for p in SECRET_NAME_PARTS):
                self._report("random", stmt, value.origins("random", "random"))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, elt in enumerate(target.elts):
                if isinstance(elt, ast.Starred):
                    self._assign(elt.value, union([value]), env, stmt)
                elif value.items is not None and len(value.items) == len(target.elts):
                    self._assign(elt, value.items[i], env, stmt)
                else:
                    self._assign(elt, union([value]), env, stmt)
        elif isinstance(target, ast.Subscript):
            self._store_item(target, value, env, stmt)
        elif isinstance(target, ast.Attribute):
            key = dotted_name(target)
            if key:
                env[key] = value
            if target.attr == "location":  # werkzeug/Flask response.location = url
                self._report("redirect", stmt, value.origins("redirect"))
            if target.attr in ("secret_key",) and value.origins("random", "random"):
                self._report("random", stmt, value.origins("random", "random"))

    def _store_item(self, target: ast.Subscript, value: Value, env: Env, stmt) -> None:
        container = self._expr(target.value, env)
        key = self._expr(target.slice, env)
        holder = dotted_name(target.value)
        if self._is_session(target.value, container):
            self._report("trust", stmt, sorted(set(value.origins("trust")) | set(key.origins("trust"))))
            self._report("random", stmt, value.origins("random", "random"))
        if isinstance(target.value, ast.Attribute) and target.value.attr == "headers":
            location = key.has_const() and str(key.const).lower() == "location"
            self._report(
                "redirect" if location else "header", stmt, value.origins("redirect" if location else "header")
            )
        if holder is None:
            return
        if container.keys is not None and key.has_const():
            entries = dict(container.keys)
            entries[hashable(key.const)] = value
            env[holder] = replace(union([container, value]), keys=tuple(entries.items()), type=container.type)
        elif container.items is not None and key.has_const() and isinstance(key.const, int):
            items = list(container.items)
            if -len(items) <= key.const < len(items):
                items[key.const] = value
                env[holder] = replace(union(items), items=tuple(items), type=container.type)
        else:
            env[holder] = replace(union([container, value, key]), type=container.type)

    def _is_session(self, node: ast.expr, value: Value) -> bool:
        if value.ref and matches(value.ref, ("flask.session", "quart.session", "*.session", "<request>.session")):
            return True
        name = dotted_name(node) or ""
        return "session" in name.split(".")[-1].lower()


def _plain_headers(node: ast.expr) -> bool:
    """A headers dict literal that sets a Content-Type other than HTML."""
    if not isinstance(node, ast.Dict):
        return False
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and str(key.value).lower() == "content-type":
            return isinstance(value, ast.Constant) and "html" not in str(value.value).lower()
    return False


def analyze_source(text: str, filename: str = "<string>") -> list[Finding]:
    """Every finding in one file's source. SyntaxError propagates to the caller."""
    return analyze_module(text, filename).run()


def analyze_module(text: str, filename: str = "<string>") -> ModuleAnalysis:
    """The analysis of one file (``.run()`` it for the findings, then read ``.web``)."""
    return ModuleAnalysis(ast.parse(text, filename=filename))
