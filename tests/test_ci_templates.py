"""The CI templates in ci-templates/: valid against GitLab's and GitHub's CI schemas (with the
schemas check-jsonschema vendors, offline), and run for real with gitlab-ci-local (shell executor,
no Docker) on a small git repository that includes them.

Tools: check-jsonschema in a virtualenv of its own (``$SECSCAN_CHECK_JSONSCHEMA``, else
``~/.cache/secscan-tests/check-jsonschema``), gitlab-ci-local from npm
(``~/.cache/secscan-tests/gitlab-ci-local``; it copies files with rsync: ``apt-get install rsync``).
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import REPO, npm_tool, official_schema, venv_tool
from test_sarif import multitool_validate

GITLAB = REPO / "ci-templates" / "gitlab"
GITHUB_WORKFLOW = REPO / "ci-templates" / "github" / "secscan.yml"
TEMPLATES = sorted(GITLAB.glob("*.gitlab-ci.yml"))
GITLAB_CI_LOCAL = "gitlab-ci-local@4.70.0"  # later versions need Node 22


# --- tools ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def check_jsonschema() -> str:
    configured = os.environ.get("SECSCAN_CHECK_JSONSCHEMA")
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"SECSCAN_CHECK_JSONSCHEMA={configured} is not a file; point it at check-jsonschema")
        return configured
    return str(venv_tool("check-jsonschema", ["check-jsonschema==0.39.0"], "check-jsonschema"))


@pytest.fixture(scope="session")
def gitlab_ci_local() -> str:
    if shutil.which("rsync") is None:
        pytest.fail("gitlab-ci-local copies the project with rsync, which is missing: apt-get install -y rsync")
    prefix = npm_tool("gitlab-ci-local", [GITLAB_CI_LOCAL], "gitlab-ci-local")
    return str(prefix / "node_modules" / ".bin" / "gitlab-ci-local")


def validate(check_jsonschema: str, schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([check_jsonschema, "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip


# --- schema validation ---------------------------------------------------------------------------


def test_templates_are_all_there():
    assert [t.name for t in TEMPLATES] == [
        "Dependency-Scanning.gitlab-ci.yml", "SAST-sharded.gitlab-ci.yml", "SAST.gitlab-ci.yml",
        "Secret-Detection.gitlab-ci.yml",
    ]  # fmt: skip


def test_gitlab_templates_valid_against_gitlab_ci_schema(check_jsonschema):
    proc = validate(check_jsonschema, "vendor.gitlab-ci", *TEMPLATES)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_github_workflow_valid_against_github_workflows_schema(check_jsonschema):
    proc = validate(check_jsonschema, "vendor.github-workflows", GITHUB_WORKFLOW)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_schema_validation_rejects_a_broken_template(check_jsonschema, tmp_path):
    """The validator really validates: a template whose job has a wrong-typed keyword fails."""
    broken = yaml.safe_load((GITLAB / "SAST.gitlab-ci.yml").read_text())
    broken["bandit-sast"]["allow_failure"] = "sometimes"
    path = tmp_path / "broken.gitlab-ci.yml"
    path.write_text(yaml.safe_dump(broken))
    proc = validate(check_jsonschema, "vendor.gitlab-ci", path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "allow_failure" in proc.stdout + proc.stderr
    workflow = yaml.safe_load(GITHUB_WORKFLOW.read_text())
    workflow["jobs"]["secscan-sast"]["permissions"]["security-events"] = "always"
    path = tmp_path / "broken-workflow.yml"
    path.write_text(yaml.safe_dump(workflow))
    assert validate(check_jsonschema, "vendor.github-workflows", path).returncode == 1


# --- what the templates say ----------------------------------------------------------------------


def load(name: str) -> dict:
    return yaml.safe_load((GITLAB / name).read_text())


def test_every_template_installs_secscan_the_same_way():
    """Templates included together must not disagree about the shared hidden job and variables."""
    setups = {t.name: load(t.name)[".secscan-setup"] for t in TEMPLATES}
    assert len({json.dumps(s, sort_keys=True) for s in setups.values()}) == 1, setups
    setup = setups["SAST.gitlab-ci.yml"]
    assert setup["image"] == "$SECSCAN_IMAGE"
    assert [c["paths"] for c in setup["cache"]] == [[".cache/pip"], ["$SECSCAN_CACHE_DIR"]]
    shared = ("SECSCAN_IMAGE", "SECSCAN_PIP_SPEC", "SECSCAN_INSTALL", "SECSCAN_CACHE_DIR", "SECSCAN_MR_PIPELINES")
    for template in TEMPLATES:
        variables = load(template.name)["variables"]
        assert {k: variables[k] for k in shared} == {
            "SECSCAN_IMAGE": "python:3.11-slim", "SECSCAN_PIP_SPEC": "secscan", "SECSCAN_INSTALL": "auto",
            "SECSCAN_CACHE_DIR": ".secscan/cache", "SECSCAN_MR_PIPELINES": "true",
        }, template.name  # fmt: skip


def extensions_of(globs: list[str]) -> set[str]:
    assert all(g.startswith("**/*.") for g in globs), globs
    return {g[len("**/*") :] for g in globs}


def test_sast_jobs_exist_where_their_analyzers_match():
    """Each analyzer job's ``rules: exists`` lists exactly the extensions its analyzer matches."""
    from secscan.analyzers.bandit.analyzer import EXTENSIONS as BANDIT
    from secscan.analyzers.pyflow.analyzer import EXTENSIONS as PYFLOW
    from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES, load_pack

    sast = load("SAST.gitlab-ci.yml")
    expected = {"semgrep": set(load_pack(BUNDLED_RULES).extensions), "bandit": set(BANDIT), "pyflow": set(PYFLOW)}
    for analyzer, extensions in expected.items():
        job = sast[f"{analyzer}-sast"]
        assert job["extends"] == ".secscan-sast" and job["variables"] == {"SECSCAN_ANALYZER": analyzer}
        exists = [r["exists"] for r in job["rules"] if "exists" in r]
        assert len(exists) == 2 and all(extensions_of(e) == extensions for e in exists), analyzer
    sharded = load("SAST-sharded.gitlab-ci.yml")[".secscan-sast-sharded"]
    union = set().union(*expected.values())
    assert all(extensions_of(r["exists"]) == union for r in sharded["rules"] if "exists" in r)


