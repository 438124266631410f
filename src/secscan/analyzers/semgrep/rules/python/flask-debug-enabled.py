import os

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "hello"


def run_dev():
    # ruleid: python.flask.debug-enabled
    app.run(host="0.0.0.0", port=5000, debug=True)


def run_prod():
    # ok: python.flask.debug-enabled
    app.run(host="127.0.0.1", port=8000, debug=False)


def run_env():
    # ok: python.flask.debug-enabled
    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")


def run_other(server):
    # ok: python.flask.debug-enabled
    server.run(debug=True)


if __name__ == "__main__":
    # ruleid: python.flask.debug-enabled
    app.run(debug=True)
