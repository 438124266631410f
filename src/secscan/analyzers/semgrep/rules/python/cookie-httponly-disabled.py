from django.http import HttpResponse
from flask import Flask, make_response

app = Flask(__name__)
# ruleid: python.web.cookie-httponly-disabled
app.config["SESSION_COOKIE_HTTPONLY"] = False

# ruleid: python.web.cookie-httponly-disabled
SESSION_COOKIE_HTTPONLY = False


@app.route("/login")
def login():
    resp = make_response("ok")
    # ruleid: python.web.cookie-httponly-disabled
    resp.set_cookie("auth", "token-value", secure=True, httponly=False)
    # ok: python.web.cookie-httponly-disabled
    resp.set_cookie("auth", "token-value", secure=True, httponly=True)
    return resp


def django_view(request):
    response = HttpResponse("ok")
    # ok: python.web.cookie-httponly-disabled
    response.set_cookie("csrftoken_hint", "1", secure=True)
    return response
