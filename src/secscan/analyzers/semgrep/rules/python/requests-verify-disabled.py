import httpx
import requests


def vulnerable(url, payload):
    # ruleid: python.requests.verify-disabled
    r = requests.get(url, verify=False)

    # ruleid: python.requests.verify-disabled
    requests.post(url, json=payload, verify=False, timeout=10)

    # ruleid: python.requests.verify-disabled
    requests.request("PUT", url, data=payload, verify=False, timeout=5)

    session = requests.Session()
    # ruleid: python.requests.verify-disabled
    session.verify = False

    # ruleid: python.requests.verify-disabled
    client = httpx.Client(verify=False)
    return r, client


def safe(url, payload):
    # ok: python.requests.verify-disabled
    r = requests.get(url, timeout=10)

    # ok: python.requests.verify-disabled
    requests.post(url, json=payload, verify=True, timeout=10)

    # ok: python.requests.verify-disabled
    requests.get(url, verify="/etc/ssl/certs/internal-ca.pem", timeout=10)

    # ok: python.requests.verify-disabled
    client = httpx.Client(verify=True)
    return r, client
