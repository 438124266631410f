"""Calls: what a call returns (sanitisers, clean results, containers' methods, functions of the
file followed with the caller's values) and which calls are sinks for the values they receive."""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace

from .lookup import dotted_name, is_request, matches, sink_for
from .sanitizers import CLEAN_RESULTS, SANITIZERS
from .sinks import (
    PATH_METHODS,
    RESPONSES,
    SAFE_YAML_LOADERS,
    SHELLS,
    SUBPROCESS,
    WEAK_HASH_CALLS,
    WEAK_HASHES,
    XML_PARSE_CALLS,
    XML_TREE_TYPES,
    XPATH_METHODS,
)
from .values import CLEAN, KINDS, Env, Value, const, hashable, same_constant, union


class CallHandling:
    """The interpreter's calls and sink checks (a part of :class:`ModuleAnalysis`)."""

    def _call(self, e: ast.Call, env: Env) -> Value:
        """The value a call returns; on the way, report the sinks it reaches."""
        site = self._call_site(e, env)
        func = e.func
        if isinstance(func, ast.Name) and func.id in self.functions and not _shadowed(env, func.id):
            followed = self._follow(self.functions[func.id], site.args, site.kwargs)
            if followed is not None:
                return followed
        self._check_sinks(e, site.qual, site.method, site.receiver, site.args, site.kwargs, env)
        if site.receiver is not None and isinstance(func, ast.Attribute):  # container side effects and reads
            handled = self._container_method(func, site.method, site.receiver, site.args, env)
            if handled is not None:
                return handled
        for step in (self._source_result, _sanitizer_result, _folded_result, _constructed_result):
            result = step(site)
            if result is not None:
                return result
        return _propagated_result(site)

    def _source_result(self, site: CallSite) -> Value | None:
        """Request data, a request wrapper or a weak random value; a response object is clean."""
        qual, receiver, args = site.qual, site.receiver, site.args
        if receiver is not None and is_request(receiver.ref):
            return union([self._request_data(qual, site.method, site.node.lineno)])
        if any(is_request(a.ref) for a in args) and any(
            w in qual.rsplit(".", 1)[-1].lower() for w in ("request", "wrap")
        ):
            return Value(ref="<request>")  # a wrapper around the request: its methods return request data
        if matches(qual, ("random.*", "numpy.random.*")) and not matches(qual, ("random.SystemRandom*", "random.seed")):
            if qual == "random.Random":
                return Value(type="random.Random")
            return Value(taint=frozenset({("random", site.node.lineno)}), safe=frozenset(KINDS - {"random"}))
        if matches(qual, RESPONSES):
            return CLEAN  # a response object: its body was checked as a sink above
        return None

    def _call_site(self, e: ast.Call, env: Env) -> CallSite:
        """The callee's qualified name and the values of the receiver and the arguments."""
        func = e.func
        receiver: Value | None = None
        method = None
        if isinstance(func, ast.Attribute):
            receiver = self._expr(func.value, env)
            method = func.attr
            if receiver.ref:
                name = f"{receiver.ref}.{method}"
            elif receiver.type:
                name = f"{receiver.type}.{method}"
            else:
                name = f"?.{method}"
        else:
            callee = self._expr(func, env)
            name = callee.ref
        args = [self._expr(a, env) for a in e.args]
        kwargs = {k.arg: self._expr(k.value, env) for k in e.keywords if k.arg}
        for k in e.keywords:
            if k.arg is None:
                args.append(self._expr(k.value, env))
        return CallSite(e, name, method, receiver, args, kwargs)

    def _container_method(
        self, func: ast.Attribute, method: str, receiver: Value, args: list[Value], env: Env
    ) -> Value | None:
        holder = dotted_name(func.value)
        if receiver.type == "configparser":
            if method == "set" and len(args) >= 3 and args[0].has_const() and args[1].has_const() and holder:
                entries = dict(receiver.keys or ())
                entries[(hashable(args[0].const), hashable(args[1].const))] = args[2]
                env[holder] = replace(union([receiver, args[2]]), type="configparser", keys=tuple(entries.items()))
                return CLEAN
            if method in ("get", "__getitem__") and len(args) >= 2 and args[0].has_const() and args[1].has_const():
                entries = dict(receiver.keys or ())
                return entries.get((hashable(args[0].const), hashable(args[1].const)), CLEAN)
            if method in ("add_section", "read", "read_string", "has_section", "sections"):
                return CLEAN
        if receiver.items is not None and holder:
            items = list(receiver.items)
            if method == "append" and len(args) == 1:
                items.append(args[0])
            elif method == "extend" and len(args) == 1:
                if args[0].items is None:
                    env[holder] = replace(union([receiver, args[0]]), type=receiver.type)
                    return CLEAN
                items.extend(args[0].items)
            elif method == "insert" and len(args) == 2 and args[0].has_const() and isinstance(args[0].const, int):
                items.insert(args[0].const, args[1])
            elif method == "pop":
                if not items:
                    return CLEAN
                index = (
                    args[0].const
                    if args and args[0].has_const() and isinstance(args[0].const, int)
                    else (None if args else -1)
                )
                if index is None or not -len(items) <= index < len(items):
                    env[holder] = replace(union(items), type=receiver.type)
                    return union(items)
                popped = items.pop(index)
                env[holder] = replace(union(items), items=tuple(items), type=receiver.type)
                return popped
            elif method == "remove" and len(args) == 1 and args[0].has_const():
                for i, item in enumerate(items):
                    if item.has_const() and same_constant(item.const, args[0].const):
                        del items[i]
                        break
            elif method == "reverse" and not args:
                items.reverse()
            elif method == "clear":
                items = []
            elif method == "copy":
                return receiver
            else:
                return None
            env[holder] = replace(union(items), items=tuple(items), type=receiver.type)
            return CLEAN
        if receiver.keys is not None:
            entries = dict(receiver.keys)
            if method == "get" and args and args[0].has_const():
                key = hashable(args[0].const)
                if key in entries:
                    return entries[key]
                return args[1] if len(args) > 1 else CLEAN
            if method in ("update", "setdefault") and holder:
                if method == "setdefault" and args and args[0].has_const():
                    entries.setdefault(hashable(args[0].const), args[1] if len(args) > 1 else CLEAN)
                    env[holder] = replace(union(entries.values()), keys=tuple(entries.items()), type=receiver.type)
                    return entries[hashable(args[0].const)]
                if method == "update" and args and args[0].keys is not None:
                    entries.update(dict(args[0].keys))
                    env[holder] = replace(union(entries.values()), keys=tuple(entries.items()), type=receiver.type)
                    return CLEAN
                env[holder] = replace(union([receiver, *args]), type=receiver.type)
                return CLEAN
            if method in ("values",):
                return replace(union(entries.values()), items=tuple(entries.values()), type="list")
            if method == "keys":
                return replace(CLEAN, items=tuple(const(k) for k in entries), type="list")
            if method == "items":
                return replace(union(entries.values()), type="list")
            if method == "pop" and args and args[0].has_const() and holder:
                key = hashable(args[0].const)
                value = entries.pop(key, args[1] if len(args) > 1 else CLEAN)
                env[holder] = replace(union(entries.values()), keys=tuple(entries.items()), type=receiver.type)
                return value
        if method in ("append", "extend", "add", "update", "insert", "setdefault", "put", "write") and holder and args:
            if receiver.type in ("xml.sax.Parser",) or method == "write":
                return None
            if self._is_session(func.value, receiver) and method in ("update", "setdefault"):
                lines = sorted({line for a in args for line in a.origins("trust")})
                self._report("trust", func, lines)
            env[holder] = replace(union([receiver, *args]), type=receiver.type, ref=receiver.ref)
            return CLEAN
        if method == "setFeature" and holder and len(args) >= 2:
            feature = str(args[0].const) if args[0].has_const() else (args[0].ref or "")
            on = args[1].has_const() and bool(args[1].const)
            if "external" in feature.lower() and on:
                env[holder] = replace(receiver, flags=receiver.flags | {"xxe"})
            return CLEAN
        return None

    def _check_sinks(
        self, e: ast.Call, qual: str, method, receiver: Value | None, args: list[Value], kwargs: dict, env: Env
    ):
        def arg(pos: int, names: tuple[str, ...] = ()) -> Value | None:
            if pos == -1:
                return receiver
            if pos < len(args) and not (pos < len(e.args) and isinstance(e.args[pos], ast.Starred)):
                return args[pos]
            for n in names:
                if n in kwargs:
                    return kwargs[n]
            return None

        sink = sink_for(qual) if qual else None
        if sink is not None and not (sink[1] == "xss" and _plain_content_type(kwargs)):
            _, kind, positions, names = sink
            values = [arg(p, names) for p in positions] if positions else [kwargs.get(n) for n in names]
            self._report(kind, e, sorted({line for v in values if v is not None for line in v.origins(kind)}), qual)
        if qual in ("yaml.load", "yaml.load_all") and args:
            loader = kwargs.get("Loader") or (args[1] if len(args) > 1 else None)
            loader_name = (loader.ref or "") if loader else ""
            if loader_name.rsplit(".", 1)[-1] not in SAFE_YAML_LOADERS:
                self._report("deser", e, args[0].origins("deser"), qual)
        if matches(qual, SUBPROCESS):
            self._subprocess(e, qual, args, kwargs)
        local_object = receiver is not None and receiver.ref is None and not receiver.has_const() and not receiver.taint
        if (
            method in XPATH_METHODS
            and args
            and receiver is not None
            and (
                matches(receiver.type, XML_TREE_TYPES)
                or (local_object and (self.uses_xml or _looks_like_xpath(e.args[0])))
            )
        ):
            self._report("xpath", e, args[0].origins("xpath"))
        base = args[0] if args else kwargs.get("search_base")
        looks_ldap = (
            base is not None and base.has_const() and any(p in str(base.const).lower() for p in ("dc=", "ou=", "cn="))
        )
        if method == "search" and local_object and (self.uses_ldap or looks_ldap):
            value = args[1] if len(args) > 1 else kwargs.get("search_filter")
            if value is not None:
                self._report("ldap", e, value.origins("ldap"))
        if matches(qual, XML_PARSE_CALLS) or (
            method in ("parse", "feed", "parseString") and receiver is not None and "xxe" in receiver.flags
        ):
            parser = kwargs.get("parser") or (args[1] if len(args) > 1 and not qual.startswith("xml.sax") else None)
            unsafe = ("xxe" in receiver.flags if receiver is not None else False) or (
                parser is not None and "xxe" in parser.flags
            )
            if unsafe and args:
                self._report("xxe", e, args[0].origins("xxe"), qual)
        if qual in ("jinja2.Environment", "jinja2.environment.Environment") and not any(
            k.arg is None for k in e.keywords
        ):
            autoescape = kwargs.get("autoescape")
            if autoescape is None or (autoescape.has_const() and not autoescape.const):
                self._report("autoescape", e, [e.lineno], qual)
        headers = kwargs.get("headers")
        if headers is not None and headers.keys is not None:
            location = next((v for k, v in headers.keys if str(k).lower() == "location"), None)
            if location is not None:
                self._report("redirect", e, location.origins("redirect"))
        if method == "set_cookie" and not any(k.arg is None for k in e.keywords):
            self._cookie(e, args, kwargs)
        algorithm = (args[0] if args else kwargs.get("name")) if qual == "hashlib.new" else None
        weak = matches(qual, WEAK_HASH_CALLS) or (
            algorithm is not None and algorithm.has_const() and str(algorithm.const).lower() in WEAK_HASHES
        )
        usedfor = kwargs.get("usedforsecurity")
        if weak and not (usedfor is not None and usedfor.has_const() and usedfor.const is False):
            self._report("hash", e, [e.lineno], qual)
        if (
            method in ("add", "set", "__setitem__")
            and isinstance(e.func, ast.Attribute)
            and isinstance(e.func.value, ast.Attribute)
            and e.func.value.attr == "headers"
        ):
            self._report("header", e, sorted({line for a in args for line in a.origins("header")}))

    def _subprocess(self, e: ast.Call, qual: str, args: list[Value], kwargs: dict) -> None:
        command = args[0] if args else kwargs.get("args")
        if command is None:
            return
        shell = kwargs.get("shell")
        shell_on = shell is not None and (not shell.has_const() or bool(shell.const))
        call = f"{qual}(shell=True)" if shell_on else qual
        if shell_on or (command.items is None and command.type not in ("list", "tuple")):
            if shell_on or command.taint:
                self._report("cmd", e, command.origins("cmd"), call)
            return
        items = command.items or ()
        if not items:
            self._report("cmd", e, command.origins("cmd"), call)
            return
        program = items[0]
        lines = list(program.origins("cmd"))
        if program.has_const() and str(program.const).rsplit("/", 1)[-1] in SHELLS:
            lines += [line for item in items[1:] for line in item.origins("cmd")]
        self._report("cmd", e, sorted(set(lines)), call)

    def _cookie(self, e: ast.Call, args: list[Value], kwargs: dict) -> None:
        secure = kwargs.get("secure") or (args[6] if len(args) > 6 else None)
        if secure is None or (secure.has_const() and not secure.const):
            self._report("cookie", e, [e.lineno])
        httponly = kwargs.get("httponly") or (args[7] if len(args) > 7 else None)
        if httponly is not None and httponly.has_const() and not httponly.const:
            self._report("cookie-httponly", e, [e.lineno])
        value = kwargs.get("value") or (args[1] if len(args) > 1 else None)
        if value is not None:
            self._report("random", e, value.origins("random", "random"))


