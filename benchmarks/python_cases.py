"""Generate labelled Python test cases: every source x propagation x sink, each one file.

Usage:
    python benchmarks/python_cases.py DIR

writes ``DIR/cases/CaseNNNNN.py`` and ``DIR/expected.csv`` (OWASP Benchmark's expected-results
format), ready for ``benchmarks/bench_precision.py --cases DIR/cases --expected DIR/expected.csv``.

A case is a Flask view: it reads a request value (``param``), passes it through one propagation
step into ``bar`` - some keep the request data (a list element that is the tainted one, a branch
that really runs), some drop it (the other element, a branch whose condition is a false constant)
- and hands ``bar`` to one sink, vulnerable or protected (parameters, quoting, escaping, a
containment check). The case is a real vulnerability exactly when both the propagation keeps the
data and the sink is unprotected. The same corpus is a regression test of pyflow
(``tests/test_pyflow.py``), so the model it encodes is written down in one place.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

HEADER = """import ast
import base64
import configparser
import json
import os
import pickle
import shlex
import sqlite3
import subprocess

import ldap
import requests
from flask import Flask, redirect, request, session
from ldap.filter import escape_filter_chars
from lxml import etree
from markupsafe import escape

app = Flask(__name__)
BASE = "/srv/files"
ALLOWED = {"alpha", "beta"}


def passthrough(value):
    return value.strip()


def replaced(value):
    return "fixed"

