import ldap
import ldap3
from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request
from ldap.filter import escape_filter_chars, filter_format
from ldap3.utils.conv import escape_filter_chars as ldap3_escape

app = Flask(__name__)
api = FastAPI()

BASE_DN = "ou=people,dc=example,dc=com"


@app.route("/lookup")
def lookup():
    uid = request.args["uid"]
    conn = ldap.initialize("ldap://ldap.example.com")
    # ruleid: python.web.ldap-injection
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + uid + ")")
    # ok: python.web.ldap-injection
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid))
    # ok: python.web.ldap-injection
    result = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [uid]))
    return jsonify([dn for dn, _ in result])


@app.post("/login")
def login():
    username = request.form["username"]
    conn = ldap.initialize("ldap://ldap.example.com")
    flt = f"(&(objectClass=person)(sAMAccountName={username}))"
    # ruleid: python.web.ldap-injection
    msgid = conn.search(BASE_DN, ldap.SCOPE_SUBTREE, flt)
    return jsonify(msgid=msgid)


def django_group_members(request):
    group = request.GET.get("group")
    conn = ldap3.Connection(ldap3.Server("ldap.example.com"), auto_bind=True)
    # ruleid: python.web.ldap-injection
    conn.search(BASE_DN, "(memberOf=cn=%s,ou=groups,dc=example,dc=com)" % group, attributes=["cn"])
    # ok: python.web.ldap-injection
    conn.search(BASE_DN, "(memberOf=cn=%s,ou=groups,dc=example,dc=com)" % ldap3_escape(group))
    return JsonResponse({"members": [e.entry_dn for e in conn.entries]})


@api.get("/people")
async def people(mail: str, service):
    # ruleid: python.web.ldap-injection
    service.conn.search(search_base=BASE_DN, search_filter=f"(mail={mail})")
    # ok: python.web.ldap-injection
    service.conn.search(search_base=BASE_DN, search_filter="(mail=%s)" % ldap3_escape(mail))
    return {"ok": True}


@app.route("/regex")
def regex_search():
    import re
    # ok: python.web.ldap-injection
    found = re.search(r"\d+", request.args["text"])
    return str(bool(found))


def sync_user(conn, uid):
    # ok: python.web.ldap-injection
    return conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=%s)" % uid)
