"""SARIF 2.1.0 out (:mod:`.model`, :func:`to_sarif`) and in (:mod:`.parse`, :func:`from_sarif`, :func:`load_sarif`)."""

from .model import FINGERPRINTS, SARIF_SCHEMA, SARIF_VERSION, SRCROOT, to_sarif
from .parse import LEVEL_SEVERITY, SarifImport, from_sarif, is_sarif, load_sarif

__all__ = [
    "FINGERPRINTS",
    "LEVEL_SEVERITY",
    "SARIF_SCHEMA",
    "SARIF_VERSION",
    "SRCROOT",
    "SarifImport",
    "from_sarif",
    "is_sarif",
    "load_sarif",
    "to_sarif",
]
