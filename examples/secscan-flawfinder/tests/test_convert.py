"""The converter on flawfinder's CSV, without running flawfinder."""

from pathlib import Path

import pytest

from secscan.common import AnalyzeContext, Config, ScannerOutputError
from secscan.report import Severity
from secscan_flawfinder.convert import convert

SAMPLE = Path(__file__).parent / "sample"
HEADER = "File,Line,Column,DefaultLevel,Level,Category,Name,Warning,Suggestion,Note,CWEs,Context,Fingerprint,ToolVersion,RuleId,HelpUri\n"


def context() -> AnalyzeContext:
    return AnalyzeContext("flawfinder", SAMPLE, ("main.c",), Config.load(), SAMPLE)


def test_a_row_becomes_a_finding_with_the_function_first_and_every_cwe():
    row = 'main.c,6,5,2,2,buffer,char,"Statically-sized arrays can be improperly restricted (CWE-119!/CWE-120).",Check bounds.,,CWE-119!/CWE-120,    char buffer[16];,ab,2.0.20,FF1013,https://cwe.mitre.org/data/definitions/119.html\n'
    ctx = context()
    [finding] = convert((HEADER + row).encode(), ctx)
    assert [(i.type, i.value) for i in finding.identifiers] == [
        ("flawfinder_func_name", "char"), ("cwe", "119"), ("cwe", "120"),
    ]  # fmt: skip
    assert finding.severity is Severity.LOW
    assert (finding.location.file, finding.location.start_line) == ("main.c", 6)
    assert finding.raw_source_code_extract.strip() == "char buffer[16];"
    assert ctx.scanner_version == "2.0.20"


def test_no_hits_is_no_findings():
    assert convert(b"", context()) == []


def test_output_that_is_not_flawfinders_csv_is_a_clear_error():
    with pytest.raises(ScannerOutputError, match="not its --csv format"):
        convert(b"Flawfinder version 1.0\nNo hits found.\n", context())
