"""The result cache: a rescan runs the scanners only on changed files and writes the report a
cold scan writes; corrupt entries are never trusted; the size bound evicts the least recently
used entries; --no-cache neither reads nor writes; a failed run is never stored.

The scans run the real scanners through wrapper scripts (SECSCAN_<ID>_EXECUTABLE) that log the
files each scan was given, so the tests see which files a scanner really ran on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import textwrap
from pathlib import Path

from conftest import run_cli, scanner

from secscan.common.engine import cache
from secscan.common.engine.search import search
from secscan.report.model import (
    Flag,
    Identifier,
    Link,
    Location,
    ScannerRef,
    Severity,
    Signature,
    Tracking,
    TrackingItem,
    Vulnerability,
)

RULES = textwrap.dedent("""
    rules:
      - id: demo.eval-call
        languages: [python]
        severity: ERROR
        message: eval() runs code
        pattern: eval(...)
        metadata: {cwe: ["CWE-95: Eval Injection"]}
      - id: demo.js-eval
        languages: [javascript]
        severity: WARNING
        message: eval() in JavaScript
        pattern: eval(...)
""")

FILES = {
    "app/views.py": textwrap.dedent("""
        import subprocess
        from flask import Flask, request

        app = Flask(__name__)


        @app.route("/run")
        def run():
            cmd = request.args.get("cmd")
            return subprocess.check_output(cmd, shell=True)


        @app.route("/calc")
        def calc():
            return str(eval(request.args.get("expr")))
    """),
    "app/util.py": textwrap.dedent("""
        import hashlib
        import pickle


        def digest(data):
            return hashlib.md5(data).hexdigest()


        def load(blob):
            return pickle.loads(blob)
    """),
    "app/clean.py": "def add(a, b):\n    return a + b\n",
    "app/empty.py": "",
    "app/ignored.py": "import subprocess\n\nsubprocess.call('ls', shell=True)  # nosec B602\n",
    "app/broken.py": "def oops(:\n    pass\n",
    "web/main.js": "function f(x) { return eval(x); }\n",
    "lib/old.py": "import os\n\nos.system('rm -rf /tmp/x')\n",
}


def make_project(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / "project" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "project"


def wrapper(root: Path, name: str, log: Path, fail: bool = False) -> Path:
    """An executable that logs its arguments, then runs the real scanner (or, with ``fail``,
    answers --version and -h but fails every scan)."""
    real = scanner(name)
    script = root / f"{name}-wrapper"
    failing = "if ('--version' not in args and '-h' not in args): sys.exit(2)\n" if fail else ""
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        "args = sys.argv[1:]\n"
        f"open({str(log)!r}, 'a').write(repr(args) + '\\n')\n"
        f"{failing}"
        f"os.execv({real!r}, [{real!r}, *args])\n"
    )
    script.chmod(0o755)
    return script


def scanned(log: Path, marker: str) -> set[str]:
    """The project files passed to the scans (argument lists with ``marker``) logged so far."""
    if not log.exists():
        return set()
    files: set[str] = set()
    for line in log.read_text().splitlines():
        args = eval(line)  # noqa: S307 - our own repr() of a list of strings
        if marker in args:
            files.update(args[args.index("--") + 1 :])
    return files


class Project:
    def __init__(self, tmp_path: Path):
        self.root = make_project(tmp_path)
        self.tmp = tmp_path
        self.bandit_log = tmp_path / "bandit.log"
        self.semgrep_log = tmp_path / "semgrep.log"
        rules = tmp_path / "rules.yml"
        rules.write_text(RULES)
        self.rules = rules
        self.env = {
            "SECSCAN_NO_CACHE": "false",
            "SECSCAN_CACHE_DIR": str(tmp_path / "cache"),
            "SECSCAN_BANDIT_EXECUTABLE": str(wrapper(tmp_path, "bandit", self.bandit_log)),
            "SECSCAN_SEMGREP_EXECUTABLE": str(wrapper(tmp_path, "semgrep", self.semgrep_log)),
            "SECSCAN_SEMGREP_RULES": str(rules),
            "SAST_EXCLUDED_PATHS": "",
        }
        self.runs = 0

    def sast(self, *extra: str, env: dict | None = None, code: int = 0):
        """One ``secscan sast``; returns (report bytes, stdout, bandit files, semgrep files)."""
        self.bandit_log.unlink(missing_ok=True)
        self.semgrep_log.unlink(missing_ok=True)
        self.runs += 1
        out = self.tmp / f"report-{self.runs}.json"
        proc = run_cli("sast", str(self.root), "-o", str(out), *extra, env={**self.env, **(env or {})})
        assert proc.returncode == code, proc.stdout[-3000:] + proc.stderr[-3000:]
        assert "Traceback" not in proc.stderr
        return out.read_bytes(), proc.stdout, scanned(self.bandit_log, "json"), scanned(self.semgrep_log, "scan")

    def entries(self) -> list[Path]:
        return sorted((self.tmp / "cache" / cache.ENTRIES).rglob("*.json"))


def messages(report: bytes) -> list[str]:
    return [m["value"] for m in json.loads(report)["scan"].get("messages", [])]


def test_rescan_runs_scanners_only_on_changed_files_and_writes_the_cold_report(tmp_path):
    p = Project(tmp_path)
    python = {f for f in FILES if f.endswith(".py")}
    cold, out, bandit, semgrep = p.sast()
    assert bandit == python and semgrep == set(FILES)
    # how many files each analyzer scanned, not only the union (bandit reads the Python files alone)
    each = f"bandit {len(python)}, pyflow {len(python)}, semgrep 8"
    assert f"result cache: 0 of 8 files unchanged, scanners ran on 8 ({each})" in out
    doc = json.loads(cold)
    found = {(v["location"]["file"], v["identifiers"][0]["value"]) for v in doc["vulnerabilities"]}
    assert {
        ("app/util.py", "B324"),
        ("app/util.py", "B301"),
        ("lib/old.py", "B605"),
        ("web/main.js", "demo.js-eval"),
    } <= found
    assert ("app/ignored.py", "B602") not in found  # the inline ignore still applies
    # per-file messages (a file bandit and pyflow cannot parse) and pyflow's decisions came through
    assert any(m.startswith("[pyflow] app/broken.py: pyflow could not analyze") for m in messages(cold))
    assert any("left out: pyflow followed the data flow" in m for m in messages(cold))

    warm, out, bandit, semgrep = p.sast()
    assert warm == cold  # byte for byte (SOURCE_DATE_EPOCH fixes the scan times)
    assert bandit == set() and semgrep == set()
    assert "result cache: 8 of 8 files unchanged, scanners ran on 0 (bandit 0, pyflow 0, semgrep 0)" in out

    nocache, _, bandit, semgrep = p.sast("--no-cache")
    assert nocache == cold and bandit == python and semgrep == set(FILES)

    # one file changed, one added, one deleted
    (p.root / "app/clean.py").write_text("import os\n\ndef add(a, b):\n    os.system(a)\n    return a + b\n")
    (p.root / "app/new.py").write_text("import yaml\n\ndef read(text):\n    return yaml.load(text)\n")
    (p.root / "lib/old.py").unlink()
    edited, out, bandit, semgrep = p.sast()
    assert bandit == {"app/clean.py", "app/new.py"} and semgrep == {"app/clean.py", "app/new.py"}
    assert "result cache: 6 of 8 files unchanged, scanners ran on 2 (bandit 2, pyflow 2, semgrep 2)" in out
    reference, _, _, _ = p.sast("--no-cache")
    assert edited == reference
    files = {v["location"]["file"] for v in json.loads(edited)["vulnerabilities"]}
    assert "app/new.py" in files and "app/clean.py" in files and "lib/old.py" not in files

    # the rules are part of the key: new rule content rescans every file semgrep matched
    p.rules.write_text(RULES.replace("eval() in JavaScript", "eval() runs arbitrary JavaScript"))
    changed_rules, out, bandit, semgrep = p.sast()
    assert bandit == set() and semgrep == (set(FILES) - {"lib/old.py"}) | {"app/new.py"}
    assert b"eval() runs arbitrary JavaScript" in changed_rules
    assert changed_rules == p.sast("--no-cache")[0]

    # so is the custom ruleset: an override of a bandit rule rescans bandit's files only
    ruleset = p.root / ".gitlab" / "sast-ruleset.toml"
    ruleset.parent.mkdir()
    ruleset.write_text(
        textwrap.dedent("""
        [bandit]
          [[bandit.ruleset]]
            [bandit.ruleset.identifier]
              type = "bandit_test_id"
              value = "B324"
            [bandit.ruleset.override]
              severity = "Critical"
    """)
    )
    overridden, _, bandit, semgrep = p.sast()
    assert bandit == python - {"lib/old.py"} | {"app/new.py"} and semgrep == set()
    md5 = [v for v in json.loads(overridden)["vulnerabilities"] if v["identifiers"][0]["value"] == "B324"]
    assert md5 and all(v["severity"] == "Critical" for v in md5)
    assert overridden == p.sast("--no-cache")[0]


def _rewrite(entry: Path, change) -> None:
    """Rewrite an entry's payload with ``change`` and a matching checksum (a well-formed entry of
    the wrong shape)."""
    head, _, body = entry.read_bytes().partition(b"\n")
    payload = change(json.loads(body))
    new_body = json.dumps(payload).encode()
    header = json.loads(head)
    header["sha256"] = hashlib.sha256(new_body).hexdigest()
    entry.write_bytes(json.dumps(header).encode() + b"\n" + new_body)


def test_corrupt_entries_are_discarded_and_their_files_rescanned(tmp_path):
    p = Project(tmp_path)
    p.env["SECSCAN_ANALYZERS"] = "bandit"  # one analyzer: every file entry is bandit's
    cold, _, _, _ = p.sast()
    entries = p.entries()
    payloads = {e: json.loads(e.read_bytes().partition(b"\n")[2]) for e in entries}
    with_findings = [e for e, pl in payloads.items() if isinstance(pl, dict) and pl.get("vulnerabilities")]
    assert len(entries) == 7 + 1 and len(with_findings) >= 3  # a file entry per Python file, one run entry
    truncated, reshaped, flipped = with_findings[:3]
    truncated.write_bytes(truncated.read_bytes()[:-40])  # a killed writer or a full disk
    _rewrite(reshaped, lambda pl: {**pl, "vulnerabilities": [{**pl["vulnerabilities"][0], "severity": "Huge"}]})
    data = bytearray(flipped.read_bytes())
    data[-10] ^= 0x01  # one bit off: the checksum no longer matches
    flipped.write_bytes(bytes(data))
    rescanned_files = {payloads[e]["vulnerabilities"][0]["location"]["file"] for e in (truncated, reshaped, flipped)}

    again, out, bandit, _ = p.sast()
    assert again == cold
    assert bandit == rescanned_files
    assert "3 corrupt entries discarded" in out
    # the discarded entries were written anew: the next scan trusts them again
    _, out, bandit, _ = p.sast()
    assert bandit == set() and "corrupt entries" not in out


def test_no_cache_neither_reads_nor_writes(tmp_path):
    p = Project(tmp_path)
    p.env.pop("SECSCAN_CACHE_DIR")  # the default: <target>/.secscan/cache
    _, _, bandit, _ = p.sast("--no-cache")
    assert bandit and not (p.root / ".secscan").exists()
    _, _, bandit, _ = p.sast(env={"SECSCAN_NO_CACHE": "true"})
    assert bandit and not (p.root / ".secscan").exists()

    p.sast()
    location = p.root / ".secscan" / "cache"
    before = {e: e.stat().st_mtime_ns for e in location.rglob("*.json")}
    assert (
        before and (location / "CACHEDIR.TAG").is_file() and (location / ".gitignore").read_text().strip().endswith("*")
    )
    for entry in before:  # an old access time would change if --no-cache read (and touched) the entry
        os.utime(entry, ns=(1_000_000_000, 1_000_000_000))
    _, _, bandit, semgrep = p.sast("--no-cache")
    assert bandit == {f for f in FILES if f.endswith(".py")} and semgrep == set(FILES)
    assert {e: e.stat().st_mtime_ns for e in location.rglob("*.json")} == dict.fromkeys(before, 1_000_000_000)
    # the cache directory is never searched, even with hidden directories searched
    assert not [f for f in search(p.root, 20, (), ignore_hidden_dirs=False).files if f.startswith(".secscan")]

    info = run_cli("cache", "info", str(p.root), "--json")
    assert info.returncode == 0, info.stderr
    shown = json.loads(info.stdout)
    assert shown["location"] == str(location) and shown["entries"] == len(before) and shown["bytes"] > 0
    cleared = run_cli("cache", "clear", str(p.root))
    assert cleared.returncode == 0 and f"removed {len(before)} entries" in cleared.stdout
    assert json.loads(run_cli("cache", "info", str(p.root), "--json").stdout)["entries"] == 0
    bad = run_cli("cache", "info", str(p.root), env={"SECSCAN_CACHE_MAX_MB": "lots"})
    assert bad.returncode == 2 and bad.stderr.strip().splitlines() == [
        "secscan: error: SECSCAN_CACHE_MAX_MB='lots' is not a whole number"
    ]


def test_a_failed_run_is_never_cached(tmp_path):
    p = Project(tmp_path)
    p.env["SECSCAN_ANALYZERS"] = "bandit"
    p.env["SECSCAN_BANDIT_EXECUTABLE"] = str(wrapper(tmp_path, "bandit", p.bandit_log, fail=True))
    _, out, bandit, _ = p.sast(code=3)
    assert bandit  # the scanner was started, and failed
    assert json.loads(run_cli("cache", "info", str(p.root), "--json", env=p.env).stdout)["entries"] == 0
    wrapper(tmp_path, "bandit", p.bandit_log)  # the same executable, working again
    _, out, bandit, _ = p.sast()
    assert bandit == {f for f in FILES if f.endswith(".py")}
    assert "result cache: 0 of 7 files unchanged" in out


def test_size_bound_evicts_least_recently_used_entries(tmp_path):
    store = cache.ResultCache(tmp_path / "c", max_bytes=10_000)
    keys = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(10)]
    for i, key in enumerate(keys):
        store.write(key, {"blob": "x" * 1500})  # ~1.6 kB each, 16 kB in all
        os.utime(store._path(key), (1000 + i, 1000 + i))  # written in this order
    assert store.info().entries == 10 and store.info().bytes > 10_000
    store.read(keys[0]) is not None and store.touch(keys[0])  # the oldest one is used again
    stale = store.entries_dir / "ab" / ".entry.dead.tmp"  # left by a killed scan
    stale.parent.mkdir(exist_ok=True)
    stale.write_text("partial")
    os.utime(stale, (1, 1))
    removed = store.evict()
    info = store.info()
    assert info.bytes <= 10_000 * cache.EVICT_TO
    kept = {key for key in keys if store._path(key).exists()}
    assert keys[0] in kept and keys[9] in kept
    assert kept == {keys[0], *keys[10 - len(kept) + 1 :]}  # the least recently used went first
    assert removed == 10 - len(kept) and not stale.exists()
    assert store.evict() == 0  # under the bound: nothing more goes


def test_entry_codec_keeps_every_field():
    """Every field of the finding model is stored (a new field without a codec entry fails here)."""
    for cls, spec in cache._SPEC.items():
        assert set(spec) == {f.name for f in dataclasses.fields(cls)}, cls.__name__
    vuln = Vulnerability(
        identifiers=(Identifier("bandit_test_id", "B602", "B602", "https://x.test/b602"), Identifier.cwe(78)),
        location=Location("a.py", 3, 4, "C", "m", 7, extra={"x": 1}),
        scanner=ScannerRef("bandit", "Bandit"),
        name="n",
        description="d",
        severity=Severity.HIGH,
        confidence="High",
        solution="s",
        links=(Link("https://x.test", "x"),),
        tracking=Tracking((TrackingItem("a.py", 3, 4, (Signature("hash", "h"),)),)),
        flags=(Flag("o", "d"),),
        raw_source_code_extract="code",
        category="sast",
        id="i",
        details={"k": {"v": [1]}},
        extra={"cve": "c"},
    )
    back = cache._decode(Vulnerability, json.loads(json.dumps(cache._encode(vuln))))
    assert back == vuln and back.details == vuln.details and back.extra == vuln.extra
    assert back.location.extra == vuln.location.extra


#: semgrep, then a per-file timeout for every file holding ``# SLOW`` (its findings dropped): the
#: fault of a rule that runs out of time on one file, which real rules cause only unreliably
TIMING_OUT = """#!{python}
import json, subprocess, sys
args = sys.argv[1:]
proc = subprocess.run([{real!r}, *args], capture_output=True)
if "--" not in args or proc.returncode not in (0, 1):
    sys.stdout.buffer.write(proc.stdout)
    sys.stderr.buffer.write(proc.stderr)
    sys.exit(proc.returncode)
