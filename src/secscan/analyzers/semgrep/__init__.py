"""The semgrep analyzer (every language its rule pack covers)."""

from .analyzer import SemgrepAnalyzer

__all__ = ["SemgrepAnalyzer"]
