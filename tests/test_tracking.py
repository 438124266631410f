"""Tracking signatures (scope_offset, location, hash) from real parses of small files in every language
of the rule pack, checked against the values GitLab's own tracking calculator wrote in its reports."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import SHARED, official_schema
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from secscan.common.engine import tracking
from secscan.common.engine.tracking import add_tracking, scope_at, signatures_for
from secscan.report import Identifier, Location, ScannerRef, Signature, Tracking, TrackingItem, Vulnerability
from secscan.report.identity import SIGNATURE_PRIORITY, assign_ids, best_signature, gitlab_finding_uuid
from secscan.report.model import Report, ReportType, Scan, ToolDetails

GITLAB_REPORTS = SHARED / "reference" / "reports"


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def sigs(root: Path, name: str, line: int, end: int | None = None) -> dict[str, str]:
    return {s.algorithm: s.value for s in signatures_for(root, name, line, end)}


def lay_out(lines: dict[int, str]) -> str:
    """A source with ``lines`` at their line numbers (1-based) and blank lines between."""
    return "\n".join(lines.get(n, "") for n in range(1, max(lines) + 1)) + "\n"


# -- exact values, one small real file per language ----------------------------------------------------

PYTHON = """\
import os

class Outer:
    class Inner:
        @staticmethod
        def run(x):
            return eval(x)

    def run(self):
        os.system(self)

def f():
    pass

def f():
    cb = lambda: os.system("x")
    if cb:
        def g(): pass
    else:
        def g(): os.system("y")
    return 1

async def h():
    os.system("z")
"""
GO = """\
package main

import "os/exec"

type Server struct{}

func (s *Server) Handle(cmd string) {
	exec.Command(cmd)
}

func run(cmd string) {
	f := func() {
		exec.Command(cmd)
	}
	f()
}
"""
JAVA = """\
package com.example;

public class App {
    @Deprecated
    public void exec(String cmd) throws Exception {
        Runtime.getRuntime().exec(cmd);
    }

    public void exec(String[] cmd) throws Exception {
        Runtime.getRuntime().exec(cmd);
    }

    String token() {
        return new java.util.Random().toString();
    }

    static class Inner {
        void run() {
            Runnable r = () -> System.out.println("x");
        }
    }
}
"""
CSHARP = """\
using System.Diagnostics;

namespace Service
{
    public static class Runner
    {
        public static string Process(string input)
        {
            System.Diagnostics.Process.Start("cmd", input);
            return "";
        }
        public IActionResult Index() { return null; }
        [HttpGet]
        public IActionResult Download(string f)
        {
            return File(f);
        }
    }
}
"""
CSHARP_FILE_SCOPED = """\
namespace Svc;

public class Home
{
    public void Run(string cmd)
    {
        System.Diagnostics.Process.Start(cmd);
    }
}
"""
CSHARP_DOTTED = CSHARP_FILE_SCOPED.replace("namespace Svc;", "namespace Web.Controllers;")
JAVASCRIPT = """\
// header
function dangerous_eval(input) {
  eval(input);
}

const handler = (req, res) => {
  res.send(eval(req.query.x));
};

class Api {
  run(code) {
    [code].forEach(function (c) {
      eval(c);
    });
  }
}

app.get("/", (req) => eval(req.body));
"""
TYPESCRIPT = """\
namespace Shop {
  export class Cart {
    total(items: number[]): number {
      return eval(items.join("+"));
    }
  }
}
export const load = async (path: string): Promise<string> => {
  return require("fs").readFileSync(path);
};
"""
TSX = """\
export function View(props: { html: string }) {
  return <div dangerouslySetInnerHTML={{ __html: props.html }} />;
}
"""
C = """\
#include <stdio.h>
#include <string.h>

static void copy(char *dst, const char *src) {
  strcpy(dst, src);
}

char *name(void) {
  static char buf[8];
  gets(buf);
  return buf;
}
"""
CPP = """\
#include <cstdlib>

namespace app {
class Shell {
 public:
  int run(const char *cmd) {
    return system(cmd);
  }
};
int Shell2::go() { return system("ls"); }
}
"""
CPP_HEADER = """\
class Widget {
 public:
  void draw() { system("x"); }
};
"""
RUBY = """\
module Admin
  class UsersController < ApplicationController
    def show
      User.find_by_sql("SELECT * FROM users WHERE id = #{params[:id]}")
    end

    def self.build(cmd)
      system(cmd)
    end
  end
