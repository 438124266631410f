import shlex
import subprocess
from subprocess import Popen


def vulnerable(user_host, filename, cmd):
    # ruleid: python.lang.subprocess-shell-true
    subprocess.call("ping -c 1 " + user_host, shell=True)

    # ruleid: python.lang.subprocess-shell-true
    subprocess.run(f"cat {filename}", shell=True, check=True)

    # ruleid: python.lang.subprocess-shell-true
    subprocess.check_output("ls -l %s" % filename, shell=True)

    # ruleid: python.lang.subprocess-shell-true
    subprocess.Popen("tar czf {}.tgz {}".format(filename, filename), shell=True)

    # ruleid: python.lang.subprocess-shell-true
    Popen(cmd, shell=True)

    # ruleid: python.lang.subprocess-shell-true
    subprocess.run(args=cmd, shell=True)


def safe(user_host, filename):
    # ok: python.lang.subprocess-shell-true
    subprocess.call("uptime", shell=True)

    # ok: python.lang.subprocess-shell-true
    subprocess.run(["ping", "-c", "1", user_host])

    # ok: python.lang.subprocess-shell-true
    subprocess.run(["cat", filename], shell=False, check=True)

    # ok: python.lang.subprocess-shell-true
    subprocess.check_output(filename, shell=False)

    # ok: python.lang.subprocess-shell-true
    subprocess.run(["ls", "-l"], shell=True)
