import urllib.parse
import urllib.request

import aiohttp
import httpx
import requests
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
api = FastAPI()

ALLOWED_HOSTS = {"api.github.com", "hooks.slack.com"}


@app.route("/fetch")
def fetch():
    url = request.args.get("url")
    # ruleid: python.web.ssrf
    resp = requests.get(url, timeout=5)
    return resp.text


@app.route("/fetch-checked")
def fetch_checked():
    url = request.args.get("url")
    if urllib.parse.urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    # ok: python.web.ssrf
    resp = requests.get(url, timeout=5)
    return resp.text


@app.route("/repos/<owner>")
def repos(owner):
    # ok: python.web.ssrf
    resp = requests.get(f"https://api.github.com/users/{owner}/repos", timeout=5)
    # ok: python.web.ssrf
    resp = requests.get("https://api.github.com/search", params={"q": owner}, timeout=5)
    return jsonify(resp.json())


@app.post("/webhook/test")
def webhook_test():
    target = request.json["callback"]
    # ruleid: python.web.ssrf
    requests.post(target, json={"ping": True}, timeout=5)
    # ruleid: python.web.ssrf
    requests.request("POST", target, timeout=5)
    return "", 204


def django_preview(request):
    link = request.POST["link"]
    # ruleid: python.web.ssrf
    with urllib.request.urlopen(link) as fh:
        title = fh.read(200)
    # ok: python.web.ssrf
    with urllib.request.urlopen("https://example.com/preview?u=" + urllib.parse.quote(link)) as fh:
        title = fh.read(200)
    return JsonResponse({"title": title.decode()})


@api.get("/proxy")
async def proxy(url: str):
    async with httpx.AsyncClient() as client:
        # ruleid: python.web.ssrf
        r = await client.get(url)
    return {"status": r.status_code}


@api.get("/avatar")
async def avatar(user_id: int):
    async with httpx.AsyncClient() as client:
        # ok: python.web.ssrf
        r = await client.get(f"https://cdn.example.com/avatars/{user_id}.png")
    return {"status": r.status_code}


async def aiohttp_proxy(request):
    target = request.query["target"]
    async with aiohttp.ClientSession() as session:
        # ruleid: python.web.ssrf
        async with session.get(target) as resp:
            return await resp.text()


def health_check(service_url):
    # ok: python.web.ssrf
    return httpx.get(service_url, timeout=2).status_code
