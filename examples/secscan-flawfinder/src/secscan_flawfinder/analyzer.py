"""The flawfinder analyzer: C and C++ files, flawfinder's CSV output, its rule set."""

from __future__ import annotations

from secscan.common import API_VERSION, AnalyzeContext, Analyzer, AnalyzerMetadata, ScannerMetadata
from secscan.report import Identifier, Vulnerability

from .convert import convert, function_identifier

#: the extensions flawfinder reads as C/C++ (its own list, less the rarely used ones)
EXTENSIONS = (".c", ".h", ".ec", ".ecp", ".pgc", ".C", ".cpp", ".CPP", ".cxx", ".c++", ".cc", ".CC", ".pcc", ".hpp", ".H")


class FlawfinderAnalyzer(Analyzer):
    metadata = AnalyzerMetadata(
        id="flawfinder",
        name="Flawfinder (secscan plugin)",
        vendor="secscan examples",
        version="0.1.0",
        scanner=ScannerMetadata(
            id="flawfinder", name="Flawfinder", vendor="David A. Wheeler",
            url="https://dwheeler.com/flawfinder/", executable="flawfinder",
        ),  # fmt: skip
        primary_identifier_types=("flawfinder_func_name",),
        api_version=API_VERSION,
    )
    #: the CSV's ToolVersion column names the version; with no hits, secscan asks `flawfinder --version`
    version_in_output = False

    def match(self, path: str) -> bool:
        return path.endswith(EXTENSIONS)

    def analyze(self, ctx: AnalyzeContext) -> bytes:
        # --dataonly: no header or footer text; --quiet: no progress. Paths are relative to the target.
        return ctx.run([self.executable(ctx), "--csv", "--dataonly", "--quiet", "--", *ctx.files]).stdout

    def convert(self, raw: bytes, ctx: AnalyzeContext) -> list[Vulnerability]:
        return convert(raw, ctx)

    def primary_identifiers(self, ctx: AnalyzeContext) -> list[Identifier]:
        """Every function of flawfinder's rule set (its ``c_ruleset``: names joined by ``|``)."""
        try:
            import flawfinder
        except ImportError:  # a flawfinder executable without the module beside secscan
            return []
        names = sorted({name for key in flawfinder.c_ruleset for name in key.split("|")})
        return [function_identifier(name) for name in names]
