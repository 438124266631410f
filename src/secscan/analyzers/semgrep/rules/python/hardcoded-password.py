import os

import psycopg2

# ruleid: python.lang.hardcoded-password
DB_PASSWORD = "s3cr3t-Pa55w0rd"

# ruleid: python.lang.hardcoded-password
SECRET_KEY = "dev-secret-key-do-not-use"

# ruleid: python.lang.hardcoded-password
api_key = "AKIA0123456789EXAMPLE"


class Settings:
    def __init__(self):
        # ruleid: python.lang.hardcoded-password
        self.smtp_password = "hunter2"


def connect():
    # ruleid: python.lang.hardcoded-password
    return psycopg2.connect(host="db", user="app", password="changeme123")


CONFIG = {
    "user": "admin",
    # ruleid: python.lang.hardcoded-password
    "password": "admin123",
}

# ok: python.lang.hardcoded-password
DB_PASSWORD_ENV = os.environ["DB_PASSWORD"]

# ok: python.lang.hardcoded-password
password = os.environ.get("APP_PASSWORD")

# ok: python.lang.hardcoded-password
password = ""

# ok: python.lang.hardcoded-password
PASSWORD_MIN_LENGTH = 12

# ok: python.lang.hardcoded-password
masked_password = "********"

# ok: python.lang.hardcoded-password
LOGIN_FORM = {"username": "username", "password": "password"}

# ok: python.lang.hardcoded-password
password_label = "Enter your password"

# ok: python.lang.hardcoded-password
token_header = "X-Auth-Token"


def connect_safe():
    # ok: python.lang.hardcoded-password
    return psycopg2.connect(host="db", user="app", password=os.environ["PGPASSWORD"])

# ok: python.lang.hardcoded-password
INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"

# ok: python.lang.hardcoded-password
reset_url_token = "set-password"

# ok: python.lang.hardcoded-password
set_password = 'ALTER USER %(user)s IDENTIFIED BY "%(password)s"'

# ok: python.lang.hardcoded-password
token = "is not"

# ruleid: python.lang.hardcoded-password
REDIS_PASSWORD = "redispass2024"
