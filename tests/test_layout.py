"""The import direction between secscan's packages, read from the source with ``ast``.

``report/`` imports nothing else of secscan; ``store/`` and ``policy/`` import only ``report/``;
``views/`` imports ``report/`` at run time and ``store/``/``policy/`` for type hints only (under
``if TYPE_CHECKING:``); ``web/`` imports only ``store/``, ``views/``, ``policy/`` and ``report/``;
``common/`` imports no analyzer and no CLI, and its SDK modules import nothing of the scan engine
beside them (``common/engine/``). Every package may import itself and the root package
(``secscan/__init__.py``, which holds the version); the root package, top-level modules such as
``secscan/testing.py`` and the other packages are free. Imports inside functions count.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from conftest import REPO

SOURCE = REPO / "src" / "secscan"


@dataclass(frozen=True)
class Layer:
    """What a package may import besides itself: at run time, and under ``if TYPE_CHECKING:``."""

    run_time: frozenset[str]
    type_hints: frozenset[str]
    forbidden: frozenset[str] = frozenset()  # for a package otherwise free: what it must not import

    def allows(self, target: str, type_only: bool) -> bool:
        if self.forbidden:
            return target not in self.forbidden
        return target in (self.type_hints if type_only else self.run_time)


def _only(*packages: str, type_hints: tuple[str, ...] = ()) -> Layer:
    return Layer(frozenset(packages), frozenset(packages + type_hints))


LAYERS = {
    "report": _only(),
    "store": _only("report"),
    "policy": _only("report"),
    "views": _only("report", type_hints=("store", "policy")),
    "web": _only("store", "views", "policy", "report"),
    "common": Layer(frozenset(), frozenset(), forbidden=frozenset({"analyzers", "cli"})),
}


@dataclass(frozen=True)
class Import:
    """One import of a secscan module: where it is, what it names, and whether only for type hints."""

    line: int
    module: str  # dotted, absolute: secscan.store.db
    type_only: bool


def package_of(module: str) -> str:
    """``secscan.store.db`` -> ``store``; the root package ``secscan`` -> ``""``."""
    return module.split(".")[1] if module.count(".") else ""


def module_name(path: Path, source: Path) -> str:
    parts = path.relative_to(source.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, source: Path) -> list[Import]:
    """Every import of secscan in the file at ``path`` (relative ones resolved), at any depth."""
    name = module_name(path, source)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node, type_only in _import_nodes(ast.parse(path.read_text(), filename=str(path))):
        names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else None
        for module in names or _from_targets(node, package, source):
            found.append(Import(node.lineno, module, type_only))
    return [one for one in found if one.module.split(".")[0] == source.name]


def _import_nodes(node: ast.AST, type_only: bool = False):
    """``(import statement, under if TYPE_CHECKING)`` for every import below ``node``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child, type_only
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            yield from _import_nodes(ast.Module(body=child.body, type_ignores=[]), True)
            yield from _import_nodes(ast.Module(body=child.orelse, type_ignores=[]), type_only)
        else:
            yield from _import_nodes(child, type_only)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _from_targets(node: ast.ImportFrom, package: str, source: Path) -> list[str]:
    """The modules a ``from X import a, b`` reaches: X, or X.a when a is a submodule of X."""
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    folder = source.parent.joinpath(*module.split("."))
    submodules = [a.name for a in node.names if (folder / a.name).is_dir() or (folder / f"{a.name}.py").is_file()]
    return [f"{module}.{name}" for name in submodules] or [module]


def import_violations(source: Path) -> list[str]:
    """One line per forbidden import under ``source`` (the ``secscan`` package folder)."""
    violations = []
    for path in sorted(source.rglob("*.py")):
        importer = package_of(module_name(path, source))
        layer = LAYERS.get(importer)
        if layer is None:
            continue
        for found in imports_of(path, source):
            target = package_of(found.module)
            if target in ("", importer) or layer.allows(target, found.type_only):
                continue
            when = "for type hints" if found.type_only else "at run time"
            where = path.relative_to(source.parent.parent)
            violations.append(f"{where}:{found.line}: {importer}/ must not import {found.module} ({when})")
    return violations


def test_the_import_direction_holds():
    assert SOURCE.is_dir()
    violations = import_violations(SOURCE)
    assert not violations, "imports against the layering:\n" + "\n".join(violations)


def sdk_violations(source: Path) -> list[str]:
    """Imports of the scan engine (``common/engine/``) by the SDK's own modules, the rest of
    ``common/``: the engine stands on the SDK, never the other way round. Only the package's door,
    ``common/__init__.py``, may re-export engine names."""
    common = source / "common"
    violations = []
    for path in sorted(common.rglob("*.py")):
        if path.is_relative_to(common / "engine") or path == common / "__init__.py":
            continue
        for found in imports_of(path, source):
            if found.module.startswith(f"{source.name}.common.engine"):
                where = path.relative_to(source.parent.parent)
                violations.append(f"{where}:{found.line}: the SDK must not import {found.module}")
    return violations


def test_the_sdk_floor_imports_no_engine_module(tmp_path: Path):
    assert (SOURCE / "common" / "engine").is_dir()
    violations = sdk_violations(SOURCE)
    assert not violations, "the SDK reaches up into the engine:\n" + "\n".join(violations)
    broken = _tree(
        tmp_path, {"common/analyzer.py": "from .engine.search import partition\n", "common/engine/search.py": ""}
    )
    assert sdk_violations(broken) == [
        "src/secscan/common/analyzer.py:1: the SDK must not import secscan.common.engine.search"
    ]


def _tree(root: Path, files: dict[str, str]) -> Path:
    source = root / "src" / "secscan"
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text)
    for folder in [source, *[p for p in source.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return source


def test_the_checker_names_the_module_the_line_and_the_forbidden_import(tmp_path: Path):
    source = _tree(
        tmp_path,
        {
            "__init__.py": '__version__ = "0"\n',
            "testing.py": "from .cli import main\n",  # top-level modules are free
            "report/model.py": "from .. import __version__\nfrom . import text\n",  # the root package and itself
            "report/text.py": "import os\n\n\ndef late():\n    from ..store import db\n",
            "store/db.py": "from ..report import model\nfrom secscan.views.terminal import table\n",
            "policy/evaluate.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from ..common import x\n",
            "views/terminal.py": (
                "from typing import TYPE_CHECKING\n\nfrom ..report.model import Report\nfrom ..store.db import Store\n"
                "\nif TYPE_CHECKING:\n    from ..policy.evaluate import PolicyResult\n    from ..cli import main\n"
            ),
            "web/app.py": "from .. import store, views\n\n\nclass App:\n    def go(self):\n"
            "        import secscan.cli\n",
            "common/pipeline.py": (
                "try:\n    from ..analyzers.bandit import BanditAnalyzer\nexcept ImportError:\n    pass\n"
                "from ..report import model\n"
            ),
        },
    )
    assert import_violations(source) == [
        "src/secscan/common/pipeline.py:2: common/ must not import secscan.analyzers.bandit (at run time)",
        "src/secscan/policy/evaluate.py:4: policy/ must not import secscan.common (for type hints)",
        "src/secscan/report/text.py:5: report/ must not import secscan.store.db (at run time)",
        "src/secscan/store/db.py:2: store/ must not import secscan.views.terminal (at run time)",
        "src/secscan/views/terminal.py:4: views/ must not import secscan.store.db (at run time)",
        "src/secscan/views/terminal.py:8: views/ must not import secscan.cli (for type hints)",
        "src/secscan/web/app.py:6: web/ must not import secscan.cli (at run time)",
    ]
