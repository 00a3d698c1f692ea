"""The visitor's address behind the reverse proxies the deployment trusts.

X-Forwarded-For can be forged by anyone, so only the entries appended by our own proxies count:
with TRUSTED_PROXY_COUNT = n, the visitor is the n-th entry from the right. Rate limits (allauth's
and django-ratelimit's) key on this address, so one visitor's failures never lock out others."""

from django.conf import settings


def client_ip(request) -> str:
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")
