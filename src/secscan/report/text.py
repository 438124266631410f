"""Text hygiene for strings that come from scanned code (file names, messages, source lines)."""

from __future__ import annotations

import re

#: C0/C1 control characters (newline and tab excepted) and the Unicode bidirectional controls
#: ("Trojan Source": U+202A-U+202E embeddings and overrides, U+2066-U+2069 isolates, the U+200E/F
#: and U+061C marks) that make the text shown differ from the text read
_HOSTILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0xA0 else f"<U+{code:04X}>"


def printable(text: str) -> str:
    """Escape control characters (ESC, BEL, CR, ...) as ``\\xNN`` and show bidirectional controls
    as ``<U+202E>``, so a scanned repository's file names or findings can neither drive the
    user's terminal nor reorder what a reader sees; newlines and tabs are kept."""
    return _HOSTILE.sub(_visible, text)
