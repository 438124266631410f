"""A scanner that hangs: it starts a sleeping child, writes its own pid and the child's to
the file named by FAKE_SCANNER_PIDFILE (one per line), then sleeps 30 s itself.

A timeout must kill both (the scanner's whole process group), not only the direct child.
"""

import os
import subprocess
import sys
import time

child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
pidfile = os.environ.get("FAKE_SCANNER_PIDFILE")
if pidfile:
    with open(pidfile + ".tmp", "w") as fh:
        fh.write(f"{os.getpid()}\n{child.pid}\n")
    os.replace(pidfile + ".tmp", pidfile)
time.sleep(30)
child.wait()
