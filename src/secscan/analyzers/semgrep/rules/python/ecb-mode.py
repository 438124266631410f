import os

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


def encrypt_token(key, data):
    # ruleid: python.crypto.ecb-mode
    cipher = AES.new(key, AES.MODE_ECB)
    return cipher.encrypt(data)


def encrypt_kw(key, data):
    # ruleid: python.crypto.ecb-mode
    return AES.new(key, mode=AES.MODE_ECB).encrypt(data)


def hazmat(key):
    # ruleid: python.crypto.ecb-mode
    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()


def safe(key, data):
    # ok: python.crypto.ecb-mode
    cipher = AES.new(key, AES.MODE_GCM)
    # ok: python.crypto.ecb-mode
    enc = Cipher(algorithms.AES(key), modes.CBC(os.urandom(16))).encryptor()
    return cipher.encrypt_and_digest(data), enc
