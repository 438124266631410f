"""The documentation holds together: every relative link resolves, and tests cite only files that exist."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PAGES = sorted([REPO / "README.md", *(REPO / "docs").glob("*.md")])
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
LINK = re.compile(r"\[(?:[^\]\\]|\\.)*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$", re.M)
CITED_PATH = re.compile(
    r"(?<![\w/.-])((?:\.ci|benchmarks|ci-templates|docs|examples|schemas|scripts|src|tests)/[\w./-]*\w)"
)
CITED_TOP_FILE = re.compile(r"(?<![\w/.-])([A-Z][A-Z_]+\.md)\b")
CITED_SECTION = re.compile(r"(README\.md|docs/[\w-]+\.md),? \"([^\"]+)\"")


def prose(page: Path) -> str:
    """The page's Markdown without fenced code blocks, whose text is neither links nor headings."""
    return FENCE.sub("", page.read_text(encoding="utf-8"))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """Every anchor GitHub gives the page's headings, repeats numbered as GitHub numbers them."""
    found: set[str] = set()
    for heading in HEADING.findall(prose(page)):
        base, n = slug(heading), 0
        while (candidate := base if n == 0 else f"{base}-{n}") in found:
            n += 1
        found.add(candidate)
    return found


def relative_links(page: Path) -> list[str]:
    """The page's link targets that point into the repository (not URLs, not mail)."""
    return [t for t in LINK.findall(prose(page)) if not re.match(r"[a-z][a-z0-9+.-]*:", t)]


def broken_link(page: Path, target: str) -> str | None:
    """Why ``target`` (a link on ``page``) does not resolve, or None when it does."""
    path, _, anchor = target.partition("#")
    file = (page.parent / path).resolve() if path else page
    if not file.exists():
        return f"{target}: no such file"
    if anchor and file.suffix == ".md" and anchor not in anchors(file):
        return f"{target}: {file.name} has no heading with anchor #{anchor}"
    return None


def citations(source: str) -> str:
    """The comments and docstrings of a Python file: where a test cites other files."""
    comments = [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type == tokenize.COMMENT]
    nodes = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)]
    return "\n".join(comments + [ast.get_docstring(n) or "" for n in nodes])


TEST_FILES = sorted(REPO.glob("tests/**/*.py"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_every_relative_link_resolves(page: Path) -> None:
    broken = [why for target in relative_links(page) if (why := broken_link(page, target))]
    assert not broken, f"{page.relative_to(REPO)}: " + "; ".join(broken)


def test_readme_indexes_every_docs_page() -> None:
    linked = {(REPO / t.partition("#")[0]).resolve() for t in relative_links(REPO / "README.md")}
    missing = [p.name for p in PAGES if p.parent == REPO / "docs" and p.resolve() not in linked]
    assert not missing, f"README.md's Documentation list does not link {missing}"


def test_the_readme_stays_a_front_door() -> None:
    size = len((REPO / "README.md").read_bytes())
    assert size < 16_000, f"README.md is {size} bytes: move the detail to a page under docs/"


def test_link_checker_catches_a_broken_link_and_a_missing_anchor(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n## Two words\n\n```\n# not a heading\n```\n", encoding="utf-8")
    assert broken_link(page, "page.md#two-words") is None
    assert broken_link(page, "#title") is None
    assert "no heading" in broken_link(page, "page.md#not-a-heading")
    assert "no such file" in broken_link(page, "missing.md")


@pytest.mark.parametrize("test_file", TEST_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_tests_cite_only_files_in_the_repository(test_file: Path) -> None:
    text = citations(test_file.read_text(encoding="utf-8"))
    cited = set(CITED_PATH.findall(text)) | set(CITED_TOP_FILE.findall(text))
    missing = sorted(c for c in cited if not (REPO / c.rstrip(".")).exists())
    assert not missing, f"{test_file.relative_to(REPO)} cites files not in the repository: {missing}"
    for page, section in CITED_SECTION.findall(text):
        assert slug(section) in anchors(REPO / page), (
            f"{test_file.name} cites {page} section {section!r}: no such heading"
        )
