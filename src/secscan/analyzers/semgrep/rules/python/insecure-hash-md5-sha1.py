import hashlib
from hashlib import md5


def vulnerable(password, token, salt):
    # ruleid: python.lang.insecure-hash-md5-sha1
    digest = hashlib.md5(password.encode()).hexdigest()

    # ruleid: python.lang.insecure-hash-md5-sha1
    signature = hashlib.sha1(salt + token).hexdigest()

    # ruleid: python.lang.insecure-hash-md5-sha1
    h = hashlib.new("md5", password.encode())

    # ruleid: python.lang.insecure-hash-md5-sha1
    h2 = hashlib.new(name="SHA1")

    # ruleid: python.lang.insecure-hash-md5-sha1
    legacy = md5(password.encode()).hexdigest()
    return digest, signature, h, h2, legacy


def safe(password, data, salt):
    # ok: python.lang.insecure-hash-md5-sha1
    digest = hashlib.sha256(data).hexdigest()

    # ok: python.lang.insecure-hash-md5-sha1
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()

    # ok: python.lang.insecure-hash-md5-sha1
    h = hashlib.new("sha512", data)

    # ok: python.lang.insecure-hash-md5-sha1
    key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return digest, etag, h, key


def pycryptodome_digest(data):
    from Crypto.Hash import MD5, SHA256
    from cryptography.hazmat.primitives import hashes

    # ruleid: python.lang.insecure-hash-md5-sha1
    weak = MD5.new(data).hexdigest()
    # ruleid: python.lang.insecure-hash-md5-sha1
    digest = hashes.Hash(hashes.SHA1())
    # ok: python.lang.insecure-hash-md5-sha1
    strong = SHA256.new(data).hexdigest()
    # ok: python.lang.insecure-hash-md5-sha1
    digest2 = hashes.Hash(hashes.SHA256())
    return weak, digest, strong, digest2