# --- gitlab-ci-local: the templates run --------------------------------------------------------

VULNERABLE = """\
import hashlib


def digest(data):
    return hashlib.md5(data).hexdigest()
"""
ADDED = """

def run(command):
    import subprocess
    return subprocess.call(command, shell=True)
"""
IN_TESTS = """\
import subprocess


def test_shell():
    subprocess.call("true", shell=True)
"""
POLICY = """\
approval_policy:
  - name: no new high findings
    enabled: true
    rules:
      - type: scan_finding
        branches: []
        scanners: [sast]
        vulnerabilities_allowed: 0
        severity_levels: [critical, high]
        vulnerability_states: [newly_detected]
    actions:
      - type: require_approval
        approvals_required: 1
        user_approvers: [security-team]
"""


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout.strip()


def sample_repo(root: Path, templates: list[str], files: dict[str, str]) -> Path:
    """A git repository on ``main`` whose .gitlab-ci.yml includes copies of ``templates``."""
    repo = root / "project"
    (repo / "ci").mkdir(parents=True)
    for name in templates:
        shutil.copy(GITLAB / name, repo / "ci" / name)
    includes = "".join(f"  - local: ci/{name}\n" for name in templates)
    (repo / ".gitlab-ci.yml").write_text(f"include:\n{includes}")
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


#: predefined variables the tests set on purpose (gitlab-ci-local warns about each otherwise)
OVERRIDDEN = "CI_PIPELINE_SOURCE,CI_OPEN_MERGE_REQUESTS,CI_MERGE_REQUEST_DIFF_BASE_SHA,PATH,CI_PROJECT_DIR"


