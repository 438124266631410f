"""Score a secscan report against labelled test cases: true-positive rate minus false-positive rate per CWE.

Usage:
    python benchmarks/bench_precision.py --cases DIR --expected FILE.csv [--report REPORT] [--analyzers IDS]

``FILE.csv`` uses the OWASP Benchmark's expected-results format, one test case per line:
``<test name>,<category>,<true|false>,<cwe>`` (lines starting with ``#`` are comments). A test case
is the file whose name starts with the test name. A case counts as flagged when the report has a
finding in that file carrying that CWE. Without --report, ``secscan sast DIR`` is run first.

Prints, per category: cases, TPR, FPR and score (TPR - FPR), then the average score: the number the
rule-pack issue measures (bandit alone scores 0.07-0.15 on such projects; the goal is above 0.5
for Python, no category below 0.2).
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath


def load_expected(path: Path) -> list[tuple[str, str, bool, str]]:
    cases = []
    with path.open(newline="") as fh:
        for row in csv.reader(fh):
            if not row or row[0].lstrip().startswith("#") or len(row) < 4:
                continue
            cases.append((row[0].strip(), row[1].strip(), row[2].strip().lower() == "true", row[3].strip()))
    return cases


def flagged_cwes(report: dict) -> dict[str, set[str]]:
    """Test-file stem -> CWE numbers reported in it."""
    found: dict[str, set[str]] = collections.defaultdict(set)
    for vuln in report.get("vulnerabilities", []):
        stem = PurePosixPath(vuln["location"]["file"]).stem
        for ident in vuln.get("identifiers", []):
            if ident.get("type") == "cwe":
                found[stem].add(str(ident["value"]))
    return found


def score(cases, found: dict[str, set[str]]) -> dict[str, dict]:
    table: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for name, category, real, cwe in cases:
        hit = cwe in found.get(name, set())
        table[category]["tp" if real and hit else "fn" if real else "fp" if hit else "tn"] += 1
    out = {}
    for category, c in sorted(table.items()):
        tpr = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        fpr = c["fp"] / (c["fp"] + c["tn"]) if c["fp"] + c["tn"] else 0.0
        out[category] = {"cases": sum(c.values()), "tpr": tpr, "fpr": fpr, "score": tpr - fpr}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=Path, required=True)
    parser.add_argument("--expected", type=Path, required=True)
    parser.add_argument("--report", type=Path, help="an existing report (default: run secscan sast on --cases)")
    parser.add_argument("--analyzers", help="analyzers to run (default: all)")
    args = parser.parse_args()

    report_path = args.report
    if report_path is None:
        report_path = Path(tempfile.mkdtemp()) / "gl-sast-report.json"
        command = [
            sys.executable,
            "-m",
            "secscan.cli.main",
            "sast",
            str(args.cases),
            "-o",
            str(report_path),
            "--excluded-paths",
            "",
        ]
        if args.analyzers:
            command += ["--analyzers", args.analyzers]
        proc = subprocess.run(command, capture_output=True, text=True)
        if proc.returncode not in (0, 1, 3) or not report_path.exists():
            sys.exit(f"secscan sast failed ({proc.returncode}): {proc.stderr[-2000:]}")
        if proc.returncode == 3:
            print("warning: an analyzer failed; scoring the findings of the others", file=sys.stderr)
    results = score(load_expected(args.expected), flagged_cwes(json.loads(report_path.read_text())))
    print(f"{'category':<18}{'cases':>6}{'TPR':>8}{'FPR':>8}{'score':>8}")
    for category, r in results.items():
        print(f"{category:<18}{r['cases']:>6}{r['tpr']:>8.2f}{r['fpr']:>8.2f}{r['score']:>8.2f}")
    average = sum(r["score"] for r in results.values()) / max(len(results), 1)
    print(f"{'average':<18}{sum(r['cases'] for r in results.values()):>6}{'':>16}{average:>8.2f}")


if __name__ == "__main__":
    main()