end
"""
PHP = """\
<?php
namespace App\\Http;

class Page {
    public function show($id) {
        $f = function () use ($id) {
            return eval($id);
        };
    }
}

function helper($x) {
    system($x);
}
"""

EXACT = [
    ("p.py", PYTHON, 7, "p.py|Outer[0]|Inner[0]|run[0]:1"),
    ("p.py", PYTHON, 5, "p.py|Outer[0]|Inner[0]:1"),  # a decorator line belongs to the enclosing scope
    ("p.py", PYTHON, 10, "p.py|Outer[0]|run[0]:1"),
    ("p.py", PYTHON, 13, "p.py|f[0]:1"),
    ("p.py", PYTHON, 16, "p.py|f[1]:1"),  # redefinition -> [1]; the lambda is not a scope
    ("p.py", PYTHON, 20, "p.py|f[1]|g[1]:0"),  # same-named functions in if/else branches of one scope
    ("p.py", PYTHON, 24, "p.py|h[0]:1"),
    ("srv/main.go", GO, 8, "srv/main.go|Handle[0]:1"),
    ("srv/main.go", GO, 13, "srv/main.go|run[0]:2"),  # the func literal is not a scope
    ("App.java", JAVA, 6, "App.java|App[0]|exec[0]:2"),  # the annotation line starts the method
    ("App.java", JAVA, 10, "App.java|App[0]|exec[1]:1"),  # overload -> [1]
    ("App.java", JAVA, 14, "App.java|App[0]|String[0]:1"),  # GitLab names it by its return type
    ("App.java", JAVA, 19, "App.java|App[0]|Inner[0]|run[0]:1"),
    ("Runner.cs", CSHARP, 9, "Runner.cs|Service[0]|Runner[0]|Process[0]:2"),
    ("Runner.cs", CSHARP, 16, "Runner.cs|Service[0]|Runner[0]|IActionResult[1]:3"),
    ("Home.cs", CSHARP_FILE_SCOPED, 7, "Home.cs|Svc[0]|Home[0]|Run[0]:2"),
    ("Home.cs", CSHARP_DOTTED, 7, "Home.cs|Home[0]|Run[0]:2"),  # a dotted namespace is not in the path
    ("web/app.js", JAVASCRIPT, 3, "web/app.js|dangerous_eval[0]:1"),
    ("web/app.js", JAVASCRIPT, 7, "web/app.js|handler[0]:1"),  # arrow function bound by const
    ("web/app.js", JAVASCRIPT, 13, "web/app.js|Api[0]|run[0]:2"),  # anonymous callback skipped
    ("shop.ts", TYPESCRIPT, 4, "shop.ts|Shop[0]|Cart[0]|total[0]:1"),
    ("shop.ts", TYPESCRIPT, 9, "shop.ts|load[0]:1"),
    ("View.tsx", TSX, 2, "View.tsx|View[0]:1"),
    ("src/copy.c", C, 5, "src/copy.c|copy(char *dst, const char *src)[0]:1"),
    ("src/copy.c", C, 10, "src/copy.c|name(void)[0]:2"),  # pointer return type stripped
    ("shell.cpp", CPP, 7, "shell.cpp|app[0]|Shell[0]|run(const char *cmd)[0]:1"),
    ("shell.cpp", CPP, 10, "shell.cpp|app[0]|Shell2::go()[0]:0"),
    ("widget.h", CPP_HEADER, 3, "widget.h|Widget[0]|draw()[0]:0"),  # .h: C first, C++ when C fails
    ("app/users.rb", RUBY, 4, "app/users.rb|Admin[0]|UsersController[0]|show[0]:1"),
    ("app/users.rb", RUBY, 8, "app/users.rb|Admin[0]|UsersController[0]|build[0]:1"),
    ("src/Page.php", PHP, 7, "src/Page.php|App\\Http[0]|Page[0]|show[0]:2"),  # closure skipped
    ("src/Page.php", PHP, 13, "src/Page.php|App\\Http[0]|helper[0]:1"),  # `namespace X;` encloses the rest
]


@pytest.mark.parametrize(("name", "source", "line", "expected"), EXACT, ids=[f"{c[0]}:{c[2]}" for c in EXACT])
def test_scope_offset_exact(tmp_path, name, source, line, expected):
    write(tmp_path, name, source)
    found = sigs(tmp_path, name, line)
    assert found["scope_offset"] == expected
    assert found["location"] == f"{name}:{line}:{line}"


@pytest.mark.parametrize(
    ("name", "source", "line"),
    [("p.py", PYTHON, 1), ("p.py", PYTHON, 11), ("web/app.js", JAVASCRIPT, 18), ("srv/main.go", GO, 3)],
)
def test_module_level_findings_have_no_scope_offset(tmp_path, name, source, line):
    write(tmp_path, name, source)
    assert list(sigs(tmp_path, name, line)) == ["location", "hash"]


def test_signatures_come_in_gitlab_priority_order_with_exact_values(tmp_path):
    write(tmp_path, "app/run.py", "import subprocess\n\ndef go(cmd):\n    subprocess.run(cmd,\n        shell = True)\n")
    found = signatures_for(tmp_path, "app/run.py", 4, 5)
    assert [s.algorithm for s in found] == list(SIGNATURE_PRIORITY)
    expected_hash = hashlib.sha256(b"app/run.py|subprocess.run(cmd,shell=True)").hexdigest()
    assert found == (
        Signature("scope_offset", "app/run.py|go[0]:1"),
        Signature("location", "app/run.py:4:5"),
        Signature("hash", expected_hash),
    )


def test_scope_at_reports_path_and_first_line(tmp_path):
    write(tmp_path, "p.py", PYTHON)
    assert scope_at(tmp_path, "p.py", 7) == ("Outer[0]|Inner[0]|run[0]", 6)
    assert scope_at(tmp_path, "p.py", 1) is None


def test_every_grammar_of_the_table_loads_and_finds_its_scopes():
    for language in tracking._GRAMMARS:
        lang, query = tracking._compiled(language)
        assert query.capture_count == 2, language
    assert {lang for langs in tracking.LANGUAGES.values() for lang in langs} == {"python", *tracking._GRAMMARS}


def test_every_rule_pack_extension_has_a_parser():
    from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES, load_pack

    missing = [ext for ext in load_pack(BUNDLED_RULES).extensions if ext not in tracking.LANGUAGES]
    assert missing == []


# -- GitLab's own values -----------------------------------------------------------------------------------


def gitlab_scope_offset(report: str, file: str, line: int) -> str:
    """The scope_offset GitLab's tracking calculator wrote for the finding at ``file:line``."""
    doc = json.loads((GITLAB_REPORTS / report).read_text())
    for vuln in doc["vulnerabilities"]:
        if vuln["location"]["file"] == file and vuln["location"]["start_line"] == line:
            for item in vuln["tracking"]["items"]:
                for signature in item["signatures"]:
                    if signature["algorithm"] == "scope_offset":
                        return signature["value"]
    raise AssertionError(f"{report}: no scope_offset for {file}:{line}")


