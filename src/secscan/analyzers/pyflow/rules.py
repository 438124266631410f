"""The checks pyflow makes: one entry per kind of sink, with the metadata a report needs.

The interpreter (``interpreter.py``) decides *whether* untrusted data reaches a sink (the sinks of
each kind are listed in ``sinks.py``); this table says
what a finding of each kind is called, which CWE and OWASP category it maps to, how severe
it is and how to fix it. ``docs/rules.md`` and ``secscan rules list`` are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass

INJECTION = "A03:2021 - Injection"
CRYPTO = "A02:2021 - Cryptographic Failures"
ACCESS = "A01:2021 - Broken Access Control"
DESIGN = "A04:2021 - Insecure Design"
MISCONFIG = "A05:2021 - Security Misconfiguration"
INTEGRITY = "A08:2021 - Software and Data Integrity Failures"
SSRF_CAT = "A10:2021 - Server-Side Request Forgery (SSRF)"


@dataclass(frozen=True)
class Check:
    id: str
    kind: str  # the sink kind the engine reports (``sql``, ``cmd``, ...)
    title: str
    cwe: int
    cwe_title: str
    owasp: str
    severity: str  # GitLab severity
    confidence: str
    message: str
    remediation: str
    references: tuple[str, ...]
    #: the usual bandit equivalent (the rule catalog); a finding carries the test for its own call
    bandit: str | None = None

    @property
    def cwe_text(self) -> str:
        return f"CWE-{self.cwe}: {self.cwe_title}"


def _cwe(n: int) -> str:
    return f"https://cwe.mitre.org/data/definitions/{n}.html"


CHECKS: tuple[Check, ...] = (
    Check(
        "pyflow.sql-injection",
        "sql",
        "SQL injection",
        89,
        "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
        INJECTION,
        "High",
        "High",
        "Request data reaches an SQL statement without being passed as a query parameter.",
        "Pass untrusted values as parameters (cursor.execute(sql, params)), "
        "never by formatting them into the SQL text.",
        (_cwe(89), "https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html"),
        "B608",
    ),
    Check(
        "pyflow.command-injection",
        "cmd",
        "OS command injection",
        78,
        "Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
        INJECTION,
        "Critical",
        "High",
        "Request data reaches a shell command or the program a process runs.",
        "Run a fixed program with an argument list and no shell; "
        "quote values with shlex.quote() when a shell is unavoidable.",
        (_cwe(78), "https://docs.python.org/3/library/subprocess.html#security-considerations"),
        "B602",
    ),
    Check(
        "pyflow.code-injection",
        "code",
        "Code injection",
        94,
        "Improper Control of Generation of Code ('Code Injection')",
        INJECTION,
        "Critical",
        "High",
        "Request data reaches eval, exec or compile and runs as Python code.",
        "Never evaluate untrusted input; parse data with json.loads or ast.literal_eval instead.",
        (_cwe(94), _cwe(95)),
        "B307",
    ),
    Check(
        "pyflow.path-traversal",
        "path",
        "Path traversal",
        22,
        "Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
        ACCESS,
        "High",
        "High",
        "Request data chooses a file path without a check that keeps it inside the intended directory.",
        "Reduce the name with os.path.basename()/secure_filename(),"
        " or resolve the path and check it stays inside the base directory.",
        (_cwe(22), "https://owasp.org/www-community/attacks/Path_Traversal"),
    ),
    Check(
        "pyflow.xss",
        "xss",
        "Cross-site scripting",
        79,
        "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        INJECTION,
        "High",
        "High",
        "Request data is written into an HTML response without escaping.",
        "Render through an autoescaping template, or escape with html.escape()/markupsafe.escape() before output.",
        (_cwe(79), "https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html"),
    ),
    Check(
        "pyflow.jinja2-autoescape-off",
        "autoescape",
        "Jinja2 autoescaping off",
        79,
        "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
        INJECTION,
        "Medium",
        "High",
        "A Jinja2 Environment is created without autoescaping, so values rendered into HTML are not escaped.",
        "Create the Environment with autoescape=select_autoescape() (or True) and mark trusted HTML with Markup.",
        (_cwe(79), "https://jinja.palletsprojects.com/en/stable/api/#autoescaping"),
        "B701",
    ),
    Check(
        "pyflow.open-redirect",
        "redirect",
        "Open redirect",
        601,
        "URL Redirection to Untrusted Site ('Open Redirect')",
        ACCESS,
        "Medium",
        "High",
        "Request data chooses the target of a redirect.",
        "Redirect only to local paths or an allow-list of hosts (url_has_allowed_host_and_scheme, url_for).",
        (
            _cwe(601),
            "https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
        ),
    ),
    Check(
        "pyflow.ssrf",
        "ssrf",
        "Server-side request forgery",
        918,
        "Server-Side Request Forgery (SSRF)",
        SSRF_CAT,
        "High",
        "Medium",
        "Request data chooses the URL of an outgoing HTTP request.",
        "Build outgoing URLs from an allow-list of hosts; never fetch a URL taken from the request.",
        (
            _cwe(918),
            "https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html",
        ),
    ),
    Check(
        "pyflow.ldap-injection",
        "ldap",
        "LDAP injection",
        90,
        "Improper Neutralization of Special Elements used in an LDAP Query ('LDAP Injection')",
        INJECTION,
        "High",
        "High",
        "Request data is formatted into an LDAP search filter.",
        "Escape values with ldap.filter.escape_filter_chars() / ldap3.utils.conv.escape_filter_chars().",
        (_cwe(90), "https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html"),
    ),
    Check(
        "pyflow.xpath-injection",
        "xpath",
        "XPath injection",
        643,
        "Improper Neutralization of Data within XPath Expressions ('XPath Injection')",
        INJECTION,
        "High",
        "High",
        "Request data is formatted into an XPath expression.",
        "Pass values as XPath variables (tree.xpath('//u[@n=$name]', name=value)) instead of formatting them in.",
        (_cwe(643), "https://owasp.org/www-community/attacks/XPATH_Injection"),
    ),
    Check(
        "pyflow.xxe",
        "xxe",
        "XML external entity expansion",
        611,
        "Improper Restriction of XML External Entity Reference",
        MISCONFIG,
        "High",
        "High",
        "Untrusted XML is parsed by a parser configured to resolve external entities.",
        "Keep entity resolution off (lxml resolve_entities=False, no SAX external-general-entities) or use defusedxml.",
        (_cwe(611), "https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html"),
        "B320",
    ),
    Check(
        "pyflow.unsafe-deserialization",
        "deser",
        "Deserialization of untrusted data",
        502,
        "Deserialization of Untrusted Data",
        INTEGRITY,
        "Critical",
        "High",
        "Request data is deserialized with pickle, marshal, yaml.load or a similar loader that can run code.",
        "Exchange data as JSON (json.loads) or load YAML with yaml.safe_load; never unpickle untrusted bytes.",
        (_cwe(502), "https://docs.python.org/3/library/pickle.html"),
        "B301",
    ),
    Check(
        "pyflow.trust-boundary",
        "trust",
        "Trust boundary violation",
        501,
        "Trust Boundary Violation",
        DESIGN,
        "Medium",
        "Medium",
        "Request data is stored in the server-side session without validation.",
        "Validate request data (type, allow-list) before storing it in the session.",
        (_cwe(501),),
    ),
    Check(
        "pyflow.header-injection",
        "header",
        "HTTP header injection",
        113,
        "Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')",
        INJECTION,
        "Medium",
        "Medium",
        "Request data is written into an HTTP response header.",
        "Strip CR and LF from values, or better choose header values from a fixed set.",
        (_cwe(113),),
    ),
    Check(
        "pyflow.weak-random",
        "random",
        "Weak random number for a security value",
        330,
        "Use of Insufficiently Random Values",
        CRYPTO,
        "Medium",
        "High",
        "A value from the random module (not cryptographically secure) is used as a session, cookie or secret value.",
        "Use the secrets module (secrets.token_urlsafe, secrets.randbelow) or random.SystemRandom for security values.",
        (_cwe(330), "https://docs.python.org/3/library/secrets.html"),
        "B311",
    ),
    Check(
        "pyflow.weak-hash",
        "hash",
        "Weak hash algorithm",
        328,
        "Use of Weak Hash",
        CRYPTO,
        "Medium",
        "High",
        "MD5 or SHA-1 is used where a collision- or preimage-resistant hash is needed.",
        "Use SHA-256 or stronger (hashlib.sha256), and a slow KDF (hashlib.scrypt, pbkdf2_hmac) for passwords; "
        "pass usedforsecurity=False for non-security checksums.",
        (_cwe(328), "https://docs.python.org/3/library/hashlib.html"),
        "B324",
    ),
    Check(
        "pyflow.insecure-cookie",
        "cookie",
        "Cookie without the Secure flag",
        614,
        "Sensitive Cookie in HTTPS Session Without 'Secure' Attribute",
        MISCONFIG,
        "Low",
        "High",
        "A cookie is set without secure=True, so browsers send it over plain HTTP.",
        "Pass secure=True (and httponly=True, samesite='Lax') to set_cookie.",
        (_cwe(614), "https://flask.palletsprojects.com/en/latest/security/#set-cookie-options"),
    ),
    Check(
        "pyflow.cookie-without-httponly",
        "cookie-httponly",
        "Cookie readable by scripts",
        1004,
        "Sensitive Cookie Without 'HttpOnly' Flag",
        MISCONFIG,
        "Low",
        "High",
        "A cookie is set with httponly=False, so scripts in the page can read it.",
        "Pass httponly=True to set_cookie unless page scripts must read the cookie.",
        (_cwe(1004),),
    ),
)

#: checks on one call, not on data flow
PATTERN_KINDS = frozenset({"hash", "cookie", "cookie-httponly", "autoescape"})
BY_KIND: dict[str, Check] = {c.kind: c for c in CHECKS}
BY_ID: dict[str, Check] = {c.id: c for c in CHECKS}
#: the CWEs whose findings on a Python file pyflow decides, when it analyzed that file: the ones
#: it follows data for (its pattern checks - weak hashes, cookie flags - decide nothing)
DATAFLOW_CWES: frozenset[int] = frozenset(c.cwe for c in CHECKS if c.kind not in PATTERN_KINDS) | {95}
