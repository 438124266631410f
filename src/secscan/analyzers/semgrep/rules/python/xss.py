import html

import bleach
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Flask, Response, jsonify, make_response, redirect, render_template, render_template_string, request, url_for
from markupsafe import Markup

app = Flask(__name__)
api = FastAPI()


@app.route("/hello")
def hello():
    name = request.args.get("name", "world")
    # ruleid: python.web.xss
    return "<h1>Hello " + name + "</h1>"


@app.route("/echo")
def echo():
    # ruleid: python.web.xss
    return request.args["msg"]


@app.route("/greet/<user>")
def greet(user):
    page = f"<p>Welcome back, {user}!</p>"
    # ruleid: python.web.xss
    return page


@app.get("/search")
def search():
    q = request.args.get("q", "")
    if not q:
        # ok: python.web.xss
        return redirect(url_for("hello"))
    # ok: python.web.xss
    return render_template("search.html", q=q)


@app.get("/search-escaped")
def search_escaped():
    q = request.args.get("q", "")
    page = "<p>Results for %s</p>" % html.escape(q)
    # ok: python.web.xss
    return page


@app.get("/api/echo")
def api_echo():
    q = request.args.get("q", "")
    # ok: python.web.xss
    return jsonify(query=q)


@app.get("/api/dict")
def api_dict():
    # ok: python.web.xss
    return {"query": request.args.get("q")}


@app.post("/comment")
def comment():
    text = request.form["text"]
    # ruleid: python.web.xss
    resp = make_response("<div class='comment'>%s</div>" % text)
    # ruleid: python.web.xss
    banner = Markup("<b>" + text + "</b>")
    # ok: python.web.xss
    banner = Markup("<b>{}</b>").format(text)
    # ok: python.web.xss
    safe = make_response(render_template("comment.html", text=text))
    return resp


@app.route("/preview")
def preview():
    tpl = request.args.get("template", "")
    # ruleid: python.web.xss
    return render_template_string(tpl)


@app.route("/preview-safe")
def preview_safe():
    # ok: python.web.xss
    return render_template_string("<p>{{ q }}</p>", q=request.args.get("q"))


@app.route("/raw")
def raw():
    body = request.args.get("body", "")
    # ruleid: python.web.xss
    return Response("<pre>" + body + "</pre>")


@app.route("/raw-text")
def raw_text():
    body = request.args.get("body", "")
    # ok: python.web.xss
    return Response(body, mimetype="text/plain")


def django_profile(request):
    bio = request.POST.get("bio", "")
    # ruleid: python.web.xss
    return HttpResponse("<div>" + bio + "</div>")


def django_profile_safe(request):
    bio = request.POST.get("bio", "")
    # ok: python.web.xss
    return HttpResponse("<div>" + escape(bio) + "</div>")


def django_bio(request):
    bio = request.GET["bio"]
    # ruleid: python.web.xss
    context = {"bio": mark_safe(bio)}
    # ok: python.web.xss
    context = {"bio": mark_safe(bleach.clean(bio))}
    # ok: python.web.xss
    link = format_html('<a href="/u/{}">{}</a>', bio, bio)
    return render(request, "bio.html", context)


def django_plain(request):
    # ok: python.web.xss
    return HttpResponse(request.GET.get("q", ""), content_type="text/plain")


def django_json(request):
    # ok: python.web.xss
    return JsonResponse({"q": request.GET.get("q")})


@api.get("/page", response_class=HTMLResponse)
async def page(title: str):
    # ruleid: python.web.xss
    return HTMLResponse(content=f"<html><title>{title}</title></html>")


@api.get("/page-safe", response_class=HTMLResponse)
async def page_safe(title: str):
    # ok: python.web.xss
    return HTMLResponse(content=f"<html><title>{html.escape(title)}</title></html>")


@api.get("/plain")
async def plain(title: str):
    # ok: python.web.xss
    return "Hello " + title


def render_static(title):
    # ok: python.web.xss
    return HttpResponse("<h1>" + title + "</h1>")
