import os
import shlex
import subprocess
from os import system


def vulnerable(filename, host):
    # ruleid: python.lang.os-system-injection
    os.system("rm -rf /tmp/uploads/" + filename)

    # ruleid: python.lang.os-system-injection
    os.system(f"ping -c 1 {host}")

    # ruleid: python.lang.os-system-injection
    system("gzip %s" % filename)

    # ruleid: python.lang.os-system-injection
    out = os.popen("nslookup {}".format(host)).read()

    # ruleid: python.lang.os-system-injection
    status, out = subprocess.getstatusoutput("file " + filename)
    return out


def safe(filename):
    # ok: python.lang.os-system-injection
    os.system("uptime")

    # ok: python.lang.os-system-injection
    listing = os.popen("ls -l /var/log", "r").read()

    # ok: python.lang.os-system-injection
    subprocess.run(["gzip", filename], check=True)

    # ok: python.lang.os-system-injection
    os.path.join("/tmp", filename)
    return listing
