"""Expressions: the value of each kind of expression node, constant folding, request data read
through attributes and subscripts."""

from __future__ import annotations

import ast
from dataclasses import replace

from .lookup import dotted_name, is_request
from .sources import REQUEST_LOCAL_PATHS, REQUEST_SAFE_ATTRS
from .values import CLEAN, MAX_CONST, Env, Value, const, hashable, join, join_all, same_constant, union


class ExpressionEvaluation:
    """The interpreter's expressions (a part of :class:`ModuleAnalysis`)."""

    def _expr(self, e: ast.expr, env: Env) -> Value:
        handler = getattr(self, f"_expression_{type(e).__name__}", None)
        return CLEAN if handler is None else handler(e, env)

    def _expression_Constant(self, e: ast.Constant, env: Env) -> Value:
        return const(e.value)

    def _expression_Name(self, e: ast.Name, env: Env) -> Value:
        if e.id in env:
            value = env[e.id]
        else:
            value = Value(ref=e.id)  # a builtin or a global defined elsewhere
        return value

    def _expression_Attribute(self, e: ast.Attribute, env: Env) -> Value:
        key = dotted_name(e)
        if key and key in env:
            return env[key]
        if key == "self.request" and self.request_params_apply:
            return Value(ref="<request>")  # class-based views (Django, DRF, Tornado)
        base = self._expr(e.value, env)
        ref = f"{base.ref}.{e.attr}" if base.ref else (f"{base.type}.{e.attr}" if base.type else None)
        if is_request(base.ref):
            return self._request_data(ref, e.attr, e.lineno)
        if base.taint:
            return Value(taint=base.taint, safe=base.safe, ref=ref if base.ref else None, type=base.type)
        if base.has_const() and e.attr in ("real", "imag"):
            return CLEAN
        return Value(ref=ref) if base.ref else Value(type=ref)

    def _expression_JoinedStr(self, e: ast.JoinedStr, env: Env) -> Value:
        parts = [self._expr(v, env) for v in e.values]
        if all(p.has_const() for p in parts):
            try:
                return const("".join(str(p.const) for p in parts))
            except Exception:
                return CLEAN
        return union(parts)

    def _expression_FormattedValue(self, e: ast.FormattedValue, env: Env) -> Value:
        inner = self._expr(e.value, env)
        if inner.has_const() and e.format_spec is None and e.conversion in (-1, 115):
            return const(str(inner.const))
        return union([inner])

    def _expression_BinOp(self, e: ast.BinOp, env: Env) -> Value:
        return self._binop(e.op, self._expr(e.left, env), self._expr(e.right, env))

    def _expression_UnaryOp(self, e: ast.UnaryOp, env: Env) -> Value:
        operand = self._expr(e.operand, env)
        if operand.has_const():
            try:
                return const(
                    {
                        ast.Not: lambda x: not x,
                        ast.USub: lambda x: -x,
                        ast.UAdd: lambda x: +x,
                        ast.Invert: lambda x: ~x,
                    }[type(e.op)](operand.const)
                )
            except Exception:
                return CLEAN
        return CLEAN if isinstance(e.op, ast.Not) else union([operand])

    def _expression_BoolOp(self, e: ast.BoolOp, env: Env) -> Value:
        values = []
        for operand in e.values:
            v = self._expr(operand, env)
            if v.has_const():
                try:
                    truth = bool(v.const)
                except Exception:
                    truth = None
                if truth is not None and (
                    (isinstance(e.op, ast.Or) and truth) or (isinstance(e.op, ast.And) and not truth)
                ):
                    return v if not values else join_all(values + [v])
                if truth is not None:
                    continue  # a constant that does not decide: the next operand does
            values.append(v)
        if not values:
            return self._expr(e.values[-1], env)
        return values[0] if len(values) == 1 else join_all(values)

    def _expression_Compare(self, e: ast.Compare, env: Env) -> Value:
        return self._compare(e, env)

    def _expression_IfExp(self, e: ast.IfExp, env: Env) -> Value:
        test = self._expr(e.test, env)
        if test.has_const():
            try:
                return self._expr(e.body if test.const else e.orelse, env)
            except Exception:
                pass
        return join(self._expr(e.body, env), self._expr(e.orelse, env))

    def _expression_List(self, e: ast.List, env: Env) -> Value:
        items = []
        for elt in e.elts:
            if isinstance(elt, ast.Starred):
                inner = self._expr(elt.value, env)
                if inner.items is None:
                    return union([inner, *items], type="list")
                items.extend(inner.items)
            else:
                items.append(self._expr(elt, env))
        out = replace(union(items), items=tuple(items), type="tuple" if isinstance(e, ast.Tuple) else "list")
        if isinstance(e, ast.Tuple) and all(i.has_const() for i in items):
            out = replace(out, const=tuple(i.const for i in items))
        return out

    _expression_Tuple = _expression_List
    _expression_Set = _expression_List

    def _expression_Dict(self, e: ast.Dict, env: Env) -> Value:
        entries = []
        values = []
        known = True
        for k, v in zip(e.keys, e.values):
            vv = self._expr(v, env)
            values.append(vv)
            kv = self._expr(k, env) if k is not None else None
            if kv is None or not kv.has_const():
                known = False
                if kv is not None:
                    values.append(kv)
            else:
                entries.append((hashable(kv.const), vv))
        return replace(union(values), keys=tuple(entries) if known else None, type="dict")

    def _expression_Subscript(self, e: ast.Subscript, env: Env) -> Value:
        return self._subscript(e, env)

    def _expression_Call(self, e: ast.Call, env: Env) -> Value:
        return self._call(e, env)

    def _expression_Await(self, e: ast.Await, env: Env) -> Value:
        return self._expr(e.value, env)

    def _expression_NamedExpr(self, e: ast.NamedExpr, env: Env) -> Value:
        value = self._expr(e.value, env)
        self._assign(e.target, value, env, e)
        return value

    def _expression_ListComp(self, e: ast.ListComp, env: Env) -> Value:
        inner = dict(env)
        for gen in e.generators:
            self._assign(gen.target, self._element(self._expr(gen.iter, inner)), inner, e)
        if isinstance(e, ast.DictComp):
            return replace(union([self._expr(e.key, inner), self._expr(e.value, inner)]), type="dict")
        return replace(union([self._expr(e.elt, inner)]), type="list")

    _expression_SetComp = _expression_ListComp
    _expression_GeneratorExp = _expression_ListComp
    _expression_DictComp = _expression_ListComp

    def _expression_Lambda(self, e: ast.Lambda, env: Env) -> Value:
        return CLEAN

    def _expression_Starred(self, e: ast.Starred, env: Env) -> Value:
        return self._expr(e.value, env)

    def _expression_Slice(self, e: ast.Slice, env: Env) -> Value:
        parts = [self._expr(p, env) if p is not None else const(None) for p in (e.lower, e.upper, e.step)]
        if all(p.has_const() for p in parts):
            return const(slice(*(p.const for p in parts)))
        return CLEAN

    def _request_data(self, ref: str | None, attr: str | None, line: int) -> Value:
        """``request.<attr>``: request data, except the attributes the server decides."""
        if attr in REQUEST_SAFE_ATTRS:
            return Value(ref=f"{ref}" if ref else None)
        self.web = True
        taint = frozenset({("user", line)})
        if attr in REQUEST_LOCAL_PATHS:
            return Value(taint=taint, safe=frozenset({"redirect", "ssrf"}))
        return Value(ref=ref, taint=taint, safe=frozenset())

    def _binop(self, op: ast.operator, left: Value, right: Value) -> Value:
        if left.has_const() and right.has_const():
            try:
                if isinstance(op, ast.Pow) and abs(right.const) > 64:
                    raise ValueError
                if (
                    isinstance(op, ast.Mult)
                    and isinstance(left.const, (str, bytes, list, tuple))
                    and right.const > MAX_CONST
                ):
                    raise ValueError
                return const(_BINOPS[type(op)](left.const, right.const))
            except Exception:
                return CLEAN
        if isinstance(op, ast.Add) and left.items is not None and right.items is not None:
            items = left.items + right.items
            return replace(union(items), items=items, type=left.type)
        out = union([left, right])
        if left.type and (left.type.endswith("Path") or left.type.startswith("pathlib")):
            out = replace(out, type=left.type)  # pathlib.Path / name keeps the Path type
        return out

    def _compare(self, e: ast.Compare, env: Env) -> Value:
        left = self._expr(e.left, env)
        values = [left] + [self._expr(c, env) for c in e.comparators]
        if all(v.has_const() for v in values):
            try:
                result = True
                for op, a, b in zip(e.ops, values, values[1:]):
                    result = result and _CMPOPS[type(op)](a.const, b.const)
                return const(bool(result))
            except Exception:
                return CLEAN
        if len(e.ops) == 1 and isinstance(e.ops[0], (ast.In, ast.NotIn)):
            right = values[1]
            if left.has_const() and right.items is not None and all(i.has_const() for i in right.items):
                found = any(same_constant(left.const, i.const) for i in right.items)
                return const(found if isinstance(e.ops[0], ast.In) else not found)
        return CLEAN

    def _subscript(self, e: ast.Subscript, env: Env) -> Value:
        container = self._expr(e.value, env)
        index = self._expr(e.slice, env)
        if container.has_const() and index.has_const():
            try:
                return const(container.const[index.const])
            except Exception:
                return CLEAN
        if container.items is not None and index.has_const():
            if isinstance(index.const, int) and -len(container.items) <= index.const < len(container.items):
                return container.items[index.const]
            if isinstance(index.const, slice):
                items = container.items[index.const]
                return replace(union(items), items=items, type=container.type)
        if container.keys is not None and index.has_const():
            entries = dict(container.keys)
            key = hashable(index.const)
            if key in entries:
                return entries[key]
            return union([container])
        if is_request(container.ref):
            return Value(taint=frozenset({("user", e.lineno)}), safe=frozenset())
        out = union([container])
        return replace(out, type=container.type) if container.type and "Path" in container.type else out

    def _element(self, iterable: Value) -> Value:
        if iterable.items is not None:
            return join_all(list(iterable.items)) if iterable.items else CLEAN
        if iterable.keys is not None:
            return join_all([const(k) for k, _ in iterable.keys]) if iterable.keys else CLEAN
        if iterable.has_const() and isinstance(iterable.const, (str, bytes, tuple, list)):
            return CLEAN
        return union([iterable])


_BINOPS = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.FloorDiv: lambda a, b: a // b,
    ast.Mod: lambda a, b: a % b,
    ast.Pow: lambda a, b: a**b,
    ast.LShift: lambda a, b: a << b if b < 64 else 1 / 0,
    ast.RShift: lambda a, b: a >> b,
    ast.BitOr: lambda a, b: a | b,
    ast.BitAnd: lambda a, b: a & b,
    ast.BitXor: lambda a, b: a ^ b,
}
_CMPOPS = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
    ast.Is: lambda a, b: a is b,
    ast.IsNot: lambda a, b: a is not b,
}
