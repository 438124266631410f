"""``secscan new-analyzer``: a ready analyzer plugin package, whose own tests pass at once.

The package wraps a small placeholder scanner (it flags ``eval(`` in Python files) so that the
entry point, the three steps, the converter's tests and the conformance kit all work from the
first minute; its README says what to replace to wrap a real scanner.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from .. import __version__
from ..common import executable_setting
from ..common.analyzer import ANALYZER_ID
from ..common.errors import ConfigError

TEMPLATE = Path(__file__).with_name("template")
#: template file -> where it goes in the package (``{module}`` is the import name)
LAYOUT = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "__init__.py.tmpl": "src/{module}/__init__.py",
    "analyzer.py.tmpl": "src/{module}/analyzer.py",
    "convert.py.tmpl": "src/{module}/convert.py",
    "scanner.py.tmpl": "src/{module}/scanner.py",
    "test_conformance.py.tmpl": "tests/test_conformance.py",
    "test_convert.py.tmpl": "tests/test_convert.py",
    "app.py.tmpl": "tests/sample/app.py",
}


def new_analyzer(name: str, directory: Path | str = ".", vendor: str = "") -> Path:
    """Write the package ``secscan-NAME`` under ``directory``; returns its path. ``name`` is the
    analyzer id: lowercase letters and digits, words joined by ``-``. Refuses to write into a
    directory that exists and is not empty (:class:`ConfigError`)."""
    if not ANALYZER_ID.fullmatch(name):
        raise ConfigError(
            f"{name!r} is not an analyzer id: use lowercase letters and digits, words joined by '-' (e.g. my-scanner)"
        )
    if name in ("semgrep", "bandit", "pyflow"):
        raise ConfigError(f"{name!r} is a built-in analyzer's id; choose another")
    root = Path(directory) / f"secscan-{name}"
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise ConfigError(f"{root}: already exists and is not empty; remove it or choose another --dir")
    module = "secscan_" + name.replace("-", "_")
    values = {
        "name": name,
        "module": module,
        "class_name": "".join(part.capitalize() for part in name.split("-")) + "Analyzer",
        "setting": executable_setting(name),
        "rule_type": f"{name.replace('-', '_')}_rule_id",
        "vendor": vendor or f"{name} authors",
        "secscan_version": __version__,
    }
    for template, target in LAYOUT.items():
        path = root / target.format(module=module)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = Template((TEMPLATE / template).read_text(encoding="utf-8")).substitute(values)
        path.write_text(text, encoding="utf-8")
    return root
