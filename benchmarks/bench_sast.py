"""Time `secscan sast` against running semgrep (same rules) and bandit back to back on one tree.

Usage:
    python benchmarks/bench_sast.py [--tree DIR] [--repeat N]

Without --tree, a tree is assembled from packages of this Python's standard library (no test
directories, so every tool scans the same files). Prints each tool's median wall time, secscan's
median, the ratio secscan / (semgrep + bandit), and the finding counts as a sanity check.
The Foundation goal: with two analyzers on two cores, the ratio is at most 0.65.
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

STDLIB_PACKAGES = (
    "asyncio",
    "concurrent",
    "email",
    "encodings",
    "html",
    "http",
    "importlib",
    "json",
    "logging",
    "multiprocessing",
    "urllib",
    "wsgiref",
    "xml",
    "xmlrpc",
    "zoneinfo",
)


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def build_tree(dest: Path) -> Path:
    stdlib = Path(shutil.__file__).parent
    for package in STDLIB_PACKAGES:
        if (stdlib / package).is_dir():
            shutil.copytree(
                stdlib / package, dest / package, ignore=shutil.ignore_patterns("__pycache__", "test", "tests")
            )
    for module in (
        "subprocess.py",
        "tempfile.py",
        "pickle.py",
        "shutil.py",
        "tarfile.py",
        "zipfile.py" if (stdlib / "zipfile.py").exists() else "os.py",
    ):
        shutil.copy(stdlib / module, dest / module)
    return dest


def timed(args: list[str], cwd: Path, env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, env=env)
    return time.perf_counter() - start, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="project to scan (default: a copy of stdlib packages)")
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()

    from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES

    with tempfile.TemporaryDirectory(prefix="secscan-bench-") as tmp:
        tmp_path = Path(tmp)
        tree = opts.tree.resolve() if opts.tree else build_tree(tmp_path / "tree")
        files = sum(1 for _ in tree.rglob("*.py"))
        lines = sum(p.read_bytes().count(b"\n") for p in tree.rglob("*.py"))
        env = dict(os.environ, SAST_EXCLUDED_PATHS="", SEMGREP_ENABLE_VERSION_CHECK="0")
        semgrep_cmd = [
            tool("semgrep"),
            "scan",
            "--config",
            str(BUNDLED_RULES),
            "--json",
            "--metrics=off",
            "--disable-version-check",
            "--no-rewrite-rule-ids",
            "--quiet",
            ".",
        ]
        bandit_cmd = [tool("bandit"), "-r", "-f", "json", "-q", "."]
        secscan_cmd = [tool("secscan"), "sast", str(tree), "-o", str(tmp_path / "gl-sast-report.json")]

        print(f"tree: {tree} ({files} Python files, {lines} lines), cores: {os.cpu_count()}, repeat: {opts.repeat}")
        times: dict[str, list[float]] = {"semgrep": [], "bandit": [], "secscan": []}
        counts: dict[str, int] = {}
        for _ in range(opts.repeat):
            t, proc = timed(semgrep_cmd, tree, env)
            times["semgrep"].append(t)
            counts["semgrep"] = len(json.loads(proc.stdout)["results"])
            t, proc = timed(bandit_cmd, tree, env)
            times["bandit"].append(t)
            counts["bandit"] = len(json.loads(proc.stdout)["results"])
            t, proc = timed(secscan_cmd, tree, env)
            if proc.returncode != 0:
                sys.exit(f"secscan failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
            times["secscan"].append(t)
            report = json.loads((tmp_path / "gl-sast-report.json").read_text())
            counts["secscan"] = len(report["vulnerabilities"])

        med = {k: statistics.median(v) for k, v in times.items()}
        back_to_back = med["semgrep"] + med["bandit"]
        # each repeat runs the three commands back to back, so a per-repeat ratio compares runs
        # made under the same machine load; the median of those is robust to a noisy neighbour
        ratios = [s / (a + b) for s, a, b in zip(times["secscan"], times["semgrep"], times["bandit"])]
        print(f"semgrep alone:      {med['semgrep']:7.2f} s  ({counts['semgrep']} findings)")
        print(f"bandit alone:       {med['bandit']:7.2f} s  ({counts['bandit']} findings)")
        print(f"back to back:       {back_to_back:7.2f} s  ({counts['semgrep'] + counts['bandit']} findings)")
        print(f"secscan sast:       {med['secscan']:7.2f} s  ({counts['secscan']} findings)")
        print(f"ratio of medians, secscan / back-to-back: {med['secscan'] / back_to_back:.2f}")
        print(f"per-repeat ratios: {' '.join(f'{r:.2f}' for r in ratios)}")
        print(f"median per-repeat ratio: {statistics.median(ratios):.2f}  (goal <= 0.65)")


if __name__ == "__main__":
    main()
