"""Merge-request views of a comparison (secscan.views.diff): JSON, terminal tables and the Markdown
comment, on GitLab's real reports and on hostile hand-built findings. The Markdown is rendered with
markdown-it-py (CommonMark + tables, raw HTML passed through as GitLab and GitHub do before
sanitising) and the resulting HTML is inspected."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from conftest import SHARED
from markdown_it import MarkdownIt
from rich.console import Console

from secscan.report.accept import load_report
from secscan.report.compare import Comparison, compare, compare_reports
from secscan.report.model import Identifier, Location, ScannerRef, Severity, Vulnerability
from secscan.views.diff import (
    DESCRIPTION_CLIP,
    GITHUB_COMMENT_MAX,
    MIN_CHARS,
    diff_markdown,
    diff_table,
    diff_to_dict,
    md_text,
    md_url,
)

REPORTS = SHARED / "reference" / "reports"
QA = REPORTS / "gitlab-semgrep-qa" / "semgrep"
FLASK = QA / "python" / "pip-flask" / "gl-sast-report.json"
GO = QA / "go" / "default" / "gl-sast-report.json"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HOSTILE = (
    "<script>alert(1)</script> | a | b | [x](javascript:alert(1)) ![i](https://evil.example/p.png) "
    "`tick` *bold* _it_ #1 @alice https://evil.example www.evil.example &amp;\nsecond line \x1b[31mred\x07"
)


# --- helpers -----------------------------------------------------------------------------------


class Html(HTMLParser):
    """Tags, link targets, table rows and text of rendered HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.starts: list[str] = []
        self.ends: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.rows: list[int] = []  # cells per <tr>
        self.summaries: list[str] = []
        self.pres: list[str] = []
        self._capture: list[str] | None = None
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.starts.append(tag)
        attrs = dict(attrs)
        if tag == "a":
            self.hrefs.append(attrs.get("href", ""))
        if "src" in attrs:
            self.srcs.append(attrs["src"])
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th"):
            self.rows[-1] += 1
        if tag in ("summary", "pre"):
            self._capture = []

    def handle_endtag(self, tag):
        self.ends.append(tag)
        if tag in ("summary", "pre") and self._capture is not None:
            text = "".join(self._capture)
            if tag == "pre":  # a browser ignores the newline after <pre>; the one before </pre> shows nothing
                self.pres.append(text.removeprefix("\n").removesuffix("\n"))
            else:
                self.summaries.append(text)
            self._capture = None

    def handle_data(self, data):
        self.text.append(data)
        if self._capture is not None:
            self._capture.append(data)