def _flask_app() -> str:
    """Flask handlers (each decorated on the line above its def) at the lines of GitLab's qa project."""
    lines: dict[int, str] = {
        1: "import yaml, random, hashlib",
        2: "from flask import Flask",
        3: "app = Flask(__name__)",
    }
    for name, def_line, body in (
        ("setup_users", 56, {63: "user.password = 'admin123'"}),
        ("reg_customer", 135, {141: "hash_pass = hashlib.md5(password).hexdigest()"}),
        ("search_customer", 247, {265: "rows = db.engine.execute(query)"}),
        ("hello", 291, {295: "rand = random.randint(1, 100)"}),
        (
            "yaml_hammer",
            316,
            {319: "rand = random.randint(1, 100)", 329: "ydata = yaml.load(y, Loader=yaml.FullLoader)"},
        ),
    ):
        lines[def_line - 1] = f'@app.route("/{name}")'
        lines[def_line] = f"def {name}():"
        lines.update({n: "    " + text for n, text in body.items()})
    return lay_out(lines)


def _rails_flask_app() -> str:
    return lay_out(
        {25: '@app.route("/yaml_hammer", methods=["POST"])', 26: "def yaml_hammer():", 39: "    ydata = yaml.load(y)"}
    )


def _passwords() -> str:
    return lay_out({
        1: "def someFunction(user, password='Admin123'):", 2: "    pass",
        4: "def someFunction2(password):", 5: "    password = 'root'",
        8: "def noMatch():", 9: "    password = ''",
        12: "def NoMatch2(password):", 13: "    password = 'ajklawejrkl42348swfgkg'",
        16: "def doLogin(password='Admin123',", 17: "            user='root'):", 18: "    pass",
    })  # fmt: skip


