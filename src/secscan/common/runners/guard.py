"""Runs one scanner command and makes its whole process group die with secscan.

secscan starts ``python -I -S guard.py NICE SECSCAN_PID -- COMMAND...`` as the leader of a new
process group.
The guard asks Linux for a parent-death signal (``PR_SET_PDEATHSIG``), starts the command in its
group and waits: when secscan dies, even by SIGKILL, the guard kills the group, which holds the
scanner and every process the scanner started (semgrep's engine, bandit's workers). It exits as
the command did. Standard library only: it runs with ``-I -S``, before anything else is imported.
"""

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def _kill_group(*_: object) -> None:
    os.killpg(0, signal.SIGKILL)


def main(argv: list[str]) -> None:
    nice, parent, command = int(argv[1]), int(argv[2]), argv[4:]
    signal.signal(signal.SIGTERM, _kill_group)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: secscan's own stop (SIGINT, SIGTERM) still kills the group
        pass
    if os.getppid() != parent:  # secscan died before the signal was armed (even before this started)
        _kill_group()
    if nice:
        os.nice(nice)
    # Python ignores SIGPIPE and SIGXFSZ for itself; the scanner gets the defaults, as with Popen
    pid = os.posix_spawnp(command[0], command, os.environ, setsigdef=(signal.SIGPIPE, signal.SIGXFSZ))
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        died_of = os.WTERMSIG(status)
        if died_of not in (signal.SIGKILL, signal.SIGSTOP):  # those two cannot be handled (or reset)
            signal.signal(died_of, signal.SIG_DFL)
        os.kill(os.getpid(), died_of)
    os._exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main(sys.argv)
