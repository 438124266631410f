"""Conditions: a branch whose test is constant runs alone; a validating test (containment, host
or allow-list check) sanitises the names it tests in the branch where the check passed."""

from __future__ import annotations

import ast
from functools import lru_cache

from .lookup import dotted_name
from .sanitizers import PATH_CHECKS, URL_CHECKS, URL_PARTS, VALIDATOR_PREFIXES, VALIDATORS
from .values import KINDS, Env, join_env


class ConditionHandling:
    """The interpreter's ``if`` statements and guards (a part of :class:`ModuleAnalysis`)."""

    def _if(self, test: ast.expr, body, orelse, env: Env, fn) -> Env | None:
        cond = self._expr(test, env)
        if cond.has_const():
            try:
                taken = bool(cond.const)
            except Exception:
                taken = None
            if taken is not None:
                return self._interpret_body(body if taken else orelse, env, fn)
        then_env, else_env = dict(env), dict(env)
        self._guard(test, then_env, passing=True)
        self._guard(test, else_env, passing=False)
        # ``if <check fails>: return``: the failing branch ends, so only the checked state flows on
        return join_env(self._interpret_body(body, then_env, fn), self._interpret_body(orelse, else_env, fn))

    def _guard(self, test: ast.expr, env: Env, passing: bool) -> None:
        """Mark the names a validating condition tests as checked in the branch where the check passed."""
        kinds = _check_kinds(test)
        if not kinds or _polarity(test) != passing:
            return
        for name in _names(test):
            if name in env and env[name].taint:
                env[name] = env[name].sanitized(kinds)


def _names(test: ast.expr) -> set[str]:
    names = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            dotted = dotted_name(node)
            if dotted:
                names.add(dotted)
    return names


@lru_cache(maxsize=4096)
def _check_kinds(test: ast.expr) -> frozenset[str]:
    """The sink kinds a condition validates for: containment checks for paths, host checks for
    URLs, allow-lists and format checks for everything."""
    kinds: set[str] = set()
    for node in ast.walk(test):
        name = None
        if isinstance(node, ast.Attribute):
            name = node.attr
        elif isinstance(node, ast.Name):
            name = node.id
        if name in PATH_CHECKS:
            kinds.add("path")
        if name in URL_CHECKS or name == "startswith":
            kinds |= {"redirect", "ssrf"}
        if name in VALIDATORS or (isinstance(node, ast.Call) and _validator_name(node.func)):
            kinds |= KINDS
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn)):
            right = node.comparators[0]
            if isinstance(right, (ast.Set, ast.List, ast.Tuple)) or (
                isinstance(right, ast.Name) and right.id.isupper()
            ):
                kinds |= KINDS  # an allow-list
            elif isinstance(node.left, ast.Constant) and node.left.value in ("..", "/", "\\"):
                kinds.add("path")
    return frozenset(kinds)


def _validator_name(func: ast.expr) -> bool:
    """``check_for_language(x)``, ``is_valid_name(x)``, ``validate(x)``: a project's own validator."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name.lower().startswith(VALIDATOR_PREFIXES)


def _polarity(test: ast.expr) -> bool:
    """True when the condition holds for values that pass the check (``x in ALLOWED``),
    False when it holds for values that fail it (``x not in ALLOWED``, ``not ok(x)``)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return not _polarity(test.operand)
    if isinstance(test, ast.BoolOp):
        checks = [v for v in test.values if _check_kinds(v)]
        return _polarity(checks[0] if checks else test.values[0])
    if isinstance(test, ast.Attribute) and test.attr in URL_PARTS:
        return False  # ``if parsed.netloc:`` holds for absolute URLs: the ones a local-only check rejects
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        if isinstance(test.ops[0], (ast.NotIn, ast.NotEq, ast.IsNot)):
            return isinstance(test.left, ast.Constant) and test.left.value in ("..", "/", "\\")
        if (
            isinstance(test.ops[0], ast.In)
            and isinstance(test.left, ast.Constant)
            and test.left.value in ("..", "/", "\\")
        ):
            return False
    return True
