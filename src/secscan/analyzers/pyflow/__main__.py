"""``python -m secscan.analyzers.pyflow [--] FILE...``: analyze files, print JSON results.

pyflow runs as its own process, like any scanner: a crash or a runaway file cannot take the
scan down, and the pipeline's timeout and process-group handling apply to it unchanged.
Output: ``{"version": ..., "results": [...], "errors": [{"path", "message"}], "web": [paths]}``
(a result: ``kind``, ``path``, ``line``, ``column``, ``end_line``, ``sources``, and ``bandit``:
bandit's test id for the same call, or null)
where ``web`` lists the files that read request data (the files pyflow's verdict covers).
"""

from __future__ import annotations

import json
import sys
import tokenize

from ... import __version__
from .interpreter import analyze_module


def analyze_file(path: str) -> tuple[list[dict], bool, str | None]:
    """(results, whether the file reads request data, error)."""
    try:
        with tokenize.open(path) as fh:  # honours PEP 263 encoding declarations
            text = fh.read()
    except (OSError, SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return [], False, f"cannot read the file ({type(exc).__name__}: {exc})"
    try:
        module = analyze_module(text, path)
        hits = module.run()
    except SyntaxError as exc:
        return [], False, f"not valid Python (line {exc.lineno}: {exc.msg})"
    except RecursionError:
        return [], False, "nested too deeply to analyze"
    results = [
        {
            "kind": h.kind,
            "path": path,
            "line": h.line,
            "column": h.column,
            "end_line": h.end_line,
            "sources": list(h.source_lines),
            "bandit": h.bandit,
        }
        for h in hits
    ]
    return results, module.web, None


def main(argv: list[str]) -> int:
    files = [a for a in argv if a != "--"]
    if files and files[0] == "--version":
        print(f"pyflow {__version__}")
        return 0
    results: list[dict] = []
    errors: list[dict] = []
    web: list[str] = []
    for path in files:
        found, reads_requests, error = analyze_file(path)
        results.extend(found)
        if reads_requests:
            web.append(path)
        if error:
            errors.append({"path": path, "message": error})
    json.dump({"version": __version__, "results": results, "errors": errors, "web": web}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
