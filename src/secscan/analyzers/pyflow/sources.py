"""Where untrusted data enters: request objects, their attacker-controlled parts, web handlers.

Knowledge, not machinery (like bandit's ``blacklists/``): the interpreter reads these tables.
"""

from __future__ import annotations

#: names whose every attribute is request data (``flask.request.args``, ``request.GET``)
REQUEST_OBJECTS = ("flask.request", "quart.request", "bottle.request", "sanic.request")
#: attributes of a request object that are not attacker-controlled
REQUEST_SAFE_ATTRS = {
    "method",
    "is_secure",
    "is_json",
    "scheme",
    "environ",
    "app",
    "session",
    "user",
    "auth",
    "get_host",
    "get_port",
    "accepts",
    "is_ajax",
    "resolver_match",
    "content_type",
    "encoding",
    "_messages",
    "urlconf",
    "csrf_processing_done",
}
#: request data that is a same-site path: harmless as a redirect target or request URL
REQUEST_LOCAL_PATHS = {
    "path",
    "path_info",
    "get_full_path",
    "get_full_path_info",
    "build_absolute_uri",
    "url_root",
    "base_url",
    "full_path",
    "script_root",
}
#: module-level names that make a parameter called ``request`` a request object in that file
REQUEST_PARAM_MODULES = ("django", "rest_framework", "aiohttp", "starlette", "fastapi", "pyramid", "falcon", "tornado")
WEB_ROUTE_DECORATORS = ("*.route", "*.get", "*.post", "*.put", "*.patch", "*.delete", "*.api_route", "*.websocket")
