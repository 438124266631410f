"""Inline ignores that work for every analyzer: ``secscan: ignore[<rule or CWE>] <reason>``.

The comment sits on the finding's line (any line of a multi-line finding) or alone on the line
above it, in any comment syntax (``#``, ``//``, ``/* */``, ``--``, ``<!-- -->``, ``;``). Only real
comments count: Python files are read with Python's tokenizer and the languages tracking parses
with their tree-sitter grammars, so a string holding ``#nosec`` silences nothing. The
bracket names one or more selectors, comma-separated; a selector matches a finding when it
equals one of the finding's identifier values or names, case-insensitively (``B602``,
``python.web.sql-injection``, ``pyflow.sql-injection``, ``CWE-89`` or ``89`` written as ``CWE-89``).
Scanners' own comments (``# nosec``, ``nosemgrep``) are honoured by the scanners themselves;
bandit's ``# nosec`` (optionally naming test ids: ``# nosec B602, B607``) also silences the
findings of other analyzers that carry the bandit test id it covers (semgrep's and pyflow's
equivalents of a bandit check), so one comment keeps working when analyzers are added.
An ignore that matches one copy of a finding several analyzers report (copies the report would
merge) hides every copy (:func:`suppress_copies`).
"""

from __future__ import annotations

import io
import re
import tokenize
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tree_sitter import Parser

from ...report.model import Message, Suppression, Vulnerability
from ...report.process import dedupe_across_analyzers
from . import tracking

_MARKERS = (b"secscan:", b"nosec")
_PYTHON = (".py", ".pyw", ".pyi")
_IGNORE = re.compile(r"secscan:\s*ignore\b(?:\[([^\]]*)\])?(.*)$", re.IGNORECASE)
_NOSEC = re.compile(r"#\s*nosec\b:?\s*([A-Za-z]\d{3}(?:\s*,\s*[A-Za-z]\d{3})*)?", re.IGNORECASE)
_COMMENT_START = re.compile(r"(#|//|/\*|<!--|--|;|^\s*\*)")
_COMMENT_END = re.compile(r"\s*(\*/|-->)\s*$")
#: files larger than this are not searched for ignore comments (generated or minified code)
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class InlineIgnore:
    """One ``secscan: ignore[...]`` comment."""

    file: str
    line: int
    selectors: tuple[str, ...]
    reason: str
    #: the comment is alone on its line, so it also covers the next line
    standalone: bool
    #: bandit's ``# nosec``: selects findings by their ``bandit_test_id`` identifiers (any, when
    #: no id is named); never reported as unmatched (bandit itself uses it)
    nosec: bool = False
    matched: int = field(default=0, compare=False)

    @property
    def text(self) -> str:
        if self.nosec:
            return " ".join(("# nosec", ", ".join(self.selectors))).strip()
        return f"secscan: ignore[{', '.join(self.selectors)}]"

    def covers(self, vuln: Vulnerability) -> bool:
        loc = vuln.location
        if loc.file != self.file or loc.start_line is None:
            return False
        end = max(loc.start_line, loc.end_line or loc.start_line)
        on_line = loc.start_line <= self.line <= end
        above = self.standalone and self.line == loc.start_line - 1
        return (on_line or above) and self.selects(vuln)

    def selects(self, vuln: Vulnerability) -> bool:
        if self.nosec:
            bandit_ids = {i.value.lower() for i in vuln.identifiers if i.type == "bandit_test_id"}
            return bool(bandit_ids) and (not self.selectors or bool(bandit_ids & {s.lower() for s in self.selectors}))
        names = {i.value.lower() for i in vuln.identifiers} | {i.name.lower() for i in vuln.identifiers}
        names |= {f"cwe-{i.value}" for i in vuln.identifiers if i.type.lower() == "cwe"}
        return any(s.lower() in names for s in self.selectors)


def parse_line(file: str, number: int, text: str) -> InlineIgnore | Message | None:
    """The ignore comment on one source line, a ``warn`` message if it is malformed, else None.

    For files no parser reads (see :func:`comments`): a comment is recognised by its opening
    characters, so this is a guess where a string holds them."""
    match = _IGNORE.search(text)
    if not match:
        nosec = _NOSEC.search(text)
        return None if nosec is None else parse_comment(file, number, text[nosec.start() :], False)
    start = _COMMENT_START.search(text[: match.start()])
    if start is None:
        return None  # "secscan: ignore" in code or a string, not in a comment
    return parse_comment(file, number, text[start.start() :], not text[: start.start()].strip())


def parse_comment(file: str, number: int, comment: str, standalone: bool) -> InlineIgnore | Message | None:
    """The ignore in one comment (its text from the comment's opening characters) on line
    ``number``; ``standalone``: no code before it on its line."""
    match = _IGNORE.search(comment)
    if not match:
        nosec = _NOSEC.search(comment)
        if nosec is None:
            return None
        ids = tuple(s.strip().upper() for s in (nosec.group(1) or "").split(",") if s.strip())
        return InlineIgnore(file=file, line=number, selectors=ids, reason="# nosec", standalone=False, nosec=True)
    bracket, rest = match.group(1), match.group(2)
    selectors = tuple(s.strip() for s in (bracket or "").split(",") if s.strip())
    if not selectors:
        return Message(
            "warn",
            f"{file}:{number}: 'secscan: ignore' needs the rule or CWE it ignores, "
            "e.g. 'secscan: ignore[B602] input is a constant'; the comment was not applied",
        )
    reason = _COMMENT_END.sub("", rest).strip()
    return InlineIgnore(file=file, line=number, selectors=selectors, reason=reason, standalone=standalone)


