"""The bandit analyzer (Python)."""

from .analyzer import BanditAnalyzer

__all__ = ["BanditAnalyzer"]
