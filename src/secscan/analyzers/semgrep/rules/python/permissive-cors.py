from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask, make_response
from flask_cors import CORS

app = Flask(__name__)
# ruleid: python.web.permissive-cors
CORS(app, origins="*", supports_credentials=True)
# ruleid: python.web.permissive-cors
CORS(app, supports_credentials=True)
# ruleid: python.web.permissive-cors
CORS(app, resources={r"/api/*": {"origins": "*"}})
# ok: python.web.permissive-cors
CORS(app, origins=["https://app.example.com"], supports_credentials=True)

api = FastAPI()
# ruleid: python.web.permissive-cors
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)
# ok: python.web.permissive-cors
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)

# ruleid: python.web.permissive-cors
CORS_ALLOW_ALL_ORIGINS = True
# ok: python.web.permissive-cors
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]


@app.route("/data")
def data():
    resp = make_response("{}")
    # ruleid: python.web.permissive-cors
    resp.headers["Access-Control-Allow-Origin"] = "*"
    # ok: python.web.permissive-cors
    resp.headers["Access-Control-Allow-Origin"] = "https://app.example.com"
    return resp