doc = json.loads(proc.stdout)
slow = [f for f in args[args.index("--") + 1 :] if "# SLOW" in open(f).read()]
doc["results"] = [r for r in doc["results"] if r["path"] not in slow]
doc["errors"] += [dict(type="Timeout", path=f, message="Timeout when running demo.eval-call") for f in slow]
print(json.dumps(doc))
"""


def test_a_file_whose_scan_timed_out_is_not_cached(tmp_path):
    p = Project(tmp_path)
    p.env["SECSCAN_ANALYZERS"] = "semgrep"
    slow = p.tmp / "semgrep-timing-out"
    slow.write_text(TIMING_OUT.format(python=sys.executable, real=str(wrapper(tmp_path, "semgrep", p.semgrep_log))))
    slow.chmod(0o755)
    p.env["SECSCAN_SEMGREP_EXECUTABLE"] = str(slow)
    (p.root / "app" / "slow.py").write_text("# SLOW\neval(input())\n")
    first, out, _, semgrep = p.sast()
    assert "app/slow.py" in semgrep
    timed_out = "[semgrep] app/slow.py: semgrep could not fully scan this file (Timeout: Timeout when running"
    assert any(m.startswith(timed_out) for m in messages(first))
    second, out, _, semgrep = p.sast()
    assert semgrep == {"app/slow.py"}, "the file that timed out is scanned again, the others come from the cache"
    assert "scanners ran on 1" in out
    assert second == first
    (p.root / "app" / "slow.py").write_text("eval(input())\n")  # the scan completes now
    third, _, _, semgrep = p.sast()
    assert semgrep == {"app/slow.py"}
    assert not any(m.startswith(timed_out) for m in messages(third))
    assert p.sast()[3] == set()  # and a completed file is cached


def test_the_cache_wraps_a_step_and_returns_what_the_uncached_step_returns(tmp_path):
    """cache.cached(step) gives a cold, a warm and a partly warm run the uncached step's result;
    messages are kept with the file they name (Message.file), whatever their text says."""
    from concurrent.futures import ThreadPoolExecutor

    from secscan.common import AnalyzeContext, Analyzer, AnalyzerMetadata, Config, PathFilter, ScannerMetadata
    from secscan.common.engine.step import step

    class PerFile(Analyzer):
        metadata = AnalyzerMetadata(
            id="perfile", name="per file", vendor="t", version="1", scanner=ScannerMetadata("perfile", "p", "t")
        )
        cacheable = True
        scanned: list[tuple[str, ...]] = []

        def match(self, path):
            return True

        def executable(self, ctx):
            return sys.executable

        def scanner_version(self, ctx):
            return "1.0"

        def analyze(self, ctx):
            self.scanned.append(ctx.files)
            return json.dumps(list(ctx.files)).encode()

        def convert(self, raw, ctx):
            files = json.loads(raw)
            ctx.info("app/a.py: this note is about the run, though its text starts with a path")
            for file in files:
                ctx.warn("line 3 could not be read", file=file)
                ctx.decide(file, [79])
            location = lambda f: Location(file=f, start_line=1, end_line=1)  # noqa: E731
            return [
                Vulnerability(
                    identifiers=(Identifier(type="t", name="T1", value="T1"),),
                    location=location(f),
                    scanner=ScannerRef(id="perfile", name="p"),
                    name="finding",
                    description=(tmp_path / f).read_text(),
                    severity=Severity.LOW,
                )
                for f in files
            ]

    files = ("app/a.py", "app/b.py", "app/c.py")
    for name in files:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(f"content of {name}\n")
    config = Config.load(env={}, target=tmp_path)
    analyzer = PerFile()

    def run(with_cache: bool):
        store = cache.ResultCache(tmp_path / "cache")  # one per scan, as in the pipeline
        ctx = AnalyzeContext("perfile", tmp_path, files, config, tmp_path)
        with ThreadPoolExecutor(max_workers=1) as side:
            result = cache.cached(
                store if with_cache else None, analyzer, ctx, None, step(analyzer, PathFilter(()), None, side)
            )
        return dataclasses.replace(result, messages=tuple(cache.in_file_order(result.messages, files)))

    uncached = run(False)
    assert [m.file for m in uncached.messages] == [None, *files]
    assert run(True) == uncached and analyzer.scanned[-1] == files  # cold
    assert run(True) == uncached and analyzer.scanned[-1] == files  # warm: the step did not run
    assert len(analyzer.scanned) == 2
    (tmp_path / "app/b.py").write_text("changed\n")
    changed = run(False)
    assert run(True) == changed and analyzer.scanned[-1] == ("app/b.py",)
    assert [m.value for m in changed.messages] == [
        "app/a.py: this note is about the run, though its text starts with a path",
        *(f"{f}: line 3 could not be read" for f in files),
    ]
