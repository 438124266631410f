import paramiko
from Crypto.PublicKey import DSA, RSA
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa


def make_keys():
    # ruleid: python.crypto.weak-key-size
    k1 = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ok: python.crypto.weak-key-size
    k2 = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    # ruleid: python.crypto.weak-key-size
    k3 = dsa.generate_private_key(key_size=1024)
    # ok: python.crypto.weak-key-size
    k4 = dsa.generate_private_key(key_size=3072)
    # ruleid: python.crypto.weak-key-size
    k5 = RSA.generate(1024)
    # ok: python.crypto.weak-key-size
    k6 = RSA.generate(4096)
    # ruleid: python.crypto.weak-key-size
    k7 = DSA.generate(bits=1024)
    # ruleid: python.crypto.weak-key-size
    k8 = paramiko.RSAKey.generate(bits=512)
    # ok: python.crypto.weak-key-size
    k9 = ec.generate_private_key(ec.SECP256R1())
    return k1, k2, k3, k4, k5, k6, k7, k8, k9
