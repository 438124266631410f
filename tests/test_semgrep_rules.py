"""Tests for the bundled starter semgrep rule pack.

The pack lives in ``src/secscan/analyzers/semgrep/rules/<language>/<rule-name>.yaml``;
each rule file has an annotated test file beside it (``<rule-name>.py`` / ``.js``)
with ``ruleid:`` lines that must be reported and ``ok:`` lines that must not.

These tests check three things:

* ``semgrep --test`` passes for every rule, and reports as many passing tests as
  the rule files define (the number is derived from the files, never hard-coded);
* every rule carries the metadata secscan needs to build GitLab SAST findings;
* semgrep accepts the pack as valid configuration.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
RULES_DIR = REPO_ROOT / "src" / "secscan" / "analyzers" / "semgrep" / "rules"

# Without these every semgrep run waits ~97 s for the network when offline.
SEMGREP_OFFLINE_FLAGS = ["--metrics=off", "--disable-version-check"]
SEMGREP_TIMEOUT = 900  # seconds; generous for slow CI runners

# Extensions of the annotated test file for each language directory.
TEST_FILE_EXTENSIONS = {
    "python": (".py",),
    "javascript": (".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx"),
    "go": (".go",),
    "java": (".java",),
    "c": (".c", ".cpp", ".cc"),
    "csharp": (".cs",),
    "ruby": (".rb",),
    "php": (".php",),
}

REQUIRED_METADATA_KEYS = {
    "cwe",
    "owasp",
    "category",
    "confidence",
    "likelihood",
    "impact",
    "security-severity",
    "shortDescription",
    "remediation",
    "references",
}
OPTIONAL_METADATA_KEYS = {"secondary_identifiers", "superseded-by"}

RULE_SEVERITIES = {"ERROR", "WARNING", "INFO"}
LEVELS = {"HIGH", "MEDIUM", "LOW"}
GITLAB_SEVERITIES = {"Critical", "High", "Medium", "Low", "Info"}

CWE_RE = re.compile(r"^CWE-\d+: .+")
OWASP_RE = re.compile(r"^A\d{2}:2021 - .+")
RULE_ID_RE = re.compile(r"^[a-z0-9]+(\.[a-z0-9][a-z0-9-]*){2,}$")
ANNOTATION_RE = re.compile(r"(?:#|//)\s*(ruleid|ok|todoruleid|todook)\s*:\s*(.+?)\s*$")

# Secondary identifiers: the equivalent check of another scanner, written the way GitLab's own
# analyzers write that scanner's identifiers (type, then the name pattern and the value pattern).
SECONDARY_ID_TYPES = {
    "bandit_test_id": ("Bandit Test ID {value}", re.compile(r"^B\d{3}$")),
    "eslint_rule_id": ("ESLint rule ID {value}", re.compile(r"^security/detect-[A-Za-z-]+$")),
    "gosec_rule_id": ("Gosec Rule ID {value}", re.compile(r"^G\d{3}$")),
    "flawfinder_func_name": ("Flawfinder - {value}", re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")),
    "find_sec_bugs_type": ("Find Security Bugs-{value}", re.compile(r"^[A-Z][A-Z0-9_]+$")),
    "security_code_scan_rule_id": ("{value}", re.compile(r"^SCS\d{4}$")),
    "brakeman_warning_code": ("Brakeman Warning Code {value}", re.compile(r"^\d+$")),
}


# --------------------------------------------------------------------------- helpers


def _rule_files() -> list[Path]:
    return sorted(p for p in RULES_DIR.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())


def _load_rules(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert isinstance(doc, dict) and isinstance(doc.get("rules"), list), f"{path}: no top-level 'rules' list"
    return doc["rules"]


def _language_of(path: Path) -> str:
    return path.relative_to(RULES_DIR).parts[0]


def _test_file_for(path: Path) -> Path | None:
    for ext in TEST_FILE_EXTENSIONS.get(_language_of(path), ()):
        candidate = path.with_suffix(ext)
        if candidate.is_file():
            return candidate
    return None


def _annotations(test_file: Path) -> dict[str, set[str]]:
    """Map annotation kind ('ruleid', 'ok', ...) to the rule ids it names."""
    found: dict[str, set[str]] = {}
    for line in test_file.read_text(encoding="utf-8").splitlines():
        match = ANNOTATION_RE.search(line)
        if match:
            ids = {part.strip() for part in match.group(2).split(",") if part.strip()}
            found.setdefault(match.group(1), set()).update(ids)
    return found


def _find_semgrep() -> str | None:
    """semgrep installed next to the running interpreter first, then on PATH."""
    bindir = Path(sys.executable).parent
    for name in ("semgrep", "semgrep.exe"):
        candidate = bindir / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("semgrep")


def _semgrep_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SEMGREP_SEND_METRICS", "off")
    env.setdefault("SEMGREP_ENABLE_VERSION_CHECK", "0")
    return env


def _run_semgrep(*args: str) -> subprocess.CompletedProcess[str]:
    semgrep = _find_semgrep()
    assert semgrep is not None, "semgrep is not installed; pip install '.[test]' installs it"
    return subprocess.run(
        [semgrep, *args],
        capture_output=True,
        text=True,
        env=_semgrep_env(),
        cwd=REPO_ROOT,
        timeout=SEMGREP_TIMEOUT,
    )


RULE_FILES = _rule_files()
RULES = [(path, rule) for path in RULE_FILES for rule in _load_rules(path)]


def _rule_param_id(item: tuple[Path, dict]) -> str:
    return str(item[1].get("id", item[0].name))


# --------------------------------------------------------------------------- layout


def test_pack_is_not_empty():
    assert RULE_FILES, f"no rule files under {RULES_DIR}"
    languages = {_language_of(p) for p in RULE_FILES}
    unknown = languages - set(TEST_FILE_EXTENSIONS)
    assert not unknown, f"unexpected language directories: {sorted(unknown)}"


def test_rule_ids_are_unique():
    seen: dict[str, Path] = {}
    duplicates = []
    for path, rule in RULES:
        rule_id = rule.get("id")
        if rule_id in seen:
            duplicates.append(f"{rule_id}: {seen[rule_id]} and {path}")
        seen[rule_id] = path
    assert not duplicates, "duplicate rule ids:\n" + "\n".join(duplicates)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: str(p.relative_to(RULES_DIR)))
def test_rule_file_has_annotated_test_file(path: Path):
    assert path.parent.parent == RULES_DIR, f"{path}: expected rules/<language>/<rule-name>.yaml"
    rules = _load_rules(path)
    assert len(rules) == 1, f"{path}: expected exactly one rule per file, found {len(rules)}"

    test_file = _test_file_for(path)
    assert test_file is not None, (
        f"{path}: no test file {path.stem}{TEST_FILE_EXTENSIONS[_language_of(path)]} beside it"
    )

    annotations = _annotations(test_file)
    for rule in rules:
        assert rule["id"] in annotations.get("ruleid", set()), f"{test_file}: no 'ruleid: {rule['id']}' annotation"
        assert rule["id"] in annotations.get("ok", set()), f"{test_file}: no 'ok: {rule['id']}' annotation"
    annotated = set().union(*annotations.values()) if annotations else set()
    unknown = annotated - {r["id"] for r in rules}
    assert not unknown, f"{test_file}: annotations name rules not defined in {path.name}: {sorted(unknown)}"


# --------------------------------------------------------------------------- rule metadata


@pytest.mark.parametrize("item", RULES, ids=_rule_param_id)
def test_rule_shape(item: tuple[Path, dict]):
    path, rule = item
    language = _language_of(path)

    rule_id = rule.get("id")
    assert isinstance(rule_id, str) and RULE_ID_RE.match(rule_id), f"{path}: bad rule id {rule_id!r}"
    assert rule_id.startswith(f"{language}."), f"{rule_id}: id must be namespaced by its language ({language}.)"

    languages = rule.get("languages")
    assert isinstance(languages, list) and languages, f"{rule_id}: 'languages' must be a non-empty list"
    assert language in languages, f"{rule_id}: 'languages' must include {language!r}"

    assert rule.get("severity") in RULE_SEVERITIES, f"{rule_id}: severity must be one of {sorted(RULE_SEVERITIES)}"

    message = rule.get("message")
    assert isinstance(message, str) and message.strip(), f"{rule_id}: empty message"
    assert "$" not in message, f"{rule_id}: message must not interpolate finding-specific data"
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", message.strip()) if s]
    assert len(sentences) <= 2, f"{rule_id}: message should be one or two sentences, got {len(sentences)}"


@pytest.mark.parametrize("item", RULES, ids=_rule_param_id)
def test_rule_metadata(item: tuple[Path, dict]):
    path, rule = item
    rule_id = rule.get("id", path.name)
    meta = rule.get("metadata")
    assert isinstance(meta, dict), f"{rule_id}: missing metadata"

    keys = set(meta)
    missing = REQUIRED_METADATA_KEYS - keys
    extra = keys - REQUIRED_METADATA_KEYS - OPTIONAL_METADATA_KEYS
    assert not missing, f"{rule_id}: metadata is missing {sorted(missing)}"
    assert not extra, f"{rule_id}: metadata has unexpected keys {sorted(extra)}"

    cwes = meta["cwe"] if isinstance(meta["cwe"], list) else [meta["cwe"]]
    assert cwes, f"{rule_id}: empty cwe list"
    for cwe in cwes:
        assert isinstance(cwe, str) and CWE_RE.match(cwe), f"{rule_id}: bad cwe {cwe!r}"

    owasps = meta["owasp"] if isinstance(meta["owasp"], list) else [meta["owasp"]]
    assert owasps, f"{rule_id}: empty owasp list"
    for owasp in owasps:
        assert isinstance(owasp, str) and OWASP_RE.match(owasp), f"{rule_id}: bad owasp {owasp!r}"

    assert meta["category"] == "security", f"{rule_id}: category must be 'security'"
    for key in ("confidence", "likelihood", "impact"):
        assert meta[key] in LEVELS, f"{rule_id}: {key} must be one of {sorted(LEVELS)}"
    assert meta["security-severity"] in GITLAB_SEVERITIES, (
        f"{rule_id}: security-severity must be one of {sorted(GITLAB_SEVERITIES)}"
    )

    short = meta["shortDescription"]
    assert isinstance(short, str) and short.strip(), f"{rule_id}: empty shortDescription"
    assert len(short) <= 120, f"{rule_id}: shortDescription longer than 120 characters"
    assert "\n" not in short, f"{rule_id}: shortDescription must be a single line"

    remediation = meta["remediation"]
    assert isinstance(remediation, str) and remediation.strip(), f"{rule_id}: empty remediation"

    references = meta["references"]
    assert isinstance(references, list) and references, f"{rule_id}: references must be a non-empty list"
    for ref in references:
        parsed = urlparse(ref) if isinstance(ref, str) else None
        assert parsed and parsed.scheme in {"http", "https"} and parsed.netloc, f"{rule_id}: bad reference {ref!r}"


@pytest.mark.parametrize(
    "item",
    [item for item in RULES if "secondary_identifiers" in item[1].get("metadata", {})],
    ids=_rule_param_id,
)
def test_secondary_identifiers(item: tuple[Path, dict]):
    path, rule = item
    rule_id = rule["id"]
    identifiers = rule["metadata"]["secondary_identifiers"]
    assert isinstance(identifiers, list) and identifiers, f"{rule_id}: secondary_identifiers must be a non-empty list"
    for ident in identifiers:
        assert isinstance(ident, dict) and set(ident) == {"type", "name", "value"}, (
            f"{rule_id}: each secondary identifier needs exactly type, name and value: {ident!r}"
        )
        assert ident["type"] in SECONDARY_ID_TYPES, f"{rule_id}: unknown identifier type {ident['type']!r}"
        name_format, value_re = SECONDARY_ID_TYPES[ident["type"]]
        value = str(ident["value"])
        assert value_re.match(value), f"{rule_id}: bad {ident['type']} value {value!r}"
        expected = name_format.format(value=value)
        assert ident["name"] == expected, f"{rule_id}: name {ident['name']!r}, expected {expected!r}"


#: language directories whose taint rules all read the same sources (semgrep has no includes, so
#: each rule carries a copy: this keeps the copies from drifting apart). JavaScript and C choose
#: sources per sink on purpose (browser-only sinks, network-only sources for C paths).
SHARED_SOURCES = ("python", "go", "java", "csharp", "ruby", "php")


@pytest.mark.parametrize("language", SHARED_SOURCES)
def test_taint_rules_of_a_language_share_one_source_block(language: str):
    blocks = {
        json.dumps(rule["pattern-sources"], sort_keys=True)
        for path, rule in RULES
        if _language_of(path) == language and rule.get("mode") == "taint"
    }
    assert len(blocks) == 1, f"{language}: the taint rules' pattern-sources differ; keep the copies identical"


def test_superseded_rules_name_an_installed_analyzer():
    """``superseded-by: <analyzer>`` leaves a rule to that analyzer when both run in a scan."""
    from importlib.metadata import entry_points

    installed = {ep.name for ep in entry_points(group="secscan.analyzers")}
    superseded = {
        rule["id"]: rule["metadata"]["superseded-by"] for _, rule in RULES if "superseded-by" in rule["metadata"]
    }
    assert superseded, "the Python taint rules defer to pyflow"
    assert set(superseded.values()) <= installed - {"semgrep"}, superseded


def test_bandit_ids_exist_in_bandit():
    """Every bandit_test_id names a test the installed bandit actually has."""
    from bandit.core import extension_loader

    manager = extension_loader.MANAGER
    known = set(manager.plugins_by_id) | set(manager.blacklist_by_id)
    claimed = {
        str(ident["value"]): rule["id"]
        for _, rule in RULES
        for ident in rule.get("metadata", {}).get("secondary_identifiers", [])
        if ident.get("type") == "bandit_test_id"
    }
    assert claimed, "no rule maps to a bandit test id"
    unknown = {value: rule_id for value, rule_id in claimed.items() if value not in known}
    assert not unknown, f"bandit ids unknown to the installed bandit: {unknown}"


# --------------------------------------------------------------------------- semgrep itself


def test_semgrep_test_passes_for_every_rule():
    expected = sum(len(_load_rules(path)) for path in RULE_FILES)
    assert expected > 0

    proc = _run_semgrep("--test", *SEMGREP_OFFLINE_FLAGS, str(RULES_DIR))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"semgrep --test failed (exit {proc.returncode}):\n{output}"

    summary = re.search(r"(\d+)/(\d+): ✓ All tests passed", output)
    assert summary, f"no 'All tests passed' summary in semgrep --test output:\n{output}"
    passed, total = int(summary.group(1)), int(summary.group(2))
    assert (passed, total) == (expected, expected), (
        f"semgrep --test reports {passed}/{total} passing tests, expected {expected}/{expected}:\n{output}"
    )


def test_semgrep_loads_pack_strictly():
    """Offline check: semgrep parses every rule (schema and patterns) without any error."""
    proc = _run_semgrep(
        "scan",
        "--config",
        str(RULES_DIR),
        "--strict",
        "--json",
        "--quiet",
        "--no-rewrite-rule-ids",
        *SEMGREP_OFFLINE_FLAGS,
        str(RULES_DIR),
    )
    assert proc.returncode == 0, (
        f"semgrep scan --strict failed (exit {proc.returncode}):\n{proc.stderr}\n{proc.stdout[:4000]}"
    )
    report = json.loads(proc.stdout)
    assert report["errors"] == [], json.dumps(report["errors"], indent=2)
    # ids are used verbatim (no path prefix) and every rule fires on its own test file
    reported = {result["check_id"] for result in report["results"]}
    silent = {rule["id"] for _, rule in RULES} - reported
    assert not silent, f"rules that report nothing on their own test files: {sorted(silent)}"


# `semgrep --validate` is not run: it downloads a lint pack from the semgrep registry, and the
# tests run offline. test_semgrep_loads_pack_strictly covers the same parse and schema checks.
