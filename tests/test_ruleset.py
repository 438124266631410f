"""Custom rulesets (.gitlab/sast-ruleset.toml): disable, override, passthrough synthesis, errors.

Scans run the real semgrep and bandit on tests/fixtures/rulesets/python."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, SHARED

from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES, identifiers_from_metadata, load_pack
from secscan.cli.ruleset import ruleset_group
from secscan.common import Config, ConfigError, discover, scan, select
from secscan.common.engine.ruleset import (
    NETWORK_SETTING,
    PATH_SETTING,
    Ruleset,
    check_ruleset,
    load_ruleset,
    parse_ruleset,
    synthesize,
)
from secscan.report import Severity
from secscan.report.accept import load_report

PROJECT = FIXTURES / "rulesets" / "python"
RULESET = ".gitlab/sast-ruleset.toml"
GITLAB_QA = SHARED / "reference" / "reports" / "gitlab-semgrep-qa" / "semgrep" / "python"
SERVICE = "app/service.py"


def project(tmp_path: Path, ruleset: str | None = None, name: str = "project") -> Path:
    """A copy of the fixture project with ``ruleset`` as its .gitlab/sast-ruleset.toml."""
    target = tmp_path / name
    shutil.copytree(PROJECT, target)
    if ruleset is not None:
        (target / ".gitlab").mkdir()
        (target / RULESET).write_text(ruleset)
    return target


def run(target: Path, *analyzers: str, env: dict | None = None, **flags):
    config = Config.load(env=env or {}, target=str(target), analyzers=analyzers, **flags)
    installed, _ = discover()
    result = scan(config, select(installed, config))
    assert not result.failed, [r.error for r in result.failed]
    return result


def findings(result, analyzer: str) -> dict[str, object]:
    """Primary identifier value -> finding, for one analyzer's run."""
    (run_,) = [r for r in result.runs if r.id == analyzer]
    return {v.primary_identifier.value: v for v in run_.vulnerabilities}


def primary_ids(result, analyzer: str) -> set[str]:
    (run_,) = [r for r in result.runs if r.id == analyzer]
    return {i.value for i in run_.primary_identifiers}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """semgrep with its bundled rules and no ruleset file."""
    return run(project(tmp_path_factory.mktemp("baseline")), "semgrep")


# --- disable and override ------------------------------------------------------------------------

DISABLE_AND_OVERRIDE = """\
[semgrep]
  [[semgrep.ruleset]]
    disable = true
    [semgrep.ruleset.identifier]
      type = "semgrep_id"
      value = "python.lang.subprocess-shell-true"

  [[semgrep.ruleset]]
    disable = true
    [semgrep.ruleset.identifier]
      type = "cwe"
      value = "502"

  [[semgrep.ruleset]]
    [semgrep.ruleset.identifier]
      type = "semgrep_id"
      value = "python.lang.eval-exec-injection"
    [semgrep.ruleset.override]
      severity = "info"
      name = "Eval of user input"
      description = "Overridden description."

[bandit]
  [[bandit.ruleset]]
    disable = true
    [bandit.ruleset.identifier]
      type = "bandit_test_id"
      value = "B404"
"""


def test_disabled_semgrep_rules_are_not_run_and_overrides_apply(tmp_path, baseline):
    before = findings(baseline, "semgrep")
    assert {
        "python.lang.subprocess-shell-true",
        "python.lang.yaml-load-unsafe",
        "python.lang.eval-exec-injection",
    } <= set(before)

    result = run(project(tmp_path, DISABLE_AND_OVERRIDE), "semgrep")
    after = findings(result, "semgrep")
    # disabled by rule id and by CWE: not run, so no finding and no primary identifier
    for rule in ("python.lang.subprocess-shell-true", "python.lang.yaml-load-unsafe"):
        assert rule not in after
        assert rule in primary_ids(baseline, "semgrep")
        assert rule not in primary_ids(result, "semgrep")
    # a CWE selects every rule that names it, in every language
    pack = load_pack(BUNDLED_RULES)
    cwe_502 = {
        r.id
        for r in pack.rules
        if any(i.type == "cwe" and i.value == "502" for i in identifiers_from_metadata(r.id, r.metadata))
    }
    assert len(cwe_502) > 1 and "python.lang.yaml-load-unsafe" in cwe_502
    disabled = cwe_502 | {"python.lang.subprocess-shell-true"}
    assert primary_ids(result, "semgrep") == primary_ids(baseline, "semgrep") - disabled
    (semgrep_run,) = result.runs
    assert any(f"{len(disabled)} rules disabled by .gitlab/sast-ruleset.toml" in m.value for m in semgrep_run.messages)

    # the override changes name, description and severity only
    old, new = before["python.lang.eval-exec-injection"], after["python.lang.eval-exec-injection"]
    assert (new.name, new.description, new.severity) == ("Eval of user input", "Overridden description.", Severity.INFO)
    assert old.severity != Severity.INFO and old.name != new.name
    assert (new.id, new.identifiers, new.location, new.solution) == (
        old.id,
        old.identifiers,
        old.location,
        old.solution,
    )
    # applying again (the pipeline does, for every analyzer) changes nothing
    section = load_ruleset(result.config).section("semgrep")
    assert section.apply(semgrep_run.vulnerabilities) == semgrep_run.vulnerabilities


