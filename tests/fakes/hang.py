"""A scanner that hangs.

Every invocation (whatever its arguments, so ``-h`` and ``--version`` hang too) starts a
sleeping child, appends ``started <own pid> <child pid>`` to the file named by
``FAKE_SCANNER_PIDFILE``, then sleeps ``FAKE_SCANNER_SLEEP`` seconds (default 30). If it is
not killed before the sleep ends it appends ``completed <own pid>``.

A timeout must kill the scanner's whole process group (the child too), so after a timed-out
scan no pid of the file is alive and no line says ``completed``.
"""

import os
import subprocess
import sys
import time

seconds = float(os.environ.get("FAKE_SCANNER_SLEEP") or 30)
child = subprocess.Popen([sys.executable, "-c", f"import time; time.sleep({seconds})"])
pidfile = os.environ.get("FAKE_SCANNER_PIDFILE")


def note(line: str) -> None:
    if pidfile:
        fd = os.open(pidfile, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)


note(f"started {os.getpid()} {child.pid}")
time.sleep(seconds)
child.wait()
note(f"completed {os.getpid()}")
