import xml.dom.pulldom
import xml.sax
from xml.sax.handler import feature_external_ges

import defusedxml.ElementTree
from django.http import JsonResponse
from fastapi import FastAPI, Request
from flask import Flask, jsonify, request
from lxml import etree

app = Flask(__name__)
api = FastAPI()


@app.post("/import")
def import_xml():
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python.web.xxe
    doc = etree.fromstring(request.data, parser)
    return jsonify(root=doc.tag)


@app.post("/import-safe")
def import_xml_safe():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python.web.xxe
    doc = etree.fromstring(request.data, parser)
    # ok: python.web.xxe
    root = defusedxml.ElementTree.fromstring(request.data)
    return jsonify(root=doc.tag, other=root.tag)


@app.post("/upload-feed")
def upload_feed():
    upload = request.files["feed"]
    # ruleid: python.web.xxe
    tree = etree.parse(upload, parser=etree.XMLParser(resolve_entities=True, load_dtd=True))
    return jsonify(items=len(tree.getroot()))


def django_sax(request):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    # ruleid: python.web.xxe
    events = xml.dom.pulldom.parseString(request.body.decode(), parser)
    return JsonResponse({"events": sum(1 for _ in events)})


def django_sax_default(request):
    parser = xml.sax.make_parser()
    # ok: python.web.xxe
    events = xml.dom.pulldom.parseString(request.body.decode(), parser)
    return JsonResponse({"events": sum(1 for _ in events)})


@api.post("/soap")
async def soap(request: Request):
    body = await request.body()
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python.web.xxe
    envelope = etree.XML(body, parser)
    return {"tag": envelope.tag}


def load_local_config(path):
    parser = etree.XMLParser(resolve_entities=True)
    # ok: python.web.xxe
    return etree.parse(path, parser)
