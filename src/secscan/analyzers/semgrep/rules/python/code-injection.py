import ast
import json

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request

app = Flask(__name__)
api = FastAPI()

OPERATIONS = {"sum": sum, "max": max, "min": min}


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    # ruleid: python.web.code-injection
    value = eval(expr)
    # ok: python.web.code-injection
    value = ast.literal_eval(expr)
    # ok: python.web.code-injection
    value = eval("1 + 2")
    return jsonify(value=value)


@app.post("/hook")
def hook():
    body = request.get_data(as_text=True)
    scope = {}
    # ruleid: python.web.code-injection
    exec(body, scope)
    # ok: python.web.code-injection
    config = json.loads(body)
    return jsonify(sorted(scope) + sorted(config))


def django_formula(request):
    formula = request.POST["formula"]
    # ruleid: python.web.code-injection
    code = compile("result = " + formula, "<formula>", "exec")
    op = OPERATIONS.get(request.POST["op"], sum)
    # ok: python.web.code-injection
    total = op([1, 2, 3])
    return JsonResponse({"code": str(code), "total": total})


@api.get("/filter")
async def filter_items(condition: str, threshold: int = 0):
    items = [1, 2, 3]
    # ruleid: python.web.code-injection
    kept = [i for i in items if eval(condition, {"i": i})]
    # ok: python.web.code-injection
    kept = [i for i in items if eval("i > %d" % threshold, {"i": i})]
    return {"kept": kept}


async def aiohttp_run(request):
    snippet = request.query["code"]
    # ruleid: python.web.code-injection
    exec(snippet)


def load_plugin(source_text):
    # ok: python.web.code-injection
    exec(source_text, {})
