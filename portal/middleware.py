import re

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# The account pages (sign-in, MFA set-up, sign-out), static files and the health check.
EXEMPT_PATHS = re.compile(r"^/(?:en/)?tai-khoan/|^/static/|^/healthz$")


class StaffMFARequiredMiddleware:
    """A signed-in account must have TOTP set up before it opens any other page.

    Only staff have accounts (there is no public sign-up), so this guards every staff page;
    the account pages themselves stay open so that the officer can set up the authenticator.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not EXEMPT_PATHS.match(request.path_info)
            and not is_mfa_enabled(user, types=["totp"])
        ):
            messages.info(request, _("Set up two-step verification before you use the staff area."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class PrivateResponseMiddleware:
    """Every response to a signed-in account is personal (the dashboard, evidence, account
    pages): no browser or proxy may store it. Every response also tells the browser which
    powerful features the portal never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
