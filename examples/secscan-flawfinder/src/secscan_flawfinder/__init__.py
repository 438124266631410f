"""secscan analyzer plugin wrapping flawfinder (C/C++)."""

from .analyzer import FlawfinderAnalyzer

__all__ = ["FlawfinderAnalyzer"]
