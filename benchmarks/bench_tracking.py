"""Time `add_tracking` (tracking signatures from real parses) on N synthetic findings over real sources.

Usage:
    python benchmarks/bench_tracking.py [--findings 5000] [--files 500] [--repeat 3]

Sources: modules of this Python's standard library (ast) plus every source file of secscan's semgrep
rule pack (tree-sitter: C, C#, Go, Java, JavaScript, TypeScript, PHP, Ruby). Findings are spread
evenly over ``--files`` files at deterministic lines. Prints the median wall time, findings per
second and how many findings got each signature.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter
from pathlib import Path

from secscan.analyzers.semgrep.analyzer import BUNDLED_RULES
from secscan.common.engine.tracking import LANGUAGES, add_tracking
from secscan.report import Identifier, Location, ScannerRef, Vulnerability


def source_files(limit: int) -> tuple[Path, list[str]]:
    """(root, files relative to it): the rule pack's sources, then stdlib modules, ``limit`` in all.
    The root is ``/`` because the two trees live in different places."""
    stdlib = Path(json.__file__).parents[1]
    rules = sorted(p for p in BUNDLED_RULES.rglob("*") if p.suffix in LANGUAGES and p.is_file())
    python = sorted(p for p in stdlib.rglob("*.py") if "test" not in p.parts and "site-packages" not in p.parts)
    chosen = (rules + python)[:limit]
    return Path("/"), [str(p.resolve().relative_to("/")) for p in chosen]


def findings(root: Path, files: list[str], count: int) -> list[Vulnerability]:
    rng = random.Random(4)
    out = []
    for n in range(count):
        file = files[n % len(files)]
        lines = max(1, sum(1 for _ in (root / file).open("rb")))
        start = rng.randint(1, lines)
        out.append(
            Vulnerability(
                identifiers=(Identifier("semgrep_id", "bench", "bench"),),
                location=Location(file=file, start_line=start, end_line=min(lines, start + rng.randint(0, 2))),
                scanner=ScannerRef("semgrep", "Semgrep"),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()

    root, files = source_files(opts.files)
    vulns = findings(root, files, opts.findings)
    languages = Counter(Path(f).suffix for f in files)
    size = sum((root / f).stat().st_size for f in files)
    times = []
    for _ in range(opts.repeat):
        start = time.perf_counter()
        tracked = add_tracking(root, vulns)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    kinds = Counter(s.algorithm for v in tracked for s in v.tracking.items[0].signatures)
    print(f"files: {len(files)} ({size / 1e6:.1f} MB; {dict(sorted(languages.items()))})")
    print(f"findings: {len(vulns)}")
    print(f"add_tracking median of {opts.repeat}: {median:.2f} s  ({len(vulns) / median:,.0f} findings/s)")
    print(f"signatures: {dict(kinds)}")


if __name__ == "__main__":
    main()