def test_bandit_findings_are_disabled_and_overridden_by_apply(tmp_path):
    result = run(project(tmp_path), "bandit")
    vulns = result.runs[0].vulnerabilities
    assert {"B404", "B506", "B602"} <= {v.primary_identifier.value for v in vulns}
    section = parse_ruleset(
        """\
[bandit]
  [[bandit.ruleset]]
    disable = true
    [bandit.ruleset.identifier]
      type = "bandit_test_id"
      value = "B404"
  [[bandit.ruleset]]
    [bandit.ruleset.identifier]
      type = "bandit_test_id"
      value = "B506"
    [bandit.ruleset.override]
      severity = "CRITICAL"
      message = "Unsafe YAML load"
      description = "Use yaml.safe_load."
  [[bandit.ruleset]]
    [bandit.ruleset.identifier]
      type = "CWE"
      value = "78"
    [bandit.ruleset.override]
      severity = "Low"
""",
        RULESET,
    ).section("bandit")
    applied = section.apply(vulns)
    by_rule = {v.primary_identifier.value: v for v in applied}
    assert "B404" not in by_rule and len(applied) == len(vulns) - 1
    yaml_load = by_rule["B506"]
    # `message` has no field in a 15.x report: it sets the name (the short title it always held)
    assert (yaml_load.name, yaml_load.description, yaml_load.severity) == (
        "Unsafe YAML load",
        "Use yaml.safe_load.",
        Severity.CRITICAL,
    )
    # an entry selecting by CWE reaches every finding with that CWE; later entries win
    assert {v.severity for v in applied if any(i.type == "cwe" and i.value == "78" for i in v.identifiers)} == {
        Severity.LOW
    }
    assert section.apply(applied) == applied


# --- GitLab's expectations (qa/expect of GitLab's semgrep analyzer) --------------------------------


def test_identifiers_match_exactly_as_in_gitlab_qa():
    """GitLab's pip-flask-custom-rulesets project disables `rules.bandit.B506` (the rule is
    `bandit.B506`) and owasp `A3` (the findings carry `A3:2017`): neither matches, so its expected
    report equals the one without a ruleset."""
    default = load_report(GITLAB_QA / "pip-flask" / "gl-sast-report.json").vulnerabilities
    expected = load_report(GITLAB_QA / "pip-flask-custom-rulesets" / "gl-sast-report.json").vulnerabilities
    assert default == expected
    section = parse_ruleset(
        """\
[semgrep]
  [[semgrep.ruleset]]
    disable = true
    [semgrep.ruleset.identifier]
      type = "semgrep_id"
      value = "rules.bandit.B506"
  [[semgrep.ruleset]]
    disable = true
    [semgrep.ruleset.identifier]
      type = "owasp"
      value = "A3"
""",
        RULESET,
    ).section("semgrep")
    assert section.apply(default) == list(expected)
    exact = parse_ruleset(
        "[semgrep]\n[[semgrep.ruleset]]\ndisable = true\n"
        '[semgrep.ruleset.identifier]\ntype = "owasp"\nvalue = "A3:2017"\n',
        RULESET,
    )
    kept = exact.section("semgrep").apply(default)
    assert len(kept) == len(default) - sum(any(i.value == "A3:2017" for i in v.identifiers) for v in default) > 0


GO_SYNTHESIS = '''\
[semgrep]
  description = "semgrep custom rules configuration"
  targetdir = "/sgrules"
  validate = true

  [[semgrep.passthrough]]
    type = "raw"
    value = """# My ruleset
rules:
"""
    target = "rule.yml"

  [[semgrep.passthrough]]
    type = "file"
    value = "foo.yml"
    target = "rule.yml"
    mode = "append"

  [[semgrep.passthrough]]
    type = "raw"
    mode = "append"
    target = "rule.yml"
    value = """
- id: "baz"
  pattern: "func baz() {...}"
  message: Function baz found
  metadata:
    shortDescription: "Exposure of Sensitive Information to an Unauthorized Actor"
    cwe: "CWE-200"
  severity: "ERROR"
  languages: ["go"]
"""

  [[semgrep.passthrough]]
    type = "file"
    value = "bar.yml"
    validator = "yaml"
'''


