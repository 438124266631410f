import yaml
from yaml import SafeLoader, load


def vulnerable(request, path):
    # ruleid: python.lang.yaml-load-unsafe
    config = yaml.load(request.data)

    # ruleid: python.lang.yaml-load-unsafe
    settings = yaml.load(request.data, Loader=yaml.Loader)

    # ruleid: python.lang.yaml-load-unsafe
    docs = list(yaml.load_all(open(path), Loader=yaml.UnsafeLoader))

    # ruleid: python.lang.yaml-load-unsafe
    data = load(request.data, yaml.FullLoader)

    # ruleid: python.lang.yaml-load-unsafe
    obj = yaml.unsafe_load(request.data)
    return config, settings, docs, data, obj


def safe(request, path):
    # ok: python.lang.yaml-load-unsafe
    config = yaml.safe_load(request.data)

    # ok: python.lang.yaml-load-unsafe
    settings = yaml.load(request.data, Loader=yaml.SafeLoader)

    # ok: python.lang.yaml-load-unsafe
    data = load(request.data, Loader=SafeLoader)

    # ok: python.lang.yaml-load-unsafe
    fast = yaml.load(request.data, Loader=yaml.CSafeLoader)

    # ok: python.lang.yaml-load-unsafe
    raw = yaml.load(open(path), yaml.BaseLoader)

    # ok: python.lang.yaml-load-unsafe
    docs = list(yaml.safe_load_all(open(path)))
    return config, settings, data, fast, raw, docs
