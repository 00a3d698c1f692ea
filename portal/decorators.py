"""Guards for staff views. Anonymous visitors are sent to allauth's sign-in page (which asks
for the MFA code); signed-in accounts without the right get 403, never a second sign-in form."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def staff_permission_required(*perms: str):
    """The view needs an active staff account holding every permission named (none: any staff).

    Usage: `@staff_permission_required("procedures.change_dossier")`.
    """

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_active and user.is_staff) or not user.has_perms(perms):
                raise PermissionDenied
            return view_func(request, *args, **kwargs)

        return wrapper

    return decorator


staff_required = staff_permission_required()
