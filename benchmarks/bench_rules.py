"""Rules x time and noise of the bundled rule pack on an ordinary codebase (Django by default).

Usage:
    python benchmarks/bench_rules.py [--tree DIR] [--rules DIR] [--baseline-rev REV] [--top N]

Without --tree, the Django source is fetched once with
``pip download --no-deps --no-binary :all: django`` into ~/.cache/secscan-bench and unpacked.
It prints, for the pack under --rules (default: the bundled pack):

* semgrep's time to load every rule and to match, and the slowest rules by summed match time
  (semgrep --time, every rule of the pack, those left to pyflow included);
* a full ``secscan sast`` of the tree: wall time, findings per 1000 lines of code, the rules with
  the most findings (the noise review);

With --baseline-rev (a git revision of this repository, e.g. the Foundation commit), the same full
scan with the pack as it was at that revision and without pyflow (the Foundation's analyzers) is
timed too, and the ratio new / baseline is printed.
The rule-pack issue's goal: a full scan of the Django source under 2 x the starter pack's time.
"""

from __future__ import annotations

import argparse
import collections
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACK = REPO / "src" / "secscan" / "analyzers" / "semgrep" / "rules"
PACK_IN_GIT = "src/secscan/analyzers/semgrep/rules"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "secscan-bench"
CODE_SUFFIXES = {".py", ".js", ".ts", ".go", ".java", ".c", ".h", ".cpp", ".cs", ".rb", ".php"}


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def django_tree() -> Path:
    unpacked = sorted(CACHE.glob("django-*/django"))
    if unpacked:
        return unpacked[-1]
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:", "django", "-d", str(CACHE)],
        check=True,
        capture_output=True,
    )
    archive = sorted(CACHE.glob("[Dd]jango-*.tar.gz"))[-1]
    with tarfile.open(archive) as tar:
        tar.extractall(CACHE, filter="data")
    return sorted(CACHE.glob("django-*/django"))[-1]


def profile_cli(args: list[str], env: dict, cwd: Path | None = None, top: int = 30) -> None:
    """Run ``secscan ARGS`` in this process under cProfile (with ``env`` and in ``cwd``) and
    print the ``top`` functions by cumulative time (for the benchmarks' --profile)."""
    import cProfile
    import pstats

    from secscan.cli.main import cli

    saved, before = dict(os.environ), os.getcwd()
    os.environ.update(env)
    if cwd is not None:
        os.chdir(cwd)
    profiler = cProfile.Profile()
    try:
        profiler.enable()
        try:
            cli.main(args, prog_name="secscan", standalone_mode=False)
        except SystemExit:
            pass
        profiler.disable()
    finally:
        os.chdir(before)
        os.environ.clear()
        os.environ.update(saved)
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(top)
    print(text.getvalue())


def lines_of_code(tree: Path) -> int:
    total = 0
    for path in tree.rglob("*"):
        if path.suffix in CODE_SUFFIXES and path.is_file():
            with open(path, "rb") as fh:
                total += sum(1 for _ in fh)
    return total


def pack_at(rev: str, dest: Path) -> Path:
    """The rule pack as it was at a git revision, extracted into ``dest``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, PACK_IN_GIT], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest / PACK_IN_GIT


def semgrep(rules: Path, tree: Path, timing: bool) -> tuple[float, dict]:
    args = [
        tool("semgrep"),
        "scan",
        "--config",
        str(rules),
        "--json",
        "--metrics=off",
        "--disable-version-check",
        "--no-rewrite-rule-ids",
        "--quiet",
        "--jobs",
        str(os.cpu_count() or 1),
    ]
    if timing:
        args.append("--time")
    start = time.monotonic()
    proc = subprocess.run([*args, str(tree)], capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"semgrep failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, json.loads(proc.stdout)


def rule_times(doc: dict) -> dict[str, float]:
    timing = doc.get("time") or {}
    rules = [r.get("id") if isinstance(r, dict) else r for r in timing.get("rules", [])]
    totals: dict[str, float] = collections.defaultdict(float)
    for target in timing.get("targets", []):
        for rule_id, seconds in zip(rules, target.get("match_times") or []):
            if isinstance(seconds, (int, float)) and seconds > 0:
                totals[rule_id] += seconds
    return totals


def secscan_sast(tree: Path, out: Path, env: dict | None = None, *extra: str) -> tuple[float, dict]:
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", "sast", str(tree), "-o", str(out), *extra],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    elapsed = time.monotonic() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"secscan sast failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, json.loads(out.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tree", type=Path, help="tree to scan (default: the Django source)")
    parser.add_argument("--rules", type=Path, default=PACK, help="rule pack (default: the bundled one)")
    parser.add_argument("--baseline-rev", help="git revision whose rule pack is the baseline")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    tree = (args.tree or django_tree()).resolve()
    loc = lines_of_code(tree)
    print(f"tree: {tree} ({loc} lines of code)")

    _, timed = semgrep(args.rules, tree, timing=True)
    profile = (timed.get("time") or {}).get("profiling_times") or {}
    print(
        f"\nsemgrep with every rule of {args.rules}: loading the rules {profile.get('config_time', 0):.1f}s, "
        f"matching {profile.get('core_time', 0):.1f}s"
    )
    print("slowest rules (summed match time over all files, semgrep --time):")
    for rule_id, seconds in sorted(rule_times(timed).items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {seconds:8.2f}s  {rule_id}")

    with tempfile.TemporaryDirectory() as tmp:
        env = {"SECSCAN_SEMGREP_RULES": str(args.rules)}
        elapsed, report = secscan_sast(tree, Path(tmp) / "new.json", env)
        vulns = report["vulnerabilities"]
        print(
            f"\nsecscan sast (every analyzer): {elapsed:.1f}s wall, {len(vulns)} findings, "
            f"{1000 * len(vulns) / max(loc, 1):.3f} per 1000 lines of code"
        )
        semgrep_found = [v for v in vulns if v["scanner"]["id"] == "semgrep"]
        pyflow_found = [v for v in vulns if v["scanner"]["id"] == "pyflow"]
        print(
            f"  semgrep pack: {len(semgrep_found)} findings "
            f"({1000 * len(semgrep_found) / max(loc, 1):.3f} per 1000 lines); "
            f"pyflow: {len(pyflow_found)}"
        )
        print("  rules with the most findings:")
        counts = collections.Counter(f"{v['scanner']['id']}:{v['identifiers'][0]['value']}" for v in vulns)
        for rule_id, count in counts.most_common(args.top):
            print(f"  {count:6d}  {rule_id}")
        if args.baseline_rev:
            baseline = pack_at(args.baseline_rev, Path(tmp) / "baseline")
            base_elapsed, base_report = secscan_sast(
                tree, Path(tmp) / "base.json", {"SECSCAN_SEMGREP_RULES": str(baseline)}, "--exclude-analyzers", "pyflow"
            )
            print(
                f"\nbaseline: secscan sast with the pack at {args.baseline_rev} and no pyflow: "
                f"{base_elapsed:.1f}s wall, "
                f"{len(base_report['vulnerabilities'])} findings"
            )
            print(f"ratio new / baseline: {elapsed / base_elapsed:.2f} (goal: under 2)")


if __name__ == "__main__":
    main()
