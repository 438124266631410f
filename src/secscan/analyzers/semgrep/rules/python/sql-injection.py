import sqlite3

import sqlalchemy
from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import JsonResponse
from fastapi import APIRouter, Depends, FastAPI
from flask import Flask, jsonify, request
from sqlalchemy import text

app = Flask(__name__)
api = FastAPI()
router = APIRouter()


@app.route("/users")
def flask_search():
    name = request.args.get("name", "")
    db = sqlite3.connect("app.db")
    cur = db.cursor()
    # ruleid: python.web.sql-injection
    cur.execute("SELECT id, email FROM users WHERE name = '%s'" % name)
    # ok: python.web.sql-injection
    cur.execute("SELECT id, email FROM users WHERE name = ?", (name,))
    return jsonify(cur.fetchall())


@app.route("/users/<username>/orders")
def flask_orders(username):
    sort = request.args["sort"]
    query = "SELECT * FROM orders WHERE owner = ? ORDER BY " + sort
    db = sqlite3.connect("app.db")
    # ruleid: python.web.sql-injection
    rows = db.execute(query, (username,)).fetchall()
    # ok: python.web.sql-injection
    rows = db.execute("SELECT * FROM orders WHERE owner = ?", (username,)).fetchall()
    return jsonify(rows)


@app.post("/delete")
def flask_delete():
    payload = request.get_json()
    with sqlalchemy.create_engine("sqlite://").connect() as conn:
        # ruleid: python.web.sql-injection
        conn.execute(text(f"DELETE FROM items WHERE id = {payload['id']}"))
        # ok: python.web.sql-injection
        conn.execute(text("DELETE FROM items WHERE id = :id"), {"id": payload["id"]})
    return "", 204


@app.route("/count")
def flask_count():
    limit = int(request.args.get("limit", 10))
    cur = sqlite3.connect("app.db").cursor()
    # ok: python.web.sql-injection
    cur.execute("SELECT * FROM items LIMIT %d" % limit)
    return jsonify(cur.fetchall())


def django_report(request):
    year = request.GET.get("year")
    with connection.cursor() as cursor:
        # ruleid: python.web.sql-injection
        cursor.execute("SELECT sum(total) FROM sales WHERE year = {}".format(year))
        # ok: python.web.sql-injection
        cursor.execute("SELECT sum(total) FROM sales WHERE year = %s", [year])
    return JsonResponse({"total": cursor.fetchone()[0]})


def django_raw(request):
    q = request.POST["q"]
    # ruleid: python.web.sql-injection
    people = Person.objects.raw("SELECT * FROM people WHERE last_name = '" + q + "'")
    # ok: python.web.sql-injection
    people = Person.objects.raw("SELECT * FROM people WHERE last_name = %s", [q])
    # ruleid: python.web.sql-injection
    qs = Person.objects.extra(where=["last_name = '%s'" % q])
    # ok: python.web.sql-injection
    qs = Person.objects.extra(where=["last_name = %s"], params=[q])
    # ruleid: python.web.sql-injection
    qs = Person.objects.annotate(score=RawSQL("SELECT rank FROM ranks WHERE name = '%s'" % q, []))
    # ok: python.web.sql-injection
    qs = Person.objects.annotate(score=RawSQL("SELECT rank FROM ranks WHERE name = %s", [q]))
    # ok: python.web.sql-injection
    qs = Person.objects.filter(last_name=q)
    return JsonResponse({"n": len(list(people)) + qs.count()})


def get_db():
    yield sqlite3.connect("app.db")


@api.get("/items")
async def fastapi_items(category: str, page: int = 1, db=Depends(get_db)):
    # ruleid: python.web.sql-injection
    rows = db.execute(f"SELECT * FROM items WHERE category = '{category}'").fetchall()
    # ok: python.web.sql-injection
    rows = db.execute(f"SELECT * FROM items LIMIT 20 OFFSET {page * 20}").fetchall()
    # ok: python.web.sql-injection
    rows = db.execute("SELECT * FROM items WHERE category = ?", (category,)).fetchall()
    return rows


@router.post("/tags")
async def fastapi_tags(tag: str):
    db = sqlite3.connect("app.db")
    # ruleid: python.web.sql-injection
    db.executemany("INSERT INTO tags (name) VALUES ('" + tag + "')", [])
    return {"ok": True}


async def aiohttp_lookup(request):
    user_id = request.match_info["id"]
    pool = request.app["db"]
    async with pool.acquire() as conn:
        # ruleid: python.web.sql-injection
        await conn.execute("SELECT * FROM users WHERE id = " + user_id)
        # ok: python.web.sql-injection
        await conn.execute("SELECT * FROM users WHERE id = $1", user_id)


def internal_job(table_name):
    cur = sqlite3.connect("app.db").cursor()
    # ok: python.web.sql-injection
    cur.execute("SELECT count(*) FROM " + table_name)