def _go_tracking() -> str:
    return lay_out(
        {1: "package main", 3: 'import "crypto/md5"', 7: "func foo() {", 8: '\tmd5.Sum([]byte("x"))', 9: "}"}
    )


def _go_synthesis() -> str:
    return lay_out({
        1: "package main", 3: 'import "golang.org/x/crypto/ssh"',
        7: "func baz() {}", 9: "func bar() {}",
        11: "func foo() error {", 12: "\tvar err error", 13: "\t_ = ssh.InsecureIgnoreHostKey()",
        14: "\tif err == nil {", 15: "\t\treturn err", 16: "\t}", 17: "\treturn nil", 18: "}",
    })  # fmt: skip


def _main_js() -> str:
    return lay_out({
        9: "function dangerous_eval(code) {", 10: "  eval(code);", 11: "}",
        15: "function dangerous_regexp(text) {", 16: "  var re = new RegExp(text);", 17: "}",
        21: "function dangerous_eval_var(code) {", 22: "  var f = eval(code);", 23: "}",
    })  # fmt: skip


def _app_java() -> str:
    return lay_out({
        1: "package com.gitlab.security_products.tests;",
        14: "public class App", 15: "{",
        27: "    public void insecureCypher() {", 28: "        try {",
        29: '            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");', 30: "        } catch (Exception e) {}",
        31: "    }",
        40: "    String generateSecretToken1() {", 41: "        Random r = new Random();",
        42: "        return Long.toHexString(r.nextLong());", 43: "    }",
        46: "    String generateSecretToken2() {", 47: "        Random r = new Random();",
        48: "        return Long.toHexString(r.nextLong());", 49: "    }",
        50: "}",
    })  # fmt: skip


def _csharp(namespace: str, cls: str, method: str, method_line: int, finding_lines: tuple[int, ...]) -> str:
    lines = {
        1: "using System;",
        method_line - 4: f"namespace {namespace}",
        method_line - 3: "{",
        method_line - 2: f"    public static class {cls}",
        method_line - 1: "    {",
        method_line: f"        public static string {method}()",
        method_line + 1: "        {",
    }
    lines.update({n: '            var p = System.Diagnostics.Process.Start("x");' for n in finding_lines})
    last = max(finding_lines)
    lines.update({last + 1: "        }", last + 2: "    }", last + 3: "}"})
    return lay_out(lines)


def _home_controller() -> str:
    lines = {
        10: "namespace WebApp.Controllers",
        11: "{",
        12: "    public class HomeController : Controller",
        13: "    {",
    }
    for n, action in enumerate(("Index", "About", "Contact", "Privacy", "Error")):
        start = 15 + 5 * n
        lines.update(
            {
                start: f"        public IActionResult {action}()",
                start + 1: "        {",
                start + 2: "            return View();",
                start + 3: "        }",
            }
        )
    lines.update({
        50: "        public IActionResult Download(string fileName)", 51: "        {",
        52: "            byte[] b = System.IO.File.ReadAllBytes(fileName);", 53: "            return File(b);",
        54: "        }", 55: "    }", 56: "}",
    })  # fmt: skip
    return lay_out(lines)


def _utils_c() -> str:
    return lay_out(
        {
            1: "#include <stdio.h>",
            6: "void doStuff() {",
            7: "  FILE *file;",
            8: '  file=fopen("somefile.txt", "r");',
            9: "}",
        }
    )