@dataclass(frozen=True)
class CallSite:
    """One call as the interpreter sees it: the node, the callee's qualified name (``?.<method>``
    when the receiver is unknown), the method called, and the values the call receives."""

    node: ast.Call
    name: str | None
    method: str | None
    receiver: Value | None
    args: list[Value]
    kwargs: dict[str, Value]

    @property
    def qual(self) -> str:
        return self.name or ""

    def received(self) -> list[Value]:
        """The receiver (if any), then the positional and keyword arguments."""
        return ([self.receiver] if self.receiver is not None else []) + self.args + list(self.kwargs.values())


def _sanitizer_result(site: CallSite) -> Value | None:
    """The result of an escaping call, of a call whose result is clean, of stripping newlines."""
    qual, method, receiver, args = site.qual, site.method, site.receiver, site.args
    if qual in SANITIZERS:
        return union(args[:1]).sanitized(SANITIZERS[qual]) if args else CLEAN
    last = qual.rsplit(".", 1)[-1].lower()
    if "escape" in last and ("html" in last or last in ("escape", "escape_html", "htmlescape")):
        return union(args).sanitized({"xss", "header"})
    if matches(qual, CLEAN_RESULTS) or (method and f"*.{method}" in CLEAN_RESULTS):
        # the result holds no request data; a weak random number stays weak however it is reshaped
        return union([a for a in site.received() if a.origins("random", "random")])
    if method == "replace" and receiver is not None and receiver.taint and len(args) >= 2:
        old = args[0]
        if old.has_const() and isinstance(old.const, str) and old.const in ("\n", "\r", "\r\n"):
            return replace(union([receiver, args[1]]), safe=receiver.safe | {"header"})
    return None