def test_go_synthesis_matches_gitlab_qa(tmp_path):
    """GitLab's go/custom-ruleset-synthesis chain (raw, file appended, raw appended, file without
    target), less its url and remote git passthroughs: the same rules find the same places with
    the same identifiers as in GitLab's expected report."""
    target = tmp_path / "go"
    shutil.copytree(FIXTURES / "rulesets" / "go", target)
    (target / ".gitlab").mkdir()
    (target / RULESET).write_text(GO_SYNTHESIS)
    result = run(target, "semgrep")

    def places(vulns) -> set:
        return {
            (
                v.primary_identifier.value,
                v.location.file,
                v.location.start_line,
                v.location.end_line or v.location.start_line,
                tuple((i.type, i.value) for i in v.identifiers),
            )
            for v in vulns
        }

    local = {"foo", "bar", "baz"}
    expected = load_report(
        SHARED
        / "reference"
        / "reports"
        / "gitlab-semgrep-qa"
        / "semgrep"
        / "go"
        / "custom-ruleset-synthesis"
        / "gl-sast-report.json"
    )
    wanted = places(v for v in expected.vulnerabilities if v.primary_identifier.value in local)
    assert len(wanted) == 3
    assert places(result.runs[0].vulnerabilities) == wanted
    assert primary_ids(result, "semgrep") == local


# --- passthroughs ---------------------------------------------------------------------------------


def rules_repo(tmp_path: Path) -> Path:
    """A local git repository: py/hello.yml, tagged v1, then changed on main."""
    repo = tmp_path / "rules-repo"
    (repo / "py").mkdir(parents=True)
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yml").write_text("on: push\n")
    shutil.copyfile(PROJECT / "rules" / "hello.yml", repo / "py" / "hello.yml")
    (repo / "README.md").write_text("rules\n")
    (repo / "py" / "leak.yml").symlink_to(PROJECT / "rules" / "hello.yml")  # points outside: never copied
    git("init", "-q", ".", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "one", cwd=repo)
    git("tag", "v1", cwd=repo)
    text = (repo / "py" / "hello.yml").read_text().replace("custom.hello-world", "custom.hello-world-v2")
    (repo / "py" / "hello.yml").write_text(text)
    git("commit", "-q", "-am", "two", cwd=repo)
    return repo


def raw_rule(rule_id: str) -> str:
    """A semgrep rule file with one rule that matches app/service.py."""
    return (
        f"rules:\n- id: {rule_id}\n  pattern: subprocess.check_output(...)\n  message: {rule_id} found\n"
        "  severity: INFO\n  languages: [python]\n"
    )


def chain(repo: Path, extra: str = "") -> str:
    """raw (overwrite) + file (append onto it) + git + two raws on one target (the later wins)."""
    return f'''\
[semgrep]
  description = "custom rules"
  targetdir = "/sgrules"
  validate = true
{extra}
  [[semgrep.passthrough]]
    type = "raw"
    target = "rules.yml"
    value = """
{raw_rule("raw.subprocess")}"""

  [[semgrep.passthrough]]
    type = "file"
    value = "rules/eval.yml"
    target = "rules.yml"
    mode = "append"

  [[semgrep.passthrough]]
    type = "git"
    value = "{repo}"
    subdir = "py"
    target = "from-git"

  [[semgrep.passthrough]]
    type = "raw"
    target = "later.yml"
    value = """
{raw_rule("later.first")}"""

  [[semgrep.passthrough]]
    type = "raw"
    target = "later.yml"
    value = """
{raw_rule("later.second")}"""
'''


def test_passthrough_chain_replaces_the_bundled_rules(tmp_path, baseline):
    repo = rules_repo(tmp_path)
    disable = """
  [[semgrep.ruleset]]
    disable = true
    [semgrep.ruleset.identifier]
      type = "semgrep_id"
      value = "custom.eval"
"""
    result = run(project(tmp_path, chain(repo) + disable), "semgrep")
    # raw, file appended onto it (custom.eval, then disabled), git at main, the later raw only
    assert primary_ids(result, "semgrep") == {"raw.subprocess", "custom.hello-world-v2", "later.second"}
    got = findings(result, "semgrep")
    assert set(got) == {"raw.subprocess", "custom.hello-world-v2", "later.second"}
    assert {v.location.file for v in got.values()} == {SERVICE}
    assert not primary_ids(result, "semgrep") & primary_ids(baseline, "semgrep")
    messages = [m.value for m in result.runs[0].messages]
    assert "rules synthesised from 5 passthroughs of .gitlab/sast-ruleset.toml, replacing the default rules" in messages


def test_keepdefaultrules_adds_the_passthroughs_to_the_bundled_rules(tmp_path, baseline):
    ruleset = f'''\
[semgrep]
  keepdefaultrules = true
  [[semgrep.passthrough]]
    type = "raw"
    target = "mine.yml"
    value = """
{raw_rule("raw.subprocess")}"""
'''
    result = run(project(tmp_path, ruleset), "semgrep")
    assert primary_ids(result, "semgrep") == primary_ids(baseline, "semgrep") | {"raw.subprocess"}
    assert set(findings(result, "semgrep")) == set(findings(baseline, "semgrep")) | {"raw.subprocess"}


