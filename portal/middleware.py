import re

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .accounts import ENROLMENT_SESSION_KEY
from .views import page_not_found

# Static files and the health check answer everyone.
ALWAYS_OPEN = re.compile(r"^/static/|^/healthz(?:/ready)?$")
# What a signed-in account without TOTP may open: signing out, and the set-up link an
# administrator handed over (which then opens the set-up itself for this session).
OPEN_BEFORE_ENROLMENT = {
    "account_logout",
    "portal:mfa_enrolment_required",
    "portal:mfa_enrolment_start",
}
OPEN_DURING_ENROLMENT = {"account_reauthenticate", "mfa_activate_totp", "mfa_index"}


class StaffMFARequiredMiddleware:
    """A signed-in account must have TOTP set up before it opens any other page.

    Only staff have accounts (there is no public sign-up), so this guards every staff page. The
    password alone opens nothing else, not even the account's e-mail or the TOTP set-up: the set-up
    needs the link an administrator hands over (portal.accounts.mfa_enrolment_token).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if (
            not user.is_authenticated
            or ALWAYS_OPEN.match(request.path_info)
            or is_mfa_enabled(user, types=["totp"])
        ):
            return None
        view_name = request.resolver_match.view_name
        if view_name in OPEN_BEFORE_ENROLMENT:
            return None
        if (
            view_name in OPEN_DURING_ENROLMENT
            and request.session.get(ENROLMENT_SESSION_KEY) == user.pk
        ):
            return None
        messages.info(request, _("Set up two-step verification before you use the staff area."))
        return redirect("portal:mfa_enrolment_required")


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
