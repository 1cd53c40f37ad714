"""SigV4 verification for the fake servers (spec/athena-api.md section 4)."""

import hashlib
import hmac
import re
from datetime import datetime, timezone

AUTH_RE = re.compile(r"^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, "
                     r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$")


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def verify_sigv4(method, path, headers, body, service, state):
    """None when the request is correctly signed by a key the fake knows; else (code, msg)."""
    auth = headers.get("Authorization", "")
    m = AUTH_RE.match(auth)
    if not m:
        return ("MissingAuthenticationTokenException" if not auth else "IncompleteSignature",
                "Authorization header missing or malformed")
    ak, date, region, svc, signed, sig = m.groups()
    with state.lock:
        entry = state.keys.get(ak)
    if entry is None:
        return ("UnrecognizedClientException", "The security token included in the request is "
                                                "invalid.")
    secret, token, expiration = entry
    if svc != service:
        return ("InvalidSignatureException", "credential scope names service %s" % svc)
    amz_date = headers.get("X-Amz-Date", "")
    if not amz_date.startswith(date):
        return ("InvalidSignatureException", "X-Amz-Date does not match the credential scope")
    try:
        when = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        return ("InvalidSignatureException", "bad X-Amz-Date")
    now = datetime.now(timezone.utc)
    if abs((now - when).total_seconds()) > 15 * 60:
        return ("InvalidSignatureException", "Signature expired: clock skew")
    if token is not None:
        if headers.get("X-Amz-Security-Token") != token:
            return ("UnrecognizedClientException", "session token missing or wrong")
        if expiration is not None and expiration < now:
            return ("ExpiredTokenException", "The security token included in the request is "
                                              "expired")
    names = signed.split(";")
    if "host" not in names:
        return ("InvalidSignatureException", "host is not signed")
    lines = []
    for name in names:
        values = headers.get_all(name) or []
        canon = [" ".join(v.split()) for v in values]
        lines.append("%s:%s\n" % (name, ",".join(canon)))
    creq = "\n".join([method, path.split("?")[0] or "/", "", "".join(lines), signed,
                      hashlib.sha256(body).hexdigest()])
    scope = "%s/%s/%s/aws4_request" % (date, region, svc)
    sts = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                     hashlib.sha256(creq.encode()).hexdigest()])
    key = _hmac(_hmac(_hmac(_hmac(("AWS4" + secret).encode(), date), region), svc),
                "aws4_request")
    want = hmac.new(key, sts.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, sig):
        return ("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided.")
    return None
