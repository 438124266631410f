import jwt

PUBLIC_KEY = open("/etc/app/jwt.pub").read()


def current_user(token):
    # ruleid: python.jwt.signature-not-verified
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def legacy_user(token):
    # ruleid: python.jwt.signature-not-verified
    claims = jwt.decode(token, PUBLIC_KEY, verify=False)
    return claims["sub"]


def lenient(token):
    # ruleid: python.jwt.signature-not-verified
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256", "none"])


def issue(claims):
    # ruleid: python.jwt.signature-not-verified
    return jwt.encode(claims, None, algorithm="none")


def verified_user(token):
    # ok: python.jwt.signature-not-verified
    claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="api")
    # ok: python.jwt.signature-not-verified
    header = jwt.get_unverified_header(token)
    return claims["sub"], header
