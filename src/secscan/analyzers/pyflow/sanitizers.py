"""What neutralises untrusted data: escaping calls, calls whose result is clean, and the checks
that, tested in a condition, make a value safe for some sink kinds.

Knowledge, not machinery (like bandit's ``blacklists/``): the interpreter reads these tables.
"""

from __future__ import annotations

from .values import KINDS

#: call -> kinds its result is safe for
SANITIZERS: dict[str, frozenset] = {}
for _name in (
    "html.escape",
    "cgi.escape",
    "markupsafe.escape",
    "flask.escape",
    "jinja2.escape",
    "bleach.clean",
    "django.utils.html.escape",
    "django.utils.html.conditional_escape",
    "xml.sax.saxutils.escape",
    "werkzeug.utils.escape",
    "urllib.parse.quote",
    "urllib.parse.quote_plus",
    "urllib.parse.urlencode",
):
    SANITIZERS[_name] = frozenset({"xss", "header"})
for _name in ("shlex.quote", "pipes.quote"):
    SANITIZERS[_name] = frozenset({"cmd"})
for _name in (
    "os.path.basename",
    "werkzeug.utils.secure_filename",
    "werkzeug.secure_filename",
    "django.utils.text.get_valid_filename",
    "ntpath.basename",
    "posixpath.basename",
):
    SANITIZERS[_name] = frozenset({"path"})
for _name in (
    "ldap.filter.escape_filter_chars",
    "ldap3.utils.conv.escape_filter_chars",
    "ldap.dn.escape_dn_chars",
    "ldap3.utils.dn.escape_rdn",
    "ldap.filter.filter_format",
):
    SANITIZERS[_name] = frozenset({"ldap"})
for _name in ("url_for", "flask.url_for", "django.urls.reverse", "django.shortcuts.resolve_url"):
    SANITIZERS[_name] = KINDS
#: calls whose result carries no request data however tainted their arguments
CLEAN_RESULTS = (
    "int",
    "float",
    "bool",
    "len",
    "complex",
    "isinstance",
    "issubclass",
    "hash",
    "id",
    "ord",
    "abs",
    "round",
    "uuid.UUID",
    "hashlib.*",
    "hmac.*",
    "datetime.*",
    "decimal.Decimal",
    "ipaddress.*",
    "flask.render_template",
    "django.shortcuts.render",
    "flask.jsonify",
    "secrets.*",
    "os.urandom",
    "time.*",
    "*.digest",
    "*.hexdigest",
    "*.count",
    "*.find",
    "*.rfind",
    "*.index",
    "*.isdigit",
    "*.isalnum",
    "*.isalpha",
    "*.startswith",
    "*.endswith",
    "*.isnumeric",
    "*.isdecimal",
    "*.isidentifier",
    "*.exists",
    "*.is_file",
    "*.is_dir",
    "re.escape",
    "ast.literal_eval",
    "*.render",
    "*.render_to_string",
    "django.template.loader.*",
)
#: methods that raise unless the receiver passes a check, called as a statement
RAISING_CHECKS = {"relative_to": frozenset({"path"})}
#: containment checks: calls/attributes that, tested in a condition, keep a path inside a base
PATH_CHECKS = {
    "commonpath",
    "commonprefix",
    "startswith",
    "is_relative_to",
    "relative_to",
    "parents",
    "realpath",
    "abspath",
    "resolve",
    "normpath",
}
URL_PARTS = {"netloc", "hostname", "scheme"}
URL_CHECKS = {"netloc", "hostname", "scheme", "url_has_allowed_host_and_scheme", "is_safe_url", "urlparse", "urlsplit"}
VALIDATOR_PREFIXES = ("check_", "is_valid", "validate", "is_safe", "is_allowed", "allowed_", "valid_")
VALIDATORS = {
    "fullmatch",
    "match",
    "isalnum",
    "isdigit",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "isalpha",
    "isascii",
}