"""

SOURCES = {
    "args": 'param = request.args.get("p", "")',
    "form": 'param = request.form.getlist("p")[0]',
    "header": 'param = request.headers.get("X-P", "")',
    "cookie": 'param = request.cookies.get("p", "")',
    "names": (
        'param = ""\n    for name in request.headers.keys():\n        if name.lower() in ("host", "accept"):\n'
        "            continue\n        param = name\n        break"
    ),
}

#: name -> (code that sets bar from param, whether bar carries the request data)
PROPAGATIONS = {
    "direct": ("bar = param", True),
    "concat": ('bar = "pre-" + param + "-post"', True),
    "format": ('bar = "{}-x".format(param)', True),
    "fstring": ('bar = f"v={param}"', True),
    "slice": ('text = "help" + param + "snapes on a plane"\n    bar = text[4:-17]', True),
    "list-kept": ('items = ["safe", param, "moresafe"]\n    items.pop(0)\n    bar = items[0]', True),
    "list-other": ('items = ["safe", param, "moresafe"]\n    items.pop(0)\n    bar = items[1]', False),
    "dict-kept": ('table = {"a": "safe"}\n    table["b"] = param\n    bar = table["b"]', True),
    "dict-other": ('table = {"a": "safe"}\n    table["b"] = param\n    bar = table.get("a")', False),
    "config-kept": (
        'conf = configparser.ConfigParser()\n    conf.add_section("s")\n    conf.set("s", "k1", "safe")\n'
        '    conf.set("s", "k2", param)\n    bar = conf.get("s", "k2")',
        True,
    ),
    "config-other": (
        'conf = configparser.ConfigParser()\n    conf.add_section("s")\n    conf.set("s", "k1", "safe")\n'
        '    conf.set("s", "k2", param)\n    bar = conf.get("s", "k1")',
        False,
    ),
    "branch-runs": (
        'num = 106\n    if (7 * 42) - num > 200:\n        bar = "safe"\n    else:\n        bar = param',
        True,
    ),
    "branch-dead": (
        'num = 86\n    if (7 * 42) - num > 200:\n        bar = "safe"\n    else:\n        bar = param',
        False,
    ),
    "ternary-dead": ('bar = param if "x" in "abc" else "safe"', False),
    "string-test": (
        'guard = "This should never happen"\n    if "should" not in guard:\n        bar = "safe"\n'
        "    else:\n        bar = param",
        True,
    ),
    "match-dead": (
        'switch = "ABC"[1]\n    match switch:\n        case "B":\n            bar = "safe"\n'
        "        case _:\n            bar = param",
        False,
    ),
    "helper-kept": ("bar = passthrough(param)", True),
    "helper-other": ("bar = replaced(param)", False),
    "overwritten": ('bar = param\n    bar = "safe"', False),
    "loop": ('bar = ""\n    for part in [param, "x"]:\n        bar += part', True),
}

#: name -> (category, CWE, sink code using bar, the sink is unprotected)
SINKS = {
    "sql": (
        "sqli",
        89,
        'cur = sqlite3.connect("db").cursor()\n    cur.execute("SELECT * FROM t WHERE c = \'" + bar + "\'")\n'
        '    return "ok"',
        True,
    ),
    "sql-param": (
        "sqli",
        89,
        'cur = sqlite3.connect("db").cursor()\n    cur.execute("SELECT * FROM t WHERE c = ?", (bar,))\n    return "ok"',
        False,
    ),
    "shell": ("cmdi", 78, 'subprocess.run("echo " + bar, shell=True)\n    return "ok"', True),
    "system": ("cmdi", 78, 'os.system("echo " + bar)\n    return "ok"', True),
    "argv": ("cmdi", 78, 'subprocess.run(["echo", bar])\n    return "ok"', False),
    "quoted": ("cmdi", 78, 'os.system("echo " + shlex.quote(bar))\n    return "ok"', False),
    "eval": ("codeinj", 94, 'eval(bar)\n    return "ok"', True),
    "literal": ("codeinj", 94, 'ast.literal_eval(bar)\n    return "ok"', False),
    "open": ("pathtraver", 22, "with open(os.path.join(BASE, bar)) as fh:\n        return escape(fh.read())", True),
    "basename": (
        "pathtraver",
        22,
        "with open(os.path.join(BASE, os.path.basename(bar))) as fh:\n        return escape(fh.read())",
        False,
    ),
    "contained": (
        "pathtraver",
        22,
        "base = os.path.realpath(BASE)\n    path = os.path.realpath(os.path.join(base, bar))\n"
        '    if os.path.commonpath([base, path]) != base:\n        return "no"\n    with open(path) as fh:\n'
        "        return escape(fh.read())",
        False,
    ),
    "html": ("xss", 79, 'return "<p>" + bar + "</p>"', True),
    "escaped": ("xss", 79, 'return "<p>" + str(escape(bar)) + "</p>"', False),
    "redirect": ("redirect", 601, "return redirect(bar)", True),
    "local-redirect": (
        "redirect",
        601,
        'if not bar.startswith("/") or bar.startswith("//"):\n        bar = "/"\n    return redirect(bar)',
        False,
    ),
    "fetch": ("ssrf", 918, 'return {"body": requests.get(bar, timeout=5).text}', True),
    "allowed-fetch": (
        "ssrf",
        918,
        'if bar not in ALLOWED:\n        return "no"\n'
        '    return {"body": requests.get("https://" + bar + ".example.com", timeout=5).text}',
        False,
    ),
    "ldap": (
        "ldapi",
        90,
        'conn = ldap.initialize("ldap://localhost")\n'
        '    conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=" + bar + ")")\n    return "ok"',
        True,
    ),
    "ldap-escaped": (
        "ldapi",
        90,
        'conn = ldap.initialize("ldap://localhost")\n'
        '    conn.search_s("dc=x", ldap.SCOPE_SUBTREE, "(uid=" + escape_filter_chars(bar) + ")")\n    return "ok"',
        False,
    ),
    "xpath": (
        "xpathi",
        643,
        'root = etree.parse("users.xml")\n    return {"n": len(root.xpath("//u[@n=\'" + bar + "\']"))}',
        True,
    ),
    "xpath-bound": (
        "xpathi",
        643,
        'root = etree.parse("users.xml")\n    return {"n": len(root.xpath("//u[@n=$name]", name=bar))}',
        False,
    ),
    "xxe": (
        "xxe",
        611,
        'parser = etree.XMLParser(resolve_entities=True)\n    return {"t": etree.fromstring(bar.encode(), parser).tag}',
        True,
    ),
    "xxe-off": (
        "xxe",
        611,
        "parser = etree.XMLParser(resolve_entities=False, no_network=True)\n"
        '    return {"t": etree.fromstring(bar.encode(), parser).tag}',
        False,
    ),
    "pickle": ("deserialization", 502, 'return {"v": repr(pickle.loads(base64.b64decode(bar)))}', True),
    "json": ("deserialization", 502, 'return {"v": json.loads(bar)}', False),
    "session": ("trustbound", 501, 'session["value"] = bar\n    return "ok"', True),
    "session-checked": (
        "trustbound",
        501,
        'if bar in ALLOWED:\n        session["value"] = bar\n    return "ok"',
        False,
    ),
}


def cases():
    """(name, category, vulnerable, cwe, source text) for every combination, in a fixed order."""
    number = 0
    for (src_name, src), (prop_name, (prop, keeps)), (sink_name, (category, cwe, sink, open_sink)) in itertools.product(
        SOURCES.items(), PROPAGATIONS.items(), SINKS.items()
    ):
        number += 1
        name = f"Case{number:05d}"
        body = (
            f"{HEADER}\n"
            f"@app.route('/{name}', methods=['GET', 'POST'])\n"
            f"def {name.lower()}():\n"
            f"    # source: {src_name}, propagation: {prop_name}, sink: {sink_name}\n"
            f"    {src}\n    {prop}\n    {sink}\n"
        )
        yield name, category, keeps and open_sink, cwe, body


def write(dest: Path) -> int:
    (dest / "cases").mkdir(parents=True, exist_ok=True)
    lines = ["# test name, category, real vulnerability, cwe (generated by benchmarks/python_cases.py)"]
    count = 0
    for name, category, vulnerable, cwe, body in cases():
        (dest / "cases" / f"{name}.py").write_text(body)
        lines.append(f"{name},{category},{str(vulnerable).lower()},{cwe}")
        count += 1
    (dest / "expected.csv").write_text("\n".join(lines) + "\n")
    return count


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(f"{write(Path(sys.argv[1]))} cases written to {sys.argv[1]}")
