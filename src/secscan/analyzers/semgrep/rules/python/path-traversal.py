import os
import shutil
from pathlib import Path

from django.http import FileResponse, HttpResponse
from fastapi import FastAPI
from fastapi.responses import FileResponse as FastFileResponse
from flask import Flask, abort, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
api = FastAPI()

UPLOAD_DIR = "/srv/app/uploads"
REPORTS = Path("/srv/app/reports")


@app.route("/download")
def download():
    name = request.args.get("file")
    # ruleid: python.web.path-traversal
    return send_file(os.path.join(UPLOAD_DIR, name))


@app.route("/download-safe")
def download_safe():
    name = request.args.get("file")
    # ok: python.web.path-traversal
    return send_from_directory(UPLOAD_DIR, name)


@app.route("/read/<path:filename>")
def read(filename):
    # ruleid: python.web.path-traversal
    with open(UPLOAD_DIR + "/" + filename) as fh:
        body = fh.read()
    # ok: python.web.path-traversal
    with open(os.path.join(UPLOAD_DIR, os.path.basename(filename))) as fh:
        body = fh.read()
    return body


@app.route("/read-checked")
def read_checked():
    full = os.path.realpath(os.path.join(UPLOAD_DIR, request.args["name"]))
    if not full.startswith(UPLOAD_DIR + os.sep):
        abort(404)
    # ok: python.web.path-traversal
    return send_file(full)


@app.post("/upload")
def upload():
    f = request.files["document"]
    # ruleid: python.web.path-traversal
    f.save(os.path.join(UPLOAD_DIR, f.filename))
    # ok: python.web.path-traversal
    f.save(os.path.join(UPLOAD_DIR, secure_filename(f.filename)))
    return "", 201


def django_delete(request):
    target = request.POST["path"]
    # ruleid: python.web.path-traversal
    os.remove(os.path.join(UPLOAD_DIR, target))
    # ok: python.web.path-traversal
    os.remove(os.path.join(UPLOAD_DIR, "cache.tmp"))
    return HttpResponse(status=204)


def django_export(request):
    name = request.GET.get("report")
    # ruleid: python.web.path-traversal
    return FileResponse(open(f"/srv/app/reports/{name}.pdf", "rb"))


def django_archive(request):
    folder = request.GET["folder"]
    # ruleid: python.web.path-traversal
    shutil.rmtree(os.path.join(UPLOAD_DIR, folder))
    # ruleid: python.web.path-traversal
    shutil.copy("/srv/app/template.txt", os.path.join(UPLOAD_DIR, folder, "readme.txt"))
    return HttpResponse("ok")


@api.get("/reports/{report_name}")
async def report(report_name: str, page: int = 1):
    # ruleid: python.web.path-traversal
    text = (REPORTS / report_name).read_text()
    # ok: python.web.path-traversal
    text = (REPORTS / f"page-{page}.txt").read_text()
    resolved = (REPORTS / report_name).resolve()
    if not resolved.is_relative_to(REPORTS):
        return {"error": "invalid"}
    # ok: python.web.path-traversal
    return FastFileResponse(resolved)


async def aiohttp_static(request):
    name = request.match_info["name"]
    # ruleid: python.web.path-traversal
    data = Path("/srv/static", name).read_bytes()
    # ok: python.web.path-traversal
    data = Path("/srv/static", Path(name).name).read_bytes()
    return data


def rotate_logs(log_dir):
    # ok: python.web.path-traversal
    shutil.rmtree(os.path.join(log_dir, "old"))
