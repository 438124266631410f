"""pyflow's engine: an abstract interpreter of Python functions that follows untrusted data.

Each function body is interpreted statement by statement over an environment that maps
names to abstract values (:class:`V`). A value knows

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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from functools import lru_cache
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
_UNKNOWN = object()
_MAX_CONST = 10_000  # longest string/sequence constant folded; longer ones become unknown


@dataclass(frozen=True)
class V:
    const: Any = _UNKNOWN
    taint: frozenset = frozenset()  # {(label, line)} label: "user" | "random"
    safe: frozenset = KINDS  # sink kinds this value's taint is neutralised for
    items: tuple | None = None  # list/tuple elements, when known
    keys: tuple | None = None  # dict / ConfigParser entries ((key, V), ...), when known
    ref: str | None = None  # the qualified name this value is (a module, function, class)
    type: str | None = None  # qualified name of what made it (``pathlib.Path``)
    flags: frozenset = frozenset()  # "xxe": an XML parser that resolves external entities

    def has_const(self) -> bool:
        return self.const is not _UNKNOWN

    def origins(self, kind: str, label: str = "user") -> list[int]:
        if kind in self.safe:
            return []
        return sorted(line for lab, line in self.taint if lab == label)

    def sanitized(self, kinds: Iterable[str]) -> V:
        kinds = frozenset(kinds)
        return replace(
            self,
            safe=self.safe | kinds,
            items=_map(self.items, lambda v: v.sanitized(kinds)),
            keys=_mapk(self.keys, lambda v: v.sanitized(kinds)),
        )


CLEAN = V()


def _map(items, fn):
    return None if items is None else tuple(fn(v) for v in items)


def _mapk(keys, fn):
    return None if keys is None else tuple((k, fn(v)) for k, v in keys)


def const(value: Any) -> V:
    if isinstance(value, (str, bytes, tuple, list)) and len(value) > _MAX_CONST:
        return CLEAN
    return V(const=value)


def union(values: Iterable[V], **kw) -> V:
    """A value derived from all of ``values`` (concatenation, an unknown call)."""
    taint: frozenset = frozenset()
    safe = KINDS
    for v in values:
        if v.taint:
            taint |= v.taint
            safe &= v.safe
    return V(taint=taint, safe=safe if taint else KINDS, **kw)


def join(a: V | None, b: V | None) -> V:
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
        const=a.const if a.has_const() and b.has_const() and _same(a.const, b.const) else _UNKNOWN,
        items=items,
        keys=keys,
        ref=a.ref if a.ref == b.ref else None,
        type=a.type if a.type == b.type else None,
        flags=a.flags | b.flags,
    )


def _same(x, y) -> bool:
    try:
        return type(x) is type(y) and bool(x == y)
    except Exception:
        return False


Env = dict  # name -> V; None as a whole environment means "this path does not flow on"


def join_env(a: Env | None, b: Env | None) -> Env | None:
    if a is None:
        return None if b is None else dict(b)
    if b is None:
        return dict(a)
    out = {}
    for name in a.keys() | b.keys():
        out[name] = join(a.get(name), b.get(name))
    return out


@dataclass(frozen=True)
class Hit:
    kind: str
    line: int
    column: int
    end_line: int
    source_lines: tuple[int, ...]  # where the data entered the function (or the sink itself, for patterns)
    bandit: str | None = None  # bandit's test id for this very call, when bandit has one


# --------------------------------------------------------------------------- sources, sinks, sanitisers

#: names whose every attribute is request data (``flask.request.args``, ``request.GET``)
REQUEST_OBJECTS = ("flask.request", "quart.request", "bottle.request", "sanic.request")
#: attributes of a request object that are not attacker-controlled
REQUEST_SAFE_ATTRS = {
    "method",
    "is_secure",
    "is_json",
    "scheme",
    "environ",
    "app",
    "session",
    "user",
    "auth",
    "get_host",
    "get_port",
    "accepts",
    "is_ajax",
    "resolver_match",
    "content_type",
    "encoding",
    "_messages",
    "urlconf",
    "csrf_processing_done",
}
#: request data that is a same-site path: harmless as a redirect target or request URL
REQUEST_LOCAL_PATHS = {
    "path",
    "path_info",
    "get_full_path",
    "get_full_path_info",
    "build_absolute_uri",
    "url_root",
    "base_url",
    "full_path",
    "script_root",
}
#: module-level names that make a parameter called ``request`` a request object in that file
REQUEST_PARAM_MODULES = ("django", "rest_framework", "aiohttp", "starlette", "fastapi", "pyramid", "falcon", "tornado")
WEB_ROUTE_DECORATORS = ("*.route", "*.get", "*.post", "*.put", "*.patch", "*.delete", "*.api_route", "*.websocket")

#: call -> kinds its result is safe for
SANITIZERS: dict[str, frozenset] = {}
for _name in (
    "html.escape",
    "cgi.escape",
    "markupsafe.escape",
    "flask.escape",
    "jinja2.escape",
    "bleach.clean",
    "django.utils.html.escape",
    "django.utils.html.conditional_escape",
    "xml.sax.saxutils.escape",
    "werkzeug.utils.escape",
    "urllib.parse.quote",
    "urllib.parse.quote_plus",
    "urllib.parse.urlencode",
):
    SANITIZERS[_name] = frozenset({"xss", "header"})
for _name in ("shlex.quote", "pipes.quote"):
    SANITIZERS[_name] = frozenset({"cmd"})
for _name in (
    "os.path.basename",
    "werkzeug.utils.secure_filename",
    "werkzeug.secure_filename",
    "django.utils.text.get_valid_filename",
    "ntpath.basename",
    "posixpath.basename",
):
    SANITIZERS[_name] = frozenset({"path"})
for _name in (
    "ldap.filter.escape_filter_chars",
    "ldap3.utils.conv.escape_filter_chars",
    "ldap.dn.escape_dn_chars",
    "ldap3.utils.dn.escape_rdn",
    "ldap.filter.filter_format",
):
    SANITIZERS[_name] = frozenset({"ldap"})
for _name in ("url_for", "flask.url_for", "django.urls.reverse", "django.shortcuts.resolve_url"):
    SANITIZERS[_name] = KINDS
#: calls whose result carries no request data however tainted their arguments
CLEAN_RESULTS = (
    "int",
    "float",
    "bool",
    "len",
    "complex",
    "isinstance",
    "issubclass",
    "hash",
    "id",
    "ord",
    "abs",
    "round",
    "uuid.UUID",
    "hashlib.*",
    "hmac.*",
    "datetime.*",
    "decimal.Decimal",
    "ipaddress.*",
    "flask.render_template",
    "django.shortcuts.render",
    "flask.jsonify",
    "secrets.*",
    "os.urandom",
    "time.*",
    "*.digest",
    "*.hexdigest",
    "*.count",
    "*.find",
    "*.rfind",
    "*.index",
    "*.isdigit",
    "*.isalnum",
    "*.isalpha",
    "*.startswith",
    "*.endswith",
    "*.isnumeric",
    "*.isdecimal",
    "*.isidentifier",
    "*.exists",
    "*.is_file",
    "*.is_dir",
    "re.escape",
    "ast.literal_eval",
    "*.render",
    "*.render_to_string",
    "django.template.loader.*",
)

#: (pattern, kind, argument positions, keyword names); position -1 is the receiver of a method
SINKS: tuple[tuple[str, str, tuple[int, ...], tuple[str, ...]], ...] = (
    ("*.execute", "sql", (0,), ("sql", "operation", "query", "statement")),
    ("*.executemany", "sql", (0,), ("sql", "operation", "query")),
    ("*.executescript", "sql", (0,), ("sql_script",)),
    ("*.objects.raw", "sql", (0,), ("raw_query",)),
    ("*.objects.extra", "sql", (), ("where", "select", "tables")),
    ("sqlalchemy.text", "sql", (0,), ("text",)),
    ("sqlalchemy.sql.text", "sql", (0,), ("text",)),
    ("pandas.read_sql*", "sql", (0,), ("sql",)),
    ("os.system", "cmd", (0,), ("command",)),
    ("os.popen", "cmd", (0,), ("cmd",)),
    ("os.popen2", "cmd", (0,), ()),
    ("os.popen3", "cmd", (0,), ()),
    ("os.exec*", "cmd", (0, 1), ()),
    ("os.spawn*", "cmd", (1, 2), ()),
    ("os.startfile", "cmd", (0,), ()),
    ("subprocess.getoutput", "cmd", (0,), ("cmd",)),
    ("subprocess.getstatusoutput", "cmd", (0,), ("cmd",)),
    ("commands.getoutput", "cmd", (0,), ()),
    ("asyncio.create_subprocess_shell", "cmd", (0,), ("cmd",)),
    ("eval", "code", (0,), ("source",)),
    ("exec", "code", (0,), ("source",)),
    ("compile", "code", (0,), ("source",)),
    ("builtins.eval", "code", (0,), ("source",)),
    ("builtins.exec", "code", (0,), ("source",)),
    ("open", "path", (0,), ("file",)),
    ("io.open", "path", (0,), ("file",)),
    ("codecs.open", "path", (0,), ("filename",)),
    ("os.open", "path", (0,), ("path",)),
    ("os.remove", "path", (0,), ("path",)),
    ("os.unlink", "path", (0,), ("path",)),
    ("os.rmdir", "path", (0,), ("path",)),
    ("os.mkdir", "path", (0,), ("path",)),
    ("os.makedirs", "path", (0,), ("name",)),
    ("os.listdir", "path", (0,), ("path",)),
    ("os.scandir", "path", (0,), ("path",)),
    ("os.rename", "path", (0, 1), ("src", "dst")),
    ("os.replace", "path", (0, 1), ("src", "dst")),
    ("os.chmod", "path", (0,), ("path",)),
    ("os.truncate", "path", (0,), ("path",)),
    ("shutil.copy*", "path", (0, 1), ("src", "dst")),
    ("shutil.move", "path", (0, 1), ("src", "dst")),
    ("shutil.rmtree", "path", (0,), ("path",)),
    ("fileinput.input", "path", (0,), ("files",)),
    ("flask.send_file", "path", (0,), ("path_or_file",)),
    ("django.http.FileResponse", "path", (0,), ()),
    ("tarfile.open", "path", (0,), ("name",)),
    ("zipfile.ZipFile", "path", (0,), ("file",)),
    ("pathlib.*Path.open", "path", (-1,), ()),
    ("pathlib.*Path.read_text", "path", (-1,), ()),
    ("pathlib.*Path.read_bytes", "path", (-1,), ()),
    ("pathlib.*Path.write_text", "path", (-1,), ()),
    ("pathlib.*Path.write_bytes", "path", (-1,), ()),
    ("pathlib.*Path.unlink", "path", (-1,), ()),
    ("pathlib.*Path.rmdir", "path", (-1,), ()),
    ("pathlib.*Path.mkdir", "path", (-1,), ()),
    ("pathlib.*Path.touch", "path", (-1,), ()),
    ("pathlib.*Path.iterdir", "path", (-1,), ()),
    ("flask.make_response", "xss", (0,), ()),
    ("flask.Response", "xss", (0,), ("response",)),
    ("flask.wrappers.Response", "xss", (0,), ("response",)),
    ("werkzeug.wrappers.Response", "xss", (0,), ("response",)),
    ("flask.render_template_string", "xss", (0,), ("source",)),
    ("markupsafe.Markup", "xss", (0,), ()),
    ("flask.Markup", "xss", (0,), ()),
    ("django.http.HttpResponse", "xss", (0,), ("content",)),
    ("django.utils.safestring.mark_safe", "xss", (0,), ("s",)),
    ("starlette.responses.HTMLResponse", "xss", (0,), ("content",)),
    ("fastapi.responses.HTMLResponse", "xss", (0,), ("content",)),
    ("jinja2.Template", "xss", (0,), ("source",)),
    ("flask.redirect", "redirect", (0,), ("location",)),
    ("werkzeug.utils.redirect", "redirect", (0,), ("location",)),
    ("django.shortcuts.redirect", "redirect", (0,), ("to",)),
    ("django.http.HttpResponseRedirect", "redirect", (0,), ("redirect_to",)),
    ("django.http.HttpResponsePermanentRedirect", "redirect", (0,), ("redirect_to",)),
    ("starlette.responses.RedirectResponse", "redirect", (0,), ("url",)),
    ("fastapi.responses.RedirectResponse", "redirect", (0,), ("url",)),
    ("requests.get", "ssrf", (0,), ("url",)),
    ("requests.post", "ssrf", (0,), ("url",)),
    ("requests.put", "ssrf", (0,), ("url",)),
    ("requests.patch", "ssrf", (0,), ("url",)),
    ("requests.delete", "ssrf", (0,), ("url",)),
    ("requests.head", "ssrf", (0,), ("url",)),
    ("requests.options", "ssrf", (0,), ("url",)),
    ("requests.request", "ssrf", (1,), ("url",)),
    ("requests.Session.*", "ssrf", (0,), ("url",)),
    ("httpx.get", "ssrf", (0,), ("url",)),
    ("httpx.post", "ssrf", (0,), ("url",)),
    ("httpx.request", "ssrf", (1,), ("url",)),
    ("httpx.Client.get", "ssrf", (0,), ("url",)),
    ("httpx.AsyncClient.get", "ssrf", (0,), ("url",)),
    ("urllib.request.urlopen", "ssrf", (0,), ("url",)),
    ("urllib.request.Request", "ssrf", (0,), ("url",)),
    ("urllib.urlopen", "ssrf", (0,), ()),
    ("urllib2.urlopen", "ssrf", (0,), ()),
    ("*.search_s", "ldap", (2,), ("filterstr",)),
    ("*.search_st", "ldap", (2,), ("filterstr",)),
    ("*.search_ext", "ldap", (2,), ("filterstr",)),
    ("*.search_ext_s", "ldap", (2,), ("filterstr",)),
    ("ldap3.Connection.search", "ldap", (1,), ("search_filter",)),
    ("*.xpath", "xpath", (0,), ("_path",)),
    ("lxml.etree.XPath", "xpath", (0,), ("path",)),
    ("lxml.etree.ETXPath", "xpath", (0,), ("path",)),
    ("elementpath.select", "xpath", (1,), ("path",)),
    ("elementpath.iter_select", "xpath", (1,), ("path",)),
    ("pickle.loads", "deser", (0,), ("data",)),
    ("pickle.load", "deser", (0,), ("file",)),
    ("_pickle.loads", "deser", (0,), ()),
    ("cPickle.loads", "deser", (0,), ()),
    ("dill.loads", "deser", (0,), ()),
    ("dill.load", "deser", (0,), ()),
    ("marshal.loads", "deser", (0,), ()),
    ("marshal.load", "deser", (0,), ()),
    ("jsonpickle.decode", "deser", (0,), ("string",)),
    ("jsonpickle.loads", "deser", (0,), ()),
    ("shelve.open", "deser", (0,), ("filename",)),
    ("pandas.read_pickle", "deser", (0,), ()),
    ("yaml.unsafe_load", "deser", (0,), ("stream",)),
    ("yaml.unsafe_load_all", "deser", (0,), ("stream",)),
    ("yaml.full_load", "deser", (0,), ("stream",)),
)
#: XML element-tree methods whose first argument is an XPath expression
#: calls that build a response: their result is a response object, not request data
RESPONSES = (
    "flask.make_response",
    "flask.Response",
    "flask.redirect",
    "flask.jsonify",
    "flask.send_file",
    "flask.render_template",
    "flask.render_template_string",
    "django.http.*",
    "django.shortcuts.*",
    "starlette.responses.*",
    "fastapi.responses.*",
    "werkzeug.utils.redirect",
    "flask.abort",
)
#: pathlib methods that return another path
PATH_METHODS = {
    "resolve",
    "absolute",
    "joinpath",
    "with_name",
    "with_suffix",
    "with_stem",
    "expanduser",
    "parent",
    "relative_to",
}
#: methods that raise unless the receiver passes a check, called as a statement
RAISING_CHECKS = {"relative_to": frozenset({"path"})}
XPATH_METHODS = {"find", "findall", "findtext", "iterfind"}
XML_TREE_TYPES = ("xml.etree.*", "lxml.etree.*", "defusedxml.*")
SAFE_YAML_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}
XML_PARSE_CALLS = (
    "lxml.etree.fromstring",
    "lxml.etree.parse",
    "lxml.etree.XML",
    "lxml.etree.iterparse",
    "lxml.etree.XMLID",
    "xml.dom.pulldom.parseString",
    "xml.dom.pulldom.parse",
    "xml.dom.minidom.parseString",
    "xml.dom.minidom.parse",
    "xml.sax.parseString",
    "xml.sax.parse",
)
SUBPROCESS = (
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.Popen",
    "asyncio.create_subprocess_exec",
)
SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "/bin/sh", "/bin/bash", "cmd", "cmd.exe", "powershell", "pwsh"}
WEAK_HASHES = {"md5", "sha1", "md4", "md2", "sha", "ripemd160", "md5-sha1"}
WEAK_HASH_CALLS = (
    "hashlib.md5",
    "hashlib.sha1",
    "Crypto.Hash.MD5.new",
    "Crypto.Hash.SHA1.new",
    "Crypto.Hash.MD4.new",
    "Cryptodome.Hash.MD5.new",
    "Cryptodome.Hash.SHA1.new",
    "cryptography.hazmat.primitives.hashes.MD5",
    "cryptography.hazmat.primitives.hashes.SHA1",
)
SECRET_NAME_PARTS = (
    "token",
    "password",
    "passwd",
    "secret",
    "nonce",
    "salt",
    "otp",
    "csrf",
    "api_key",
    "apikey",
    "session_id",
    "sessionid",
    "remember",
)
#: containment checks: calls/attributes that, tested in a condition, keep a path inside a base
PATH_CHECKS = {
    "commonpath",
    "commonprefix",
    "startswith",
    "is_relative_to",
    "relative_to",
    "parents",
    "realpath",
    "abspath",
    "resolve",
    "normpath",
}
URL_PARTS = {"netloc", "hostname", "scheme"}
URL_CHECKS = {"netloc", "hostname", "scheme", "url_has_allowed_host_and_scheme", "is_safe_url", "urlparse", "urlsplit"}
VALIDATOR_PREFIXES = ("check_", "is_valid", "validate", "is_safe", "is_allowed", "allowed_", "valid_")
VALIDATORS = {
    "fullmatch",
    "match",
    "isalnum",
    "isdigit",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "isalpha",
    "isascii",
}


#: (called name, bandit test id): the bandit test that reports the same call (bandit's own lists:
#: ``plugins/injection_shell.py``, ``blacklists/calls.py``), so ``# nosec B605`` and dedupe agree
BANDIT_TESTS: tuple[tuple[str, str], ...] = (
    # bandit's ``subprocess`` list; the engine names a call with a shell ``<name>(shell=True)``
    *((f"subprocess.{name}(shell=True)", "B602") for name in ("Popen", "call", "check_call", "check_output", "run")),
    *((f"subprocess.{name}", "B603") for name in ("Popen", "call", "check_call", "check_output", "run")),
    ("os.system", "B605"),
    ("os.popen", "B605"),
    ("os.popen[234]", "B605"),
    ("popen2.*", "B605"),
    ("commands.getoutput", "B605"),
    ("commands.getstatusoutput", "B605"),
    ("subprocess.getoutput", "B605"),
    ("subprocess.getstatusoutput", "B605"),
    ("os.exec*", "B606"),
    ("os.spawn*", "B606"),
    ("os.startfile", "B606"),
    ("eval", "B307"),
    ("builtins.eval", "B307"),
    ("exec", "B102"),
    ("builtins.exec", "B102"),
    ("pickle.load", "B301"),
    ("pickle.loads", "B301"),
    ("dill.load", "B301"),
    ("dill.loads", "B301"),
    ("shelve.open", "B301"),
    ("jsonpickle.decode", "B301"),
    ("pandas.read_pickle", "B301"),
    ("marshal.load", "B302"),
    ("marshal.loads", "B302"),
    ("yaml.load", "B506"),
    ("yaml.load_all", "B506"),
    ("hashlib.*", "B324"),
    ("Crypto.Hash.*", "B303"),
    ("Cryptodome.Hash.*", "B303"),
    ("cryptography.hazmat.primitives.hashes.*", "B303"),
    ("django.utils.safestring.mark_safe", "B308"),
    ("markupsafe.Markup", "B704"),
    ("flask.Markup", "B704"),
    ("urllib.request.urlopen", "B310"),
    ("xml.etree.cElementTree.*", "B313"),
    ("xml.etree.ElementTree.*", "B314"),
    ("xml.sax.expatreader.*", "B315"),
    ("xml.dom.expatbuilder.*", "B316"),
    ("xml.sax.*", "B317"),
    ("xml.dom.minidom.*", "B318"),
    ("xml.dom.pulldom.*", "B319"),
    ("jinja2.Environment", "B701"),
    ("jinja2.environment.Environment", "B701"),
)
#: sink kind -> bandit's test for it whatever the call (B608 reports SQL built from strings)
BANDIT_KIND_TESTS = {"sql": "B608"}


def bandit_test(name: str | None, kind: str) -> str | None:
    """Bandit's test id for a finding of ``kind`` at a call of ``name``, or None when bandit has none."""
    found = next((test for pattern, test in BANDIT_TESTS if name and fnmatchcase(name, pattern)), None)
    return found or BANDIT_KIND_TESTS.get(kind)


