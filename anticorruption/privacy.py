"""What keeps the anonymous channel anonymous on the way in.

`anonymous_route` wraps every view of the channel. Before anything else of the view runs it
removes from the request what could identify the reporter: the address, every forwarding
header, the user agent and the referrer. Django's `request.META` is the WSGI environ the server
logs from (gunicorn's access log reads `REMOTE_ADDR` and `HTTP_USER_AGENT` from the same dict
after the response), so nothing downstream has them: not the rate limits, the error reports
mailed to ADMINS, the view counter, the web log. The responses say `Cache-Control: no-store`
and `Referrer-Policy: no-referrer`, and carry no cookie: no session, no CSRF cookie.

CSRF: Django's CSRF protection needs a cookie, which would follow the reporter from the form to
the receipt and to every later visit. The forms carry instead a token signed with the secret key
(`form_token`), valid for a few hours and not tied to any browser, and the POST is refused when
its Origin (or Referer) header names another site. That keeps what CSRF is for: no other site
can make a visitor's browser act with the visitor's authority. On this route the only
authority is the receipt, which a forging site does not have; a signed token any visitor can
fetch does not let it act as anyone.

Rate limits key on `bucket`: a keyed hash of a coarse network (the /16 of an IPv4 address, the
/32 of an IPv6 one) with a key that changes every day, computed before the address is removed.
"""

import ipaddress
from functools import wraps

from django.conf import settings
from django.core import signing
from django.http import HttpResponseForbidden
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac
from django.utils.http import url_has_allowed_host_and_scheme
from django_ratelimit.exceptions import Ratelimited

from portal.proxies import client_ip
from portal.views import ratelimited

IDENTIFYING_META = (
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_REFERER",
    "HTTP_VIA",
    "REMOTE_HOST",
)
NO_ADDRESS = "0.0.0.0"  # noqa: S104 (an address that is nobody's)
TOKEN_SALT = "anticorruption.form"  # noqa: S105 (a namespace, not a secret)
TOKEN_MAX_AGE = 6 * 3600  # seconds a form stays valid: time enough to write a report


def _coarse_network(address: str) -> str:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "-"
    prefix = 16 if ip.version == 4 else 32
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def _bucket_of(address: str) -> str:
    day = timezone.localdate().isoformat()
    return salted_hmac(
        f"anticorruption.ratelimit.{day}", _coarse_network(address), algorithm="sha256"
    ).hexdigest()


def bucket(group, request) -> str:
    """django-ratelimit's key of the channel (see the module's docstring)."""
    return getattr(request, "anonymous_bucket", "-")


def _origin_is_foreign(request) -> bool:
    origin = request.META.get("HTTP_ORIGIN")
    if not origin or origin == "null":
        return False
    allowed = {request.get_host(), *settings.ALLOWED_HOSTS}
    return (
        not url_has_allowed_host_and_scheme(
            origin + "/", allowed_hosts=allowed, require_https=request.is_secure()
        )
        and origin not in settings.CSRF_TRUSTED_ORIGINS
    )


def anonymous_route(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.anonymous_bucket = _bucket_of(client_ip(request))
        foreign = request.method == "POST" and (
            _origin_is_foreign(request) or _referer_is_foreign(request)
        )
        for key in IDENTIFYING_META:
            request.META.pop(key, None)
        request.META["REMOTE_ADDR"] = NO_ADDRESS
        if foreign:
            response = HttpResponseForbidden()
        else:
            try:
                response = view(request, *args, **kwargs)
            except Ratelimited:
                # Answered here rather than by the middleware, so the 429 page too carries the
                # headers below.
                response = ratelimited(request)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        for name in list(response.cookies):
            del response.cookies[name]
        return response

    wrapper.csrf_exempt = True
    return wrapper


def _referer_is_foreign(request) -> bool:
    referer = request.META.get("HTTP_REFERER")
    if not referer or request.META.get("HTTP_ORIGIN"):
        return False
    allowed = {request.get_host(), *settings.ALLOWED_HOSTS}
    return not url_has_allowed_host_and_scheme(referer, allowed_hosts=allowed)


def form_token() -> str:
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(get_random_string(16))


def form_token_is_valid(token: str) -> bool:
    try:
        signing.TimestampSigner(salt=TOKEN_SALT).unsign(token or "", max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return True
