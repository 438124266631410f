"""Text hygiene for strings that come from scanned code (file names, messages, source lines)."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Escape control characters (ESC, BEL, CR, ...) so a scanned repository's file names or
    findings cannot drive the user's terminal; newlines and tabs are kept."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
