"""A pre-push diff scan of 5 changed files in the Django source tree.

Usage:
    python benchmarks/bench_diff_scan.py [--tree DIR] [--repeat N] [--changed N] [--profile]

Without --tree, the Django source is fetched once with
``pip download --no-deps --no-binary :all: django`` into ~/.cache/secscan-bench (bench_rules.py's
helper). The tree is copied into a temporary git repository and committed; then --changed files
(default 5) each get a new function with a High finding (``subprocess`` with ``shell=True``) and
are committed. Timed, each the median of --repeat runs, as the pre-push hook runs them
(``secscan hook run`` with pre-commit's PRE_COMMIT_FROM_REF/PRE_COMMIT_TO_REF):

- no cache (SECSCAN_NO_CACHE=true): every scanner runs on the changed files at the head and on
  the same files at the merge-base;
- base cached: with the result cache that a full scan of the base filled (copied afresh for each
  run), so the base versions come from the cache and only the pushed versions are scanned.

Each with semgrep's Python command line (the default) and with its OCaml one
(``SECSCAN_SEMGREP_EXPERIMENTAL=true``: ``semgrep --experimental``, the same results without the
Python start-up and rule loading). Also a plain ``secscan sast`` of the same files (no diff) for
reference, and the new findings each run reported. With --profile, one cold hook run is profiled
in this process (cProfile, top functions by cumulative time). The issue's goal: at most 3 s wall
on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import django_tree, profile_cli  # noqa: E402  (one download helper for every benchmark)

NEW_FINDING = "\n\ndef _bench_diff_scan_run(cmd):\n    import subprocess\n    return subprocess.call(cmd, shell=True)\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def secscan(args: list[str], cwd: Path, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", *args], cwd=cwd, env=env, capture_output=True, text=True
    )
    return time.perf_counter() - start, proc


def make_repo(source: Path, repo: Path, changed: int) -> tuple[str, str, list[str]]:
    # as in Django's own repository, the package is a directory of the repository
    shutil.copytree(source, repo / source.name, ignore=shutil.ignore_patterns("__pycache__"))
    git(repo, "init", "-q", "-b", "main")
    for key, value in (("user.email", "bench@example.com"), ("user.name", "bench"), ("commit.gpgsign", "false")):
        git(repo, "config", key, value)
    (repo / ".gitignore").write_text(".secscan/\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "django")
    base = git(repo, "rev-parse", "HEAD")
    candidates = sorted(p for p in repo.rglob("*.py") if p.stat().st_size > 2000 and "/tests" not in str(p))
    chosen = candidates[:: max(1, len(candidates) // changed)][:changed]
    for path in chosen:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(NEW_FINDING)
    git(repo, "commit", "-q", "-am", f"{changed} files with a new finding")
    return base, git(repo, "rev-parse", "HEAD"), [str(p.relative_to(repo)) for p in chosen]


def new_findings(report: Path, proc: subprocess.CompletedProcess) -> list[str]:
    if not report.exists():
        sys.exit(f"no report written (exit {proc.returncode}): {proc.stderr[-2000:]}")
    data = json.loads(report.read_text())
    report.unlink()
    return sorted(
        f"{v['location']['file']}:{v['location']['start_line']} {v['identifiers'][0]['value']}"
        for v in data["vulnerabilities"]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="project to use (default: the Django source)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--changed", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="profile one cold hook run in this process")
    opts = parser.parse_args()
    source = (opts.tree or django_tree()).resolve()

    with tempfile.TemporaryDirectory(prefix="secscan-bench-diff-") as tmp:
        work = Path(tmp)
        repo = work / "repo"
        base, head, changed = make_repo(source, repo, opts.changed)
        files = sum(1 for _ in repo.rglob("*.py"))
        print(f"tree: {source} ({files} Python files), {os.cpu_count()} cores; changed: {', '.join(changed)}")
        env = {
            **os.environ, "SOURCE_DATE_EPOCH": "1700000000",
            "PRE_COMMIT_FROM_REF": base, "PRE_COMMIT_TO_REF": head,
        }  # fmt: skip
        hook = ["hook", "run", "-o", str(work / "hook.json")]
        rows: list[tuple[str, list[float]]] = []
        found: dict[str, list[str]] = {}

        def timed_hook(label: str, run_env: dict, prepare=None) -> None:
            times = []
            for i in range(opts.repeat):
                if prepare is not None:
                    prepare()
                elapsed, proc = secscan(hook, repo, run_env)
                if proc.returncode != 1:
                    sys.exit(
                        f"the hook should stop this push (exit 1), it exited {proc.returncode}: {proc.stderr[-2000:]}"
                    )
                found[label] = new_findings(work / "hook.json", proc)
                times.append(elapsed)
                print(f"{label}, run {i + 1}: {elapsed:.2f} s")
            rows.append((label, times))

        for engine, experimental in (("semgrep", "false"), ("osemgrep", "true")):
            engine_env = {**env, "SECSCAN_SEMGREP_EXPERIMENTAL": experimental}
            timed_hook(f"hook, no cache, {engine}", {**engine_env, "SECSCAN_NO_CACHE": "true"})

            # a project scanned before (CI or a developer's earlier scan): the base versions are in
            # the result cache, the pushed versions are not; every run starts from that cache
            filled = work / f"cache-{engine}"
            git(repo, "checkout", "-q", base)
            fill_time, _ = secscan(
                ["sast", ".", "-o", str(work / "full.json")], repo, {**engine_env, "SECSCAN_CACHE_DIR": str(filled)}
            )
            git(repo, "checkout", "-q", "main")
            print(f"(result cache filled by a full scan of the base: {fill_time:.1f} s, not counted)")
            run_cache = work / f"run-cache-{engine}"

            def fresh_cache(filled=filled, run_cache=run_cache) -> None:
                shutil.rmtree(run_cache, ignore_errors=True)
                shutil.copytree(filled, run_cache)

            timed_hook(f"hook, base cached, {engine}", {**engine_env, "SECSCAN_CACHE_DIR": str(run_cache)}, fresh_cache)

            plain_dir = work / "plain"
            for rel in changed:
                (plain_dir / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(repo / rel, plain_dir / rel)
            times = []
            for _ in range(opts.repeat):
                elapsed, proc = secscan(
                    ["sast", str(plain_dir), "-o", str(work / "plain.json")],
                    repo,
                    {**engine_env, "SECSCAN_NO_CACHE": "true"},
                )
                times.append(elapsed)
            rows.append((f"sast of the {len(changed)} files, no diff, no cache, {engine}", times))

        if opts.profile:
            profile_cli(["hook", "run"], {**env, "SECSCAN_NO_CACHE": "true"}, cwd=repo)

        print()
        for label, times in rows:
            print(f"{label:50s} {statistics.median(times):6.2f} s  (median of {', '.join(f'{t:.2f}' for t in times)})")
        print("goal: hook run at most 3 s")
        for label, listed in found.items():
            print(f"new findings ({label}): {len(listed)}: {'; '.join(listed)}")


if __name__ == "__main__":
    main()