def gcl(tool: str, repo: Path, *args: str, variables: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """gitlab-ci-local in ``repo``: shell executor, each job in its own copy of the project
    (--shell-isolation, like a runner), secscan from this test run's environment (PATH), never
    pip installing. ``CI_PROJECT_DIR`` is unset because gitlab-ci-local 4.70 sets it to the Docker
    path /builds/... for a job with an ``image`` even when forced onto the shell executor; a real
    runner sets it to the job's directory, which secscan then uses anyway (the working directory)."""
    command = [
        tool,
        "--force-shell-executor",
        "--shell-isolation",
        "--no-color",
        "--ignore-predefined-vars",
        OVERRIDDEN,
        "--unset-variable",
        "CI_PROJECT_DIR",
    ]
    merged = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "SECSCAN_INSTALL": "never",
        "SOURCE_DATE_EPOCH": "1700000000",
        **(variables or {}),
    }
    for key, value in merged.items():
        command += ["--variable", f"{key}={value}"]
    return subprocess.run([*command, *args], cwd=repo, capture_output=True, text=True, timeout=900, check=False)


def jobs_created(tool: str, repo: Path, variables: dict[str, str] | None = None) -> set[str]:
    """The jobs of the pipeline gitlab-ci-local would run (``when: never`` ones left out)."""
    proc = gcl(tool, repo, "--list-csv", variables=variables)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("name;"))
    return {row["name"] for row in csv.DictReader(lines[header:], delimiter=";")}


MR = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"}


