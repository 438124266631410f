"""A scanner that fails: writes an error to stderr and exits with status 2."""

import sys

sys.stderr.write("fake scanner: internal failure: rules engine exploded (FAKE-CRASH-7431)\n")
sys.stderr.flush()
sys.exit(2)
