import logging

from django.http import HttpResponse
from fastapi import FastAPI
from flask import Flask, current_app, request

app = Flask(__name__)
api = FastAPI()
logger = logging.getLogger(__name__)


@app.route("/login", methods=["POST"])
def login():
    username = request.form["username"]
    # ruleid: python.web.log-injection
    logger.warning("failed login for " + username)
    # ruleid: python.web.log-injection
    logger.warning("failed login for %s", username)
    # ok: python.web.log-injection
    logger.warning("failed login for %s", username.replace("\r", "").replace("\n", ""))
    # ok: python.web.log-injection
    logger.warning("failed login for %r", username)
    return "no", 401


@app.route("/search")
def search():
    q = request.args.get("q", "")
    # ruleid: python.web.log-injection
    current_app.logger.info(f"search: {q}")
    # ok: python.web.log-injection
    current_app.logger.info("search length: %d", len(q))
    return "ok"


def django_view(request):
    agent = request.META.get("HTTP_USER_AGENT", "")
    # ruleid: python.web.log-injection
    logging.info("client agent %s", agent)
    # ok: python.web.log-injection
    logging.info("client agent %s", repr(agent))
    return HttpResponse("ok")


@api.get("/items/{item_id}")
async def get_item(item_id: str, limit: int = 10):
    # ruleid: python.web.log-injection
    logger.error("item not found: %s", item_id)
    # ok: python.web.log-injection
    logger.info("limit %d", limit)
    # ok: python.web.log-injection
    cache = {}.get(item_id)
    return {"item": cache}


def job(name):
    # ok: python.web.log-injection
    logger.info("job %s started", name)
