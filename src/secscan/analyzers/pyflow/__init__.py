"""pyflow: secscan's own Python data-flow analyzer.

The machinery: ``interpreter.py`` (statements, over ``values.py``), with ``expressions.py``,
``calls.py`` and ``conditions.py``; ``lookup.py`` reads the knowledge tables ``sources.py``,
``sinks.py`` and ``sanitizers.py``, which sit beside the rule metadata they serve (``rules.py``).
"""

from .analyzer import PyflowAnalyzer

__all__ = ["PyflowAnalyzer"]
