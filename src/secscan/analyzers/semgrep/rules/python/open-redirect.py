from django.http import HttpResponseRedirect
from django.shortcuts import redirect as dj_redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from flask import Flask, redirect, request, url_for

app = Flask(__name__)
api = FastAPI()

ALLOWED_TARGETS = {"/dashboard", "/settings"}


@app.route("/login", methods=["POST"])
def login():
    next_url = request.args.get("next", "/")
    # ruleid: python.web.open-redirect
    return redirect(next_url)


@app.route("/go")
def go():
    target = request.values["url"]
    if target in ALLOWED_TARGETS:
        # ok: python.web.open-redirect
        return redirect(target)
    # ok: python.web.open-redirect
    return redirect(url_for("index", ref=target))


@app.route("/profile/<username>")
def profile(username):
    # ok: python.web.open-redirect
    return redirect("/users/" + username)


@app.route("/out")
def out():
    # ruleid: python.web.open-redirect
    return redirect(request.headers.get("Referer"))


def django_logout(request):
    next_url = request.GET.get("next")
    # ruleid: python.web.open-redirect
    return HttpResponseRedirect(next_url)


def django_login(request):
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=True):
        # ok: python.web.open-redirect
        return HttpResponseRedirect(next_url)
    # ok: python.web.open-redirect
    return HttpResponseRedirect(reverse("home"))


def django_shortcut(request):
    # ruleid: python.web.open-redirect
    return dj_redirect(request.GET["return_to"])


@api.get("/callback")
async def callback(return_to: str, code: str):
    # ruleid: python.web.open-redirect
    return RedirectResponse(url=return_to)


@api.get("/callback-safe")
async def callback_safe(item_id: str):
    # ok: python.web.open-redirect
    return RedirectResponse(f"/items/{item_id}")


async def aiohttp_jump(request):
    from aiohttp import web
    # ruleid: python.web.open-redirect
    raise web.HTTPFound(request.query["to"])


def after_save(obj_url):
    # ok: python.web.open-redirect
    return HttpResponseRedirect(obj_url)
