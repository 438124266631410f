"""``secscan sast --shard K/N`` and ``--include-paths``/``SAST_INCLUDED_PATHS``: the shard reports,
joined by ``secscan report merge``, are the unsharded report (real semgrep, bandit and pyflow)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from secscan.common import Config
from secscan.common.engine.registry import available
from secscan.common.engine.scope import Shard, parse_shard, shard_files
from secscan.common.engine.search import search

RULES = REPO / "src" / "secscan" / "analyzers" / "semgrep" / "rules"
SHARDS = 3


def make_project(root: Path) -> Path:
    """Python and JavaScript files of every kind of finding: the rule pack's annotated samples
    (found by semgrep, bandit and pyflow, some by several: cross-analyzer dedupe), the demo app,
    and a file with one used and one unused inline ignore."""
    for language, ext in (("python", ".py"), ("javascript", ".js")):
        for sample in sorted((RULES / language).glob(f"*{ext}")):
            dest = root / language / sample.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sample, dest)
    shutil.copytree(REPO / "examples" / "demo-app", root / "demo")
    (root / "ignores.py").write_text(
        "import subprocess\n\n\n"
        "def run(cmd):\n"
        "    subprocess.call(cmd, shell=True)  # secscan: ignore[B602] reviewed\n"
        "    subprocess.call(cmd, shell=True)  # secscan: ignore[B999] stale\n"
    )
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("shard-project"))


@pytest.fixture(scope="module")
def reports(project: Path, tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("shard-reports")
    result = run_cli("sast", str(project), "-o", str(out / "full.json"))
    assert result.returncode == 0, result.stderr
    shard_paths = []
    for k in range(1, SHARDS + 1):
        path = out / f"shard-{k}.json"
        result = run_cli("sast", str(project), "--shard", f"{k}/{SHARDS}", "-o", str(path))
        assert result.returncode == 0, result.stderr
        shard_paths.append(str(path))
    merged = run_cli("report", "merge", *shard_paths, "-o", str(out / "merged.json"))
    assert merged.returncode == 0, merged.stderr
    loaded = {
        "full": json.loads((out / "full.json").read_text()),
        "merged": json.loads((out / "merged.json").read_text()),
    }
    loaded.update({f"shard-{k}": json.loads(Path(p).read_text()) for k, p in enumerate(shard_paths, start=1)})
    return loaded


def test_merged_shard_reports_equal_the_unsharded_report(reports):
    full, merged = reports["full"], reports["merged"]
    assert len(full["vulnerabilities"]) > 40
    # whole findings: ids, locations, identifiers, tracking, provenance of merged duplicates
    assert merged["vulnerabilities"] == full["vulnerabilities"]
    assert merged["scan"]["primary_identifiers"] == full["scan"]["primary_identifiers"]
    for key in ("analyzer", "scanner", "type", "status"):
        assert merged["scan"][key] == full["scan"][key]
    # the sample set exercises what could break: several analyzers per file, dedupe across them
    scanners = {v["scanner"]["id"] for v in full["vulnerabilities"]}
    assert {"semgrep", "bandit", "pyflow"} <= scanners
    assert any(v.get("details", {}).get("also_reported_by") for v in full["vulnerabilities"])


def test_each_shard_has_its_own_files_and_says_which_shard_it_is(reports):
    files_by_shard = [
        {v["location"]["file"] for v in reports[f"shard-{k}"]["vulnerabilities"]} for k in range(1, SHARDS + 1)
    ]
    for i, files in enumerate(files_by_shard):
        assert files, f"shard {i + 1} found nothing"
        for other in files_by_shard[i + 1 :]:
            assert not files & other
    for k in range(1, SHARDS + 1):
        messages = [m["value"] for m in reports[f"shard-{k}"]["scan"]["messages"]]
        assert any(m.startswith(f"shard {k}/{SHARDS}: ") for m in messages), messages
    # the unused inline ignore is reported once, by the shard that scanned its file
    stale = [
        k
        for k in range(1, SHARDS + 1)
        if any("ignore[B999]" in m["value"] for m in reports[f"shard-{k}"]["scan"]["messages"])
    ]
    assert len(stale) == 1
    assert any("ignore[B999]" in m["value"] for m in reports["full"]["scan"]["messages"])


def test_shards_partition_the_matched_files_deterministically_and_balanced(project):
    config = Config.load(env={}, target=str(project))
    analyzers = list(available(config)[0].values())
    for analyzer in analyzers:
        analyzer.configure(config)
    files = list(search(project, 20).files)
    groups = [shard_files(project, files, analyzers, Shard(k, SHARDS)) for k in range(1, SHARDS + 1)]
    # the order files come in (a directory walk on another machine) changes nothing
    assert groups == [
        shard_files(project, list(reversed(files)), analyzers, Shard(k, SHARDS)) for k in range(1, SHARDS + 1)
    ]
    matched = sorted(f for f in files if any(a.match(f) for a in analyzers))
    assert sorted(f for g in groups for f in g) == matched
    assert not (set(groups[0]) & set(groups[1]))

    def load(group: list[str]) -> int:
        return sum((project / f).stat().st_size * sum(a.match(f) for a in analyzers) for f in group)

    loads = [load(g) for g in groups]
    heaviest_file = max(load([f]) for f in matched)
    assert max(loads) - min(loads) <= heaviest_file


def test_more_shards_than_files_leaves_a_valid_empty_shard(tmp_path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "a.py").write_text("import pickle\npickle.loads(b'')\n")
    out = tmp_path / "r.json"
    result = run_cli("sast", str(tmp_path / "p"), "--shard", "2/2", "--analyzers", "bandit", "-o", str(out))
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text())
    assert report["vulnerabilities"] == []
    assert run_cli("report", "validate", str(out)).returncode == 0


@pytest.mark.parametrize("value", ["0/3", "4/3", "2", "a/b", "1/0", ""])
def test_bad_shard_is_one_line_and_exit_2(tmp_path, value):
    result = run_cli("sast", str(tmp_path), "--shard", value, "-o", str(tmp_path / "r.json"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--shard" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "r.json").exists()


def test_parse_shard():
    assert parse_shard(" 2 / 4 ") == Shard(2, 4) and str(Shard(2, 4)) == "2/4"


def test_included_paths_option_and_variable(tmp_path):
    project = tmp_path / "mono"
    for sub in ("services/api", "services/web", "tools"):
        (project / sub).mkdir(parents=True)
        (project / sub / "main.py").write_text("import pickle\n\n\ndef load(b):\n    return pickle.loads(b)\n")

    def files(*args: str, env: dict | None = None) -> set[str]:
        out = tmp_path / "r.json"
        result = run_cli("sast", str(project), "--analyzers", "bandit", "-o", str(out), *args, env=env)
        assert result.returncode == 0, result.stderr
        return {v["location"]["file"] for v in json.loads(out.read_text())["vulnerabilities"]}

    assert files() == {"services/api/main.py", "services/web/main.py", "tools/main.py"}
    assert files("--include-paths", "services/api, tools") == {"services/api/main.py", "tools/main.py"}
    assert files(env={"SAST_INCLUDED_PATHS": "services/**/*.py"}) == {"services/api/main.py", "services/web/main.py"}
    # the flag wins over the variable; excluded paths still apply inside included ones
    assert files("--include-paths", "tools", env={"SAST_INCLUDED_PATHS": "services"}) == {"tools/main.py"}
    assert files("--include-paths", "services", "--excluded-paths", "services/web") == {"services/api/main.py"}
