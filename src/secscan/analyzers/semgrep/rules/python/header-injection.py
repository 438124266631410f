import urllib.parse

from django.http import HttpResponse
from fastapi import FastAPI, Response
from flask import Flask, make_response, request

app = Flask(__name__)
api = FastAPI()

THEMES = {"light", "dark"}


@app.route("/download")
def download():
    name = request.args.get("name", "report.csv")
    resp = make_response("a,b\n1,2\n")
    # ruleid: python.web.header-injection
    resp.headers["Content-Disposition"] = "attachment; filename=" + name
    # ok: python.web.header-injection
    resp.headers["Content-Disposition"] = "attachment; filename*=UTF-8''" + urllib.parse.quote(name)
    return resp


@app.route("/theme")
def theme():
    choice = request.args.get("theme", "light")
    resp = make_response("ok")
    # ruleid: python.web.header-injection
    resp.set_cookie("theme", choice)
    if choice in THEMES:
        # ok: python.web.header-injection
        resp.set_cookie("theme", choice, secure=True)
    return resp


@app.route("/lang")
def lang():
    value = request.headers.get("X-Lang", "en")
    resp = make_response("ok")
    # ok: python.web.header-injection
    resp.headers["Content-Language"] = value.replace("\r", "").replace("\n", "")
    return resp


def django_export(request):
    fmt = request.GET.get("format", "csv")
    response = HttpResponse("data")
    # ruleid: python.web.header-injection
    response["X-Export-Format"] = fmt
    # ok: python.web.header-injection
    response["X-Export-Count"] = int(request.GET.get("count", 0))
    return response


@api.get("/trace")
async def trace(trace_id: str, response: Response):
    # ruleid: python.web.header-injection
    response.headers["X-Trace-Id"] = trace_id
    return {"ok": True}


def add_version_header(response, version):
    # ok: python.web.header-injection
    response.headers["X-App-Version"] = version
    return response
