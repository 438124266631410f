"""secscan's conformance kit on this analyzer and the C sample."""

from pathlib import Path

from secscan.testing import AnalyzerConformance


class TestFlawfinderConforms(AnalyzerConformance):
    analyzer = "flawfinder"
    sample = Path(__file__).parent / "sample"
