"""Pre-push hooks: the repository's ``.pre-commit-hooks.yaml`` run by the real pre-commit
(``pre-commit try-repo``), and ``secscan hook install`` run by a real ``git push`` to a bare
repository. A push that brings a new High finding is stopped; a clean one goes through."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from test_diffscan import PICKLE, SHELL, commit_all, git, make_repo, write

#: the hook tests run bandit only (the diff-aware scan with every analyzer is test_diffscan's)
FAST = {"SECSCAN_ANALYZERS": "bandit", "SECSCAN_NO_CACHE": "true", "SOURCE_DATE_EPOCH": "1700000000"}
SHELL_AGAIN = SHELL + "\n\ndef run_again(cmd):\n    return subprocess.call(cmd, shell=True)\n"


def pre_commit() -> str:
    found = Path(sys.executable).parent / "pre-commit"
    assert found.exists() or shutil.which("pre-commit"), (
        "pre-commit is not installed; pip install '.[test]' installs it"
    )
    return str(found) if found.exists() else shutil.which("pre-commit")


def offline_hook_env(tmp_path: Path) -> dict[str, str]:
    """Let pre-commit build the hook's environment without the network: pre-commit creates the
    virtualenv and pip-installs this repository into it exactly as for a user (``pip install .``,
    the build backend taken from this environment, ``--no-index --no-deps``); the dependencies
    (click, semgrep, bandit, ...) come from this test environment on PYTHONPATH instead of PyPI.
    secscan itself and pip are left out of that path, so the hook runs the copy pre-commit installed."""
    deps = tmp_path / "hook-deps"
    deps.mkdir()
    skip = (
        "secscan",
        "_editable_impl_secscan",
        "__editable__",
        "pip",
        "setuptools",
        "_distutils_hack",
        "pkg_resources",
        "wheel",
    )
    for key in ("purelib", "platlib"):
        site = Path(sysconfig.get_paths()[key])
        for entry in site.iterdir():
            base = entry.name.split("-")[0].split(".")[0]
            if base in skip or entry.suffix == ".pth" or (deps / entry.name).exists():
                continue
            (deps / entry.name).symlink_to(entry)
    return {
        "PYTHONPATH": str(deps),
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",  # pip reads this as --no-build-isolation
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "VIRTUALENV_NO_DOWNLOAD": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **FAST,
    }


def test_the_hook_manifest_is_what_the_brief_says():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["secscan-sast"]  # no secrets hook: secscan has no secret detection
    hook = hooks[0]
    assert hook["stages"] == ["pre-push"] and hook["language"] == "python"
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    assert hook["entry"] == "secscan hook run"


def test_pre_commit_try_repo_stops_a_push_adding_a_high_finding_and_passes_a_clean_one(tmp_path):
    repo = make_repo(tmp_path / "project")
    write(repo, "app/shell.py", SHELL)  # an existing High finding: not this push's business
    base = commit_all(repo, "base")
    write(repo, "app/util.py", PICKLE)  # new findings, but Medium and Low only
    clean = commit_all(repo, "clean change")
    write(repo, "app/shell.py", SHELL_AGAIN)  # a new High finding
    vulnerable = commit_all(repo, "vulnerable change")
    env = dict(os.environ, **offline_hook_env(tmp_path))

    def try_repo(from_ref: str, to_ref: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                pre_commit(),
                "try-repo",
                str(REPO),
                "secscan-sast",
                "--hook-stage",
                "pre-push",
                "--from-ref",
                from_ref,
                "--to-ref",
                to_ref,
                "--verbose",
            ],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    passed = try_repo(base, clean)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "secscan SAST (new findings in this push)" in passed.stdout and "Passed" in passed.stdout
    assert "B301" in passed.stdout  # the new Medium finding is shown, it just does not stop the push
    stopped = try_repo(clean, vulnerable)
    assert stopped.returncode == 1, stopped.stdout + stopped.stderr
    assert "Failed" in stopped.stdout and "push stopped" in stopped.stdout
    assert "shell.py:9" in stopped.stdout and "B602" in stopped.stdout
    assert "shell.py:5 " not in stopped.stdout  # the finding the base already had is left out


@pytest.fixture
def pushed(tmp_path) -> Path:
    """A project whose main is on a bare remote, with secscan's pre-push hook installed."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = make_repo(tmp_path / "project")
    write(repo, "app/shell.py", SHELL)
    commit_all(repo, "base")
    git(repo, "remote", "add", "origin", str(remote))
    git(repo, "push", "-q", "origin", "main")
    result = run_cli("hook", "install", cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pre-push: installed")
    return repo


def push(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **FAST)
    return subprocess.run(
        ["git", "push", "origin", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=600
    )


def remote_sha(repo: Path, branch: str) -> str:
    listed = git(repo, "ls-remote", "origin", f"refs/heads/{branch}")
    return listed.split()[0] if listed else ""


def test_installed_hook_is_executable_marked_and_idempotent(pushed):
    hook = pushed / ".git" / "hooks" / "pre-push"
    assert os.access(hook, os.X_OK)
    assert "# secscan-hook: pre-push" in hook.read_text().splitlines()[:3]
    again = run_cli("hook", "install", cwd=pushed)
    assert again.returncode == 0 and again.stdout.strip().endswith("pre-push: unchanged")
    other = run_cli("hook", "install", "--fail-on", "medium", cwd=pushed)
    assert other.returncode == 0 and other.stdout.strip().endswith("pre-push: updated")
    assert "--fail-on medium" in hook.read_text()


def test_git_push_is_stopped_by_a_new_high_finding_and_passes_clean_changes(pushed):
    repo = pushed
    write(repo, "app/util.py", PICKLE)  # Medium and Low: below the hook's High threshold
    clean = commit_all(repo, "clean")
    ok = push(repo, "main")
    assert ok.returncode == 0, ok.stderr
    assert remote_sha(repo, "main") == clean
    assert "B301" in ok.stdout + ok.stderr

    write(repo, "app/shell.py", SHELL_AGAIN)
    commit_all(repo, "vulnerable")
    stopped = push(repo, "main")
    assert stopped.returncode != 0
    output = stopped.stdout + stopped.stderr
    assert "push stopped" in output and "shell.py:9" in output and "B602" in output
    assert "failed to push" in output
    assert remote_sha(repo, "main") == clean  # the remote did not move

    # the work tree does not count: the hook scans the pushed commit's version of each file
    git(repo, "reset", "-q", "--hard", clean)
    write(repo, "app/shell.py", SHELL + "# a comment\n")
    commited = commit_all(repo, "comment")
    write(repo, "app/shell.py", SHELL_AGAIN)  # a High finding in the work tree, not pushed
    ok = push(repo, "main")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert remote_sha(repo, "main") == commited


def test_new_branch_is_compared_with_what_the_remote_has(pushed):
    repo = pushed
    git(repo, "checkout", "-q", "-b", "feature")
    write(repo, "app/util.py", PICKLE)
    commit_all(repo, "clean feature")
    ok = push(repo, "feature")
    assert ok.returncode == 0, ok.stderr
    git(repo, "checkout", "-q", "-b", "feature-2")
    write(repo, "app/shell.py", SHELL_AGAIN)
    commit_all(repo, "vulnerable feature")
    stopped = push(repo, "feature-2")
    assert stopped.returncode != 0
    output = stopped.stdout + stopped.stderr
    assert "shell.py:9" in output
    assert "shell.py:5 " not in output  # on the remote already
    # how to go on, in plain words
    assert "push stopped" in output and "git push --no-verify" in output and "--baseline" in output
    assert "1 new finding(s) at or above High" in output
    assert "parent of the oldest commit" not in output and "what origin already has" in output
    assert remote_sha(repo, "feature-2") == ""
    # deleting a remote branch scans nothing and is never stopped
    deleted = push(repo, "--delete", "feature")
    assert deleted.returncode == 0, deleted.stderr


def test_a_foreign_hook_is_never_overwritten_without_force(pushed):
    hook = pushed / ".git" / "hooks" / "pre-push"
    assert run_cli("hook", "uninstall", cwd=pushed).stdout.strip().endswith("pre-push: removed")
    assert not hook.exists()
    hook.write_text("#!/bin/sh\necho mine\n")
    refused = run_cli("hook", "install", cwd=pushed)
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "not secscan's" in refused.stderr and "--force" in refused.stderr
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert run_cli("hook", "uninstall", cwd=pushed).returncode == 2
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    forced = run_cli("hook", "install", "--force", cwd=pushed)
    assert forced.returncode == 0, forced.stderr
    assert (hook.parent / "pre-push.secscan-backup").read_text() == "#!/bin/sh\necho mine\n"
    assert "# secscan-hook: pre-push" in hook.read_text()


def test_hook_commands_outside_a_repository_are_one_line_errors(tmp_path):
    env = {"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    for args in (["hook", "install"], ["hook", "run"]):
        result = run_cli(*args, cwd=tmp_path, env=env)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and "not a git repository" in result.stderr


@pytest.mark.parametrize("setting, fast", [(None, True), ("false", False)])
def test_the_hook_runs_semgreps_fast_command_line_unless_told_not_to(tmp_path, setting, fast):
    """A developer waits for the hook: it runs `semgrep --experimental` by default (same reports,
    tests/test_semgrep_engine.py), and SECSCAN_SEMGREP_EXPERIMENTAL=false keeps the Python one."""
    repo = make_repo(tmp_path / "project")
    write(repo, "app/shell.py", "x = 1\n")
    base = commit_all(repo, "base")
    write(repo, "app/shell.py", SHELL_AGAIN)
    head = commit_all(repo, "change")
    env = {**FAST, "SECSCAN_ANALYZERS": "semgrep,bandit", "SECURE_LOG_LEVEL": "debug",
           "PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head}  # fmt: skip
    if setting is not None:
        env["SECSCAN_SEMGREP_EXPERIMENTAL"] = setting
    proc = run_cli("hook", "run", str(repo), env=env)
    assert proc.returncode == 1, proc.stderr  # the new High finding stops the push either way
    runs = [line for line in proc.stderr.splitlines() if "semgrep: running" in line]
    assert runs, proc.stderr
    assert all(("--experimental" in line) is fast for line in runs)


def test_first_push_of_an_existing_project_shows_findings_but_is_not_stopped(tmp_path):
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = make_repo(tmp_path / "project")
    write(repo, "app/shell.py", SHELL)  # a High finding the project has had all along
    head = commit_all(repo, "years of history")
    git(repo, "remote", "add", "origin", str(remote))
    assert run_cli("hook", "install", cwd=repo).returncode == 0
    first = push(repo, "main")
    output = first.stdout + first.stderr
    assert first.returncode == 0, output
    assert remote_sha(repo, "main") == head
    assert "B602" in output and "first push" in output and "push not stopped" in output
    assert "baseline" in output


def test_a_baseline_leaves_known_findings_out_of_the_hook(pushed):
    repo = pushed
    write(repo, "app/shell.py", SHELL_AGAIN)
    commit_all(repo, "vulnerable")
    baseline = repo.parent / "baseline.json"
    made = run_cli("sast", str(repo), "-o", str(baseline), cwd=repo, env=FAST)
    assert made.returncode == 0, made.stderr
    assert run_cli("hook", "install", "--baseline", str(baseline), cwd=repo).returncode == 0
    passed = push(repo, "main")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "already in it were left out" in passed.stdout + passed.stderr


def test_uninstall_after_install_force_restores_the_backed_up_hook(pushed):
    hook = pushed / ".git" / "hooks" / "pre-push"
    assert run_cli("hook", "uninstall", cwd=pushed).returncode == 0
    hook.write_text("#!/bin/sh\necho mine\n")
    assert run_cli("hook", "install", "--force", cwd=pushed).returncode == 0
    removed = run_cli("hook", "uninstall", cwd=pushed)
    assert removed.returncode == 0, removed.stderr
    assert "restored" in removed.stdout
    assert hook.read_text() == "#!/bin/sh\necho mine\n"
    assert not (hook.parent / "pre-push.secscan-backup").exists()