def _folded_result(site: CallSite) -> Value | None:
    """Constant folding of str methods and of ``str``/``list``/``dict`` conversions."""
    name, method, receiver, args = site.name, site.method, site.receiver, site.args
    if (
        receiver is not None
        and receiver.has_const()
        and isinstance(receiver.const, (str, bytes))
        and all(a.has_const() for a in args)
        and not site.kwargs
        and method in _STR_METHODS
    ):
        try:
            return const(getattr(receiver.const, method)(*[a.const for a in args]))
        except Exception:
            return CLEAN
    if name in ("str", "repr", "format") and args and args[0].has_const():
        try:
            return const(str(args[0].const))
        except Exception:
            return CLEAN
    if name in ("list", "tuple") and args and args[0].items is not None:
        return replace(args[0], type="list")
    if name in ("dict",) and args and args[0].keys is not None:
        return args[0]
    return None


def _constructed_result(site: CallSite) -> Value | None:
    """Objects whose later use matters: XML parsers (do they resolve entities?), config parsers."""
    qual = site.qual
    if matches(qual, ("lxml.etree.XMLParser", "lxml.etree.XMLPullParser")):
        flag = site.kwargs.get("resolve_entities")
        unsafe = flag is not None and flag.has_const() and flag.const is True
        return Value(type="lxml.etree.XMLParser", flags=frozenset({"xxe"}) if unsafe else frozenset())
    if matches(qual, ("xml.sax.make_parser",)):
        return Value(type="xml.sax.Parser")
    if matches(qual, ("configparser.ConfigParser", "configparser.RawConfigParser", "ConfigParser.ConfigParser")):
        return Value(type="configparser", keys=())
    return None


