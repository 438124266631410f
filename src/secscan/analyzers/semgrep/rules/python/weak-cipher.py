import os

from Crypto.Cipher import AES, ARC4, DES, DES3, Blowfish
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def legacy_encrypt(key, data):
    # ruleid: python.crypto.weak-cipher
    cipher = DES.new(key, DES.MODE_CBC, iv=os.urandom(8))
    return cipher.encrypt(data)


def stream_encrypt(key, data):
    # ruleid: python.crypto.weak-cipher
    return ARC4.new(key).encrypt(data)


def triple(key, data):
    # ruleid: python.crypto.weak-cipher
    cipher = DES3.new(key, DES3.MODE_CBC)
    # ruleid: python.crypto.weak-cipher
    bf = Blowfish.new(key, Blowfish.MODE_CBC)
    return cipher.encrypt(data), bf


def hazmat_weak(key, iv):
    # ruleid: python.crypto.weak-cipher
    return Cipher(algorithms.TripleDES(key), modes.CBC(iv)).encryptor()


def hazmat_rc4(key):
    # ruleid: python.crypto.weak-cipher
    return Cipher(algorithms.ARC4(key), mode=None).encryptor()


def modern(key, data):
    # ok: python.crypto.weak-cipher
    cipher = AES.new(key, AES.MODE_GCM)
    # ok: python.crypto.weak-cipher
    enc = Cipher(algorithms.AES(key), modes.GCM(os.urandom(12))).encryptor()
    # ok: python.crypto.weak-cipher
    sealed = AESGCM(key).encrypt(os.urandom(12), data, None)
    return cipher.encrypt_and_digest(data), enc, sealed
