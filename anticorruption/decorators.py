"""The channel's staff side opens only to the inspection role: not to leadership, not to
administrators (a superuser account too must be in the inspectors' group)."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from portal.roles import INSPECTOR


def is_inspector(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.groups.filter(name=INSPECTOR).exists()
    )


def inspectors_only(view_func):
    @wraps(view_func)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_inspector(request.user):
            raise PermissionDenied
        response = view_func(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper
