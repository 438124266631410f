"""pyflow: secscan's own Python data-flow analyzer (see engine.py)."""

from .analyzer import PyflowAnalyzer

__all__ = ["PyflowAnalyzer"]
