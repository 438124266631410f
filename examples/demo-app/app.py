"""Notes demo service. INTENTIONALLY VULNERABLE - see README.md, never deploy."""
import subprocess

from flask import Flask, jsonify, request

import helpers

app = Flask(__name__)


@app.route("/users")
def find_user():
    return jsonify(helpers.find_user(request.args.get("name", "")))


@app.route("/register", methods=["POST"])
def register():
    helpers.create_user(request.form["name"], request.form["password"])
    return "", 201


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    # VULNERABLE (CWE-78): the host is pasted into a shell command line
    out = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return out, 200, {"Content-Type": "text/plain"}


@app.route("/settings", methods=["POST"])
def import_settings():
    settings = helpers.load_settings(request.get_data())
    return jsonify(sorted(settings))


if __name__ == "__main__":
    # VULNERABLE (CWE-489): the Werkzeug debugger allows remote code execution
    app.run(host="127.0.0.1", port=5000, debug=True)