def test_rules_create_the_jobs_gitlab_would(gitlab_ci_local, tmp_path):
    repo = sample_repo(tmp_path, ["SAST.gitlab-ci.yml", "Secret-Detection.gitlab-ci.yml",
                                  "Dependency-Scanning.gitlab-ci.yml"], {"app.py": VULNERABLE})  # fmt: skip
    branch = {"semgrep-sast", "bandit-sast", "pyflow-sast", "secret_detection"}
    assert jobs_created(gitlab_ci_local, repo) == branch
    assert jobs_created(gitlab_ci_local, repo, MR) == branch | {"secscan-mr-report"}
    # a branch with an open merge request is scanned by the merge-request pipeline only
    assert jobs_created(gitlab_ci_local, repo, {"CI_OPEN_MERGE_REQUESTS": "group/project!1"}) == set()
    assert jobs_created(gitlab_ci_local, repo, {"CI_OPEN_MERGE_REQUESTS": "group/project!1",
                                                "SECSCAN_MR_PIPELINES": "false"}) == branch  # fmt: skip
    assert jobs_created(gitlab_ci_local, repo, {"SAST_EXCLUDED_ANALYZERS": "pyflow, semgrep"}) == {
        "bandit-sast", "secret_detection"}  # fmt: skip
    for disabled in ("true", "1"):
        assert jobs_created(gitlab_ci_local, repo, {**MR, "SAST_DISABLED": disabled}) == {"secret_detection"}
    assert jobs_created(gitlab_ci_local, repo, {"SECRET_DETECTION_DISABLED": "true"}) == branch - {"secret_detection"}

    # only semgrep covers JavaScript; a lock file brings the dependency-scanning job
    (repo / "app.py").unlink()
    (repo / "web").mkdir()
    (repo / "web" / "app.js").write_text("document.write(location.hash);\n")
    (repo / "package-lock.json").write_text("{}\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "javascript")
    assert jobs_created(gitlab_ci_local, repo) == {"semgrep-sast", "secret_detection", "dependency_scanning"}


def findings(report: dict) -> set[tuple[str, str, int]]:
    return {
        (v["location"]["file"], v["identifiers"][0]["value"], v["location"]["start_line"])
        for v in report["vulnerabilities"]
    }


def test_merge_request_pipeline_runs_for_real(gitlab_ci_local, tmp_path):
    """A merge request adding a shell-injection call: the SAST jobs write schema-valid reports with
    the findings (and none from the excluded tests/ directory), the MR job reports exactly what the
    merge request adds and the approval policy it breaks, and the secret-detection and
    dependency-scanning jobs skip, saying why, since secscan has no such commands yet."""
    repo = sample_repo(
        tmp_path,
        ["SAST.gitlab-ci.yml", "Secret-Detection.gitlab-ci.yml", "Dependency-Scanning.gitlab-ci.yml"],
        {"app.py": VULNERABLE, "tests/test_app.py": IN_TESTS, "requirements.txt": "flask==3.0.0\n",
         ".gitlab/security-policies/policy.yml": POLICY},
    )  # fmt: skip
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "app.py").write_text(VULNERABLE + ADDED)
    git(repo, "commit", "-q", "-am", "feature: run commands")

    proc = gcl(
        gitlab_ci_local, repo, variables={**MR, "CI_MERGE_REQUEST_DIFF_BASE_SHA": base, "SECSCAN_NO_CACHE": "false"}
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-5000:]
    status = {job: result for result, job in re.findall(r"^ (PASS|WARN|FAIL) +(\S+)", proc.stdout, re.MULTILINE)}
    # a policy that requires approval ends the MR job with exit 1, allowed: a warning
    assert status == {"semgrep-sast": "PASS", "bandit-sast": "PASS", "pyflow-sast": "PASS", "secret_detection": "PASS",
                      "dependency_scanning": "PASS", "secscan-mr-report": "WARN"}, proc.stdout[-3000:]  # fmt: skip

    artifacts = repo / ".gitlab-ci-local" / "artifacts"
    sast_schema = official_schema()
    expected = {
        "semgrep": {
            ("app.py", "python.lang.insecure-hash-md5-sha1", 5),
            ("app.py", "python.lang.subprocess-shell-true", 10),
        },
        "bandit": {("app.py", "B324", 5), ("app.py", "B404", 9), ("app.py", "B602", 10)},
        "pyflow": {("app.py", "pyflow.weak-hash", 5)},
    }
    for analyzer, found in expected.items():
        job = artifacts / f"{analyzer}-sast"
        report = json.loads((job / "gl-sast-report.json").read_text())
        jsonschema.validate(report, sast_schema)
        assert report["scan"]["analyzer"]["id"] == analyzer and report["scan"]["status"] == "success"
        assert findings(report) == found, analyzer
        assert (job / f"gl-sast-{analyzer}-report.json").read_text() == (job / "gl-sast-report.json").read_text()
    # what secscan keeps in SECSCAN_CACHE_DIR went into the job's GitLab cache (a path from a variable)
    cached = repo / ".gitlab-ci-local" / "cache" / "secscan-bandit-sast" / ".secscan" / "cache"
    assert any(p.is_file() for p in cached.rglob("*")), cached

    mr = artifacts / "secscan-mr-report" / "secscan-mr"
    for name in ("head.json", "base.json"):
        jsonschema.validate(json.loads((mr / name).read_text()), sast_schema)
    base_findings = findings(json.loads((mr / "base.json").read_text()))
    assert ("app.py", "B324", 5) in base_findings and not any(line >= 9 for _, _, line in base_findings)
    diff = json.loads((mr / "diff.json").read_text())
    assert {(v["file"], v["rule"], v["start_line"]) for v in diff["added"]} == {
        ("app.py", "bandit_test_id:B602", 10), ("app.py", "bandit_test_id:B404", 9)}  # fmt: skip
    assert diff["fixed"] == []
    comment = (mr / "comment.md").read_text()
    assert comment.startswith("## secscan: security findings of this merge request") and "B602" in comment
    assert "app.py:10" in comment and "hashlib" not in comment
    policy = json.loads((mr / "policy.json").read_text())
    assert policy["approval_required"] is True, policy

    for job, kind in (("secret_detection", "secret-detection"), ("dependency_scanning", "dependency-scanning")):
        assert f"has no '{kind}' command yet" in (repo / ".gitlab-ci-local" / "output" / f"{job}.log").read_text()
        assert not list((artifacts / job).glob("*.json"))


