"""Storage and utility helpers for the demo service. INTENTIONALLY VULNERABLE."""
import hashlib
import sqlite3

import yaml

DB_PATH = "demo.sqlite3"


def _connect():
    conn = sqlite3.connect(DB_PATH)
    conn.execute("CREATE TABLE IF NOT EXISTS users (name TEXT PRIMARY KEY, pw_hash TEXT)")
    return conn


def hash_password(password):
    # VULNERABLE (CWE-328): unsalted MD5 is no protection for stored passwords
    return hashlib.md5(password.encode()).hexdigest()


def create_user(name, password):
    with _connect() as conn:
        conn.execute("INSERT INTO users VALUES (?, ?)", (name, hash_password(password)))


def find_user(name):
    with _connect() as conn:
        cur = conn.cursor()
        # VULNERABLE (CWE-89): the name is formatted into the SQL text
        cur.execute("SELECT name FROM users WHERE name = '%s'" % name)
        return [row[0] for row in cur.fetchall()]


def load_settings(document):
    # VULNERABLE (CWE-502): yaml.Loader can instantiate arbitrary Python objects
    return yaml.load(document, Loader=yaml.Loader)
