"""Ingest a generated 100,000-finding SAST report into SQLite and PostgreSQL; print time and peak memory.

    python benchmarks/bench_ingest.py [--findings N] [--postgres URL]

The report is deterministic (seeded): findings spread over 500 files and 300 rules, each with
three identifiers and three tracking signatures, like a semgrep report of a large monorepo.
Each measurement runs in a fresh process so its peak RSS is its own:

- ``cold``: the first ingest into an empty database (every finding a new vulnerability);
- ``again``: the same findings from the next pipeline (every finding matched to its vulnerability).

PostgreSQL is measured when ``--postgres`` (or ``SECSCAN_BENCH_POSTGRES_URL``) gives a server
URL; a fresh database is created on it. The goal from the issue: under 20 s on SQLite for
100,000 findings on a 2-core machine, memory bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

SCHEMA = (
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.2.1/dist/sast-report-format.json"
)
TOOL = {"id": "semgrep", "name": "Semgrep", "version": "1.0.0", "vendor": {"name": "GitLab"}}
SEVERITIES = ["Critical", "High", "Medium", "Low", "Info"]


def generate(n: int, path: Path, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('{{"version":"15.2.1","schema":{},"scan":{},"vulnerabilities":['.format(
            json.dumps(SCHEMA),
            json.dumps({"analyzer": TOOL, "scanner": TOOL, "type": "sast", "start_time": "2026-01-01T00:00:00",
                        "end_time": "2026-01-01T00:10:00", "status": "success"}),
        ))  # fmt: skip
        for i in range(n):
            file, line, rule = f"src/pkg{i % 500}/module{i % 37}.py", (i * 7) % 4000 + 1, f"python.rule-{i % 300}"
            vuln = {
                "id": str(uuid.UUID(int=i)),
                "category": "sast",
                "name": f"Rule {i % 300} finding",
                "description": "What went wrong, why it matters and how to fix it. " * 5,
                "severity": rnd.choice(SEVERITIES),
                "scanner": {"id": "semgrep", "name": "Semgrep"},
                "location": {"file": file, "start_line": line, "end_line": line + 1},
                "identifiers": [
                    {"type": "semgrep_id", "name": rule, "value": rule},
                    {
                        "type": "cwe",
                        "name": "CWE-89",
                        "value": "89",
                        "url": "https://cwe.mitre.org/data/definitions/89.html",
                    },
                    {"type": "owasp", "name": "A03:2021 - Injection", "value": "A03:2021"},
                ],
                "tracking": {
                    "type": "source",
                    "items": [
                        {
                            "file": file,
                            "line_start": line,
                            "line_end": line + 1,
                            "signatures": [
                                {"algorithm": "scope_offset", "value": f"{file}|function_{i}[0]:3"},
                                {"algorithm": "location", "value": f"{file}:{line}:{line + 1}"},
                                {"algorithm": "hash", "value": f"{i:064x}"},
                            ],
                        }
                    ],
                },
            }
            out.write(("," if i else "") + json.dumps(vuln))
        out.write("]}\n")


def measure(url: str, report: Path, pipeline: str) -> dict:
    """Accept and ingest ``report`` in a fresh process; its wall times and peak RSS."""
    code = (
        f"""
import json, resource, sys, time
t0 = time.perf_counter()
from secscan.report.accept import accept_report
from secscan.store import IngestOptions, ingest, open_store
accepted = accept_report({str(report)!r})
t1 = time.perf_counter()
with open_store({url!r}) as store:
    result = ingest(store, [accepted], IngestOptions(project="bench", ref="main", """
        f"""pipeline={pipeline!r}, default_branch=True))
t2 = time.perf_counter()
print(json.dumps({{"read": t1 - t0, "store": t2 - t1, "new": result.new, "seen_again": result.seen_again,
                   "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    )
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    row = json.loads(proc.stdout)
    row["wall"] = time.perf_counter() - start
    return row


def postgres_database(admin_url: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"secscan_bench_{uuid.uuid4().hex[:8]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument(
        "--postgres", default=os.environ.get("SECSCAN_BENCH_POSTGRES_URL"), help="admin URL of a server"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "gl-sast-report.json"
        generate(args.findings, report)
        size = report.stat().st_size / 2**20
        print(f"report: {args.findings:,} findings, {size:.0f} MiB; {os.cpu_count()} CPUs")
        targets = [("sqlite", f"sqlite:///{Path(tmp) / 'vulns.db'}")]
        if args.postgres:
            targets.append(("postgresql", postgres_database(args.postgres)))
        else:
            print("postgresql: not measured (give --postgres URL or SECSCAN_BENCH_POSTGRES_URL)")
        for engine, url in targets:
            for label, pipeline in (("cold", "1"), ("again", "2")):
                r = measure(url, report, pipeline)
                print(
                    f"{engine:10} {label:5}: {r['wall']:6.1f} s wall (read+validate+parse {r['read']:5.1f} s, "
                    f"store {r['store']:5.1f} s), peak {r['peak_mib']:6.0f} MiB, "
                    f"{r['new']:,} new, {r['seen_again']:,} seen again"
                )


if __name__ == "__main__":
    main()