def comments(file: str, text: str) -> list[tuple[int, str, bool]] | None:
    """Every comment line of a file as (line, text from the comment's opening characters or the
    line's start, standalone), read by Python's tokenizer or the file's tree-sitter grammar, so a
    string holding ``#nosec`` is no comment. None for files neither parses (then
    :func:`parse_line` guesses line by line)."""
    if file.endswith(_PYTHON):
        return _python_comments(text)
    languages = tracking.LANGUAGES.get(PurePosixPath(file).suffix.lower())
    return _tree_comments(text, languages[0]) if languages else None


def _python_comments(text: str) -> list[tuple[int, str, bool]] | None:
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError):
        return None  # not valid Python: guess line by line, as for other files
    # the token's own line: str.splitlines() would also break at a form feed, which Python does not
    return [(t.start[0], t.string, not t.line[: t.start[1]].strip()) for t in tokens]


def _tree_comments(text: str, language: str) -> list[tuple[int, str, bool]]:
    data = text.encode()
    lines = data.split(b"\n")  # rows as tree-sitter (and the scanners) count them; columns are bytes
    tree = Parser(tracking.grammar(language)).parse(data)
    found: list[tuple[int, str, bool]] = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if "comment" in node.type:
            row, column = node.start_point
            body = data[node.start_byte : node.end_byte].decode(errors="replace").split("\n")
            found.append((row + 1, body[0], not lines[row][:column].strip()))  # bytes before the comment
            found.extend((row + 1 + n, line, True) for n, line in enumerate(body[1:], start=1))
        else:
            stack.extend(node.children)
    return sorted(found)


def find_ignores(target: Path, files: Iterable[str]) -> tuple[list[InlineIgnore], list[Message]]:
    """Every ``secscan: ignore`` comment in ``files`` (project-relative), with warnings for
    malformed ones. Files that cannot be read are skipped (the analyzers report those)."""
    ignores: list[InlineIgnore] = []
    messages: list[Message] = []
    for file in sorted(set(files)):
        path = target / file
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        lowered = data.lower()
        if not any(marker in lowered for marker in _MARKERS):
            continue
        for found in _file_ignores(file, data.decode("utf-8", errors="replace")):
            if isinstance(found, InlineIgnore):
                ignores.append(found)
            elif found is not None:
                messages.append(found)
    return ignores, messages


def _file_ignores(file: str, text: str) -> Iterator[InlineIgnore | Message | None]:
    found = comments(file, text)
    if found is None:
        # lines end at "\n" alone, as the scanners count them (not at form feeds or U+2028)
        yield from (parse_line(file, n, line) for n, line in enumerate(text.split("\n"), start=1))
    else:
        yield from (parse_comment(file, n, comment, standalone) for n, comment, standalone in found)


def apply_ignores(
    vulns: Sequence[Vulnerability], ignores: Sequence[InlineIgnore]
) -> tuple[list[Vulnerability], list[Suppression]]:
    """Split ``vulns`` into kept and suppressed findings; count each ignore's matches."""
    by_file: dict[str, list[InlineIgnore]] = {}
    for ignore in ignores:
        by_file.setdefault(ignore.file, []).append(ignore)
    kept: list[Vulnerability] = []
    suppressed: list[Suppression] = []
    for vuln in vulns:
        ignore = next((i for i in by_file.get(vuln.location.file, ()) if i.covers(vuln)), None)
        if ignore is None:
            kept.append(vuln)
            continue
        ignore.matched += 1
        justification = ignore.reason or f"{ignore.text} (no reason given)"
        suppressed.append(Suppression(vulnerability=vuln, justification=justification))
    return kept, suppressed


def suppress_copies(
    runs: Sequence[Sequence[Vulnerability]], suppressed: Sequence[Suppression]
) -> tuple[list[list[Vulnerability]], list[Suppression]]:
    """Also suppress every finding that the cross-analyzer dedupe would merge with a suppressed
    one (GitLab's rule, :func:`dedupe_across_analyzers`): an ignore that matches one copy of a
    merged finding hides all of its copies, whichever identifiers each copy carries. Returns
    each run's findings still kept and the copies suppressed, with their original's reason."""
    kept = [list(vulns) for vulns in runs]
    pending, copies = list(suppressed), []
    while pending:
        hidden = pending.pop()
        for vulns in kept:
            for copy in [v for v in vulns if _same_finding(hidden.vulnerability, v)]:
                vulns.remove(copy)
                pending.append(Suppression(vulnerability=copy, justification=hidden.justification))
                copies.append(pending[-1])
    return kept, copies


def _same_finding(a: Vulnerability, b: Vulnerability) -> bool:
    return a.location.file == b.location.file and dedupe_across_analyzers((a, b))[1] == 1


def report_ignores(ignores: Sequence[InlineIgnore], suppressed: int) -> list[Message]:
    """``scan.messages`` entries: how many findings were ignored, ignores without a reason, and
    ignores that matched nothing (stale comments to remove)."""
    messages: list[Message] = []
    if suppressed:
        messages.append(
            Message(
                "info",
                f"{suppressed} finding(s) ignored by 'secscan: ignore' or '# nosec' comments (listed in SARIF output)",
            )
        )
    for ignore in ignores:
        if ignore.nosec:
            continue
        if ignore.matched and not ignore.reason:
            messages.append(
                Message(
                    "warn", f"{ignore.file}:{ignore.line}: {ignore.text} gives no reason; add one after the bracket"
                )
            )
        if not ignore.matched:
            messages.append(
                Message(
                    "warn",
                    f"{ignore.file}:{ignore.line}: {ignore.text} matched no finding; "
                    "remove it or correct the rule id or CWE",
                )
            )
    return messages
