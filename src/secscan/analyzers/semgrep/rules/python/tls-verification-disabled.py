import socket
import ssl
import urllib.request

import aiohttp
import urllib3


def fetch(url):
    # ruleid: python.ssl.verification-disabled
    ctx = ssl._create_unverified_context()
    return urllib.request.urlopen(url, context=ctx).read()


def fetch_insecure(url):
    ctx = ssl.create_default_context()
    # ruleid: python.ssl.verification-disabled
    ctx.check_hostname = False
    # ruleid: python.ssl.verification-disabled
    ctx.verify_mode = ssl.CERT_NONE
    return urllib.request.urlopen(url, context=ctx).read()


def fetch_private_ca(url):
    # ok: python.ssl.verification-disabled
    ctx = ssl.create_default_context(cafile="/etc/ssl/private-ca.pem")
    # ok: python.ssl.verification-disabled
    ctx.verify_mode = ssl.CERT_REQUIRED
    return urllib.request.urlopen(url, context=ctx).read()


# ruleid: python.ssl.verification-disabled
http = urllib3.PoolManager(cert_reqs="CERT_NONE")
# ok: python.ssl.verification-disabled
verified = urllib3.PoolManager(cert_reqs="CERT_REQUIRED")


async def poll(url):
    # ruleid: python.ssl.verification-disabled
    connector = aiohttp.TCPConnector(ssl=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        # ruleid: python.ssl.verification-disabled
        async with session.get(url, ssl=False) as resp:
            return await resp.text()


async def poll_safe(url):
    async with aiohttp.ClientSession() as session:
        # ok: python.ssl.verification-disabled
        async with session.get(url) as resp:
            return await resp.text()
