import random
import secrets
import string
from random import choice, randint

from flask import Flask, make_response

app = Flask(__name__)
ALPHABET = string.ascii_letters + string.digits


def create_user(db, email):
    # ruleid: python.lang.weak-random-security-value
    temp_password = "".join(random.choice(ALPHABET) for _ in range(12))
    # ok: python.lang.weak-random-security-value
    temp_password = "".join(secrets.choice(ALPHABET) for _ in range(12))
    db.insert(email=email, password=temp_password)


def generate_reset_token():
    # ruleid: python.lang.weak-random-security-value
    return "%032x" % random.getrandbits(128)


def generate_reset_token_safe():
    # ok: python.lang.weak-random-security-value
    return secrets.token_hex(16)


def send_otp(user):
    # ruleid: python.lang.weak-random-security-value
    user.otp_code = randint(100000, 999999)
    # ok: python.lang.weak-random-security-value
    user.otp_code = random.SystemRandom().randint(100000, 999999)


@app.route("/visit")
def visit():
    resp = make_response("hi")
    # ruleid: python.lang.weak-random-security-value
    resp.set_cookie("visitor", str(random.random()))
    return resp


def new_session(store):
    # ruleid: python.lang.weak-random-security-value
    store["session_id"] = "".join(choice(ALPHABET) for _ in range(32))


def sample_rows(rows):
    # ok: python.lang.weak-random-security-value
    picked = random.sample(rows, 10)
    # ok: python.lang.weak-random-security-value
    delay = random.uniform(0.5, 1.5)
    return picked, delay


def shuffle_deck(deck):
    # ok: python.lang.weak-random-security-value
    random.shuffle(deck)
    return deck
