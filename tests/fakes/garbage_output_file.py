"""A scanner that writes garbage to the file given by ``--output PATH`` and exits 0 (like bandit).

Any other invocation (``-h``, ``--version``) prints a little text and exits 0.
"""

import sys

args = sys.argv[1:]
if "--output" in args:
    index = args.index("--output")
    if index + 1 < len(args):
        with open(args[index + 1], "w", encoding="utf-8") as fh:
            fh.write("this is not JSON\x00\xff {[\n")
    sys.exit(0)
print("fake bandit 1.0.0")
sys.exit(0)