def render(markdown: str) -> Html:
    return Html(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def finding(
    n: int = 0,
    *,
    severity: Severity = Severity.HIGH,
    name: str = "SQL injection",
    file: str = "app.py",
    description: str = "Untrusted input reaches a query.",
    solution: str | None = None,
    identifiers: tuple[Identifier, ...] | None = None,
) -> Vulnerability:
    return Vulnerability(
        identifiers=identifiers or (Identifier("semgrep_id", f"rule-{n}", f"rule-{n}"), Identifier.cwe(89)),
        location=Location(file=file, start_line=n + 1, end_line=n + 1),
        scanner=ScannerRef("semgrep", "Semgrep"),
        name=name,
        description=description,
        severity=severity,
        solution=solution,
        id=f"id-{n}",
    )


def hostile() -> Vulnerability:
    return finding(
        7,
        name=HOSTILE,
        file="src/<img src=x onerror=alert(1)>|`x`.py",
        description=HOSTILE * 3 + "\n</pre><script>alert(2)</script>\n\n- list\n    code\n# heading",
        solution="</details><script>alert(3)</script>" + HOSTILE,
        identifiers=(
            Identifier("semgrep_id", HOSTILE, "rule|<b>`x`", url="javascript:alert(1)"),
            Identifier.cwe(79),
            Identifier("doc", "spaced", "1", url="https://example.com/a b)c(d"),
            Identifier("doc", "data", "2", url="data:text/html,<script>alert(1)</script>"),
        ),
    )


def by_severity(vulns) -> dict[str, int]:
    counts = dict.fromkeys([s.value for s in sorted(Severity, key=lambda s: -s.rank)], 0)
    for v in vulns:
        counts[v.severity.value] += 1
    return counts


@pytest.fixture(scope="module")
def flask_vs_go() -> tuple[Comparison, list, list]:
    """Base: GitLab's Go QA report; head: GitLab's Flask QA report (no rule in common)."""
    base, head = load_report(GO), load_report(FLASK)
    return compare_reports([base], [head]), list(base.vulnerabilities), list(head.vulnerabilities)


# --- JSON --------------------------------------------------------------------------------------


def test_json_counts_order_and_identity_from_real_reports(flask_vs_go):
    comparison, base, head = flask_vs_go
    doc = diff_to_dict(comparison, base=str(GO), head=str(FLASK))
    assert doc["base"] == str(GO) and doc["head"] == str(FLASK)
    assert doc["summary"] == {"added": by_severity(head), "fixed": by_severity(base), "unchanged": 0}
    assert len(doc["added"]) == len(head) == 17 and len(doc["fixed"]) == len(base) == 1
    ranks = {s.value: s.rank for s in Severity}
    keys = [(-ranks[f["severity"]], f["file"], f["start_line"] or 0) for f in doc["added"]]
    assert keys == sorted(keys) and doc["added"][0]["severity"] == "Critical"
    first = doc["added"][0]
    assert first["rule"] == "semgrep_id:bandit.B506" and first["file"] == "app/app.py" and first["start_line"] == 329
    assert first["report_type"] == "sast" and first["scanner"] == {"id": "semgrep", "name": "Semgrep"}
    assert first["identifiers"][1] == {
        "type": "cwe",
        "name": "CWE-502",
        "value": "502",
        "url": "https://cwe.mitre.org/data/definitions/502.html",
    }
    uuids = [f["uuid"] for f in doc["added"] + doc["fixed"]]
    assert len(set(uuids)) == len(uuids) and all(uuid.UUID(u).version == 5 for u in uuids)
    assert doc["fixed"][0]["rule"].startswith("semgrep_id:gosec.") and doc["fixed"][0]["file"] == "foo.go"


def test_json_is_deterministic_and_independent_of_input_order(flask_vs_go):
    comparison, base, head = flask_vs_go
    shuffled = compare(list(reversed(base)), list(reversed(head)))
    one = json.dumps(diff_to_dict(comparison, base="a", head="b"))
    assert one == json.dumps(diff_to_dict(comparison, base="a", head="b"))
    assert one == json.dumps(diff_to_dict(shuffled, base="a", head="b"))
    assert json.loads(one)["added"][0]["name"] == "Deserialization of untrusted data"


def test_json_of_an_unchanged_report():
    report = load_report(FLASK)
    doc = diff_to_dict(compare_reports([report], [report]), base="x", head="x")
    assert doc["added"] == [] and doc["fixed"] == []
    assert doc["summary"]["unchanged"] == 17 and set(doc["summary"]["added"].values()) == {0}


# --- Markdown: real reports --------------------------------------------------------------------


def test_markdown_from_real_reports(flask_vs_go):
    comparison, base, head = flask_vs_go
    md = diff_markdown(comparison)
    assert md == diff_markdown(compare(list(reversed(base)), list(reversed(head))))
    assert md.startswith("## secscan security scan\n") and "**17 new findings**, 1 fixed, 0 unchanged." in md
    assert "| New | 5 | 10 | 2 | 17 |" in md and "| Fixed | 0 | 1 | 0 | 1 |" in md
    assert "not shown" not in md
    html = render(md)
    # one <details> per new finding plus one for the fixed table, balanced
    assert html.starts.count("details") == html.ends.count("details") == 18
    severities = [s.split()[0] for s in html.summaries[:17]]
    assert severities == ["Critical"] * 5 + ["Medium"] * 10 + ["Info"] * 2
    assert html.summaries[0] == "Critical app/app.py:329 bandit.B506 Deserialization of untrusted data"
    assert html.summaries[-1] == "1 fixed finding"
    assert "https://cwe.mitre.org/data/definitions/502.html" in html.hrefs
    assert all(h.startswith("https://") for h in html.hrefs)
    # descriptions verbatim (the original text, clipped), not interpreted as Markdown
    assert html.pres[0].startswith("The application was found using an unsafe version of `yaml` load")
    assert "# Use safe_load to load data into an intermediary object" in html.pres[0]
    assert html.rows == [5, 5, 5, 4, 4]  # counts table (header, New, Fixed), fixed table (header, one row)


def test_markdown_when_nothing_is_new():
    report = load_report(FLASK)
    md = diff_markdown(compare_reports([report], [report]))
    assert "No new security findings, 17 unchanged." in md
    assert "<details" not in md and "|" not in md
    flask = load_report(FLASK)
    md = diff_markdown(compare_reports([flask], [replace(flask, vulnerabilities=())]))
    assert "No new security findings, 17 fixed, 0 unchanged." in md
    html = render(md)
    assert html.summaries == ["17 fixed findings"] and html.rows.count(4) == 18


# --- Markdown: hostile findings ----------------------------------------------------------------


def test_hostile_strings_are_escaped_in_markdown_and_html():
    vuln = hostile()
    md = diff_markdown(Comparison(added=(vuln,), fixed=(replace(vuln, id="other"),), unchanged=()))
    lowered = md.lower()
    assert "<script" not in lowered and "<img" not in lowered and "](javascript:" not in lowered
    assert "| a | b |" not in md and "`" not in md and "*bold*" not in md and "_it_" not in md
    assert not CONTROL.search(md)
    assert md.count("<details>") == md.count("</details>") == 2
    # every table line has exactly the table's own pipes
    for line in md.splitlines():
        if line.startswith("|"):
            assert line.count("|") in (4, 5, 6), line

    html = render(md)
    assert "script" not in html.starts and "img" not in html.starts and not html.srcs
    assert sorted(html.hrefs) == ["https://cwe.mitre.org/data/definitions/79.html", "https://example.com/a%20b%29c%28d"]
    assert html.starts.count("details") == html.ends.count("details") == 2
    assert html.rows == [3, 3, 3, 4, 4]  # counts (label, High, Total) then the fixed table: header and one row
    # the text reads as the report wrote it: newlines flattened, control characters shown, links broken
    expected_name = (
        "<script>alert(1)</script> | a | b | [x](javascript:alert(1)) ![i](https:\u200b//evil.example/p.png) "
        "`tick` *bold* _it_ #1 @\u200balice https:\u200b//evil.example www\u200b.evil.example &amp; second line "
        "\\x1b[31mred\\x07"
    )
    assert html.summaries[0] == f"High src/<img src=x onerror=alert(1)>|`x`.py:8 rule|<b>`x` {expected_name}"
    assert html.pres[0].startswith("<script>alert(1)</script> | a | b |")
    assert html.pres[0].endswith("</pre><script>alert(2)</script>\n\n- list\n    code\n# heading")
    assert html.pres[1].startswith("</details><script>alert(3)</script>")
    assert "[x](javascript:alert(1))" in "".join(html.text)


def test_title_and_details_url_are_checked_and_escaped():
    comparison = Comparison(added=tuple(finding(n) for n in range(20)), fixed=(), unchanged=())
    md = diff_markdown(
        comparison, title="<b>pwn</b> | x", details_url="https://ci.example/job?a=1&b=(2)", max_chars=MIN_CHARS
    )
    assert md.startswith("## &lt;b&gt;pwn&lt;/b&gt; &#124; x\n")
    assert md.rstrip().endswith("[Full report](https://ci.example/job?a=1&amp;b=%282%29)")
    assert "https://ci.example/job?a=1&b=%282%29" in render(md).hrefs
    with pytest.raises(ValueError, match="details URL"):
        diff_markdown(comparison, details_url="javascript:alert(1)")
    with pytest.raises(ValueError, match=f"at least {MIN_CHARS}"):
        diff_markdown(comparison, max_chars=MIN_CHARS - 1)


def test_escaping_helpers():
    assert md_text("a\r\n\tb  <c>|*d*") == "a b &lt;c&gt;&#124;&#42;d&#42;"
    assert md_text("mail me: bob@example.com") == "mail me: bob@\u200bexample.com"
    assert md_text("x" * 300) == "x" * 254 + "…"
    assert md_url("ftp://example.com") is None and md_url("JaVaScRiPt:alert(1)") is None
    assert md_url("HTTPS://example.com/ä x") == "HTTPS://example.com/%C3%A4%20x"
    assert md_url("https://example.com/" + "a" * 3000) is None


# --- Markdown: size limits ---------------------------------------------------------------------


def shown_and_missing(md: str) -> tuple[int, int]:
    match = re.search(r"… and (\d+) more findings? not shown\.", md)
    return md.count("<details><summary><b>"), int(match.group(1)) if match else 0


@pytest.mark.parametrize("max_chars", [MIN_CHARS, 60000, GITHUB_COMMENT_MAX])
def test_five_thousand_findings_fit_the_limit(max_chars: int):
    added = tuple(finding(n, severity=list(Severity)[n % 6], description="d" * 200) for n in range(5000))
    fixed = tuple(finding(n, name="gone") for n in range(5000, 5100))
    md = diff_markdown(
        Comparison(added=added, fixed=fixed, unchanged=()), max_chars=max_chars, details_url="https://ci.example/report"
    )
    assert len(md) <= max_chars
    shown, missing = shown_and_missing(md)
    assert shown > 0 and shown + missing == 5100
    assert md.rstrip().endswith("not shown. [Full report](https://ci.example/report)")
    html = render(md)
    assert html.starts.count("details") == html.ends.count("details") == shown
    assert html.summaries[0].startswith("Critical ")


def test_fixed_table_is_cut_at_a_whole_row():
    fixed = tuple(finding(n, name="gone " * 20) for n in range(500))
    md = diff_markdown(Comparison(added=(finding(999),), fixed=fixed, unchanged=()), max_chars=10000)
    assert len(md) <= 10000
    html = render(md)
    rows = len(html.rows) - 3 - 1  # minus the counts table and the fixed table's header
    assert 0 < rows < 500 and html.summaries[-1] == "500 fixed findings"
    assert shown_and_missing(md) == (1, 500 - rows)
    assert md.count("<details>") == md.count("</details>") == 2


def test_one_mebibyte_description_is_clipped():
    huge = finding(1, description="<b>" + "x" * (1024 * 1024), solution="y" * 100000)
    md = diff_markdown(Comparison(added=(huge,), fixed=(), unchanged=()))
    assert len(md) <= 60000 and "not shown" not in md
    pre = render(md).pres
    assert len(pre[0]) == DESCRIPTION_CLIP and pre[0].startswith("<b>xx") and pre[0].endswith("…")
    # the smallest limit still holds: the finding is left out whole, not cut
    md = diff_markdown(Comparison(added=(huge,), fixed=(), unchanged=()), max_chars=MIN_CHARS)
    assert len(md) <= MIN_CHARS and shown_and_missing(md) == (0, 1) and "<pre>" not in md


# --- terminal ----------------------------------------------------------------------------------


def rendered(tables) -> str:
    console = Console(record=True, width=250, color_system=None)
    for table in tables:
        console.print(table)
    return console.export_text()


def test_terminal_tables(flask_vs_go):
    comparison, _, _ = flask_vs_go
    text = rendered(diff_table(comparison))
    assert "17 new findings, 1 fixed, 0 unchanged" in text
    assert re.search(r"│ new\s+│\s+5 │\s+0 │\s+10 │\s+0 │\s+0 │\s+2 │\s+17 │", text)
    lines = [line for line in text.splitlines() if re.match(r"│ (new|fixed) +│ [A-Z]", line)]
    assert len(lines) == 18 and "bandit.B506" in lines[0] and lines[-1].startswith("│ fixed")
    limited = rendered(diff_table(comparison, limit=3))
    assert "changes (first 3 of 18)" in limited
    assert len([line for line in limited.splitlines() if re.match(r"│ (new|fixed) +│ [A-Z]", line)]) == 3


def test_terminal_tables_show_hostile_text_inert():
    vuln = hostile()
    text = rendered(diff_table(Comparison(added=(vuln,), fixed=(), unchanged=())))
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[31mred" in text
    unchanged = rendered(diff_table(Comparison(added=(), fixed=(), unchanged=((vuln, vuln),))))
    assert "0 new findings, 0 fixed, 1 unchanged" in unchanged and "changes" not in unchanged