def synthesized(tmp_path: Path, ruleset: str, env: dict | None = None, target: Path | None = None) -> Path:
    section = parse_ruleset(ruleset, RULESET).section("semgrep")
    work = tmp_path / "work"
    work.mkdir(parents=True, exist_ok=True)
    return synthesize(section, target or PROJECT, work, env or {})


def test_modes_and_order(tmp_path):
    out = synthesized(
        tmp_path,
        """[semgrep]
[[semgrep.passthrough]]
type = "raw"
target = "a.yml"
value = "one\\n"
[[semgrep.passthrough]]
type = "raw"
target = "a.yml"
mode = "append"
value = "two\\n"
[[semgrep.passthrough]]
type = "file"
value = "rules/eval.yml"
target = "b.yml"
[[semgrep.passthrough]]
type = "raw"
target = "b.yml"
value = "three\\n"
[[semgrep.passthrough]]
type = "file"
value = "rules/hello.yml"
[[semgrep.passthrough]]
type = "raw"
target = "sub/dir/c.yml"
mode = "append"
value = "four\\n"
""",
    )
    assert (out / "a.yml").read_text() == "one\ntwo\n"
    assert (out / "b.yml").read_text() == "three\n"  # overwrite: the later passthrough wins
    assert (out / "hello.yml").read_bytes() == (PROJECT / "rules" / "hello.yml").read_bytes()  # no target: its name
    assert (out / "sub" / "dir" / "c.yml").read_text() == "four\n"  # append to nothing creates it


def test_git_passthrough_ref_subdir_and_overlay(tmp_path):
    repo = rules_repo(tmp_path)
    git("checkout", "-q", "-b", "develop", cwd=repo)
    (repo / "py" / "extra.yml").write_text("rules: []\n")
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "three", cwd=repo)
    git("checkout", "-q", "main", cwd=repo)

    def clone(ref: str, subdir: str = "") -> dict[str, str]:
        work = tmp_path / f"work-{ref or 'none'}-{subdir}"
        work.mkdir()
        lines = ["[semgrep]", "[[semgrep.passthrough]]", 'type = "git"', f'value = "{repo}"']
        lines += [f'ref = "{ref}"'] * bool(ref) + [f'subdir = "{subdir}"'] * bool(subdir)
        out = synthesize(parse_ruleset("\n".join(lines) + "\n", RULESET).section("semgrep"), PROJECT, work, {})
        return {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()}

    head = clone("")
    assert set(head) == {"py/hello.yml", "README.md"}  # hidden files, .git and symlinks are left out
    assert "hello-world-v2" in head["py/hello.yml"]
    tagged = clone("v1", "py")
    assert set(tagged) == {"hello.yml"} and "hello-world-v2" not in tagged["hello.yml"]
    assert set(clone("develop", "py")) == {"hello.yml", "extra.yml"}
    commit = subprocess.run(["git", "rev-parse", "v1"], cwd=repo, capture_output=True, text=True).stdout.strip()
    assert clone(commit, "py") == tagged

    # a later git passthrough overlays an earlier one: same names overwritten, others kept
    out = synthesized(
        tmp_path,
        f'''[semgrep]
[[semgrep.passthrough]]
type = "raw"
target = "hello.yml"
value = "old"
[[semgrep.passthrough]]
type = "raw"
target = "keep.yml"
value = "kept"
[[semgrep.passthrough]]
type = "git"
value = "{repo}"
ref = "v1"
subdir = "py"
''',
    )
    assert (out / "keep.yml").read_text() == "kept"
    assert (out / "hello.yml").read_text() == tagged["hello.yml"]


def test_interpolate_expands_environment_variables_only_when_asked(tmp_path):
    ruleset = """[semgrep]
{flag}
[[semgrep.passthrough]]
type = "file"
value = "${{RULES_DIR}}/eval.yml"
target = "$NAME.yml"
[[semgrep.passthrough]]
type = "raw"
target = "raw.yml"
value = "id: $RULE_ID, metavariable: $X"
"""
    env = {"RULES_DIR": "rules", "NAME": "copied", "RULE_ID": "from-env"}
    out = synthesized(tmp_path, ruleset.format(flag="interpolate = true"), env)
    assert (out / "copied.yml").read_bytes() == (PROJECT / "rules" / "eval.yml").read_bytes()
    assert (out / "raw.yml").read_text() == "id: from-env, metavariable: $X"  # unknown variables stay
    with pytest.raises(ConfigError, match=r"sast-ruleset.toml:3: .*'\$\{RULES_DIR\}/eval.yml' does not exist"):
        synthesized(tmp_path / "plain", ruleset.format(flag=""), env)