QA = "gitlab-semgrep-qa/semgrep/"
GITLAB_CASES: list[tuple[str, str, Callable[[], str], tuple[int, ...]]] = [
    (QA + "python/pip-flask/gl-sast-report.json", "app/app.py", _flask_app, (63, 141, 265, 295, 319, 329)),
    (
        "gitlab-rails/spec/fixtures/security_reports/master/gl-sast-report-semgrep-for-bandit.json",
        "app/app.py",
        _rails_flask_app,
        (39,),
    ),
    (
        QA + "python/pip-multi-project/gl-sast-report.json",
        "app1/hardcoded/hardcoded-passwords.py",
        _passwords,
        (1, 5, 9, 13, 16),
    ),
    (QA + "go/with-tracking/gl-sast-report.json", "foo.go", _go_tracking, (8,)),
    (QA + "go/custom-ruleset-synthesis/gl-sast-report.json", "foo.go", _go_synthesis, (7, 9, 11, 13, 14)),
    (QA + "js/default/gl-sast-report.json", "src/js/main.js", _main_js, (10, 16, 22)),
    (
        QA + "java/maven/gl-sast-report.json",
        "src/main/java/com/gitlab/security_products/tests/App.java",
        _app_java,
        (29, 41, 42, 47, 48),
    ),
    (
        QA + "csharp/dotnetcore-msbuild/gl-sast-report.json",
        "ServiceA/Vuln.cs",
        lambda: _csharp("ServiceA", "Vulnerability", "process", 12, (17, 18)),
        (17, 18),
    ),
    (
        QA + "csharp/dotnetcore-msbuild/gl-sast-report.json",
        "ServiceA/ServiceA.cs",
        lambda: _csharp("ServiceA", "ServiceA", "Main", 11, (19,)),
        (19,),
    ),
    (
        QA + "csharp/dotnetcore-msbuild/gl-sast-report.json",
        "ServiceB/Random.cs",
        lambda: _csharp("ServiceB", "GetRandom", "RandomNumber", 11, (15,)),
        (15,),
    ),
    (QA + "csharp/dotnetcore/gl-sast-report.json", "WebApp/Controllers/HomeController.cs", _home_controller, (52,)),
    (QA + "c/default/gl-sast-report.json", "subdir/utils.c", _utils_c, (8,)),
]  # fmt: skip


@pytest.mark.parametrize(
    ("report", "file", "source", "lines"), GITLAB_CASES, ids=[f"{c[1]}@{c[0].split('/')[-2]}" for c in GITLAB_CASES]
)
def test_scope_offset_matches_gitlab_tracking_calculator(tmp_path, report, file, source, lines):
    write(tmp_path, file, source())
    for line in lines:
        assert sigs(tmp_path, file, line)["scope_offset"] == gitlab_scope_offset(report, file, line), line


def test_gitlab_reference_values_named_in_the_brief_are_reproduced(tmp_path):
    values = set()
    for report, file, source, lines in GITLAB_CASES:
        write(tmp_path / report, file, source())
        values.update(sigs(tmp_path / report, file, line)["scope_offset"] for line in lines)
    assert {
        "app/app.py|yaml_hammer[0]:13",
        "foo.go|foo[0]:1",
        "ServiceA/Vuln.cs|ServiceA[0]|Vulnerability[0]|process[0]:5",  # :3 is GitLab's scope_offset_compressed
        "app1/hardcoded/hardcoded-passwords.py|doLogin[0]:0",
    } <= values


# -- properties: moving code keeps scope_offset and hash, reformatting keeps hash, editing changes it -------


@dataclass(frozen=True)
class Whitespace:
    before_op: str
    after_op: str
    after_comma: str
    continuation: str
    trailing: str


SPACES = st.sampled_from(["", " ", "  ", "\t"])
WHITESPACE = st.builds(
    Whitespace, SPACES, SPACES, SPACES, st.sampled_from(["", " ", "    ", "\t\t", "        "]), SPACES
)
PLAIN = Whitespace("", "", "", "", "")


@dataclass(frozen=True)
class Template:
    """A file: header, deletable lines above a function, the function with a two-line flagged statement."""

    name: str
    header: tuple[str, ...]
    above: tuple[str, ...]
    blank_comment_code: tuple[str, str, str]
    opening: tuple[str, ...]
    flagged: Callable[[Whitespace, str], tuple[str, str]]
    closing: tuple[str, ...]
    scope: str

    def source(self, above: list[str], ws: Whitespace = PLAIN, arg: str = "cmd") -> tuple[str, int]:
        """The text and the flagged statement's first line."""
        head = [*self.header, *above, *self.opening]
        return "\n".join([*head, *self.flagged(ws, arg), *self.closing]) + "\n", len(head) + 1


