"""The conformance kit (``secscan.testing``) run on the built-in analyzers, as a plugin author runs
it on theirs; and proof that its checks fail on an analyzer that breaks the rules."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from secscan.testing import AnalyzerConformance, _stable_signatures, _with_blank_lines

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo-app"


class TestSemgrepConforms(AnalyzerConformance):
    analyzer = "semgrep"
    sample = DEMO


class TestBanditConforms(AnalyzerConformance):
    analyzer = "bandit"
    sample = DEMO


class TestPyflowConforms(AnalyzerConformance):
    analyzer = "pyflow"
    sample = DEMO


def test_blank_lines_go_after_a_shebang(tmp_path):
    (tmp_path / "a.py").write_text("#!/usr/bin/env python\nimport os\n")
    (tmp_path / "b.py").write_text("import os\n")
    _with_blank_lines(tmp_path, {"a.py", "b.py", "gone.py"}, count=2)
    assert (tmp_path / "a.py").read_text() == "#!/usr/bin/env python\n\n\nimport os\n"
    assert (tmp_path / "b.py").read_text() == "\n\nimport os\n"


def test_stable_signatures_ignore_the_location_signature():
    finding = {
        "identifiers": [{"type": "bandit_test_id", "value": "B602"}],
        "tracking": {"items": [{"signatures": [
            {"algorithm": "scope_offset", "value": "a.py|f[0]:1"},
            {"algorithm": "location", "value": "a.py:3:3"},
        ]}]},
    }  # fmt: skip
    moved = {**finding, "tracking": {"items": [{"signatures": [
        {"algorithm": "scope_offset", "value": "a.py|f[0]:1"},
        {"algorithm": "location", "value": "a.py:6:6"},
    ]}]}}  # fmt: skip
    assert _stable_signatures(finding) == _stable_signatures(moved)
    changed = {
        **finding,
        "tracking": {"items": [{"signatures": [{"algorithm": "scope_offset", "value": "a.py|g[0]:1"}]}]},
    }
    assert _stable_signatures(changed) != _stable_signatures(finding)


def test_the_kit_fails_a_sample_without_findings_as_a_plugin_author_sees_it(tmp_path):
    """Run pytest on an author's test module: a sample the analyzer finds nothing in proves
    nothing, and every check that needs findings fails saying so."""
    sample = tmp_path / "sample"
    sample.mkdir()
    (sample / "clean.py").write_text("print('hello')\n")
    (tmp_path / "test_mine.py").write_text(
        textwrap.dedent(f"""
        from pathlib import Path
        from secscan.testing import AnalyzerConformance

        class TestMine(AnalyzerConformance):
            analyzer = "bandit"
            sample = Path({str(sample)!r})
    """)
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-o", "addopts=", "-q",
         str(tmp_path / "test_mine.py")],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout[-3000:]
    assert "bandit found nothing in" in proc.stdout
    assert "1 passed" in proc.stdout  # the missing-scanner check needs no findings


def test_docs_api_md_is_generated_from_the_docstrings():
    from secscan.common.reference import markdown

    doc = (Path(__file__).resolve().parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    assert doc == markdown(), "docs/api.md is stale: run python -m secscan.common.reference > docs/api.md"


def test_every_public_sdk_name_has_its_own_docstring():
    import importlib
    import inspect

    missing = []
    for module_name in ("secscan.common", "secscan.report", "secscan.testing"):
        module = importlib.import_module(module_name)
        for name in module.__all__:
            obj = getattr(module, name)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            doc = inspect.getdoc(obj) or ""
            if not doc or doc.startswith(f"{name}(") or (inspect.isclass(obj) and "__doc__" not in vars(obj)):
                missing.append(f"{module_name}.{name}")
    assert not missing, f"public names without a docstring of their own: {missing}"
