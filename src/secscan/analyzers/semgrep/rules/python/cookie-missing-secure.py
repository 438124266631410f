from django.conf import settings
from django.http import HttpResponse
from flask import Flask, make_response

app = Flask(__name__)
# ruleid: python.web.cookie-missing-secure
app.config["SESSION_COOKIE_SECURE"] = False


@app.route("/login")
def login():
    resp = make_response("ok")
    # ruleid: python.web.cookie-missing-secure
    resp.set_cookie("session_hint", "1")
    # ruleid: python.web.cookie-missing-secure
    resp.set_cookie("remember", "yes", secure=False, httponly=True)
    # ok: python.web.cookie-missing-secure
    resp.set_cookie("remember", "yes", secure=True, httponly=True, samesite="Lax")
    return resp


def django_view(request):
    response = HttpResponse("ok")
    # ruleid: python.web.cookie-missing-secure
    response.set_signed_cookie("cart", "42", max_age=3600)
    # ok: python.web.cookie-missing-secure
    response.set_cookie("lang", "en", secure=settings.SESSION_COOKIE_SECURE)
    # ok: python.web.cookie-missing-secure
    response.set_cookie("theme", "dark", **settings.COOKIE_OPTIONS)
    return response