TEMPLATES = [
    Template(
        "mod/handler.py",
        ("import subprocess", ""),
        ("", "# configuration", "TIMEOUT = 5", "", "LIMIT = TIMEOUT * 2", "# end"),
        ("", "# moved", "x_added = 1"),
        ("def handler(cmd):", "    data = cmd.strip()"),
        lambda ws, arg: (
            f"    result{ws.before_op}={ws.after_op}subprocess.run({arg},{ws.after_comma}",
            f"{ws.continuation}shell{ws.before_op}={ws.after_op}True){ws.trailing}",
        ),
        ("    return result",),
        "handler[0]",
    ),
    Template(
        "web/handler.js",
        ("const { exec } = require('child_process');", ""),
        ("", "// configuration", "var timeout = 5;", "", "var limit = timeout * 2;", "// end"),
        ("", "// moved", "var added = 1;"),
        ("function handler(cmd) {", "  const data = cmd.trim();"),
        lambda ws, arg: (
            f"  const result{ws.before_op}={ws.after_op}exec({arg},{ws.after_comma}",
            f"{ws.continuation}{{ shell{ws.before_op}:{ws.after_op}true }}){ws.trailing};",
        ),
        ("  return result;", "}"),
        "handler[0]",
    ),
    Template(
        "srv/handler.go",
        ("package main", "", 'import "os/exec"', ""),
        ("", "// configuration", "var timeout = 5", "", "var limit = timeout * 2", "// end"),
        ("", "// moved", "var added = 1"),
        ("func handler(cmd string) *exec.Cmd {", "\tdata := cmd"),
        lambda ws, arg: (
            f"\tresult{ws.before_op}:={ws.after_op}exec.Command({arg},{ws.after_comma}",
            f'{ws.continuation}"-c"{ws.before_op},{ws.after_op}data){ws.trailing}',
        ),
        ("\treturn result", "}"),
        "handler[0]",
    ),
]
TEMPLATE_IDS = [t.name.rsplit(".", 1)[1] for t in TEMPLATES]


def signatures_of(template: Template, above: list[str], ws: Whitespace = PLAIN, arg: str = "cmd") -> dict[str, str]:
    text, line = template.source(above, ws, arg)
    with tempfile.TemporaryDirectory() as tmp:
        write(Path(tmp), template.name, text)
        return sigs(Path(tmp), template.name, line, line + 1)


PROPERTY = settings(max_examples=25, deadline=None)


@pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
def test_template_parses_to_the_expected_scope(template):
    found = signatures_of(template, list(template.above))
    assert found["scope_offset"] == f"{template.name}|{template.scope}:2"


@pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
@PROPERTY
@given(data=st.data())
def test_inserting_lines_above_keeps_scope_offset_and_hash(template, data):
    base = signatures_of(template, list(template.above))
    above = list(template.above)
    inserts = data.draw(
        st.lists(
            st.tuples(st.integers(0, len(above)), st.sampled_from(template.blank_comment_code)), min_size=1, max_size=6
        )
    )
    for position, line in inserts:
        above.insert(min(position, len(above)), line)
    moved = signatures_of(template, above)
    assert moved["scope_offset"] == base["scope_offset"]
    assert moved["hash"] == base["hash"]
    assert moved["location"] != base["location"]


@pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
@PROPERTY
@given(data=st.data())
def test_deleting_lines_above_keeps_scope_offset_and_hash(template, data):
    base = signatures_of(template, list(template.above))
    gone = data.draw(st.sets(st.integers(0, len(template.above) - 1), min_size=1))
    moved = signatures_of(template, [line for n, line in enumerate(template.above) if n not in gone])
    assert moved["scope_offset"] == base["scope_offset"]
    assert moved["hash"] == base["hash"]
    assert moved["location"] != base["location"]


@pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
@PROPERTY
@given(ws=WHITESPACE)
def test_reformatting_whitespace_of_the_flagged_lines_keeps_hash(template, ws):
    base = signatures_of(template, list(template.above))
    reformatted = signatures_of(template, list(template.above), ws)
    assert reformatted == base


@pytest.mark.parametrize("template", TEMPLATES, ids=TEMPLATE_IDS)
@PROPERTY
@given(arg=st.from_regex(r"[a-z0-9_]{1,8}", fullmatch=True).map(lambda name: f"arg_{name}"), ws=WHITESPACE)
def test_editing_the_flagged_code_changes_hash(template, arg, ws):
    base = signatures_of(template, list(template.above))
    edited = signatures_of(template, list(template.above), ws, arg)
    assert edited["hash"] != base["hash"]
    assert (edited["scope_offset"], edited["location"]) == (base["scope_offset"], base["location"])


