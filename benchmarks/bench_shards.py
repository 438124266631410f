"""N shards run one after another versus one full scan, on the Django source tree.

Usage:
    python benchmarks/bench_shards.py [--tree DIR] [--shards N]

Without --tree, the Django source is fetched once with
``pip download --no-deps --no-binary :all: django`` into ~/.cache/secscan-bench (bench_rules.py's
helper). Every scan runs without the result cache (--no-cache), once with semgrep's Python
command line (the default) and once with its OCaml one (SECSCAN_SEMGREP_EXPERIMENTAL=true). Prints
the full scan's wall time, each shard's, their sum, the ratio sum / full (the issue's goal: at most
1.3 with 4 shards), how many findings each shard had, the CPU time (user + system, load-independent)
of each, and whether ``secscan report merge`` of the shard reports has exactly the full report's
findings and primary identifiers (SOURCE_DATE_EPOCH is set).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_rules import django_tree  # noqa: E402  (one download helper for every benchmark)

CPU: list[float] = [0.0]  #: CPU seconds (user + system) of the last secscan run and its scanners


def secscan(*args: str, env: dict) -> tuple[float, subprocess.CompletedProcess]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "secscan.cli.main", *args], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"secscan {' '.join(args[:2])} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return elapsed, proc


def analyzer_times(stdout: str) -> str:
    """The per-analyzer times of the summary table (``bandit 12.3s``)."""
    rows = re.findall(r"│ (\w+)\s+│ [^│]*│\s+(\d+) │ \w+\s+│\s+([\d.]+s) │", stdout)
    return ", ".join(f"{name} {files} files {took}" for name, files, took in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="project to scan (default: the Django source)")
    parser.add_argument("--shards", type=int, default=4)
    opts = parser.parse_args()
    source = (opts.tree or django_tree()).resolve()

    with tempfile.TemporaryDirectory(prefix="secscan-bench-shards-") as tmp:
        work = Path(tmp)
        tree = work / "tree"
        shutil.copytree(source, tree, ignore=shutil.ignore_patterns("__pycache__"))
        print(f"tree: {source} ({sum(1 for _ in tree.rglob('*.py'))} Python files), {os.cpu_count()} cores")
        summary = []
        for engine, experimental in (("semgrep", "false"), ("osemgrep", "true")):
            env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "SECSCAN_NO_CACHE": "true",
                   "SECSCAN_SEMGREP_EXPERIMENTAL": experimental}  # fmt: skip
            print(f"-- {engine}")
            full_time, proc = secscan("sast", str(tree), "-o", str(work / "full.json"), env=env)
            full_cpu = CPU[0]
            print(f"full scan: {full_time:.2f} s, CPU {full_cpu:.1f} s  ({analyzer_times(proc.stdout)})")
            shard_cpu = 0.0
            shard_times = []
            paths = []
            for k in range(1, opts.shards + 1):
                path = work / f"shard-{k}.json"
                elapsed, proc = secscan("sast", str(tree), "--shard", f"{k}/{opts.shards}", "-o", str(path), env=env)
                shard_times.append(elapsed)
                shard_cpu += CPU[0]
                paths.append(str(path))
                count = len(json.loads(path.read_text())["vulnerabilities"])
                print(
                    f"shard {k}/{opts.shards}: {elapsed:.2f} s, CPU {CPU[0]:.1f} s, {count} findings  "
                    f"({analyzer_times(proc.stdout)})"
                )
            secscan("report", "merge", *paths, "-o", str(work / "merged.json"), env=env)
            full = json.loads((work / "full.json").read_text())
            merged = json.loads((work / "merged.json").read_text())
            same = full["vulnerabilities"] == merged["vulnerabilities"]
            same_ids = full["scan"]["primary_identifiers"] == merged["scan"]["primary_identifiers"]
            summary.append(
                (engine, full_time, shard_times, len(full["vulnerabilities"]), same, same_ids, full_cpu, shard_cpu)
            )

        print()
        for engine, full_time, shard_times, findings, same, same_ids, full_cpu, shard_cpu in summary:
            total = sum(shard_times)
            print(f"{engine}:")
            print(f"  full scan:                 {full_time:7.2f} s  ({findings} findings)")
            print(
                f"  {len(shard_times)} shards one after another: {total:7.2f} s  "
                f"(slowest shard {max(shard_times):.2f} s)"
            )
            print(f"  ratio shards / full:       {total / full_time:7.2f}  (goal: at most 1.3)")
            print(
                f"  CPU (user+system) full {full_cpu:.1f} s, shards {shard_cpu:.1f} s: ratio {shard_cpu / full_cpu:.2f}"
            )
            print(f"  merged shards == full: findings {same}, primary identifiers {same_ids}")


if __name__ == "__main__":
    main()
