"""A scanner that prints garbage instead of its JSON to stdout and exits 0 (like semgrep --json)."""

import sys

if "--version" in sys.argv[1:]:
    print("1.0.0")
    sys.exit(0)
sys.stdout.write("<html>Service Unavailable</html>\n{not json at all\n")
sys.exit(0)
