import os
import tempfile
from tempfile import mktemp


def vulnerable(data):
    # ruleid: python.lang.tempfile-mktemp
    path = tempfile.mktemp()
    with open(path, "w") as fh:
        fh.write(data)

    # ruleid: python.lang.tempfile-mktemp
    report = mktemp(suffix=".csv", dir="/tmp")
    return path, report


def safe(data):
    # ok: python.lang.tempfile-mktemp
    with tempfile.NamedTemporaryFile("w", delete=False) as fh:
        fh.write(data)

    # ok: python.lang.tempfile-mktemp
    fd, path = tempfile.mkstemp(suffix=".csv")
    os.close(fd)

    # ok: python.lang.tempfile-mktemp
    workdir = tempfile.mkdtemp()
    return fh.name, path, workdir
