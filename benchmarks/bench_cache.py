"""Cold scan versus warm rescan with the result cache, on the Django source tree.

Usage:
    python benchmarks/bench_cache.py [--tree DIR] [--repeat N] [--changed N] [--profile]

Without --tree, the Django source is fetched once with
``pip download --no-deps --no-binary :all: django`` into ~/.cache/secscan-bench (the helper of
bench_rules.py) and copied to a temporary directory, with the cache in another one. It prints the
wall time of ``secscan sast`` without the cache (--no-cache), with an empty cache (cold: every
scanner runs and the results are stored), with a full cache and the tree unchanged (warm, the
median of --repeat runs) and after N files were edited (--changed; default 10); the ratio
warm / cold; and whether each report is byte-identical to the cold one (SOURCE_DATE_EPOCH is set).
With --profile, a warm scan also runs in this process under cProfile and its top functions are
printed. The issue's goal: warm at most 0.1 x cold.
"""

from __future__ import annotations

import argparse
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


def sast(tree: Path, out: Path, env: dict, *extra: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", "sast", str(tree), "-o", str(out), *extra],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"secscan sast exited {proc.returncode}: {proc.stderr[-2000:]}")
    summary = [line for line in proc.stdout.splitlines() if line.startswith("info: result cache")]
    if summary:
        print(f"    {summary[0][6:]}")
    return elapsed, out.read_bytes()


def edit(tree: Path, count: int) -> list[str]:
    """Append a harmless line to ``count`` Python files spread over the tree."""
    files = sorted(p for p in tree.rglob("*.py") if p.stat().st_size > 0)
    chosen = files[:: max(1, len(files) // count)][:count]
    for path in chosen:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write("\n# edited by bench_cache\n")
    return [str(p.relative_to(tree)) for p in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, help="project to scan (default: the Django source)")
    parser.add_argument("--repeat", type=int, default=3, help="warm runs (the median is printed)")
    parser.add_argument("--changed", type=int, default=10, help="files edited before the last rescan")
    parser.add_argument("--profile", action="store_true", help="profile one warm scan in this process")
    opts = parser.parse_args()
    source = (opts.tree or django_tree()).resolve()

    with tempfile.TemporaryDirectory(prefix="secscan-bench-cache-") as tmp:
        work = Path(tmp)
        tree = work / "tree"
        shutil.copytree(source, tree, ignore=shutil.ignore_patterns("__pycache__"))
        python_files = sum(1 for _ in tree.rglob("*.py"))
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "SECSCAN_CACHE_DIR": str(work / "cache")}
        env.pop("SECSCAN_NO_CACHE", None)
        print(f"tree: {source} ({python_files} Python files), {os.cpu_count()} cores")

        print("no cache (--no-cache):")
        nocache, nocache_report = sast(tree, work / "nocache.json", env, "--no-cache")
        print("cold (empty cache):")
        cold, cold_report = sast(tree, work / "cold.json", env)
        warm_times = []
        identical = True
        for i in range(opts.repeat):
            print(f"warm {i + 1} (unchanged tree):")
            elapsed, report = sast(tree, work / f"warm{i}.json", env)
            warm_times.append(elapsed)
            identical = identical and report == cold_report
        warm = statistics.median(warm_times)
        if opts.profile:
            profile_cli(["sast", str(tree), "-o", str(work / "profiled.json")], env, top=35)
        changed = edit(tree, opts.changed)
        print(f"after editing {len(changed)} files:")
        edited, _ = sast(tree, work / "edited.json", env)
        print("edited tree without cache (reference for the report):")
        _, edited_reference = sast(tree, work / "edited-nocache.json", env, "--no-cache")
        edited_identical = (work / "edited.json").read_bytes() == edited_reference
        size = sum(p.stat().st_size for p in (work / "cache").rglob("*") if p.is_file())

        print()
        print(f"no cache:             {nocache:7.2f} s")
        print(f"cold (fill cache):    {cold:7.2f} s  ({cold / nocache:.2f} x no cache)")
        print(f"warm (unchanged):     {warm:7.2f} s  median of {', '.join(f'{t:.2f}' for t in warm_times)}")
        print(f"warm / cold:          {warm / cold:7.3f}  (goal: at most 0.1)")
        print(f"{len(changed)} files edited:      {edited:7.2f} s")
        print(f"cache size:           {size / 1024 / 1024:7.1f} MB")
        print(f"cold report == no-cache report:       {nocache_report == cold_report}")
        print(f"warm reports == cold report:          {identical}")
        print(f"edited rescan == edited --no-cache:   {edited_identical}")


if __name__ == "__main__":
    main()
