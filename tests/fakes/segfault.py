"""A scanner that dies of a signal: it sends itself SIGSEGV."""

import os
import signal
import sys

sys.stdout.write("partial output before the crash\n")
sys.stdout.flush()
os.kill(os.getpid(), signal.SIGSEGV)