# -- bad input ---------------------------------------------------------------------------------------------


def test_python_syntax_error_gives_location_and_hash(tmp_path):
    write(tmp_path, "bad.py", "def f(:\n    eval(x)\n")
    found = sigs(tmp_path, "bad.py", 2)
    assert list(found) == ["location", "hash"]
    assert found["hash"] == hashlib.sha256(b"bad.py|eval(x)").hexdigest()


def test_tree_sitter_error_region_drops_scope_offset_only_where_the_scope_is_uncertain(tmp_path):
    write(
        tmp_path,
        "bad.js",
        "function ok() {\n  eval(a);\n}\nfunction broken( {\n  eval(b);\n}\nfunction later() {\n  eval(c);\n}\n",
    )
    assert sigs(tmp_path, "bad.js", 2)["scope_offset"] == "bad.js|ok[0]:1"
    assert list(sigs(tmp_path, "bad.js", 5)) == ["location", "hash"]
    assert list(sigs(tmp_path, "bad.js", 8)) == ["location", "hash"]


def test_error_inside_the_scope_keeps_scope_offset(tmp_path):
    write(tmp_path, "macro.c", "void f(void) {\n  FOO(\n  strcpy(a, b);\n}\n")
    assert sigs(tmp_path, "macro.c", 3)["scope_offset"] == "macro.c|f(void)[0]:2"


def test_binary_file_gives_location_and_hash(tmp_path):
    write(tmp_path, "blob.py", b"\x00\x01\xff\xfe def f():\n\x00 eval(x)\n")
    found = sigs(tmp_path, "blob.py", 2)
    assert list(found) == ["location", "hash"]
    assert found == sigs(tmp_path, "blob.py", 2)  # deterministic


def test_non_utf8_source_gives_location_and_hash(tmp_path):
    write(tmp_path, "latin.js", "function f() {\n  eval('caf\u00e9');\n}\n".encode("latin-1"))
    found = sigs(tmp_path, "latin.js", 2)
    assert list(found) == ["location", "hash"]
    assert found["hash"] == hashlib.sha256(b"latin.js|eval('caf\xe9');").hexdigest()


def test_python_encoding_cookie_is_honoured(tmp_path):
    write(tmp_path, "legacy.py", "# -*- coding: latin-1 -*-\ndef f():\n    return 'caf\u00e9'\n".encode("latin-1"))
    assert sigs(tmp_path, "legacy.py", 3)["scope_offset"] == "legacy.py|f[0]:1"


@pytest.mark.parametrize("name", ["missing.py", "a_dir", "nul\x00in_name.py"])
def test_unreadable_file_gives_location_only(tmp_path, name):
    (tmp_path / "a_dir").mkdir()
    assert signatures_for(tmp_path, name, 3, 4) == (Signature("location", f"{name}:3:4"),)


def test_line_beyond_end_of_file(tmp_path):
    write(tmp_path, "short.py", "def f():\n    eval(x)\n")
    assert list(sigs(tmp_path, "short.py", 3)) == ["location"]
    assert sigs(tmp_path, "short.py", 2, 40)["hash"] == sigs(tmp_path, "short.py", 2, 2)["hash"]
    assert sigs(tmp_path, "short.py", 2, 40)["location"] == "short.py:2:40"


def test_nonsense_lines_are_normalised_or_refused(tmp_path):
    write(tmp_path, "a.py", "x = 1\n")
    assert signatures_for(tmp_path, "a.py", 0) == ()
    assert signatures_for(tmp_path, "a.py", -3) == ()
    assert signatures_for(tmp_path, "", 1) == ()
    assert sigs(tmp_path, "a.py", 1, 0)["location"] == "a.py:1:1"


def test_unknown_language_and_oversized_file_get_no_scope_offset(tmp_path, monkeypatch):
    write(tmp_path, "notes.txt", "def f():\n    eval(x)\n")
    write(tmp_path, "big.py", "def f():\n    eval(x)\n")
    assert list(sigs(tmp_path, "notes.txt", 2)) == ["location", "hash"]
    assert "scope_offset" in sigs(tmp_path, "big.py", 2)
    monkeypatch.setattr(tracking, "MAX_PARSE_BYTES", 10)
    assert list(sigs(tmp_path, "big.py", 2)) == ["location", "hash"]


