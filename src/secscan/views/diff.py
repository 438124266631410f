"""Views of a base/head comparison (the merge-request security widget): JSON, terminal tables and
a Markdown comment for GitLab and GitHub merge/pull requests.

Finding text comes from reports anyone can write, so the Markdown escapes every interpolated
string: HTML and Markdown punctuation become numeric character references (rendered as the
literal character in Markdown text, table cells and HTML blocks alike), control characters are
shown as ``\\xNN``, single-line fields lose their newlines, and a zero-width space breaks what
would otherwise be autolinked or a mention (``://``, ``www.``, ``@``). Only identifier URLs that
start with ``http://`` or ``https://`` become links.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from rich.table import Table
from rich.text import Text

from ..report.compare import Comparison
from ..report.identity import gitlab_finding_uuid
from ..report.model import Identifier, Vulnerability, clip
from ..report.process import sort_vulnerabilities
from ..report.text import printable
from .terminal import ORDER, SEVERITY_STYLES, add_severity_columns, plain_text, severity_cells, severity_counts

DESCRIPTION_CLIP = 2000  #: characters of a description shown in the Markdown comment
SOLUTION_CLIP = 1000
NAME_CLIP = 255
PATH_CLIP = 500
IDENTIFIERS_SHOWN = 10  #: per finding; the rest are counted
URL_MAX = 2000  #: longer URLs are shown as text, not linked
MIN_CHARS = 1000  #: smallest ``max_chars`` diff_markdown accepts
GITHUB_COMMENT_MAX = 65536
GITLAB_NOTE_MAX = 1_000_000

_ENTITIES = {c: f"&#{ord(c)};" for c in "'`*_[]()|#!~$\\{}"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_ESCAPE = str.maketrans(_ENTITIES)
_LINK_TRIGGER = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)
_HTTP = re.compile(r"https?://", re.IGNORECASE)
_FIXED_HEADER = "| Severity | Location | Rule | Name |\n|---|---|---|---|\n"


# --- shared ------------------------------------------------------------------------------------


def _where(vuln: Vulnerability) -> str:
    loc = vuln.location
    return f"{loc.file}:{loc.start_line}" if loc.start_line else loc.file


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# --- JSON --------------------------------------------------------------------------------------


def finding_to_dict(vuln: Vulnerability) -> dict[str, Any]:
    """One finding of a comparison, JSON-ready: ``rule`` is ``"<primary type>:<primary value>"``
    and ``uuid`` GitLab's finding UUID for the finding's report type (its ``category``)."""
    loc = vuln.location
    primary = vuln.primary_identifier
    return {
        "severity": vuln.severity.value,
        "report_type": vuln.category,
        "name": vuln.name,
        "rule": f"{primary.type}:{primary.value}",
        "identifiers": [i.to_dict() for i in vuln.identifiers],
        "file": loc.file,
        "start_line": loc.start_line,
        "end_line": loc.end_line,
        "scanner": vuln.scanner.to_dict(),
        "uuid": gitlab_finding_uuid(vuln, report_type=vuln.category),
        "id": vuln.id,
    }


def diff_to_dict(comparison: Comparison, *, base: str, head: str) -> dict[str, Any]:
    """The comparison as a deterministic JSON document::

        {"base": base, "head": head,
         "summary": {"added": {severity: n}, "fixed": {severity: n}, "unchanged": n},
         "added": [finding], "fixed": [finding]}

    Severities are listed most severe first (all six, zeros included); findings are sorted most
    severe first, then by file and line (see :func:`finding_to_dict`)."""
    added, fixed = sort_vulnerabilities(comparison.added), sort_vulnerabilities(comparison.fixed)
    return {
        "base": base,
        "head": head,
        "summary": {
            "added": {s.value: n for s, n in severity_counts(added).items()},
            "fixed": {s.value: n for s, n in severity_counts(fixed).items()},
            "unchanged": len(comparison.unchanged),
        },
        "added": [finding_to_dict(v) for v in added],
        "fixed": [finding_to_dict(v) for v in fixed],
    }


# --- terminal ----------------------------------------------------------------------------------


def diff_table(comparison: Comparison, *, limit: int = 200) -> list[Table]:
    """Rich tables: new and fixed findings counted by severity, then (when anything changed) up
    to ``limit`` rows of new findings followed by fixed ones, most severe first."""
    added, fixed = sort_vulnerabilities(comparison.added), sort_vulnerabilities(comparison.fixed)
    counts = Table(
        title=f"{_plural(len(added), 'new finding')}, {len(fixed)} fixed, {len(comparison.unchanged)} unchanged",
        title_justify="left",
    )
    counts.add_column("")
    add_severity_columns(counts)
    for label, vulns in (("new", added), ("fixed", fixed)):
        counts.add_row(label, *severity_cells(severity_counts(vulns)))
    rows = [("new", v) for v in added] + [("fixed", v) for v in fixed]
    if not rows:
        return [counts]
    shown = rows[: max(limit, 0)]
    title = "changes" if len(shown) == len(rows) else f"changes (first {len(shown)} of {len(rows)})"
    table = Table(title=title, title_justify="left")
    for column in ("status", "severity", "type", "rule", "location", "name"):
        table.add_column(column, overflow="fold")
    for status, v in shown:
        table.add_row(
            Text(status, style="bold red" if status == "new" else "green"),
            Text(v.severity.value, style=SEVERITY_STYLES[v.severity]),
            plain_text(v.category),
            plain_text(v.primary_identifier.value),
            plain_text(_where(v)),
            plain_text(v.name),
        )
    return [counts, table]


# --- Markdown ----------------------------------------------------------------------------------


def _clean(text: str | None, limit: int) -> str:
    return printable(clip(str(text or "").replace("\r\n", "\n"), limit))


def md_text(text: str | None, limit: int = NAME_CLIP) -> str:
    """Finding text as one line that renders literally in Markdown, in table cells and inside
    HTML tags: clipped to ``limit``, whitespace runs (newlines too) made one space, control
    characters shown as ``\\xNN``, HTML/Markdown punctuation escaped, autolinks and mentions
    broken with a zero-width space."""
    flat = " ".join(_clean(text, limit).split())
    return _LINK_TRIGGER.sub("\u200b", flat).translate(_ESCAPE)


def _md_pre(text: str, limit: int) -> str:
    """Multi-line finding text verbatim in a ``<pre>`` HTML block (no Markdown, no autolinks);
    blank lines around it so it starts its own block."""
    body = _clean(text, limit).strip("\n").translate(_ESCAPE)
    return f"\n<pre>\n{body}\n</pre>\n\n"


def md_url(url: str | None) -> str | None:
    """``url`` ready for a Markdown link destination, or None unless it starts with http(s)://
    and has at most URL_MAX characters: spaces, quotes, parentheses, brackets, angle brackets,
    backticks, non-ASCII and control characters are percent-encoded; ``&`` is written ``&amp;``."""
    if not url or len(url) > URL_MAX or not _HTTP.match(url):
        return None
    return quote(url, safe="/:?#@!$&*+,;=%~").replace("&", "&amp;")


def _md_identifier(ident: Identifier) -> str:
    label = md_text(ident.name or f"{ident.type} {ident.value}", 100)
    url = md_url(ident.url)
    return f"[{label}]({url})" if url else label


def _md_finding(v: Vulnerability) -> str:
    where = md_text(_where(v), PATH_CLIP)
    summary = " ".join(
        part
        for part in (
            f"<b>{v.severity.value}</b>",
            f"<code>{where}</code>" if where else "",
            f"<code>{md_text(v.primary_identifier.value, 100)}</code>",
            md_text(v.name),
        )
        if part
    )
    idents = [_md_identifier(i) for i in v.identifiers[:IDENTIFIERS_SHOWN]]
    if len(v.identifiers) > IDENTIFIERS_SHOWN:
        idents.append(f"and {len(v.identifiers) - IDENTIFIERS_SHOWN} more")
    parts = [f"<details><summary>{summary}</summary>\n"]
    if v.description.strip():
        parts.append(_md_pre(v.description, DESCRIPTION_CLIP))
    else:
        parts.append("\n")
    parts.append(f"**Identifiers:** {', '.join(idents)}<br>\n")
    parts.append(f"**Type:** {md_text(v.category, 50)}, **scanner:** {md_text(v.scanner.name or v.scanner.id, 100)}\n")
    if v.solution and v.solution.strip():
        parts.append("\n**Solution:**\n" + _md_pre(v.solution, SOLUTION_CLIP))
    else:
        parts.append("\n")
    parts.append("</details>\n\n")
    return "".join(parts)


def _md_fixed_row(v: Vulnerability) -> str:
    cells = (
        v.severity.value,
        f"<code>{md_text(_where(v), PATH_CLIP)}</code>",
        f"<code>{md_text(v.primary_identifier.value, 100)}</code>",
        md_text(v.name),
    )
    return f"| {' | '.join(cells)} |\n"


def _md_header(title: str, added: Sequence[Vulnerability], fixed: Sequence[Vulnerability], unchanged: int) -> str:
    if added:
        sentence = f"**{_plural(len(added), 'new finding')}**, {len(fixed)} fixed"
    else:
        sentence = "No new security findings" + (f", {len(fixed)} fixed" if fixed else "")
    lines = [f"## {md_text(title, 200)}", "", f"{sentence}, {unchanged} unchanged.", ""]
    if added or fixed:
        new_counts, fixed_counts = severity_counts(added), severity_counts(fixed)
        columns = [s for s in ORDER if new_counts[s] or fixed_counts[s]]
        lines.append("| | " + " | ".join(s.value for s in columns) + " | Total |")
        lines.append("|---|" + "--:|" * (len(columns) + 1))
        for label, counts, total in (("New", new_counts, len(added)), ("Fixed", fixed_counts, len(fixed))):
            lines.append(f"| {label} | " + " | ".join(str(counts[s]) for s in columns) + f" | {total} |")
        lines.append("")
    return "\n".join(lines) + "\n"


def _fit(blocks: Sequence[str], fixed_rows: Sequence[str], budget: int) -> tuple[list[str], int]:
    """The new-finding blocks, then the fixed table, that fit in ``budget`` characters, stopping
    at the first that does not; returns the parts and how many findings they show."""
    parts: list[str] = []
    for block in blocks:
        if len(block) > budget:
            return parts, len(parts)
        parts.append(block)
        budget -= len(block)
    opener = f"<details><summary>{_plural(len(fixed_rows), 'fixed finding')}</summary>\n\n{_FIXED_HEADER}"
    closer = "\n</details>\n\n"
    budget -= len(opener) + len(closer)
    rows: list[str] = []
    for row in fixed_rows:
        if len(row) > budget:
            break
        rows.append(row)
        budget -= len(row)
    if rows:
        parts += [opener, *rows, closer]
    return parts, len(blocks) + len(rows)


def diff_markdown(
    comparison: Comparison,
    *,
    title: str = "secscan security scan",
    max_chars: int = 60000,
    details_url: str | None = None,
) -> str:
    """A merge-request comment (GitLab and GitHub Markdown): a heading, a summary sentence and a
    table of new/fixed counts by severity, then each new finding (most severe first) as a
    collapsible ``<details>`` block with its description, identifiers and solution, then the fixed
    findings in one collapsible table.

    The result has at most ``max_chars`` characters (GitHub allows 65,536 in a comment, GitLab
    1,000,000 in a note): when the findings do not fit, it stops at a whole finding and ends with
    "… and N more findings not shown", linking ``details_url`` when given. Raises ValueError when
    ``max_chars`` is below MIN_CHARS or ``details_url`` is not an http(s) URL.
    """
    if max_chars < MIN_CHARS:
        raise ValueError(f"max_chars must be at least {MIN_CHARS}, not {max_chars}")
    link = ""
    if details_url is not None:
        url = md_url(details_url)
        if url is None:
            raise ValueError(
                f"details URL {details_url!r}: expected an http:// or https:// URL of at most {URL_MAX} characters"
            )
        link = f" [Full report]({url})"
    added, fixed = sort_vulnerabilities(comparison.added), sort_vulnerabilities(comparison.fixed)
    header = _md_header(title, added, fixed, len(comparison.unchanged))
    blocks = [_md_finding(v) for v in added]
    fixed_rows = [_md_fixed_row(v) for v in fixed]
    total = len(blocks) + len(fixed_rows)

    def more(n: int) -> str:
        return f"… and {_plural(n, 'more finding')} not shown.{link}\n"

    parts, shown = _fit(blocks, fixed_rows, max_chars - len(header))
    if shown < total:  # again, keeping room for the "not shown" line
        parts, shown = _fit(blocks, fixed_rows, max_chars - len(header) - len(more(total)))
        parts.append(more(total - shown))
    return header + "".join(parts)