def test_github_workflow_scan_step_writes_sarif_and_report(tmp_path, sarif_multitool):
    """The workflow's own scan step, run as GitHub would (bash, the workflow's env), writes the
    SARIF it uploads and the GitLab report it keeps."""
    workflow = yaml.safe_load(GITHUB_WORKFLOW.read_text())
    job = workflow["jobs"]["secscan-sast"]
    assert job["permissions"]["security-events"] == "write"
    steps = {s.get("name", s.get("uses")): s for s in job["steps"]}
    upload = steps["Upload SARIF to code scanning"]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3" and upload["with"]["sarif_file"] == "secscan.sarif"
    assert steps["Keep gl-sast-report.json"]["with"]["path"] == "gl-sast-report.json"

    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text(VULNERABLE + ADDED)
    env = {
        **os.environ,
        **{k: str(v) for k, v in workflow["env"].items()},
        "SOURCE_DATE_EPOCH": "1700000000",
        "SECSCAN_ANALYZERS": "bandit",
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
    }
    proc = subprocess.run(["bash", "-e", "-c", steps["secscan sast"]["run"]], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((project / "gl-sast-report.json").read_text())
    jsonschema.validate(report, official_schema())
    assert ("app.py", "B602", 10) in findings(report)
    sarif = json.loads((project / "secscan.sarif").read_text())
    assert "B602" in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    errors, _ = multitool_validate(sarif_multitool, project / "secscan.sarif")
    assert errors == []


SHARDED_FILES = {
    "app.py": VULNERABLE,
    "pkg/run.py": "import subprocess\n\n\ndef run(command):\n    return subprocess.call(command, shell=True)\n",
    "pkg/load.py": "import pickle\n\n\ndef load(blob):\n    return pickle.loads(blob)\n",
    "pkg/fine.py": "def fine():\n    return 1\n",
}


def test_sharded_pipeline_runs_for_real(gitlab_ci_local, tmp_path, cli):
    """Two shards (the documented `parallel:` override) scan disjoint halves of the project; the
    merge job's gl-sast-report.json has exactly what one unsharded `secscan sast` finds, and the
    merge job refuses to merge when shard reports are missing. semgrep is left out to keep it
    short: sharding is the same for every analyzer."""
    repo = sample_repo(tmp_path, ["SAST-sharded.gitlab-ci.yml"], SHARDED_FILES)
    with (repo / ".gitlab-ci.yml").open("a") as ci:
        ci.write("\nsecscan-sast-shard:\n  parallel: 2\n")
    git(repo, "commit", "-q", "-am", "two shards")
    variables = {"SAST_EXCLUDED_ANALYZERS": "semgrep"}

    alone = gcl(gitlab_ci_local, repo, "secscan-sast", variables=variables)
    assert alone.returncode == 1 and "no shard report arrived from secscan-sast-shard" in alone.stdout, alone.stdout[
        -3000:
    ]

    proc = gcl(gitlab_ci_local, repo, variables=variables)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    status = sorted(
        (job, result) for result, job in re.findall(r"^ (PASS|WARN|FAIL) +(.+?)\s*$", proc.stdout, re.MULTILINE)
    )
    assert status == [
        ("secscan-sast", "PASS"),
        ("secscan-sast-shard: [1/2]", "PASS"),
        ("secscan-sast-shard: [2/2]", "PASS"),
    ], proc.stdout[-3000:]

    artifacts = repo / ".gitlab-ci-local" / "artifacts"
    shards = [json.loads(p.read_text()) for p in sorted(artifacts.glob("*/gl-sast-shard-*-of-2-report.json"))]
    assert len(shards) == 2
    files = [{v["location"]["file"] for v in s["vulnerabilities"]} for s in shards]
    assert files[0] and files[1] and not files[0] & files[1]
    merged = json.loads((artifacts / "secscan-sast" / "gl-sast-report.json").read_text())
    jsonschema.validate(merged, official_schema())

    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git", ".gitlab-ci-local", "ci", ".gitlab-ci.yml"))
    done = cli("sast", str(plain), "--exclude-analyzers", "semgrep", "-o", str(tmp_path / "plain.json"))
    assert done.returncode == 0, done.stderr
    unsharded = findings(json.loads((tmp_path / "plain.json").read_text()))
    assert findings(merged) == unsharded and {f for f, _, _ in unsharded} == {"app.py", "pkg/run.py", "pkg/load.py"}
