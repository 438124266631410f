"""The Docker runner's cost: `secscan sast` with the scanners local versus in containers.

Usage:
    python benchmarks/bench_docker.py --image IMAGE [--tree DIR] [--repeat N]

IMAGE is an image built from the repository's Dockerfile (``docker build -t secscan .``; the
tests build ``secscan-test/secscan:<hash>`` offline). Without --tree the bundled demo project and
the Django source tree (fetched once, see bench_rules.py) are scanned. For each tree it prints the
median wall time of --repeat scans with SECSCAN_RUNNER=local and =docker (result cache off), the
difference per container started, and whether both runners wrote the same findings.
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
from bench_rules import django_tree  # noqa: E402  (one download helper for every benchmark)

REPO = Path(__file__).resolve().parents[1]


def sast(tree: Path, out: Path, env: dict) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "secscan.cli.main", "sast", str(tree), "-o", str(out)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"secscan sast exited {proc.returncode}: {proc.stderr[-2000:]}")
    return elapsed, json.loads(out.read_text())


def containers_started(report: dict) -> int:
    return sum(1 for m in report["scan"]["messages"] if "scanner ran in docker image" in m["value"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--image", required=True, help="image built from the Dockerfile")
    parser.add_argument("--tree", type=Path, action="append", help="tree to scan (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    trees = args.tree or [REPO / "examples" / "demo-app", django_tree()]
    base = {**os.environ, "SECSCAN_NO_CACHE": "true", "SOURCE_DATE_EPOCH": "1700000000"}
    print(f"{'tree':<28} {'local s':>8} {'docker s':>9} {'ratio':>6}  same findings")
    for source in trees:
        with tempfile.TemporaryDirectory(prefix="bench-docker-") as tmp:
            tree = Path(tmp) / source.name
            shutil.copytree(source, tree, ignore=shutil.ignore_patterns("gl-*-report.json", ".secscan"))
            os.chmod(tmp, 0o755)  # the containers' user reads the tree
            times: dict[str, list[float]] = {"local": [], "docker": []}
            reports: dict[str, dict] = {}
            for _ in range(args.repeat):
                for runner in ("local", "docker"):
                    env = {**base, "SECSCAN_RUNNER": runner, "SECSCAN_DOCKER_IMAGE": args.image}
                    elapsed, reports[runner] = sast(tree, Path(tmp) / f"{runner}.json", env)
                    times[runner].append(elapsed)
            local, docker = statistics.median(times["local"]), statistics.median(times["docker"])
            same = reports["local"]["vulnerabilities"] == reports["docker"]["vulnerabilities"]
            print(f"{source.name:<28} {local:8.1f} {docker:9.1f} {docker / local:6.2f}  {same}"
                  f"  ({len(reports['local']['vulnerabilities'])} findings, "
                  f"{containers_started(reports['docker'])} analyzers in containers)")  # fmt: skip


if __name__ == "__main__":
    main()
