import re

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .views import page_not_found

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


class NotFoundPageMiddleware:
    """With DEBUG on (`make run`), Django answers a missing page with its English technical
    page; this middleware shows the portal's own 404 instead, as visitors see it in production.
    A developer who wants the technical page sets DEBUG_TECHNICAL_404=true."""

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return settings.DEBUG and not settings.DEBUG_TECHNICAL_404

    def __call__(self, request):
        if self._active():
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self._active():
            return page_not_found(request, exception)
        return None
