import json
import marshal
import pickle
from pickle import loads


def vulnerable(request, path):
    # ruleid: python.lang.insecure-deserialization
    session = pickle.loads(request.cookies["session"])

    with open(path, "rb") as fh:
        # ruleid: python.lang.insecure-deserialization
        cache = pickle.load(fh)

    # ruleid: python.lang.insecure-deserialization
    obj = loads(request.data)

    # ruleid: python.lang.insecure-deserialization
    code = marshal.loads(request.data)

    # ruleid: python.lang.insecure-deserialization
    state = pickle.Unpickler(open(path, "rb")).load()
    return session, cache, obj, code, state


def safe(request, obj, path):
    # ok: python.lang.insecure-deserialization
    data = json.loads(request.data)

    # ok: python.lang.insecure-deserialization
    blob = pickle.dumps(obj)

    # ok: python.lang.insecure-deserialization
    raw = marshal.dumps(obj)

    with open(path) as fh:
        # ok: python.lang.insecure-deserialization
        config = json.load(fh)
    return data, blob, raw, config