def _propagated_result(site: CallSite) -> Value:
    """Any other call: its result carries the taint of everything it received."""
    out = union(site.received())
    receiver = site.receiver
    if receiver is not None and (receiver.type or "").startswith("pathlib.") and site.method in PATH_METHODS:
        return replace(out, type="pathlib.Path")
    if site.name and not site.name.startswith("?"):
        return replace(out, type=site.name)
    return out


def _shadowed(env: Env, name: str) -> bool:
    """A local value, not the module's function, now goes by ``name``."""
    value = env.get(name)
    return value is not None and value.ref != name and value != CLEAN


def _plain_content_type(kwargs: dict) -> bool:
    for key in ("mimetype", "content_type"):
        value = kwargs.get(key)
        if value is not None and value.has_const() and "html" not in str(value.const).lower():
            return True
    return False


def _looks_like_xpath(node: ast.expr) -> bool:
    """An expression built around an XPath literal (``"//user[@name='" + name + "']"``)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            text = sub.value
            if "[@" in text or text.startswith(("//", "./", "/")) and "/" in text[1:]:
                return True
    return False


_STR_METHODS = {
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "replace",
    "split",
    "rsplit",
    "join",
    "format",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "encode",
    "decode",
    "title",
    "capitalize",
    "casefold",
    "zfill",
    "center",
    "ljust",
    "rjust",
    "partition",
    "rpartition",
    "splitlines",
    "removeprefix",
    "removesuffix",
    "swapcase",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "islower",
    "isupper",
}
