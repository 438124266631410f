import json
import os
import tempfile
from pathlib import Path


def dump_report(data, user_id):
    # ruleid: python.lang.hardcoded-tmp-path
    with open("/tmp/report.json", "w") as fh:
        json.dump(data, fh)
    # ruleid: python.lang.hardcoded-tmp-path
    with open(f"/tmp/report-{user_id}.csv", "a") as fh:
        fh.write("x")
    # ruleid: python.lang.hardcoded-tmp-path
    with open(os.path.join("/tmp", "cache.bin"), "wb") as fh:
        fh.write(b"x")
    # ruleid: python.lang.hardcoded-tmp-path
    Path("/tmp/app.pid").write_text(str(os.getpid()))


def safe(data):
    # ok: python.lang.hardcoded-tmp-path
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(data, fh)
    # ok: python.lang.hardcoded-tmp-path
    with open("/tmp/report.json") as fh:
        previous = fh.read()
    # ok: python.lang.hardcoded-tmp-path
    with open("/var/lib/app/report.json", "w") as fh:
        json.dump(data, fh)
    return previous