def matches(name: str | None, patterns: str | tuple[str, ...]) -> bool:
    """``name`` matches one of the glob ``patterns`` (cached: the same names recur in every file)."""
    return bool(name) and _matches(name, (patterns,) if isinstance(patterns, str) else patterns)


@lru_cache(maxsize=1 << 16)
def _matches(name: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatchcase(name, p) for p in patterns)


@lru_cache(maxsize=1 << 16)
def sink_for(name: str) -> tuple[str, str, tuple[int, ...], tuple[str, ...]] | None:
    """The first SINKS entry whose pattern matches the called name."""
    return next((sink for sink in SINKS if fnmatchcase(name, sink[0])), None)


# --------------------------------------------------------------------------- module analysis


@dataclass
class _Function:
    handler: bool  # a web handler whose return value is the HTML response body
    returns: list = field(default_factory=list)  # values returned, when a caller wants them


@dataclass
class ModuleAnalysis:
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)
    hits: dict[tuple[str, int, int], Hit] = field(default_factory=dict)
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
    def run(self) -> list[Hit]:
        self._interpret_body(self.tree.body, self._module_env(), None)
        for node in self._all_functions:
            self._analyze_function(node)
        return sorted(self.hits.values(), key=lambda h: (h.line, h.column, h.kind))

    def _module_env(self) -> Env:
        env: Env = {}
        for name, target in self.imports.items():
            env[name] = V(ref=target)
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
                env[p] = V(ref="<request>")
            elif fastapi and p not in ("self", "cls", "db", "session", "background_tasks"):
                env[p] = V(taint=frozenset({("user", line)}), safe=frozenset())
                self.web = True
            elif handler and self.flask_like and p not in ("self", "cls"):
                env[p] = V(taint=frozenset({("user", line)}), safe=frozenset())  # URL variables
                self.web = True
            else:
                env.pop(p, None)
                env[p] = CLEAN
        self._interpret_body(node.body, env, _Function(handler and self.flask_like))

    def _follow(self, node, args: list[V], kwargs: dict) -> V | None:
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
        if isinstance(d, ast.Call):
            d = d.func
        parts = []
        while isinstance(d, ast.Attribute):
            parts.append(d.attr)
            d = d.value
        if isinstance(d, ast.Name):
            parts.append(d.id)
            return ".".join(reversed(parts))
        return None

    # -- reporting
    def _report(self, kind: str, node: ast.AST, lines: list[int], call: str | None = None) -> None:
        """Record a finding of ``kind`` at ``node`` (a call of ``call``, when it is one)."""
        if not lines:
            return
        line = getattr(node, "lineno", 0)
        key = (kind, line, getattr(node, "col_offset", 0))
        if key not in self.hits:
            column, end = getattr(node, "col_offset", 0) + 1, getattr(node, "end_lineno", None) or line
            self.hits[key] = Hit(kind, line, column, end, tuple(lines), bandit_test(call, kind))

    # -- statements
    def _interpret_body(self, body: list[ast.stmt], env: Env | None, fn: _Function | None) -> Env | None:
        for stmt in body:
            if env is None:
                return None
            env = self._stmt(stmt, env, fn)
        return env

    def _stmt(self, s: ast.stmt, env: Env, fn: _Function | None) -> Env | None:  # noqa: C901 - one case per statement
        if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            env[s.name] = CLEAN
            return env
        if isinstance(s, ast.Assign):
            value = self._expr(s.value, env)
            for target in s.targets:
                self._assign(target, value, env, s)
            return env
        if isinstance(s, ast.AnnAssign):
            if s.value is not None:
                self._assign(s.target, self._expr(s.value, env), env, s)
            return env
        if isinstance(s, ast.AugAssign):
            current = self._expr(s.target, env)  # the context (load/store) does not matter here
            value = self._binop(s.op, current, self._expr(s.value, env))
            self._assign(s.target, value, env, s)
            return env
        if isinstance(s, ast.Expr):
            self._expr(s.value, env)
            call = s.value
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr in RAISING_CHECKS:
                # ``path.relative_to(base)`` as a statement raises unless path is inside base
                holder = _dotted(call.func.value)
                if holder in env:
                    env[holder] = env[holder].sanitized(RAISING_CHECKS[call.func.attr])
            return env
        if isinstance(s, ast.Return):
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
        if isinstance(s, ast.Raise):
            if s.exc is not None:
                self._expr(s.exc, env)
            return None
        if isinstance(s, (ast.Break, ast.Continue)):
            if self._loops:
                self._loops[-1][0 if isinstance(s, ast.Break) else 1].append(dict(env))
            return None
        if isinstance(s, ast.If):
            return self._if(s.test, s.body, s.orelse, env, fn)
        if isinstance(s, (ast.For, ast.AsyncFor)):
            iterable = self._expr(s.iter, env)
            element = self._element(iterable)
            return self._loop(env, fn, s.body, s.orelse, lambda e: self._assign(s.target, element, e, s))
        if isinstance(s, ast.While):
            test = self._expr(s.test, env)
            if test.has_const() and not test.const:
                return self._interpret_body(s.orelse, env, fn)
            endless = test.has_const() and bool(test.const)
            return self._loop(env, fn, s.body, s.orelse, lambda e: None, endless)
        if isinstance(s, (ast.With, ast.AsyncWith)):
            for item in s.items:
                value = self._expr(item.context_expr, env)
                if item.optional_vars is not None:
                    self._assign(item.optional_vars, value, env, s)
            return self._interpret_body(s.body, env, fn)
        if isinstance(s, ast.Try) or type(s).__name__ == "TryStar":
            return self._try(s, env, fn)
        if isinstance(s, ast.Assert):
            self._guard(s.test, env, passing=True)
            return env
        if isinstance(s, (ast.Import, ast.ImportFrom)):
            for alias in s.names:
                if isinstance(s, ast.Import):
                    name = alias.asname or alias.name.split(".")[0]
                    env[name] = V(ref=alias.name if alias.asname else name)
                elif alias.name != "*" and s.module:
                    env[alias.asname or alias.name] = V(ref=f"{s.module}.{alias.name}")
            return env
        if isinstance(s, ast.Delete):
            for t in s.targets:
                if isinstance(t, ast.Name):
                    env.pop(t.id, None)
            return env
        if isinstance(s, ast.Match):
            subject = self._expr(s.subject, env)
            out: Env | None = None
            for case in s.cases:
                pattern = case.pattern
                if isinstance(pattern, ast.MatchValue) and subject.has_const():
                    pv = self._expr(pattern.value, env)
                    if pv.has_const() and not _same(pv.const, subject.const):
                        continue
                branch = self._interpret_body(case.body, dict(env), fn)
                out = join_env(out, branch)
                if (isinstance(pattern, ast.MatchValue) and subject.has_const()) or (
                    isinstance(pattern, ast.MatchAs) and pattern.pattern is None and case.guard is None
                ):
                    return out  # this case is certain to match: later cases never run
            return join_env(out, env)
        return env

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

    # -- assignment
    def _assign(self, target: ast.expr, value: V, env: Env, stmt: ast.stmt) -> None:
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
            key = _dotted(target)
            if key:
                env[key] = value
            if target.attr == "location":  # werkzeug/Flask response.location = url
                self._report("redirect", stmt, value.origins("redirect"))
            if target.attr in ("secret_key",) and value.origins("random", "random"):
                self._report("random", stmt, value.origins("random", "random"))

    def _store_item(self, target: ast.Subscript, value: V, env: Env, stmt) -> None:
        container = self._expr(target.value, env)
        key = self._expr(target.slice, env)
        holder = _dotted(target.value)
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
            entries[_hashable(key.const)] = value
            env[holder] = replace(union([container, value]), keys=tuple(entries.items()), type=container.type)
        elif container.items is not None and key.has_const() and isinstance(key.const, int):
            items = list(container.items)
            if -len(items) <= key.const < len(items):
                items[key.const] = value
                env[holder] = replace(union(items), items=tuple(items), type=container.type)
        else:
            env[holder] = replace(union([container, value, key]), type=container.type)

    def _is_session(self, node: ast.expr, value: V) -> bool:
        if value.ref and matches(value.ref, ("flask.session", "quart.session", "*.session", "<request>.session")):
            return True
        name = _dotted(node) or ""
        return "session" in name.split(".")[-1].lower()

    # -- expressions
    def _expr(self, e: ast.expr, env: Env) -> V:  # noqa: C901 - one case per expression
        if isinstance(e, ast.Constant):
            return const(e.value)
        if isinstance(e, ast.Name):
            if e.id in env:
                value = env[e.id]
            else:
                value = V(ref=e.id)  # a builtin or a global defined elsewhere
            return value
        if isinstance(e, ast.Attribute):
            key = _dotted(e)
            if key and key in env:
                return env[key]
            if key == "self.request" and self.request_params_apply:
                return V(ref="<request>")  # class-based views (Django, DRF, Tornado)
            base = self._expr(e.value, env)
            ref = f"{base.ref}.{e.attr}" if base.ref else (f"{base.type}.{e.attr}" if base.type else None)
            if _is_request(base.ref):
                return self._request_data(ref, e.attr, e.lineno)
            if base.taint:
                return V(taint=base.taint, safe=base.safe, ref=ref if base.ref else None, type=base.type)
            if base.has_const() and e.attr in ("real", "imag"):
                return CLEAN
            return V(ref=ref) if base.ref else V(type=ref)
        if isinstance(e, ast.JoinedStr):
            parts = [self._expr(v, env) for v in e.values]
            if all(p.has_const() for p in parts):
                try:
                    return const("".join(str(p.const) for p in parts))
                except Exception:
                    return CLEAN
            return union(parts)
        if isinstance(e, ast.FormattedValue):
            inner = self._expr(e.value, env)
            if inner.has_const() and e.format_spec is None and e.conversion in (-1, 115):
                return const(str(inner.const))
            return union([inner])
        if isinstance(e, ast.BinOp):
            return self._binop(e.op, self._expr(e.left, env), self._expr(e.right, env))
        if isinstance(e, ast.UnaryOp):
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
        if isinstance(e, ast.BoolOp):
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
        if isinstance(e, ast.Compare):
            return self._compare(e, env)
        if isinstance(e, ast.IfExp):
            test = self._expr(e.test, env)
            if test.has_const():
                try:
                    return self._expr(e.body if test.const else e.orelse, env)
                except Exception:
                    pass
            return join(self._expr(e.body, env), self._expr(e.orelse, env))
        if isinstance(e, (ast.List, ast.Tuple, ast.Set)):
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
        if isinstance(e, ast.Dict):
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
                    entries.append((_hashable(kv.const), vv))
            return replace(union(values), keys=tuple(entries) if known else None, type="dict")
        if isinstance(e, ast.Subscript):
            return self._subscript(e, env)
        if isinstance(e, ast.Call):
            return self._call(e, env)
        if isinstance(e, ast.Await):
            return self._expr(e.value, env)
        if isinstance(e, ast.NamedExpr):
            value = self._expr(e.value, env)
            self._assign(e.target, value, env, e)
            return value
        if isinstance(e, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            inner = dict(env)
            for gen in e.generators:
                self._assign(gen.target, self._element(self._expr(gen.iter, inner)), inner, e)
            if isinstance(e, ast.DictComp):
                return replace(union([self._expr(e.key, inner), self._expr(e.value, inner)]), type="dict")
            return replace(union([self._expr(e.elt, inner)]), type="list")
        if isinstance(e, ast.Lambda):
            return CLEAN
        if isinstance(e, ast.Starred):
            return self._expr(e.value, env)
        if isinstance(e, ast.Slice):
            parts = [self._expr(p, env) if p is not None else const(None) for p in (e.lower, e.upper, e.step)]
            if all(p.has_const() for p in parts):
                return const(slice(*(p.const for p in parts)))
            return CLEAN
        return CLEAN

    def _request_data(self, ref: str | None, attr: str | None, line: int) -> V:
        """``request.<attr>``: request data, except the attributes the server decides."""
        if attr in REQUEST_SAFE_ATTRS:
            return V(ref=f"{ref}" if ref else None)
        self.web = True
        taint = frozenset({("user", line)})
        if attr in REQUEST_LOCAL_PATHS:
            return V(taint=taint, safe=frozenset({"redirect", "ssrf"}))
        return V(ref=ref, taint=taint, safe=frozenset())

    def _binop(self, op: ast.operator, left: V, right: V) -> V:
        if left.has_const() and right.has_const():
            try:
                if isinstance(op, ast.Pow) and abs(right.const) > 64:
                    raise ValueError
                if (
                    isinstance(op, ast.Mult)
                    and isinstance(left.const, (str, bytes, list, tuple))
                    and right.const > _MAX_CONST
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

    def _compare(self, e: ast.Compare, env: Env) -> V:
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
                found = any(_same(left.const, i.const) for i in right.items)
                return const(found if isinstance(e.ops[0], ast.In) else not found)
        return CLEAN

    def _subscript(self, e: ast.Subscript, env: Env) -> V:
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
            key = _hashable(index.const)
            if key in entries:
                return entries[key]
            return union([container])
        if _is_request(container.ref):
            return V(taint=frozenset({("user", e.lineno)}), safe=frozenset())
        out = union([container])
        return replace(out, type=container.type) if container.type and "Path" in container.type else out

    def _element(self, iterable: V) -> V:
        if iterable.items is not None:
            return join_all(list(iterable.items)) if iterable.items else CLEAN
        if iterable.keys is not None:
            return join_all([const(k) for k, _ in iterable.keys]) if iterable.keys else CLEAN
        if iterable.has_const() and isinstance(iterable.const, (str, bytes, tuple, list)):
            return CLEAN
        return union([iterable])

    # -- calls
    def _call(self, e: ast.Call, env: Env) -> V:  # noqa: C901 - a dispatcher
        func = e.func
        receiver: V | None = None
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
        qual = name or ""
        if isinstance(func, ast.Name) and func.id in self.functions and not _shadowed(env, func.id):
            followed = self._follow(self.functions[func.id], args, kwargs)
            if followed is not None:
                return followed

        self._check_sinks(e, qual, method, receiver, args, kwargs, env)

        # container side effects and reads
        if receiver is not None and isinstance(func, ast.Attribute):
            handled = self._container_method(func, method, receiver, args, env)
            if handled is not None:
                return handled

        # sources
        if receiver is not None and _is_request(receiver.ref):
            return union([self._request_data(qual, method, e.lineno)])
        if any(_is_request(a.ref) for a in args) and any(
            w in qual.rsplit(".", 1)[-1].lower() for w in ("request", "wrap")
        ):
            return V(ref="<request>")  # a wrapper around the request: its methods return request data
        if matches(qual, ("random.*", "numpy.random.*")) and not matches(qual, ("random.SystemRandom*", "random.seed")):
            if qual == "random.Random":
                return V(type="random.Random")
            return V(taint=frozenset({("random", e.lineno)}), safe=frozenset(KINDS - {"random"}))
        if matches(qual, RESPONSES):
            return CLEAN  # a response object: its body was checked as a sink above

        # sanitisers
        if qual in SANITIZERS:
            return union(args[:1]).sanitized(SANITIZERS[qual]) if args else CLEAN
        last = qual.rsplit(".", 1)[-1].lower()
        if "escape" in last and ("html" in last or last in ("escape", "escape_html", "htmlescape")):
            return union(args).sanitized({"xss", "header"})
        if matches(qual, CLEAN_RESULTS) or (method and f"*.{method}" in CLEAN_RESULTS):
            # the result holds no request data; a weak random number stays weak however it is reshaped
            weak = [a for a in [*args, *kwargs.values(), receiver] if a is not None and a.origins("random", "random")]
            return union(weak)
        if method == "replace" and receiver is not None and receiver.taint and len(args) >= 2:
            old = args[0]
            if old.has_const() and isinstance(old.const, str) and old.const in ("\n", "\r", "\r\n"):
                return replace(union([receiver, args[1]]), safe=receiver.safe | {"header"})

        # constant folding of str methods
        if (
            receiver is not None
            and receiver.has_const()
            and isinstance(receiver.const, (str, bytes))
            and all(a.has_const() for a in args)
            and not kwargs
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

        # constructors of objects whose later use matters
        if matches(qual, ("lxml.etree.XMLParser", "lxml.etree.XMLPullParser")):
            flag = kwargs.get("resolve_entities")
            unsafe = flag is not None and flag.has_const() and flag.const is True
            return V(type="lxml.etree.XMLParser", flags=frozenset({"xxe"}) if unsafe else frozenset())
        if matches(qual, ("xml.sax.make_parser",)):
            return V(type="xml.sax.Parser")
        if matches(qual, ("configparser.ConfigParser", "configparser.RawConfigParser", "ConfigParser.ConfigParser")):
            return V(type="configparser", keys=())
        out = union(([receiver] if receiver is not None else []) + args + list(kwargs.values()))
        if receiver is not None and (receiver.type or "").startswith("pathlib.") and method in PATH_METHODS:
            return replace(out, type="pathlib.Path")
        if name and not name.startswith("?"):
            return replace(out, type=name)
        return out

    def _container_method(self, func: ast.Attribute, method: str, receiver: V, args: list[V], env: Env) -> V | None:
        holder = _dotted(func.value)
        if receiver.type == "configparser":
            if method == "set" and len(args) >= 3 and args[0].has_const() and args[1].has_const() and holder:
                entries = dict(receiver.keys or ())
                entries[(_hashable(args[0].const), _hashable(args[1].const))] = args[2]
                env[holder] = replace(union([receiver, args[2]]), type="configparser", keys=tuple(entries.items()))
                return CLEAN
            if method in ("get", "__getitem__") and len(args) >= 2 and args[0].has_const() and args[1].has_const():
                entries = dict(receiver.keys or ())
                return entries.get((_hashable(args[0].const), _hashable(args[1].const)), CLEAN)
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
                    if item.has_const() and _same(item.const, args[0].const):
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
                key = _hashable(args[0].const)
                if key in entries:
                    return entries[key]
                return args[1] if len(args) > 1 else CLEAN
            if method in ("update", "setdefault") and holder:
                if method == "setdefault" and args and args[0].has_const():
                    entries.setdefault(_hashable(args[0].const), args[1] if len(args) > 1 else CLEAN)
                    env[holder] = replace(union(entries.values()), keys=tuple(entries.items()), type=receiver.type)
                    return entries[_hashable(args[0].const)]
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
                key = _hashable(args[0].const)
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

    def _check_sinks(self, e: ast.Call, qual: str, method, receiver: V | None, args: list[V], kwargs: dict, env: Env):
        def arg(pos: int, names: tuple[str, ...] = ()) -> V | None:
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

    def _subprocess(self, e: ast.Call, qual: str, args: list[V], kwargs: dict) -> None:
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

    def _cookie(self, e: ast.Call, args: list[V], kwargs: dict) -> None:
        secure = kwargs.get("secure") or (args[6] if len(args) > 6 else None)
        if secure is None or (secure.has_const() and not secure.const):
            self._report("cookie", e, [e.lineno])
        httponly = kwargs.get("httponly") or (args[7] if len(args) > 7 else None)
        if httponly is not None and httponly.has_const() and not httponly.const:
            self._report("cookie-httponly", e, [e.lineno])
        value = kwargs.get("value") or (args[1] if len(args) > 1 else None)
        if value is not None:
            self._report("random", e, value.origins("random", "random"))


def _shadowed(env: Env, name: str) -> bool:
    """A local value, not the module's function, now goes by ``name``."""
    value = env.get(name)
    return value is not None and value.ref != name and value != CLEAN


def _is_request(ref: str | None) -> bool:
    """A request object, or request data reached through it (not ``request.session`` and the like)."""
    if not ref:
        return False
    for root in (*REQUEST_OBJECTS, "<request>"):
        if ref == root:
            return True
        if ref.startswith(root + "."):
            return ref[len(root) + 1 :].split(".")[0] not in REQUEST_SAFE_ATTRS
    return False


def _plain_headers(node: ast.expr) -> bool:
    """A headers dict literal that sets a Content-Type other than HTML."""
    if not isinstance(node, ast.Dict):
        return False
    for key, value in zip(node.keys, node.values):
        if isinstance(key, ast.Constant) and str(key.value).lower() == "content-type":
            return isinstance(value, ast.Constant) and "html" not in str(value.value).lower()
    return False


def _plain_content_type(kwargs: dict) -> bool:
    for key in ("mimetype", "content_type"):
        value = kwargs.get(key)
        if value is not None and value.has_const() and "html" not in str(value.const).lower():
            return True
    return False


def join_all(values: list[V]) -> V:
    out = values[0]
    for v in values[1:]:
        out = join(out, v)
    return out


def _dotted(node) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _hashable(value):
    try:
        hash(value)
        return value
    except TypeError:
        return repr(value)


def _names(test: ast.expr) -> set[str]:
    names = set()
    for node in ast.walk(test):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            dotted = _dotted(node)
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


def _looks_like_xpath(node: ast.expr) -> bool:
    """An expression built around an XPath literal (``"//user[@name='" + name + "']"``)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            text = sub.value
            if "[@" in text or text.startswith(("//", "./", "/")) and "/" in text[1:]:
                return True
    return False


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


def analyze_source(text: str, filename: str = "<string>") -> list[Hit]:
    """Every finding in one file's source. SyntaxError propagates to the caller."""
    return analyze_module(text, filename).run()


def analyze_module(text: str, filename: str = "<string>") -> ModuleAnalysis:
    """The analysis of one file (``.run()`` it for the findings, then read ``.web``)."""
    return ModuleAnalysis(ast.parse(text, filename=filename))