def test_url_passthrough_needs_the_network_setting(tmp_path):
    (tmp_path / "served").mkdir()
    (tmp_path / "served" / "rules.yml").write_text(raw_rule("from.url"))
    handler = functools.partial(Quiet, directory=str(tmp_path / "served"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/rules.yml"
        ruleset = (
            "[semgrep]\n  timeout = 20\n  [[semgrep.passthrough]]\n"
            f'    type = "url"\n    value = "{url}"\n    target = "u.yml"\n'
        )
        with pytest.raises(ConfigError, match=rf"^{RULESET}:3: url passthrough .* set {NETWORK_SETTING}=1"):
            synthesized(tmp_path / "a", ruleset)
        out = synthesized(tmp_path / "b", ruleset, {NETWORK_SETTING: "1"})
        assert "from.url" in (out / "u.yml").read_text()
        with pytest.raises(ConfigError, match=rf"^{RULESET}:3: url passthrough .*could not be fetched"):
            synthesized(tmp_path / "c", ruleset.replace("rules.yml", "missing.yml"), {NETWORK_SETTING: "1"})
    finally:
        server.shutdown()
        server.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_remote_git_needs_the_network_setting(tmp_path):
    ruleset = '[semgrep]\n[[semgrep.passthrough]]\ntype = "git"\nvalue = "https://example.invalid/rules.git"\n'
    with pytest.raises(ConfigError, match=rf"^{RULESET}:2: git passthrough .* set {NETWORK_SETTING}=1"):
        synthesized(tmp_path, ruleset)


def test_validate_and_validator_reject_broken_content(tmp_path):
    broken = (
        '[semgrep]\n{flag}\n[[semgrep.passthrough]]\ntype = "raw"\n'
        'target = "{target}"\n{validator}value = "rules: [unclosed"\n'
    )
    with pytest.raises(ConfigError, match=rf"^{RULESET}:3: raw passthrough made r.yml invalid yaml"):
        synthesized(tmp_path / "a", broken.format(flag="validate = true", target="r.yml", validator=""))
    with pytest.raises(ConfigError, match=rf"^{RULESET}:3: raw passthrough made r.txt invalid json"):
        synthesized(tmp_path / "b", broken.format(flag="", target="r.txt", validator='validator = "json"\n'))
    out = synthesized(tmp_path / "c", broken.format(flag="", target="r.yml", validator=""))  # no validation asked
    assert (out / "r.yml").read_text() == "rules: [unclosed"


def test_file_passthrough_cannot_leave_the_project(tmp_path):
    target = project(tmp_path)
    (tmp_path / "secret.yml").write_text("rules: []\n")
    (target / "link.yml").symlink_to(tmp_path / "secret.yml")
    ruleset = '[semgrep]\n[[semgrep.passthrough]]\ntype = "file"\nvalue = "link.yml"\n'
    with pytest.raises(ConfigError, match=rf"^{RULESET}:2: 'link.yml' resolves outside the project"):
        synthesized(tmp_path, ruleset, target=target)


def test_passthroughs_without_rule_files_are_a_configuration_error(tmp_path):
    ruleset = '[semgrep]\n[[semgrep.passthrough]]\ntype = "raw"\ntarget = "notes.txt"\nvalue = "x"\n'
    with pytest.raises(ConfigError, match=rf"^{RULESET}:1: the \[semgrep\] passthroughs produced no rule file"):
        run(project(tmp_path, ruleset), "semgrep")
    not_rules = ruleset.replace("notes.txt", "r.yml").replace('"x"', '"x: 1"')
    with pytest.raises(
        ConfigError, match=rf"^{RULESET}:1: the \[semgrep\] passthroughs produced r.yml: not a semgrep rule"
    ):
        run(project(tmp_path, not_rules, name="other"), "semgrep")


# --- invalid files ------------------------------------------------------------------------------

ENTRY = "[semgrep]\n[[semgrep.ruleset]]\n{body}"
IDENT = '[semgrep.ruleset.identifier]\ntype = "semgrep_id"\nvalue = "x"\n'
PASS = "[semgrep]\n[[semgrep.passthrough]]\n{body}"

INVALID = [
    ("syntax", "[semgrep]\n\n[[semgrep.ruleset]\n", 3, "invalid TOML"),
    ("syntax at end", '[semgrep]\ndescription = "x', 2, "invalid TOML"),
    ("top-level value", 'description = "x"\n', 1, "not an analyzer table"),
    ("unknown section key", "[semgrep]\n\nrules = 1\n", 3, "unknown key 'rules' in [semgrep]"),
    ("unknown entry key", ENTRY.format(body="disable = true\nenabled = false\n" + IDENT), 4, "unknown key 'enabled'"),
    (
        "unknown override key",
        ENTRY.format(body=IDENT + '[semgrep.ruleset.override]\nseverity = "Low"\ncolour = "red"\n'),
        8,
        "unknown key 'colour'",
    ),
    (
        "unknown identifier key",
        ENTRY.format(body='disable = true\n[semgrep.ruleset.identifier]\ntype = "cwe"\nvalue = "1"\nname = "x"\n'),
        7,
        "unknown key 'name'",
    ),
    (
        "unknown passthrough key",
        PASS.format(body='type = "raw"\nvalue = "x"\nsource = "y"\n'),
        5,
        "unknown key 'source'",
    ),
    ("wrong type", '[semgrep]\ntimeout = "60"\n', 2, "semgrep.timeout must be a number, not str"),
    (
        "wrong type bool",
        ENTRY.format(body='disable = "yes"\n' + IDENT),
        3,
        "semgrep.ruleset[1].disable must be true or false",
    ),
    ("timeout too long", "[semgrep]\ntimeout = 301\n", 2, "at most 300 seconds"),
    (
        "bad severity",
        ENTRY.format(body=IDENT + '[semgrep.ruleset.override]\nseverity = "Urgent"\n'),
        7,
        "unknown severity 'Urgent'",
    ),
    (
        "severity not a string",
        ENTRY.format(body=IDENT + "[semgrep.ruleset.override]\nseverity = 3\n"),
        7,
        "severity must be a string",
    ),
    (
        "identifier missing",
        ENTRY.format(body="disable = true\n" + IDENT) + "\n[[semgrep.ruleset]]\ndisable = true\n",
        8,
        "entry 2 has no [semgrep.ruleset.identifier]",
    ),
    (
        "identifier value missing",
        ENTRY.format(body='disable = true\n[semgrep.ruleset.identifier]\ntype = "cwe"\n'),
        4,
        "needs a non-empty 'value'",
    ),
    (
        "disable and override",
        ENTRY.format(body="disable = true\n" + IDENT + '[semgrep.ruleset.override]\nname = "n"\n'),
        3,
        "both disables the rule and overrides it",
    ),
    ("does nothing", ENTRY.format(body="disable = false\n" + IDENT), 2, "does nothing"),
    ("empty override", ENTRY.format(body=IDENT + "[semgrep.ruleset.override]\n"), 6, "the override table sets nothing"),
    (
        "name too long",
        ENTRY.format(body=IDENT + f'[semgrep.ruleset.override]\nname = "{"n" * 256}"\n'),
        7,
        "at most 255",
    ),
    (
        "unknown passthrough type",
        PASS.format(body='type = "svn"\nvalue = "x"\n'),
        3,
        "has type 'svn'; use one of file, raw, git, url",
    ),
    (
        "passthrough without type",
        PASS.format(body='type = "raw"\nvalue = "x"\n') + '\n[[semgrep.passthrough]]\nvalue = "y"\n',
        6,
        "entry 2 has no type",
    ),
    (
        "unknown mode",
        PASS.format(body='type = "raw"\nvalue = "x"\nmode = "prepend"\n'),
        5,
        "mode 'prepend'; use overwrite or append",
    ),
    (
        "git append",
        PASS.format(body='type = "git"\nvalue = "x"\nmode = "append"\n'),
        5,
        "git passthroughs only support",
    ),
    (
        "ref on raw",
        PASS.format(body='type = "raw"\nvalue = "x"\nref = "main"\n'),
        5,
        "ref applies to git passthroughs only",
    ),
    ("bad validator", PASS.format(body='type = "raw"\nvalue = "x"\nvalidator = "ini"\n'), 5, "validator 'ini'"),
    ("file escaping", PASS.format(body='type = "file"\nvalue = "rules/../../x.yml"\n'), 4, "outside the project"),
    ("absolute file", PASS.format(body='type = "file"\nvalue = "/etc/passwd"\n'), 4, "outside the project"),
    (
        "target escaping",
        PASS.format(body='type = "raw"\nvalue = "x"\ntarget = "../x.yml"\n'),
        5,
        "must be a relative path inside",
    ),
    ("value missing", PASS.format(body='type = "file"\n'), 2, "needs a value"),
    (
        "too many passthroughs",
        "[semgrep]\n" + '[[semgrep.passthrough]]\ntype = "raw"\nvalue = "x"\n' * 21,
        62,
        "21 passthroughs; at most 20",
    ),
    (
        "second section",
        "[bandit]\n[[bandit.ruleset]]\ndisable = true\n"
        '[bandit.ruleset.identifier]\ntype = "bandit_test_id"\nvalue = "B1"\n\n'
        '[semgrep]\n[[semgrep.ruleset]]\n[semgrep.ruleset.identifier]\ntype = "cwe"\nvalue = "1"\n',
        9,
        "[[semgrep.ruleset]] entry 1 does nothing",
    ),
    (
        "inline table",
        '[semgrep]\nruleset = [\n  { disable = true, identifier = { type = "cwe" } },\n]\n',
        2,
        "needs a non-empty 'value'",
    ),
]


@pytest.mark.parametrize("text, line, message", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_rulesets_name_the_file_and_line(tmp_path, text, line, message):
    target = project(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_ruleset(Config.load(env={}, target=str(target)))
    assert str(err.value).startswith(f"{RULESET}:{line}: "), str(err.value)
    assert message in str(err.value)
    assert "\n" not in str(err.value)
    with pytest.raises(ConfigError, match=rf"^{target / RULESET}:{line}: "):
        check_ruleset(target / RULESET)


def test_an_invalid_ruleset_stops_the_scan_before_semgrep_runs(tmp_path):
    target = project(tmp_path, ENTRY.format(body='disable = true\n[semgrep.ruleset.identifier]\ntype = "cwe"\n'))
    with pytest.raises(ConfigError, match=rf"^{RULESET}:4: "):
        run(target, "semgrep")


def test_not_utf8(tmp_path):
    target = project(tmp_path, "")
    (target / RULESET).write_bytes(b"[semgrep]\ndescription = '\xff'\n")
    with pytest.raises(ConfigError, match=rf"^{RULESET}:1: not UTF-8"):
        load_ruleset(Config.load(env={}, target=str(target)))


# --- location, caching, sections --------------------------------------------------------------------


def test_location_default_and_sast_ruleset_path(tmp_path):
    target = project(tmp_path)
    assert load_ruleset(Config.load(env={}, target=str(target))) == Ruleset()
    (target / "conf").mkdir()
    (target / "conf" / "rules.toml").write_text("[bandit]\n[semgrep]\n[some-plugin]\ndescription = 'x'\n")
    ruleset = load_ruleset(Config.load(env={PATH_SETTING: "conf/rules.toml"}, target=str(target)))
    assert sorted(ruleset.sections) == ["bandit", "semgrep", "some-plugin"]
    assert ruleset.section("pyflow") is None  # no section: nothing to do, not an error
    assert ruleset.section("some-plugin").description == "x"
    with pytest.raises(ConfigError, match=rf"^{PATH_SETTING}=conf/missing.toml: no ruleset file"):
        load_ruleset(Config.load(env={PATH_SETTING: "conf/missing.toml"}, target=str(target)))


def test_cached_until_the_file_changes(tmp_path):
    target = project(tmp_path, "[semgrep]\n")
    config = Config.load(env={}, target=str(target))
    first = load_ruleset(config)
    assert load_ruleset(config) is first
    (target / RULESET).write_text("[semgrep]\n[bandit]\n# changed\n")
    assert sorted(load_ruleset(config).sections) == ["bandit", "semgrep"]


# --- secscan ruleset check ---------------------------------------------------------------------------


def test_ruleset_check_command(tmp_path, monkeypatch):
    text = DISABLE_AND_OVERRIDE + '\n[[semgrep.passthrough]]\ntype = "file"\nvalue = "rules/eval.yml"\n'
    target = project(tmp_path, text)
    runner = CliRunner()
    result = runner.invoke(ruleset_group, ["check", str(target / RULESET)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{target / RULESET}: valid (2 analyzers, 3 rules disabled, 1 overrides, 1 passthroughs)\n"

    monkeypatch.chdir(target)
    monkeypatch.delenv(PATH_SETTING, raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    monkeypatch.delenv("ANALYZER_TARGET_DIR", raising=False)
    result = runner.invoke(ruleset_group, ["check"])
    assert result.output == f"{RULESET}: valid (2 analyzers, 3 rules disabled, 1 overrides, 1 passthroughs)\n"

    (target / "rules" / "eval.yml").unlink()  # a file passthrough naming a missing file
    result = runner.invoke(ruleset_group, ["check"])
    assert isinstance(result.exception, ConfigError)
    line = text.splitlines().index("[[semgrep.passthrough]]") + 1
    assert str(result.exception).startswith(f"{RULESET}:{line}: file passthrough 'rules/eval.yml' does not exist")


# --- --no-inline-ignores --------------------------------------------------------------------------


def test_no_inline_ignores_disables_nosemgrep(tmp_path):
    target = tmp_path / "nosem"
    target.mkdir()
    (target / "hello.py").write_text('def greet():\n    print("Hello World")  # nosemgrep\n')
    env = {"SECSCAN_SEMGREP_RULES": str(PROJECT / "rules" / "hello.yml")}  # one rule: a quick semgrep
    honoured = run(target, "semgrep", env=env)
    assert findings(honoured, "semgrep") == {}
    ignored = run(target, "semgrep", env=env, disable_inline_ignores=True)
    assert findings(ignored, "semgrep")["custom.hello-world"].location.start_line == 2


# --- wired into the scan and the CLI ----------------------------------------------------------

BANDIT_RULESET = """\
[bandit]
  [[bandit.ruleset]]
    disable = true
    [bandit.ruleset.identifier]
      type = "bandit_test_id"
      value = "B404"
  [[bandit.ruleset]]
    [bandit.ruleset.identifier]
      type = "bandit_test_id"
      value = "B506"
    [bandit.ruleset.override]
      severity = "Critical"
      name = "Unsafe YAML load"
"""


def test_scan_applies_the_bandit_section_to_bandits_findings(tmp_path):
    result = run(project(tmp_path, BANDIT_RULESET), "bandit")
    by_rule = {v.primary_identifier.value: v for v in result.report.vulnerabilities}
    assert "B404" not in by_rule and "B602" in by_rule
    assert (by_rule["B506"].name, by_rule["B506"].severity) == ("Unsafe YAML load", Severity.CRITICAL)
    # filtered after the scan, like GitLab: bandit's rule inventory is unchanged
    assert "B404" in primary_ids(result, "bandit")


def test_sast_with_an_invalid_ruleset_is_exit_2_before_any_scan(tmp_path):
    from conftest import run_cli

    target = project(
        tmp_path,
        '[bandit]\n  [[bandit.ruleset]]\n    disable = "yes"\n    [bandit.ruleset.identifier]\n'
        '      type = "bandit_test_id"\n      value = "B404"\n',
    )
    proc = run_cli("sast", str(target), "--analyzers", "bandit")
    assert proc.returncode == 2, proc.stderr
    assert ".gitlab/sast-ruleset.toml:3:" in proc.stderr and "Traceback" not in proc.stderr
    assert not (target / "gl-sast-report.json").exists()


def test_ruleset_check_command_in_a_subprocess(tmp_path):
    from conftest import run_cli

    good = project(tmp_path, BANDIT_RULESET, name="good")
    ok = run_cli("ruleset", "check", str(good / RULESET))
    assert ok.returncode == 0 and "valid (1 analyzers, 1 rules disabled, 1 overrides, 0 passthroughs)" in ok.stdout
    in_project = run_cli("ruleset", "check", cwd=good)
    assert in_project.returncode == 0 and in_project.stdout.startswith(".gitlab/sast-ruleset.toml: valid")
    bad = project(
        tmp_path,
        '[semgrep]\n  [[semgrep.ruleset]]\n    [semgrep.ruleset.override]\n      severity = "Huge"\n',
        name="bad",
    )
    failed = run_cli("ruleset", "check", str(bad / RULESET))
    assert failed.returncode == 2 and "sast-ruleset.toml:" in failed.stderr and "Traceback" not in failed.stderr


def disabling(section: str, kind: str, value: str) -> str:
    """A ``[[<section>.ruleset]]`` entry disabling the rule ``kind``/``value``."""
    return (
        f'[[{section}.ruleset]]\ndisable = true\n[{section}.ruleset.identifier]\ntype = "{kind}"\nvalue = "{value}"\n'
    )


MISSPELT = (
    "[banditt]\n"
    + disabling("banditt", "bandit_test_id", "B602")
    + "\n[bandit]\n"
    + disabling("bandit", "bandit_test_id", "B6022")  # line 9
    + disabling("bandit", "bandit_test_id", "B101")
    + disabling("bandit", "CWE", "89")
    + "\n[gosec]\n"
)


def test_ruleset_check_warns_about_names_no_analyzer_knows_and_strict_refuses(tmp_path, monkeypatch):
    target = project(tmp_path, MISSPELT)
    monkeypatch.chdir(target)
    for name in (PATH_SETTING, "CI_PROJECT_DIR", "ANALYZER_TARGET_DIR"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(ruleset_group, ["check"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("secscan: warning:")]
    assert len(warnings) == 2, result.output  # B101 is a bandit test, CWE entries and GitLab's [gosec] are fine
    assert warnings[0].startswith(f"secscan: warning: {RULESET}:1: [banditt] is no installed analyzer")
    assert "did you mean 'bandit'?" in warnings[0]
    assert f"{RULESET}:9: [bandit] bandit_test_id 'B6022'" in warnings[1] and "did you mean 'B602'?" in warnings[1]
    assert "2 warning(s)" in result.output
    strict = CliRunner().invoke(ruleset_group, ["check", "--strict"])
    assert isinstance(strict.exception, ConfigError) and strict.exception.exit_code == 2
    assert "2 unknown name(s)" in str(strict.exception)


def test_a_semgrep_rule_id_with_a_typo_is_named_with_the_closest_rule(tmp_path, monkeypatch):
    rule = "python.lang.subprocess-shell-true"
    text = "[semgrep]\n" + disabling("semgrep", "semgrep_id", rule)
    target = project(tmp_path, text.replace(rule, rule + "s"))
    monkeypatch.chdir(target)
    for name in (PATH_SETTING, "CI_PROJECT_DIR", "ANALYZER_TARGET_DIR"):
        monkeypatch.delenv(name, raising=False)
    typo = CliRunner().invoke(ruleset_group, ["check"])
    assert f"did you mean '{rule}'?" in typo.output, typo.output
    (target / RULESET).write_text(text)  # the rule spelt right, and disabled: still a known rule
    right = CliRunner().invoke(ruleset_group, ["check", "--strict"])
    assert right.exit_code == 0 and "warning" not in right.output, right.output
