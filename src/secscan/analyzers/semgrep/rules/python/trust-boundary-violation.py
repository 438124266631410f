import re

from django.http import HttpResponse
from flask import Flask, abort, request, session

app = Flask(__name__)

ROLES = {"viewer", "editor"}
LANG_RE = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


@app.route("/set-role", methods=["POST"])
def set_role():
    # ruleid: python.web.trust-boundary-violation
    session["role"] = request.form["role"]
    return "ok"


@app.route("/set-role-checked", methods=["POST"])
def set_role_checked():
    role = request.form["role"]
    if role not in ROLES:
        abort(400)
    # ok: python.web.trust-boundary-violation
    session["role"] = role
    return "ok"


@app.route("/cart/<item>")
def add_to_cart(item):
    # ruleid: python.web.trust-boundary-violation
    session["last_item"] = item
    # ok: python.web.trust-boundary-violation
    session["quantity"] = int(request.args.get("qty", 1))
    return "added"


def django_impersonate(request):
    user_id = request.GET.get("as_user")
    # ruleid: python.web.trust-boundary-violation
    request.session["impersonate_id"] = user_id
    # ruleid: python.web.trust-boundary-violation
    request.session.update({"org": request.POST["org"]})
    return HttpResponse("ok")


def django_language(request):
    form = LanguageForm(request.POST)
    if form.is_valid():
        # ok: python.web.trust-boundary-violation
        request.session["lang"] = form.cleaned_data["lang"]
    lang = request.POST.get("lang", "")
    if LANG_RE.fullmatch(lang):
        # ok: python.web.trust-boundary-violation
        request.session["lang"] = lang
    return HttpResponse("ok")


def remember_login(request, user):
    # ok: python.web.trust-boundary-violation
    request.session["user_id"] = user.pk
