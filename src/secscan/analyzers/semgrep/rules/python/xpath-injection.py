import xml.etree.ElementTree as ET

from django.http import JsonResponse
from fastapi import FastAPI
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
api = FastAPI()

USERS_XML = "/srv/app/users.xml"
FIELDS = {"email", "phone", "city"}


@app.route("/user")
def user():
    name = request.args.get("name")
    tree = etree.parse(USERS_XML)
    # ruleid: python.web.xpath-injection
    nodes = tree.xpath("//user[@name='" + name + "']/email/text()")
    # ok: python.web.xpath-injection
    nodes = tree.xpath("//user[@name=$name]/email/text()", name=name)
    return jsonify([str(n) for n in nodes])


@app.post("/auth")
def auth():
    form = request.form
    doc = etree.parse(USERS_XML)
    # ruleid: python.web.xpath-injection
    query = etree.XPath("//user[@name='%s' and @password='%s']" % (form["user"], form["password"]))
    # ruleid: python.web.xpath-injection
    check = etree.XPath(f"//user[@name='{form['user']}']")
    return jsonify(ok=bool(query(doc)) and bool(check(doc)))


def django_field(request):
    field = request.GET["field"]
    root = ET.parse(USERS_XML).getroot()
    # ruleid: python.web.xpath-injection
    values = [e.text for e in root.findall(".//user/" + field)]
    if field not in FIELDS:
        return JsonResponse({"error": "bad field"}, status=400)
    # ok: python.web.xpath-injection
    values = [e.text for e in root.findall(".//user/" + field)]
    return JsonResponse({"values": values})


@api.get("/city")
async def city(name: str):
    root = ET.parse(USERS_XML)
    # ruleid: python.web.xpath-injection
    hit = root.find(f".//user[@name='{name}']/city")
    # ok: python.web.xpath-injection
    found = name.find("admin")
    return {"city": hit.text if hit is not None else None, "admin": found}


def load_defaults(path, tag):
    root = ET.parse(path).getroot()
    # ok: python.web.xpath-injection
    return root.findall(".//" + tag)
