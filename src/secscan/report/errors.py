"""secscan's one error tree: every error it raises on purpose carries its message and exit code.

The root lives here because ``report/`` imports no other part of secscan, so every part (the
analyzer SDK in ``common/``, ``store/``, ``policy/``, the CLI) can subclass it without breaking
the import direction. The CLI turns any :class:`SecscanError` into one line on stderr and
``exit_code``, in one place (``secscan.cli.main``)::

    SecscanError                      exit 2  (the root; usage, configuration or input error)
    ├── ReportError                   exit 2  a report file cannot be read or parsed   (report.errors)
    │   └── ReportInvalidError        exit 3  secscan built a report failing its schema (a bug)
    ├── ConfigError                   exit 2  a flag, setting or configuration file     (common.errors)
    │   └── GitError                  exit 2  git cannot answer a diff-aware scan       (common.gitdiff)
    ├── AnalyzerError                 exit 3  an analyzer produced no results           (common.errors)
    │   ├── ScannerNotFoundError
    │   ├── ScannerCrashedError
    │   ├── ScannerTimeoutError
    │   ├── ScannerOutputError
    │   └── RuleError
    ├── StoreError                    exit 2  the vulnerability database or a record    (store.errors)
    └── PolicyError                   exit 2  an approval policy file                   (policy.load)

Exit codes: 0 done; 1 findings at or above ``--fail-on`` or a policy requires approval (a result,
never an error); 2 usage, configuration or input error; 3 scan incomplete.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: Scan finished; nothing at or above ``--fail-on``.
EXIT_OK = 0
#: Findings at or above ``--fail-on``, or a policy requires approval.
EXIT_FINDINGS = 1
#: Usage, configuration or input error: nothing was scanned or written.
EXIT_USAGE = 2
#: Scan incomplete: an analyzer failed; the report is still written with ``scan.status: failure``.
EXIT_INCOMPLETE = 3


class SecscanError(Exception):
    """Base class: a one-line message for the user and the exit code that goes with it."""

    exit_code = EXIT_USAGE


class ReportError(SecscanError):
    """A report file cannot be read or parsed."""


class ReportInvalidError(ReportError):
    """secscan built a report that fails its own schema: a bug in secscan or in an analyzer."""

    exit_code = EXIT_INCOMPLETE

    def __init__(self, path: Path, errors: Sequence[object]):
        self.path = path
        self.errors = list(errors)
        first = "; ".join(str(e) for e in self.errors[:3])
        more = f" (and {len(self.errors) - 3} more)" if len(self.errors) > 3 else ""
        super().__init__(
            f"{path}: refusing to write a report that fails the schema: {first}{more}. "
            "This is a bug in secscan or in the analyzer plugin; please report it"
        )
