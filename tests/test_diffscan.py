"""Diff-aware scans (``secscan sast --diff-base REF``) and baselines (``--baseline REPORT``) on real
git repositories with the real scanners: only findings a change brings are reported."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

SHELL = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.call(cmd, shell=True)\n"
PICKLE = "import pickle\n\n\ndef load(data):\n    return pickle.loads(data)\n"
NO_CACHE = {"SECSCAN_NO_CACHE": "true"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dev@example.com")
    git(root, "config", "user.name", "dev")
    git(root, "config", "commit.gpgsign", "false")
    return root


def write(repo: Path, rel: str, text: str) -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def findings(report: dict) -> list[tuple[str, int, str]]:
    return sorted(
        (v["location"]["file"], v["location"]["start_line"], v["identifiers"][0]["value"])
        for v in report["vulnerabilities"]
    )


@pytest.fixture(scope="module")
def feature_repo(tmp_path_factory) -> Path:
    """main: five files with findings. feature (branched, then main moves on): every kind of change."""
    repo = make_repo(tmp_path_factory.mktemp("diff") / "repo")
    write(repo, "app/shell.py", SHELL)
    write(repo, "app/moved.py", SHELL)
    write(repo, "app/old_name.py", PICKLE)
    write(repo, "app/gone.py", PICKLE)
    write(repo, "app/dup.py", "import subprocess\nsubprocess.call('ls', shell=True)\n")
    write(repo, "app/clean.py", "X = 1\n")
    write(repo, ".gitignore", "generated/\n")
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "-b", "feature")
    # committed: a new function with a High finding in an existing file
    write(repo, "app/shell.py", SHELL + "\n\ndef run_again(cmd):\n    return subprocess.call(cmd, shell=True)\n")
    commit_all(repo, "feature work")
    # main moves on after the branch point: its new findings are not the feature's business
    git(repo, "checkout", "-q", "main")
    write(repo, "app/later_on_main.py", PICKLE)
    commit_all(repo, "main moves on")
    git(repo, "checkout", "-q", "feature")
    # staged: a rename (same findings, moved) and a second copy of an existing module-level finding
    git(repo, "mv", "app/old_name.py", "app/new_name.py")
    write(
        repo, "app/dup.py", "import subprocess\nsubprocess.call('ls', shell=True)\nsubprocess.call('ls', shell=True)\n"
    )
    git(repo, "add", "app/dup.py")
    # unstaged: lines inserted above an existing finding (it moves, it is not new), a deleted file
    write(repo, "app/moved.py", "# a comment\n# another\n" + SHELL)
    (repo / "app" / "gone.py").unlink()
    # untracked: a new file with findings, and an ignored one that must not be scanned
    write(repo, "app/untracked.py", PICKLE)
    write(repo, "generated/ignored.py", PICKLE)
    return repo


@pytest.fixture(scope="module")
def diff_report(feature_repo: Path, tmp_path_factory) -> tuple[dict, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("diff-out") / "r.json"
    result = run_cli("sast", "--diff-base", "main", "-o", str(out), cwd=feature_repo, env=NO_CACHE)
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text()), result


def test_only_new_findings_of_changed_files_are_reported(diff_report):
    report, _ = diff_report
    assert findings(report) == [
        ("app/dup.py", 3, "B602"),  # the second copy of an existing finding is new (count-aware)
        ("app/dup.py", 3, "B607"),
        ("app/shell.py", 9, "B602"),  # committed on the branch
        ("app/untracked.py", 1, "B403"),  # untracked, not ignored
        ("app/untracked.py", 5, "B301"),
    ]
    files = {v["location"]["file"] for v in report["vulnerabilities"]}
    assert not files & {
        "app/moved.py",
        "app/new_name.py",
        "app/later_on_main.py",
        "generated/ignored.py",
        "app/clean.py",
    }


def test_the_report_says_what_it_was_compared_with(diff_report, feature_repo):
    report, _ = diff_report
    base = git(feature_repo, "merge-base", "main", "HEAD")[:7]
    first = report["scan"]["messages"][0]
    assert first["level"] == "info"
    # dup, moved, new_name, shell, untracked; .gitignore unchanged, gone.py deleted
    assert first["value"].startswith(
        f"diff-aware scan: 5 file(s) scanned of 5 changed since merge-base {base} of main; "
    )
    # left out: shell.py's original B602 and B404, moved.py's B602 and B404, dup.py's first
    # B602 and B607 and its B404, new_name.py's B403 and B301
    assert "; 9 finding(s) present at the base were left out; 1 deleted file(s) not scanned" in first["value"]
    assert report["scan"]["status"] == "success"
    # the primary identifiers are the whole rule set's, as in any scan
    assert len(report["scan"]["primary_identifiers"]) > 50


def test_cross_analyzer_findings_are_compared_too(diff_report):
    report, _ = diff_report
    # semgrep ran too: its finding on the new line was merged into bandit's, and its findings
    # on the old lines were left out with bandit's (the merged reports are what is compared)
    new_shell = next(
        v
        for v in report["vulnerabilities"]
        if v["location"] == {"file": "app/shell.py", "start_line": 9, "end_line": 9}
    )
    also = [i["value"] for i in new_shell["details"]["also_reported_by"]["items"]]
    assert any(text.startswith("semgrep: ") for text in also), also


def test_fail_on_counts_only_new_findings(feature_repo, tmp_path):
    # an existing High finding on main does not fail a branch that adds only Low ones
    repo = make_repo(tmp_path / "repo")
    write(repo, "a.py", SHELL)
    commit_all(repo, "base")
    write(repo, "b.py", "import pickle\n")  # B403, Low
    result = run_cli(
        "sast",
        "--diff-base",
        "HEAD",
        "--analyzers",
        "bandit",
        "--fail-on",
        "high",
        "-o",
        str(tmp_path / "r.json"),
        cwd=repo,
    )
    assert result.returncode == 0, result.stderr
    assert findings(json.loads((tmp_path / "r.json").read_text())) == [("b.py", 1, "B403")]
    write(repo, "a.py", SHELL + "\n\ndef again(cmd):\n    return subprocess.call(cmd, shell=True)\n")
    result = run_cli(
        "sast",
        "--diff-base",
        "HEAD",
        "--analyzers",
        "bandit",
        "--fail-on",
        "high",
        "-o",
        str(tmp_path / "r.json"),
        cwd=repo,
    )
    assert result.returncode == 1, result.stderr
    assert findings(json.loads((tmp_path / "r.json").read_text())) == [("a.py", 9, "B602"), ("b.py", 1, "B403")]


def test_subdirectory_target_and_no_changes(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write(repo, "svc/a.py", SHELL)
    write(repo, "other/b.py", SHELL)
    commit_all(repo, "base")
    write(repo, "svc/c.py", PICKLE)
    write(repo, "other/d.py", PICKLE)
    out = tmp_path / "r.json"
    result = run_cli(
        "sast", str(repo / "svc"), "--diff-base", "HEAD", "--analyzers", "bandit", "-o", str(out), cwd=repo
    )
    assert result.returncode == 0, result.stderr
    assert findings(json.loads(out.read_text())) == [("c.py", 1, "B403"), ("c.py", 5, "B301")]
    (repo / "svc" / "c.py").unlink()
    result = run_cli(
        "sast", str(repo / "svc"), "--diff-base", "HEAD", "--analyzers", "bandit", "-o", str(out), cwd=repo
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["vulnerabilities"] == []
    assert report["scan"]["messages"][0]["value"].startswith("diff-aware scan: 0 file(s) scanned of 0 changed")


def test_baseline_leaves_out_known_findings_count_aware(tmp_path):
    project = tmp_path / "p"
    write(project, "a.py", "import subprocess\nsubprocess.call(['/bin/ls'], shell=True)\n")
    write(project, "b.py", PICKLE)
    old = tmp_path / "old.json"
    assert run_cli("sast", str(project), "--analyzers", "bandit", "-o", str(old)).returncode == 0
    assert len(json.loads(old.read_text())["vulnerabilities"]) == 4  # B404, B602; B403, B301
    write(
        project,
        "a.py",
        "import subprocess\nsubprocess.call(['/bin/ls'], shell=True)\nsubprocess.call(['/bin/ls'], shell=True)\n",
    )
    out = tmp_path / "new.json"
    result = run_cli("sast", str(project), "--analyzers", "bandit", "--baseline", str(old), "-o", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert findings(report) == [("a.py", 3, "B602")]
    assert report["scan"]["messages"][0]["value"] == f"baseline {old}: 4 finding(s) already in it were left out"


def test_a_sarif_log_is_a_baseline_too(tmp_path):
    """--baseline reads its file with the one reader every command uses, so a SARIF log (the
    artifact a GitHub workflow keeps) serves as well as a GitLab report."""
    project = tmp_path / "p"
    write(project, "a.py", "import subprocess\nsubprocess.call(['/bin/ls'], shell=True)\n")
    old = tmp_path / "old.sarif"
    scanned = run_cli(
        "sast", str(project), "--analyzers", "bandit", "-o", str(tmp_path / "o.json"), "--sarif-output", str(old)
    )
    assert scanned.returncode == 0, scanned.stderr
    write(project, "b.py", PICKLE)
    out = tmp_path / "new.json"
    result = run_cli("sast", str(project), "--analyzers", "bandit", "--baseline", str(old), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert {file for file, _, _ in findings(json.loads(out.read_text()))} == {"b.py"}


def test_diff_base_and_baseline_together(feature_repo, diff_report, tmp_path):
    report, _ = diff_report
    baseline = tmp_path / "accepted.json"
    accepted = dict(
        report, vulnerabilities=[v for v in report["vulnerabilities"] if v["location"]["file"] == "app/untracked.py"]
    )
    baseline.write_text(json.dumps(accepted))
    out = tmp_path / "r.json"
    result = run_cli(
        "sast",
        "--diff-base",
        "main",
        "--baseline",
        str(baseline),
        "--analyzers",
        "bandit",
        "-o",
        str(out),
        cwd=feature_repo,
    )
    assert result.returncode == 0, result.stderr
    assert findings(json.loads(out.read_text())) == [
        ("app/dup.py", 3, "B602"),
        ("app/dup.py", 3, "B607"),
        ("app/shell.py", 9, "B602"),
    ]


@pytest.mark.parametrize(
    "args, expected",
    [
        (["--diff-base", "no-such-branch"], "unknown git ref 'no-such-branch'"),
        (["--diff-base", "--oops"], None),  # click: an option, not a value
        (["--baseline", "missing.json"], "missing.json"),
        (["--baseline", "broken.json"], "broken.json"),
        (["--diff-base", "HEAD", "--split"], "--split"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, expected):
    repo = make_repo(tmp_path / "repo")
    write(repo, "a.py", SHELL)
    commit_all(repo, "base")
    (repo / "broken.json").write_text("{not json")
    result = run_cli("sast", *args, "--analyzers", "bandit", cwd=repo)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    if expected:
        assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert not (repo / "gl-sast-report.json").exists()


def test_not_a_git_repository_is_one_line_and_exit_2(tmp_path):
    write(tmp_path / "plain", "a.py", SHELL)
    result = run_cli(
        "sast",
        str(tmp_path / "plain"),
        "--diff-base",
        "main",
        "--analyzers",
        "bandit",
        env={"GIT_CEILING_DIRECTORIES": str(tmp_path)},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "not a git repository" in result.stderr, result.stderr


def test_unrelated_history_is_one_line_and_exit_2(tmp_path):
    repo = make_repo(tmp_path / "repo")
    write(repo, "a.py", SHELL)
    commit_all(repo, "base")
    git(repo, "checkout", "-q", "--orphan", "other")
    commit_all(repo, "unrelated root")
    result = run_cli("sast", "--diff-base", "main", "--analyzers", "bandit", cwd=repo)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "no common ancestor" in result.stderr, result.stderr
