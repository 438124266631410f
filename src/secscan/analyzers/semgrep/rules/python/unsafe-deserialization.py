import base64
import json
import marshal
import pickle

import jsonpickle
import yaml
from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()


@app.route("/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.form["state"])
    # ruleid: python.web.unsafe-deserialization
    state = pickle.loads(blob)
    # ok: python.web.unsafe-deserialization
    state = json.loads(request.form["state"])
    return jsonify(state)


@app.route("/prefs")
def prefs():
    raw = request.cookies.get("prefs")
    # ruleid: python.web.unsafe-deserialization
    data = jsonpickle.decode(raw)
    return jsonify(data)


@app.post("/config")
def config():
    # ruleid: python.web.unsafe-deserialization
    cfg = yaml.load(request.data, Loader=yaml.Loader)
    # ok: python.web.unsafe-deserialization
    cfg = yaml.safe_load(request.data)
    # ok: python.web.unsafe-deserialization
    cfg = yaml.load(request.data, Loader=yaml.SafeLoader)
    return jsonify(cfg)


def django_import(request):
    upload = request.FILES["dump"]
    # ruleid: python.web.unsafe-deserialization
    objects = pickle.load(upload)
    # ruleid: python.web.unsafe-deserialization
    code = marshal.loads(request.body)
    return JsonResponse({"count": len(objects), "code": str(code)})


@api.post("/model")
async def upload_model(request: Request):
    body = await request.body()
    # ruleid: python.web.unsafe-deserialization
    model = pickle.loads(body)
    return {"type": type(model).__name__}


def load_cache(path):
    with open(path, "rb") as fh:
        # ok: python.web.unsafe-deserialization
        return pickle.load(fh)