# -- add_tracking ------------------------------------------------------------------------------------------


def finding(
    file: str, start: int | None, end: int | None = None, tracking_: Tracking | None = None, rule: str = "R1"
) -> Vulnerability:
    return Vulnerability(
        identifiers=(Identifier("semgrep_id", rule, rule),),
        location=Location(file=file, start_line=start, end_line=end),
        scanner=ScannerRef("semgrep", "Semgrep"),
        tracking=tracking_,
    )


def test_add_tracking_sets_one_source_item_per_finding(tmp_path):
    write(tmp_path, "p.py", PYTHON)
    [tracked] = add_tracking(tmp_path, [finding("p.py", 7)])
    assert tracked.tracking == Tracking(
        items=(TrackingItem("p.py", 7, 7, signatures_for(tmp_path, "p.py", 7)),), type="source"
    )
    assert best_signature(tracked) == "p.py|Outer[0]|Inner[0]|run[0]:1"


def test_add_tracking_keeps_analyzer_tracking_and_skips_findings_without_a_line(tmp_path):
    write(tmp_path, "p.py", PYTHON)
    own = Tracking(items=(TrackingItem("p.py", 7, 7, (Signature("scope_offset", "from-analyzer"),)),))
    vulns = [finding("p.py", 7, tracking_=own), finding("p.py", None), finding("", 3), finding("gone.py", 2)]
    out = add_tracking(tmp_path, vulns)
    assert out[0].tracking is own
    assert out[1].tracking is None and out[2].tracking is None
    assert out[3].tracking.items[0].signatures == (Signature("location", "gone.py:2:2"),)
    assert [v.location for v in out] == [v.location for v in vulns]


def test_add_tracking_parses_each_file_once(tmp_path, monkeypatch):
    write(tmp_path, "p.py", PYTHON)
    write(tmp_path, "web/app.js", JAVASCRIPT)
    calls: list[str] = []
    python_scopes, tree_scopes = tracking._python_scopes, tracking._tree_scopes
    monkeypatch.setattr(tracking, "_python_scopes", lambda data: calls.append("py") or python_scopes(data))
    monkeypatch.setattr(tracking, "_tree_scopes", lambda data, lang: calls.append(lang) or tree_scopes(data, lang))
    vulns = [finding("p.py", n) for n in (7, 10, 16, 24)] + [finding("web/app.js", n) for n in (3, 7, 13)]
    out = add_tracking(tmp_path, vulns)
    assert sorted(calls) == ["javascript", "py"]
    assert all(v.tracking for v in out)


def test_moving_code_keeps_the_gitlab_finding_uuid(tmp_path):
    source = "import os\n\ndef run(cmd):\n    os.system(cmd)\n"
    write(tmp_path, "a.py", source)
    before = add_tracking(tmp_path, [finding("a.py", 4)])[0]
    write(tmp_path, "a.py", "import os\nimport sys\n\n\n# moved down\n" + source.split("\n", 1)[1])
    after = add_tracking(tmp_path, [finding("a.py", 8)])[0]
    assert gitlab_finding_uuid(after) == gitlab_finding_uuid(before)
    assert before.tracking.items[0].signatures[1] != after.tracking.items[0].signatures[1]


def test_tracked_report_is_valid_against_gitlab_schema(tmp_path):
    write(tmp_path, "p.py", PYTHON)
    write(tmp_path, "web/app.js", JAVASCRIPT)
    vulns = add_tracking(
        tmp_path, [finding("p.py", 7), finding("p.py", 1, rule="R2"), finding("web/app.js", 3), finding("gone.py", 2)]
    )
    tool = ToolDetails("secscan", "secscan", "0.1.0", "secscan")
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    report = Report(Scan(tool, tool, ReportType.SAST, moment, moment), tuple(assign_ids(vulns)))
    errors = list(Draft7Validator(official_schema()).iter_errors(report.to_dict()))
    assert errors == []
    assert [len(v["tracking"]["items"][0]["signatures"]) for v in report.to_dict()["vulnerabilities"]] == [3, 2, 3, 1]
