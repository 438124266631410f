import asyncio
import os
import shlex
import subprocess

from django.http import HttpResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    # ruleid: python.web.command-injection
    os.system("ping -c 1 " + host)
    # ok: python.web.command-injection
    os.system("ping -c 1 " + shlex.quote(host))
    # ok: python.web.command-injection
    subprocess.run(["ping", "-c", "1", host], check=False)
    return "done"


@app.route("/convert/<fmt>")
def convert(fmt):
    src = request.form["file"]
    # ruleid: python.web.command-injection
    out = subprocess.check_output(f"convert {src} out.{fmt}", shell=True)
    # ok: python.web.command-injection
    out = subprocess.check_output(["convert", src, "out." + fmt])
    # ok: python.web.command-injection
    out = subprocess.check_output("convert %s out.png" % shlex.quote(src), shell=True)
    return out


@app.post("/tool")
def run_tool():
    data = request.get_json()
    # ruleid: python.web.command-injection
    result = subprocess.run([data["tool"], "--version"], capture_output=True)
    # ok: python.web.command-injection
    result = subprocess.run(["/usr/bin/git", "log", "--author", data["author"]], capture_output=True)
    return jsonify(stdout=result.stdout.decode())


def django_whois(request):
    domain = request.GET["domain"]
    # ruleid: python.web.command-injection
    pipe = os.popen("whois %s" % domain)
    # ok: python.web.command-injection
    pipe = os.popen("whois %s" % shlex.quote(domain))
    return HttpResponse(pipe.read(), content_type="text/plain")


def django_archive(request):
    name = request.POST.get("name")
    cmd = "tar czf /backups/%s.tgz /srv/data" % name
    # ruleid: python.web.command-injection
    subprocess.Popen(cmd, shell=True)
    # ok: python.web.command-injection
    subprocess.Popen(["tar", "czf", "/backups/archive.tgz", "/srv/data"])
    return HttpResponse("started")


@api.get("/dig")
async def dig(name: str, count: int = 1):
    # ruleid: python.web.command-injection
    proc = await asyncio.create_subprocess_shell("dig " + name)
    # ok: python.web.command-injection
    proc = await asyncio.create_subprocess_exec("dig", name)
    # ok: python.web.command-injection
    proc = await asyncio.create_subprocess_shell("dig example.com +tries=%d" % count)
    await proc.wait()
    return {"ok": True}


async def aiohttp_exec(request):
    form = await request.post()
    # ruleid: python.web.command-injection
    os.execvp(form["program"], [form["program"]])


def nightly_backup(path):
    # ok: python.web.command-injection
    os.system("tar czf backup.tgz " + path)
